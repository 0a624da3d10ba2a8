// Localization structure: every %key% in package.json resolves through package.nls.json, every
// contributed string is a key (npm run nls moves new ones), and l10n/bundle.l10n.json holds exactly
// the l10n.t strings of src/extension (npm run l10n regenerates it).
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
import { nlsify, nlsKeys } from '../../scripts/nls/nlsify.mjs';

const root = join(__dirname, '..', '..', '..');
const readJson = <T>(...parts: string[]): T => JSON.parse(readFileSync(join(root, ...parts), 'utf8')) as T;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : extname(name) === '.ts' ? [full] : [];
  });
}

describe('localization: package.nls.json and the l10n bundle', () => {
  it('resolves every %key% of package.json through package.nls.json', () => {
    const nls = readJson<Record<string, string>>('package.nls.json');
    const missing = nlsKeys(readJson('package.json')).filter((key) => typeof nls[key] !== 'string');
    assert.deepEqual(missing, [], 'keys without text in package.nls.json');
  });

  it('keeps no text in package.nls.json that package.json no longer uses', () => {
    const used = new Set(nlsKeys(readJson('package.json')));
    assert.deepEqual(Object.keys(readJson('package.nls.json')).filter((key) => !used.has(key)), []);
  });

  it('has every contributed string as a %key% (run npm run nls after adding a command or setting)', () => {
    const { moved, nls } = nlsify(readJson('package.json'), readJson('package.nls.json'));
    const unkeyed = Object.keys(nls).filter((key) => !(key in readJson<Record<string, string>>('package.nls.json')));
    assert.equal(moved, 0, `literal strings left in contributes: ${unkeyed.join(', ')}; run npm run nls`);
  });

  it('has l10n/bundle.l10n.json equal to the l10n.t strings of src/extension (npm run l10n)', async function () {
    this.timeout(60_000);
    const files = sourceFiles(join(root, 'src', 'extension')).map((file) => ({ contents: readFileSync(file, 'utf8'), extension: '.ts' }));
    const fresh = await getL10nJson(files);
    assert.ok(Object.keys(fresh).length > 0, 'no l10n.t strings found in src/extension');
    const committedPath = join(root, 'l10n', 'bundle.l10n.json');
    assert.ok(existsSync(committedPath), 'l10n/bundle.l10n.json is missing: run npm run l10n');
    assert.deepEqual(readJson('l10n', 'bundle.l10n.json'), fresh, 'l10n/bundle.l10n.json is out of date: run npm run l10n');
  });
});

describe('npm run nls (scripts/nls/nlsify.mjs)', () => {
  const sample = {
    contributes: {
      commands: [{ command: 'hubmon.go', title: 'Go', category: 'Hub Monitor' }, { command: 'hubmon.kept', title: '%own.key%', category: 'Hub Monitor' }],
      configuration: { title: 'Hub Monitor', properties: { 'hubmon.mode': { enum: ['a', 'b'], enumDescriptions: ['First', 'Second'], description: 'Mode' } } },
    },
  };

  it('moves literals to keys named after their place and leaves existing keys alone', () => {
    const { manifest, nls, moved } = nlsify(sample, { 'own.key': 'Kept' });
    assert.equal(moved, 7);
    assert.deepEqual(nls, {
      'category.hubMonitor': 'Hub Monitor',
      'command.go.title': 'Go',
      'config.mode.description': 'Mode',
      'config.mode.enumDescriptions.a': 'First',
      'config.mode.enumDescriptions.b': 'Second',
      'configuration.title': 'Hub Monitor',
      'own.key': 'Kept',
    });
    assert.deepEqual(nlsKeys(manifest).sort(), ['category.hubMonitor', 'category.hubMonitor', 'command.go.title', 'config.mode.description', 'config.mode.enumDescriptions.a', 'config.mode.enumDescriptions.b', 'configuration.title', 'own.key']);
    assert.equal(nlsify(manifest, nls).moved, 0, 'a second run moves nothing');
  });

  it("takes the manifest's literal over an older text under its key, and drops keys nothing uses", () => {
    const { nls } = nlsify(sample, { 'command.go.title': 'Old text', 'gone.key': 'Unused', 'own.key': 'Kept' });
    assert.equal(nls['command.go.title'], 'Go');
    assert.equal(nls['gone.key'], undefined);
    assert.equal(nls['own.key'], 'Kept');
  });

  it('refuses two different texts under one key', () => {
    const clash = { contributes: { commands: [{ command: 'a', title: 'A', category: 'Hub Monitor' }, { command: 'b', title: 'B', category: 'Hub-Monitor' }] } };
    assert.throws(() => nlsify(clash), /two different texts would share the key "category\.hubMonitor"/);
  });
});
