#!/usr/bin/env node
// Developer loop: build just the given test files and run them with mocha.
//   node scripts/t.mjs test/integration/hubSession.test.ts [more files] [-- mocha args]
import * as esbuild from 'esbuild';
import { spawnPortableSync } from './platform.mjs';

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const files = dash >= 0 ? argv.slice(0, dash) : argv;
const mochaArgs = dash >= 0 ? argv.slice(dash + 1) : [];
if (files.length === 0) {
  console.error('usage: node scripts/t.mjs <test files...> [-- mocha args]');
  process.exit(2);
}
await esbuild.build({
  entryPoints: files,
  outdir: 'out/dev-test',
  outbase: 'test',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  external: ['vscode'],
  sourcemap: 'inline',
  logLevel: 'warning',
});
const outs = files.map((f) => f.replace(/\\/g, '/').replace(/^test\//, 'out/dev-test/').replace(/\.ts$/, '.js'));
const result = spawnPortableSync('npx', ['mocha', '--no-config', '--timeout', '20000', '--enable-source-maps', ...mochaArgs, ...outs], { stdio: 'inherit' });
process.exit(result.status ?? 1);
