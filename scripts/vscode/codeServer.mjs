// Starting a real VS Code here: the pinned code-server (installed by setup.mjs) in its own process
// group with every directory under one run folder, and Debian's Chromium driven by playwright-core.
// Used by runInHost.mjs, demo.mjs, setup.mjs and the UI tests (test/ui/support/workbench.ts bundles
// this file, so it avoids import.meta: callers pass the repo root, default the current directory).
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromiumPath, installsSystemPackages } from '../platform.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
export const EXTENSION_ID = 'hubmon.topstepx-hub-monitor';
/** Debian's chromium on Linux, Google Chrome on macOS/Windows, or $HUBMON_CHROMIUM (scripts/platform.mjs). */
export const CHROMIUM_PATH = chromiumPath();

export function toolsDir(root = process.cwd()) {
  return join(resolve(root), '.tools', 'code-server');
}

export function codeServerEntry(root = process.cwd()) {
  return join(toolsDir(root), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** The folders one code-server run uses, all under runDir (keep it short: unix socket paths). */
function runPaths(runDir, extensionsDir) {
  const dir = resolve(runDir);
  return {
    dir,
    config: join(dir, 'config.yaml'),
    userData: join(dir, 'data'),
    extensions: extensionsDir ? resolve(extensionsDir) : join(dir, 'ext'),
    tmp: join(dir, 'tmp'),
    log: join(dir, 'server.log'),
  };
}

function runEnv(paths, extra = {}) {
  return {
    ...process.env,
    ...extra,
    TMPDIR: paths.tmp,
    XDG_CONFIG_HOME: join(paths.dir, 'xdg-config'),
    XDG_DATA_HOME: join(paths.dir, 'xdg-data'),
    XDG_CACHE_HOME: join(paths.dir, 'xdg-cache'),
    // An empty gallery: no calls to the open-vsx marketplace.
    EXTENSIONS_GALLERY: '{}',
  };
}

function prepare(paths) {
  for (const d of [paths.dir, paths.userData, paths.extensions, paths.tmp]) mkdirSync(d, { recursive: true });
  writeFileSync(paths.config, 'auth: none\ncert: false\n');
}

const dirArgs = (paths) => ['--config', paths.config, '--user-data-dir', paths.userData, '--extensions-dir', paths.extensions];

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** User settings for a run with workspace trust on: the folder opens untrusted (restricted mode), no trust prompt. */
export const UNTRUSTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
};

/**
 * Starts code-server on 127.0.0.1 (port 0 = any free port) and resolves once it listens.
 * workspaceTrust: keep VS Code's workspace trust on (pass UNTRUSTED_SETTINGS too); off by default.
 * @param {{ runDir: string, extensionsDir?: string, settings?: Record<string, unknown>, root?: string, port?: number, timeoutMs?: number, env?: Record<string, string>, workspaceTrust?: boolean }} options
 */
export async function launchCodeServer({ runDir, extensionsDir, settings = {}, root = process.cwd(), port = 0, timeoutMs = 30_000, env = {}, workspaceTrust = false }) {
  const entry = codeServerEntry(root);
  const paths = runPaths(runDir, extensionsDir);
  prepare(paths);
  const userDir = join(paths.userData, 'User');
  mkdirSync(userDir, { recursive: true });
  writeFileSync(join(userDir, 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    ...settings,
  }, null, 2));
  const args = [
    entry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...dirArgs(paths),
  ];
  // detached = setsid: the server, its extension hosts and watchers share one process group.
  const child = spawn(process.execPath, args, { cwd: paths.dir, env: runEnv(paths, env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const logFile = createWriteStream(paths.log);
  let log = '';
  let exited = false;
  const killNow = () => killGroup(child.pid, 'SIGKILL');
  // If our process dies first, take the whole group with it.
  process.once('exit', killNow);

  const listening = new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not listen within ${timeoutMs / 1000} s; log: ${paths.log}`)), timeoutMs);
    const onData = (chunk) => {
      const text = chunk.toString();
      log += text;
      logFile.write(text);
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+)\/?)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolveUrl({ url: m[1].endsWith('/') ? m[1] : `${m[1]}/`, port: Number(m[2]) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`code-server could not start (${error.message}); run: node scripts/vscode/setup.mjs`));
    });
    child.once('exit', (code, signal) => {
      exited = true;
      clearTimeout(timer);
      logFile.end();
      const tail = log.trim().split('\n').slice(-3).join(' | ');
      reject(new Error(`code-server exited (${signal ?? code}) before listening: ${tail || 'no output'}${code === 1 && !log ? '; run: node scripts/vscode/setup.mjs' : ''}`));
    });
  });

  const exitedPromise = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit(code ?? signal)));
  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      process.removeListener('exit', killNow);
      if (!exited) {
        const gone = new Promise((r) => child.once('exit', r));
        killGroup(child.pid, 'SIGTERM');
        const timer = setTimeout(killNow, 3000);
        await gone;
        clearTimeout(timer);
      }
      // Extension hosts and watchers can outlive the main process: sweep the group.
      killNow();
    })();
    return stopping;
  };

  try {
    const { url, port: actualPort } = await listening;
    return { url, port: actualPort, runDir: paths.dir, userDataDir: paths.userData, extensionsDir: paths.extensions, logFile: paths.log, log: () => log, exited: exitedPromise, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function cli(root, paths, args) {
  prepare(paths);
  const r = spawnSync(process.execPath, [codeServerEntry(root), ...dirArgs(paths), ...args], { env: runEnv(paths), encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`code-server ${args.join(' ')} failed: ${(r.stderr || r.stdout || String(r.error ?? '')).trim().split('\n').slice(-2).join(' | ')}`);
  return r.stdout;
}

/** Installs a packaged .vsix into the run's extensions folder (what a user's "Install from VSIX" does). */
export function installExtension({ runDir, extensionsDir, vsix, root = process.cwd() }) {
  return cli(root, runPaths(runDir, extensionsDir), ['--install-extension', resolve(vsix), '--force']);
}

/** `<publisher>.<name>@<version>` lines of the extensions installed in the run's extensions folder. */
export function listExtensions({ runDir, extensionsDir, root = process.cwd() }) {
  return cli(root, runPaths(runDir, extensionsDir), ['--list-extensions', '--show-versions']).split('\n').map((l) => l.trim()).filter(Boolean);
}

const remote = (path) => `vscode-remote://remote${resolve(path)}`;

/**
 * The workbench URL: code-server's CLI has no --extensionDevelopmentPath/--extensionTestsPath, so
 * they travel in the `payload` query parameter (the authority is literally `remote`).
 * @param {string} url @param {{ folder: string, extensionDevelopmentPath?: string, extensionTestsPath?: string }} options
 */
export function workbenchUrl(url, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const target = new URL(url);
  target.searchParams.set('folder', resolve(folder));
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (payload.length) target.searchParams.set('payload', JSON.stringify(payload));
  return target.toString();
}

/**
 * Opens the workbench in a Playwright page and waits until it is drawn. With onExit, exposes
 * window.codeAutomationExit (called when an extension test run settles) before loading.
 * @param {import('playwright-core').Page} page @param {string} url
 * @param {{ folder: string, extensionDevelopmentPath?: string, extensionTestsPath?: string, onExit?: (code: number) => void, timeoutMs?: number }} options
 */
export async function openWorkbench(page, url, { onExit, timeoutMs = 60_000, ...target }) {
  if (onExit) await page.exposeFunction('codeAutomationExit', (code) => onExit(Number(code)));
  await page.goto(workbenchUrl(url, target), { timeout: timeoutMs });
  await page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Debian's Chromium through playwright-core (whose own browser download is unreachable here). */
export async function launchChromium({ headless = true } = {}) {
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({ executablePath: CHROMIUM_PATH, headless, args: CHROMIUM_ARGS });
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    const fix = installsSystemPackages() ? 'run: node scripts/vscode/setup.mjs' : `install Google Chrome or set HUBMON_CHROMIUM (tried ${CHROMIUM_PATH})`;
    throw new Error(`Chromium did not start (${first}); ${fix}`);
  }
}

/** The installed code-server's version, or undefined when setup has not run. */
export function installedVersion(root = process.cwd()) {
  try {
    return JSON.parse(readFileSync(join(toolsDir(root), 'node_modules', 'code-server', 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}
