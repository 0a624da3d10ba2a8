#!/usr/bin/env node
// The same in-host suite (out/test/vscode/index.js) in desktop VS Code, for machines that can
// download VS Code (a developer's desktop, a public CI; not ours: use runInHost.mjs there).
// Build first: node esbuild.mjs --tests.  Usage: node scripts/vscode/runElectron.mjs [version]
// (default: the engine's minimum, 1.100.3; "stable" for the newest). On Linux without a display,
// run it under xvfb-run.
import { runTests } from '@vscode/test-electron';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/[\\/]$/, '');
const extensionTestsPath = join(root, 'out', 'test', 'vscode', 'index.js');
const version = process.argv[2] ?? '1.100.3';

if (!existsSync(extensionTestsPath)) {
  console.error(`runElectron: ${extensionTestsPath} is missing; build first: node esbuild.mjs --tests`);
  process.exit(2);
}

const runDir = mkdtempSync(join(tmpdir(), 'hm-electron-'));
const workspace = join(runDir, 'workspace');
mkdirSync(workspace, { recursive: true });
let code = 1;
try {
  code = await runTests({
    version,
    // Downloads go to the git-ignored .tools/ (default would be ./.vscode-test).
    cachePath: join(root, '.tools', 'vscode-test'),
    extensionDevelopmentPath: root,
    extensionTestsPath,
    // The desktop host inherits this environment, so counts go where npm test collects them.
    extensionTestsEnv: { HUBMON_COUNTS: process.env.HUBMON_COUNTS ?? join(root, 'out', 'test-counts.jsonl') },
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir', join(runDir, 'data'),
      '--extensions-dir', join(runDir, 'ext'),
    ],
  });
} catch (error) {
  console.error(`runElectron: the suite failed or VS Code ${version} could not be downloaded/started: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  rmSync(runDir, { recursive: true, force: true });
}
process.exit(code);
