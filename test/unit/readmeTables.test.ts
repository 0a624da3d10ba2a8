// The README's commands and settings tables match package.json: regenerate them with
// `npm run docs -- --tables` after adding or changing a command or a setting.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandsTable, localized, settingsTable, withTables } from '../../scripts/docs/readmeTables.mjs';

const root = join(__dirname, '..', '..', '..');
/** A JSON file of the repository ({} when absent, as scripts/docs.mjs reads it). */
const readJson = (name: string): Record<string, never> =>
  existsSync(join(root, name)) ? (JSON.parse(readFileSync(join(root, name), 'utf8')) as Record<string, never>) : {};

describe('README tables from package.json', () => {
  it('the committed README holds the tables generated from the manifest (npm run docs -- --tables)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const fresh = withTables(readme, readJson('package.json'), readJson('package.nls.json'));
    assert.ok(fresh === readme, 'README.md tables differ from package.json: run npm run docs -- --tables');
  });

  it('lists each palette command with its localized title and hides palette-hidden ones', () => {
    const manifest = {
      contributes: {
        commands: [{ command: 'x.a', title: '%a.title%', category: 'X' }, { command: 'x.hidden', title: 'Hidden', category: 'X' }],
        menus: { commandPalette: [{ command: 'x.hidden', when: 'false' }] },
      },
    };
    assert.equal(commandsTable(manifest, { 'a.title': 'Do A | B' }), '| Command | Id |\n| --- | --- |\n| X: Do A \\| B | `x.a` |');
  });

  it('lists settings in their order with defaults and one-line descriptions, settings links as code', () => {
    const manifest = {
      contributes: {
        configuration: {
          properties: {
            'x.second': { order: 2, default: [0, 1], description: 'Two\nlines' },
            'x.first': { order: 1, default: true, markdownDescription: 'See `#x.second#`.' },
          },
        },
      },
    };
    assert.equal(
      settingsTable(manifest, {}),
      '| Setting | Default | What it does |\n| --- | --- | --- |\n| `x.first` | `true` | See `x.second`. |\n| `x.second` | `[0, 1]` | Two lines |',
    );
  });

  it('resolves %key% through package.nls.json and leaves other strings alone', () => {
    assert.equal(localized('%k%', { k: 'text' }), 'text');
    assert.equal(localized('plain', { k: 'text' }), 'plain');
    assert.equal(localized(undefined, {}), '');
  });

  it('names the missing markers instead of writing a README without tables', () => {
    assert.throws(() => withTables('# no markers', {}, {}), /no "<!-- commands:begin/);
  });
});
