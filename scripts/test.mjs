#!/usr/bin/env node
// The one test command (`npm test`): type-check, lint, build, then every suite in turn, each in
// its own process with a time limit, and a closing "N passed, N failed" line over all of them.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killTree, spawnPortable } from './platform.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const countsFile = join(root, 'out', 'test-counts.jsonl');
const vsix = join(root, 'dist', 'topstepx-hub-monitor.vsix');
const only = process.argv.slice(2);

/** Each stage: a name, a command, its time limit, whether it reports test counts, and a step before it. */
const stages = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '-p', 'tsconfig.json', '--noEmit'], minutes: 5 },
  { name: 'typecheck-webview', cmd: ['npx', 'tsc', '-p', 'src/webview/tsconfig.json', '--noEmit'], minutes: 3 },
  { name: 'lint', cmd: ['npx', 'eslint', '.'], minutes: 5 },
  { name: 'build', cmd: ['node', 'esbuild.mjs', '--tests'], minutes: 3 },
  // promtool (Debian's prometheus package) for the metrics tests: installed on first use.
  { name: 'deps', cmd: ['node', 'scripts/deps.mjs'], minutes: 10 },
  { name: 'mocha', cmd: ['npx', 'mocha'], minutes: 15, counts: true },
  // A real VS Code (code-server 4.100.3 + Debian Chromium): installed on first use, then fast.
  { name: 'vscode-setup', cmd: ['node', 'scripts/vscode/setup.mjs'], minutes: 10 },
  // Remove the old .vsix first so a failed packaging can never let the vsix test pass on a stale one.
  { name: 'package', cmd: ['npm', 'run', 'package', '--silent'], minutes: 5, before: () => rmSync(vsix, { force: true }) },
  // The package's exact file list, its size budget and the README's pictures inside it.
  { name: 'vsix', cmd: ['npx', 'mocha', '--config', '.mocharc.package.json'], minutes: 2, counts: true },
  { name: 'vscode-host', cmd: ['node', 'scripts/vscode/runInHost.mjs', '--limit-seconds', '360'], minutes: 7, counts: true },
  // The trust suite again, in a workspace VS Code does not trust (restricted mode).
  { name: 'vscode-untrusted', cmd: ['node', 'scripts/vscode/runInHost.mjs', '--limit-seconds', '120', '--untrusted', '--tests', 'out/test/vscode/untrusted.js'], minutes: 3, counts: true },
  // A test-only extension beside ours (installed from the .vsix, so in production mode) pries on it.
  { name: 'vscode-prying', cmd: ['node', 'scripts/vscode/runInHost.mjs', '--limit-seconds', '180', '--install', vsix, '--extension', 'test/fixtures/prying-extension', '--tests', 'test/fixtures/prying-extension/runTests.cjs'], minutes: 4, counts: true },
  { name: 'ui', cmd: ['npx', 'mocha', '--config', '.mocharc.ui.json'], minutes: 15, counts: true },
];

function run(stage) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n=== ${stage.name}: ${stage.cmd.join(' ')}`);
    stage.before?.();
    // npx and npm are .cmd files on Windows: spawnPortable goes through the shell there.
    const child = spawnPortable(stage.cmd[0], stage.cmd.slice(1), {
      cwd: root,
      // No stdin: a stage that prompts (vsce does) fails instead of waiting for its time limit.
      stdio: ['ignore', 'inherit', 'inherit'],
      // POSIX: its own process group, so killTree ends everything it started; Windows: taskkill /T does.
      detached: process.platform !== 'win32',
      env: { ...process.env, HUBMON_STAGE: stage.name, HUBMON_COUNTS: countsFile },
    });
    const limit = setTimeout(() => {
      console.error(`\n${stage.name}: still running after ${stage.minutes} min; stopping it.`);
      killTree(child.pid);
    }, stage.minutes * 60_000);
    child.on('exit', (code, signal) => {
      clearTimeout(limit);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`=== ${stage.name}: ${code === 0 ? 'ok' : `failed (${signal ?? code})`} in ${seconds} s`);
      resolve(code === 0);
    });
  });
}

mkdirSync(join(root, 'out'), { recursive: true });
rmSync(countsFile, { force: true });
let failedStages = 0;
for (const stage of stages) {
  if (only.length && !only.includes(stage.name)) continue;
  if (!(await run(stage))) failedStages += 1;
}

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(countsFile)) {
  for (const line of readFileSync(countsFile, 'utf8').split('\n').filter(Boolean)) {
    const c = JSON.parse(line);
    console.log(`  ${c.stage}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
    passed += c.passed;
    failed += c.failed;
    skipped += c.skipped;
  }
}
// A stage that failed without counting (a build error, a crash) still fails the run.
const uncounted = failedStages > 0 && failed === 0 ? failedStages : 0;
console.log(`\n${passed} passed, ${failed + uncounted} failed, ${skipped} skipped`);
process.exit(failedStages > 0 || failed > 0 ? 1 : 0);
