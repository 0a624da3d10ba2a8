// Hand-kept blocks of a committed generated document (docs/RELIABILITY.md) survive `npm run docs`.
import * as assert from 'node:assert/strict';
import { keepBlocks, mergeKeepBlocks } from '../../scripts/docs/keepBlocks.mjs';

const block = (name: string, body: string): string => `<!-- keep:${name} -->\n${body}\n<!-- /keep:${name} -->`;

describe('keep blocks in generated documents', () => {
  it('finds each block by name with its markers', () => {
    const text = `a\n${block('one', 'x')}\nb\n${block('two', 'y')}\n`;
    assert.deepEqual([...keepBlocks(text)], [['one', block('one', 'x')], ['two', block('two', 'y')]]);
  });

  it('puts a kept block back where the generated text has it', () => {
    const generated = `# T\n${block('note', 'generated')}\n## Rest\n`;
    const committed = `# Old\n${block('note', 'hand written')}\n`;
    assert.equal(mergeKeepBlocks(generated, committed), `# T\n${block('note', 'hand written')}\n## Rest\n`);
  });

  it('appends kept blocks the generated text lacks, so no note is lost', () => {
    const merged = mergeKeepBlocks('# T\n\ntable\n', `# Old\n${block('ws', 'a note')}\n`);
    assert.equal(merged, `# T\n\ntable\n\n${block('ws', 'a note')}\n`);
  });

  it('returns the generated text as is when nothing was kept', () => {
    assert.equal(mergeKeepBlocks('# T\n', '# Old\n'), '# T\n');
  });
});
