#!/usr/bin/env node
// `npm run docs`: takes what the last test run wrote under out/docs/ into the committed docs, for
// when someone means to update them (tests never write into docs/ themselves, so `npm test` leaves
// the tree clean):
//   - out/docs/screenshots/*.png   -> docs/screenshots/
//   - out/docs/RELIABILITY.md      -> docs/RELIABILITY.md (keeping its `<!-- keep:NAME -->` blocks)
//   - out/docs/screenshots/readme-*.png -> media/readme/demo.gif (the README's animation, ImageMagick)
//   - README.md's commands and settings tables, from package.json
// `npm run docs -- --tables` does only the last step.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeKeepBlocks } from './docs/keepBlocks.mjs';
import { withTables } from './docs/readmeTables.mjs';
import { hasCommand, imageMagickCommand, imageMagickInstallHint, spawnPortableSync } from './platform.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const at = (...parts) => join(root, ...parts);
const generated = at('out', 'docs');
const tablesOnly = process.argv.includes('--tables');

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
}

function writeIfChanged(path, text, what) {
  const old = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (old === text) return console.log(`docs: ${what} unchanged`);
  writeFileSync(path, text);
  console.log(`docs: ${what} updated`);
}

function tables() {
  const readme = at('README.md');
  writeIfChanged(readme, withTables(readFileSync(readme, 'utf8'), readJson(at('package.json')), readJson(at('package.nls.json'))), 'README.md tables');
}

function screenshots() {
  const from = join(generated, 'screenshots');
  const pngs = existsSync(from) ? readdirSync(from).filter((n) => n.endsWith('.png') && !n.startsWith('readme-')) : [];
  if (pngs.length === 0) return console.log('docs: no screenshots in out/docs/screenshots (run the ui stage: node scripts/test.mjs ui)');
  mkdirSync(at('docs', 'screenshots'), { recursive: true });
  for (const name of pngs) copyFileSync(join(from, name), at('docs', 'screenshots', name));
  console.log(`docs: ${pngs.length} screenshots copied into docs/screenshots/`);
}

function reliability() {
  const from = join(generated, 'RELIABILITY.md');
  if (!existsSync(from)) return console.log('docs: no out/docs/RELIABILITY.md (the mocha stage writes it when the whole fault matrix ran)');
  const target = at('docs', 'RELIABILITY.md');
  const committed = existsSync(target) ? readFileSync(target, 'utf8') : '';
  writeIfChanged(target, mergeKeepBlocks(readFileSync(from, 'utf8'), committed), 'docs/RELIABILITY.md');
}

/**
 * The README's animation: the UI suite's frames, 900 px wide, 2.2 s each, looping, one shared
 * 32-colour palette without dithering (+remap: ~230 KB instead of ~1.1 MB; it ships in the .vsix).
 */
function animation() {
  const from = join(generated, 'screenshots');
  const frames = existsSync(from) ? readdirSync(from).filter((n) => /^readme-\d.*\.png$/.test(n)).sort() : [];
  if (frames.length === 0) return console.log('docs: no README frames (test/ui/readmeFrames.test.ts writes out/docs/screenshots/readme-*.png)');
  const magick = imageMagickCommand();
  if (!hasCommand(magick)) return console.log(`docs: media/readme/demo.gif not rebuilt: ${imageMagickInstallHint()}`);
  mkdirSync(at('media', 'readme'), { recursive: true });
  const out = at('media', 'readme', 'demo.gif');
  const args = ['-delay', '220', '-loop', '0', ...frames.map((n) => join(from, n)), '-resize', '900x', '+dither', '-colors', '32', '+remap', '-layers', 'Optimize', out];
  const result = spawnPortableSync(magick, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`docs: ${magick} failed (${result.error?.message ?? `exit ${result.status}`})`);
    process.exitCode = 1;
    return;
  }
  console.log(`docs: media/readme/demo.gif from ${frames.length} frames`);
}

if (!tablesOnly) {
  screenshots();
  reliability();
  animation();
}
tables();
