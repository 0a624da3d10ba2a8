#!/usr/bin/env node
// `npm run bench`: builds bench/ with esbuild into out/bench/ and runs it with --expose-gc.
//   node scripts/bench.mjs [--quick] [--only raw,bare,ours] [--phases ...] [--no-package]
//   node scripts/bench.mjs --profile   CPU profile of our receiver under the flood (bench/results/*.cpuprofile)
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';

const argv = process.argv.slice(2);
const profile = argv.includes('--profile');
const rest = argv.filter((a) => a !== '--profile');

await esbuild.build({
  entryPoints: ['bench/main.ts', 'bench/floodServer.ts', 'bench/activationProbe.ts', 'bench/profileSummary.ts'],
  outdir: 'out/bench',
  outbase: 'bench',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  external: ['vscode'],
  sourcemap: 'linked',
  logLevel: 'error',
});

const node = (args) => spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1;

if (profile) {
  const dir = 'bench/results';
  const status = node(['--expose-gc', 'out/bench/main.js', '--only', 'ours', '--phases', 'saturation', '--profile-out', `${dir}/ours.cpuprofile`, ...rest]);
  if (status !== 0) process.exit(status);
  process.exit(node(['out/bench/profileSummary.js', `${dir}/ours.cpuprofile`]));
}
process.exit(node(['--expose-gc', 'out/bench/main.js', ...rest]));
