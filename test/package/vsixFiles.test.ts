// The packaged extension (`npm run package` -> dist/topstepx-hub-monitor.vsix) holds exactly the
// files in test/package/vsix-files.txt: nothing VS Code does not load (source maps, sources, build
// scripts) and nothing missing, within the size budget, with every README picture inline in its README.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { zipEntries, zipEntryBytes } from './zipEntries';

const root = join(__dirname, '..', '..', '..');
const vsix = join(root, 'dist', 'topstepx-hub-monitor.vsix');
/** The budget BENCHMARKS.md holds the package to (bench/rows.ts). */
const BUDGET_KB = 600;

function expected(): string[] {
  return readFileSync(join(root, 'test', 'package', 'vsix-files.txt'), 'utf8').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

/** Relative image targets in Markdown and HTML (`![..](x)`, `<img src="x">`), as package paths. */
function readmeImages(markdown: string): string[] {
  const found = [...markdown.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)|<img[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1] ?? m[2] ?? '');
  return found.filter((target) => !/^[a-z]+:/i.test(target)).map((target) => posix.normalize(target.replace(/^\.\//, '')));
}

describe('package: the .vsix file list', () => {
  before(function () {
    if (!existsSync(vsix)) assert.fail(`${vsix} is missing: build it with npm run package`);
  });

  it('holds exactly the files in test/package/vsix-files.txt', () => {
    const actual = zipEntries(vsix).map((e) => e.name).sort();
    const want = expected().sort();
    const extra = actual.filter((n) => !want.includes(n));
    const missing = want.filter((n) => !actual.includes(n));
    assert.deepEqual({ extra, missing }, { extra: [], missing: [] },
      'the package and test/package/vsix-files.txt differ: fix .vscodeignore, or update the list when a file is meant to ship');
  });

  it('ships no source maps, TypeScript sources or scripts', () => {
    const bad = zipEntries(vsix).map((e) => e.name).filter((n) => /\.(map|ts|mts|cts|mjs|cjs|sh)$/.test(n) || /^extension\/(src|scripts|test|out)\//.test(n));
    assert.deepEqual(bad, []);
  });

  it(`stays within the ${BUDGET_KB} KB budget`, () => {
    const kb = statSync(vsix).size / 1024;
    assert.ok(kb <= BUDGET_KB, `the package is ${kb.toFixed(0)} KB, over the ${BUDGET_KB} KB budget`);
  });

  // The extension page's webview allows only https: and data: pictures and gives relative ones no
  // base (scripts/package/packagedReadme.mjs says why): the shipped README carries them inline.
  it('ships the README with every picture of README.md inline, byte for byte', () => {
    const shipped = zipEntryBytes(vsix, 'extension/readme.md').toString('utf8');
    const pictures = readmeImages(readFileSync(join(root, 'README.md'), 'utf8'));
    assert.ok(pictures.length > 0, 'the README shows no picture');
    assert.deepEqual(readmeImages(shipped), [], 'the shipped README still points at package-relative pictures');
    const inline = [...shipped.matchAll(/data:image\/[a-z]+;base64,([A-Za-z0-9+/=]+)/g)].map((m) => Buffer.from(m[1] ?? '', 'base64'));
    for (const picture of pictures) {
      const bytes = readFileSync(join(root, picture));
      assert.ok(inline.some((b) => b.equals(bytes)), `${picture} is not inline in the shipped README`);
    }
  });
});
