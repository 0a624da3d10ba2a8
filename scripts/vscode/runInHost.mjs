#!/usr/bin/env node
// Runs the in-host mocha suite (out/test/vscode/index.js, built by `node esbuild.mjs --tests`) inside
// a real VS Code extension host: code-server + Debian Chromium, the extension in development mode.
// Exits with the suite's code. Usage: node scripts/vscode/runInHost.mjs [--limit-seconds N] [--keep]
// Another extension's run (the prying test): --install <vsix> installs ours as a user would, and
// --extension <dir> --tests <module> name the development extension and its test module.
// --untrusted opens the folder with workspace trust on and never trusts it (restricted mode).
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { fileURLToPath } from 'node:url';
import { codeServerEntry, installExtension, launchChromium, launchCodeServer, openWorkbench, UNTRUSTED_SETTINGS } from './codeServer.mjs';

/** Workbench chatter that says nothing about our extension or tests. */
const noise = /Ignoring fetching additional builtin extensions|connection token|Creating a socket|Failed to load resource|same-origin iframe|allow-scripts and allow-same-origin|Service Worker|ChatSessionStore|Overwriting extension|additional builtin extensions cache/;

const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/[\\/]$/, '');
const argv = process.argv.slice(2);
const option = (name) => (argv.includes(name) ? resolve(root, argv[argv.indexOf(name) + 1]) : undefined);
const testsModule = option('--tests') ?? join(root, 'out', 'test', 'vscode', 'index.js');
const developmentPath = option('--extension') ?? root;
const vsixToInstall = option('--install');
const limitArg = argv.indexOf('--limit-seconds');
const limitSeconds = limitArg >= 0 ? Number(argv[limitArg + 1]) : 180;
const keep = argv.includes('--keep');
const untrusted = argv.includes('--untrusted');

if (!existsSync(testsModule)) {
  console.error(`runInHost: ${testsModule} is missing; build first: node esbuild.mjs --tests`);
  process.exit(2);
}
if (!existsSync(codeServerEntry(root))) {
  console.error('runInHost: code-server is not installed; run: node scripts/vscode/setup.mjs');
  process.exit(2);
}

const runDir = mkdtempSync(join(tmpdir(), 'hm-host-'));
const folder = join(runDir, 'workspace');
mkdirSync(folder, { recursive: true });
let server;
let browser;
let exitCode = 1;

/** Moves the suite's counts line into $HUBMON_COUNTS (npm test's total), or prints it. */
function collectCounts() {
  const lines = [join(runDir, 'counts.jsonl'), join(folder, '.hubmon-counts.jsonl')]
    .filter((f) => existsSync(f))
    .flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean));
  if (process.env.HUBMON_COUNTS) for (const line of lines) appendFileSync(process.env.HUBMON_COUNTS, `${line}\n`);
  else for (const line of lines) console.log(`runInHost: counts ${line}`);
  return lines.length > 0;
}

async function cleanup() {
  await browser?.close().catch(() => undefined);
  await server?.stop();
  if (!keep) rmSync(runDir, { recursive: true, force: true });
  else console.log(`runInHost: kept ${runDir}`);
}

const limit = setTimeout(async () => {
  console.error(`runInHost: the suite did not finish within ${limitSeconds} s; stopping (server log: ${join(runDir, 'server.log')})`);
  await cleanup();
  process.exit(1);
}, limitSeconds * 1000);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await cleanup();
    process.exit(130);
  });
}

try {
  const started = Date.now();
  if (vsixToInstall) installExtension({ runDir, vsix: vsixToInstall, root });
  // If the extension host inherits this, run() writes here; if not, into the workspace folder.
  server = await launchCodeServer({ runDir, root, env: { HUBMON_COUNTS: join(runDir, 'counts.jsonl') }, workspaceTrust: untrusted, settings: untrusted ? UNTRUSTED_SETTINGS : {} });
  browser = await launchChromium();
  const page = await browser.newPage();
  // The extension host's console.* output (mocha's spec reporter included) arrives here.
  page.on('console', (msg) => printConsole(msg));
  page.on('pageerror', (error) => console.error(`runInHost: page error: ${error.message}`));
  const exited = new Promise((resolve) => {
    openWorkbench(page, server.url, {
      folder,
      extensionDevelopmentPath: developmentPath,
      extensionTestsPath: testsModule,
      onExit: resolve,
    }).catch((error) => {
      console.error(`runInHost: the workbench did not open: ${error.message}`);
      resolve(1);
    });
  });
  exitCode = await exited;
  if (!collectCounts() && exitCode === 0) {
    console.error('runInHost: the suite finished but reported no test counts (test/vscode/index.ts run() did not complete)');
    exitCode = 1;
  }
  console.log(`runInHost: extension host tests exited with code ${exitCode} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`runInHost: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  clearTimeout(limit);
  await cleanup();
}
process.exit(exitCode);


/** Prints a page console message the way the extension host wrote it (printf-style args, %c styles dropped). */
async function printConsole(msg) {
  let args;
  try {
    args = await Promise.all(msg.args().map((a) => a.jsonValue()));
  } catch {
    args = [msg.text()];
  }
  // The workbench prefixes forwarded lines with ('%c INFO', 'color: ...'): drop that pair.
  if (typeof args[0] === 'string' && args[0].startsWith('%c') && args.length > 2) args = args.slice(2);
  const text = args.length ? format(...args) : msg.text();
  if (noise.test(text)) return;
  (msg.type() === 'error' ? console.error : console.log)(text);
}
