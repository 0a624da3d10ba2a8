#!/usr/bin/env node
// Installs what the real-VS-Code tests need, idempotently (a second run takes well under a second):
// Debian's chromium, libkrb5-dev and ripgrep, and code-server (= VS Code 1.100.3) from npm into the
// git-ignored .tools/code-server/. VS Code itself cannot be downloaded on our CI machines; see
// /work/shared/reference/real-vscode.md for why each step is shaped the way it is.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath, codeServerSupported, installsSystemPackages, spawnPortableSync } from '../platform.mjs';
import { CODE_SERVER_VERSION, codeServerEntry, launchCodeServer, toolsDir } from './codeServer.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = toolsDir(root);
const marker = join(dir, '.verified');
const aptPackages = ['chromium', 'libkrb5-dev', 'ripgrep'];
// Scripts code-server's install really needs: its own postinstall (which installs VS Code's native
// modules), node-pty and kerberos (node-gyp), @vscode/ripgrep (fetches rg), argon2 (prebuilt binary).
const installScripts = ['code-server', 'node-pty', 'kerberos', '@vscode/ripgrep', 'argon2', '@parcel/watcher', '@vscode/spdlog', 'native-watchdog', '@vscode/deviceid', '@vscode/sqlite3', 'native-keymap', '@vscode/windows-registry'];

function fail(message) {
  console.error(`setup: FAILED: ${message}`);
  process.exit(1);
}

function sh(cmd, args, options = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', ...options });
}

function aptInstalled(pkg) {
  const r = sh('dpkg', ['-s', pkg]);
  return r.status === 0 && /Status: install ok installed/.test(r.stdout);
}

function ensureAptPackages() {
  const missing = aptPackages.filter((p) => !aptInstalled(p));
  if (!existsSync('/usr/bin/chromium') && !missing.includes('chromium')) missing.push('chromium');
  if (sh('sh', ['-c', 'command -v rg']).status !== 0 && !missing.includes('ripgrep')) missing.push('ripgrep');
  if (missing.length === 0) {
    console.log(`setup: Debian packages present (${aptPackages.join(', ')})`);
    return;
  }
  const isRoot = process.getuid?.() === 0;
  if (!isRoot && sh('sh', ['-c', 'command -v sudo']).status !== 0) {
    fail(`missing Debian packages ${missing.join(' ')}; run as root: apt-get install -y ${missing.join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => (isRoot ? sh('apt-get', args, { env }) : sh('sudo', ['-n', 'apt-get', ...args], { env }));
  console.log(`setup: apt-get install ${missing.join(' ')} ...`);
  const update = apt(['update', '-qq']);
  if (update.status !== 0) fail(`apt-get update failed: ${lastLine(update.stderr)}`);
  const install = apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
  if (install.status !== 0) fail(`apt-get install ${missing.join(' ')} failed: ${lastLine(install.stderr)}`);
}

/** macOS (no apt-get): the browser must already be there; say what to install when it is not. */
function checkBrowser() {
  const browser = chromiumPath();
  if (!existsSync(browser)) fail(`no browser for the UI tests at ${browser}: install Google Chrome, or set HUBMON_CHROMIUM to a Chromium`);
  console.log(`setup: browser ${browser}`);
}

function lastLine(text) {
  return (text ?? '').trim().split('\n').filter(Boolean).slice(-1)[0] ?? '(no output)';
}

/** @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable): seed its cache with Debian's rg. */
function seedRipgrepCache(tmp) {
  const rg = sh('sh', ['-c', 'command -v rg']).stdout.trim();
  if (!rg) fail('ripgrep (rg) is not on PATH after installing it');
  const target = arch() === 'arm64' ? 'aarch64-unknown-linux-musl' : 'x86_64-unknown-linux-musl';
  // Versions pinned by the @vscode/ripgrep that VS Code 1.100 ships (its postinstall's cache key and asset).
  const cache = join(tmp, 'vscode-ripgrep-cache-1.15.11');
  mkdirSync(cache, { recursive: true });
  const tar = sh('tar', ['-czf', join(cache, `ripgrep-v13.0.0-10-${target}.tar.gz`), '-C', dirname(rg), 'rg']);
  if (tar.status !== 0) fail(`could not seed the ripgrep cache: ${lastLine(tar.stderr)}`);
}

function installCodeServer() {
  const tmp = join(dir, '.tmp');
  rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name: 'hubmon-code-server',
    private: true,
    description: 'code-server for the real-VS-Code tests; installed by scripts/vscode/setup.mjs',
    dependencies: { 'code-server': CODE_SERVER_VERSION },
    // npm 11 only runs install scripts of packages approved here.
    allowScripts: Object.fromEntries(installScripts.map((p) => [p, true])),
  }, null, 2) + '\n');
  // Elsewhere @vscode/ripgrep downloads its own rg; only our Debian machines cannot reach GitHub.
  if (installsSystemPackages()) seedRipgrepCache(tmp);
  console.log(`setup: npm install code-server@${CODE_SERVER_VERSION} into .tools/code-server (about a minute) ...`);
  const log = join(dir, 'install.log');
  const r = spawnPortableSync('npm', ['install', '--unsafe-perm', '--foreground-scripts', '--no-audit', '--no-fund', '--loglevel', 'warn'], {
    cwd: dir,
    encoding: 'utf8',
    // code-server's postinstall runs a nested `npm install` in lib/vscode with no allowScripts of
    // its own, and node-pty's runs `npx node-gyp`: let those through (yes = no npx prompt).
    env: { ...process.env, TMPDIR: tmp, npm_config_yes: 'true', npm_config_dangerously_allow_all_scripts: 'true', npm_config_update_notifier: 'false' },
    maxBuffer: 256 * 1024 * 1024,
  });
  writeFileSync(log, `${r.stdout ?? ''}\n${r.stderr ?? ''}`);
  if (r.status !== 0) fail(`npm install code-server@${CODE_SERVER_VERSION} failed (${lastLine(r.stderr)}); full log: ${log}`);
  rmSync(tmp, { recursive: true, force: true });
}

/** The postinstalls really ran when their outputs exist. */
function checkNativeParts() {
  const vscodeModules = join(dir, 'node_modules/code-server/lib/vscode/node_modules');
  const expected = {
    'code-server postinstall': join(vscodeModules, 'node-pty'),
    'node-pty build': join(vscodeModules, 'node-pty/build/Release/pty.node'),
    'kerberos build': join(vscodeModules, 'kerberos/build/Release/kerberos.node'),
    '@vscode/ripgrep binary': join(vscodeModules, '@vscode/ripgrep/bin/rg'),
  };
  for (const [what, path] of Object.entries(expected)) {
    if (!existsSync(path)) fail(`${what} is missing (${path}): an install script did not run; see ${join(dir, 'install.log')}`);
  }
}

async function verifyStarts() {
  const runDir = join(dir, '.verify');
  rmSync(runDir, { recursive: true, force: true });
  const server = await launchCodeServer({ runDir, root });
  try {
    const res = await fetch(server.url, { redirect: 'manual' });
    if (res.status >= 400) fail(`code-server answered HTTP ${res.status} on ${server.url}`);
    const page = await (await fetch(new URL('/?folder=/tmp', server.url))).text();
    if (!page.includes('workbench')) fail('code-server did not serve the workbench page');
  } finally {
    await server.stop();
    rmSync(runDir, { recursive: true, force: true });
  }
}

const started = Date.now();
if (!codeServerSupported()) {
  fail('code-server (the real VS Code of the vscode-host and ui stages) does not run on Windows: run npm test in WSL, or the other stages with node scripts/test.mjs typecheck lint build mocha package vsix');
}
if (installsSystemPackages()) ensureAptPackages();
else checkBrowser();
const ready = existsSync(codeServerEntry(root)) && existsSync(marker) && readFileSync(marker, 'utf8').trim() === CODE_SERVER_VERSION;
if (ready) {
  console.log(`setup: code-server ${CODE_SERVER_VERSION} ready (.tools/code-server)`);
} else {
  mkdirSync(dir, { recursive: true });
  rmSync(marker, { force: true });
  installCodeServer();
  checkNativeParts();
  try {
    await verifyStarts();
  } catch (error) {
    fail(`code-server does not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  writeFileSync(marker, `${CODE_SERVER_VERSION}\n`);
  console.log(`setup: code-server ${CODE_SERVER_VERSION} installed and verified (it starts and serves the workbench)`);
}
console.log(`setup: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
