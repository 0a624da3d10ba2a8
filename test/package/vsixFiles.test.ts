// The packaged extension (`npm run package` -> dist/topstepx-hub-monitor.vsix) holds exactly the
// files in test/package/vsix-files.txt: nothing VS Code does not load (source maps, sources, build
// scripts) and nothing missing, within the size budget, with every README picture inside it.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { zipEntries } from './zipEntries';

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

  it("ships every picture the README shows (the Extensions view resolves them inside the package)", () => {
    const names = new Set(zipEntries(vsix).map((e) => e.name));
    const images = readmeImages(readFileSync(join(root, 'README.md'), 'utf8'));
    assert.ok(images.length > 0, 'the README shows no picture');
    assert.deepEqual(images.filter((image) => !names.has(`extension/${image}`)), [], 'README pictures missing from the package');
  });
});
