#!/usr/bin/env node
// `npm run demo`: builds the extension and opens VS Code with it in development mode, pointed at the
// embedded demo gateway (settings hubmon.demo.autoStart + hubmon.activeProfile = demo).
// Desktop `code` when it is on PATH; otherwise the pinned code-server on 127.0.0.1 (port 8080 or
// the next free one), printing the URL to open and running until Ctrl+C.
//   npm run demo [-- --web] [-- --port N]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeServerSupported, demoInstallHint, hasCommand, spawnPortableSync } from './platform.mjs';
import { launchCodeServer, workbenchUrl } from './vscode/codeServer.mjs';
import { DEMO_USER_SETTINGS, demoWorkspaceFiles } from './vscode/demoWorkspace.mjs';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');
const argv = process.argv.slice(2);
const forceWeb = argv.includes('--web');
const portArg = argv.indexOf('--port');
const firstPort = portArg >= 0 ? Number(argv[portArg + 1]) : 8080;

function step(cmd, args, what) {
  // `code` is code.cmd on Windows: spawnPortableSync goes through the shell there.
  const r = spawnPortableSync(cmd === 'node' ? process.execPath : cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`demo: ${what} failed (${r.error?.message ?? `exit ${r.status}`}); fix that and run npm run demo again`);
    console.error(`demo: what this system needs: ${demoInstallHint()}`);
    process.exit(1);
  }
}

/** The demo workspace (outside the repository, so VS Code does not offer the repository's git). */
function demoWorkspace(folder) {
  for (const [path, text] of Object.entries(demoWorkspaceFiles())) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

function portFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function firstFreePort(from) {
  for (let port = from; port < from + 20; port += 1) if (await portFree(port)) return port;
  console.error(`demo: ports ${from}-${from + 19} on 127.0.0.1 are all taken; pass another with npm run demo -- --port N`);
  process.exit(1);
}

console.log('demo: building the extension (node esbuild.mjs) ...');
step('node', ['esbuild.mjs'], 'the build');

if (!forceWeb && hasCommand('code')) {
  console.log('demo: opening desktop VS Code with the extension in development mode ...');
  const folder = demoWorkspace(join(tmpdir(), 'hubmon-demo'));
  // The demo settings are user-only (a workspace may not pick profiles): a throwaway user data folder holds them.
  const userData = join(tmpdir(), 'hubmon-demo-vscode');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(DEMO_USER_SETTINGS, null, 2));
  step('code', ['--new-window', `--user-data-dir=${userData}`, `--extensionDevelopmentPath=${root}`, folder], 'starting `code`');
  console.log('demo: VS Code is open; the demo gateway starts with the extension (close the window to end).');
  process.exit(0);
}

if (!codeServerSupported()) {
  console.error(`demo: no desktop \`code\` on PATH, and code-server (the browser fallback) does not run on Windows: ${demoInstallHint()}`);
  process.exit(1);
}
console.log('demo: no desktop `code` on PATH: using code-server (real VS Code in the browser)');
step('node', ['scripts/vscode/setup.mjs'], 'the code-server setup');
const runDir = mkdtempSync(join(tmpdir(), 'hm-demo-'));
const folder = demoWorkspace(join(runDir, 'demo'));
const port = await firstFreePort(firstPort);
let server;
try {
  server = await launchCodeServer({ runDir, root, port, settings: DEMO_USER_SETTINGS });
} catch (error) {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  rmSync(runDir, { recursive: true, force: true });
  process.exit(1);
}

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  console.log('\ndemo: stopping code-server ...');
  await server.stop();
  rmSync(runDir, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
console.log(`
demo: VS Code with the extension in development mode is ready. Open this URL in a browser:

  ${workbenchUrl(server.url, { folder, extensionDevelopmentPath: root })}

  The Hub Monitor view opens by itself and connects to the demo gateway. Ctrl+C stops everything.
`);
// Runs until Ctrl+C; if code-server ends on its own, say so and clean up.
const exitCode = await server.exited;
if (!stopping) {
  const tail = server.log().trim().split('\n').slice(-3).join('\n  ');
  console.error(`demo: code-server stopped by itself (exit ${exitCode}); its last lines:\n  ${tail}`);
  await shutdown(1);
}
