#!/usr/bin/env node
// The long soak: builds test/soak/main.ts with esbuild (like scripts/t.mjs) and runs it with
// --expose-gc so the heap is judged after a real GC.
//   node scripts/soak.mjs [--cycles 10000] [--write] [--metrics]   (--metrics: /metrics scraped every 100 ms)
// Exits non-zero on any violation (a cycle not re-subscribed exactly once, heap growth over 5 MB,
// handles above the baseline after stop).
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'out', 'soak', 'main.js');
await esbuild.build({
  entryPoints: [join(root, 'test', 'soak', 'main.ts')],
  outfile: entry,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
const result = spawnSync(process.execPath, ['--expose-gc', '--enable-source-maps', entry, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
