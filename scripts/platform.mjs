// What differs between Linux, macOS and Windows for our scripts, with the platform passed in so the
// unit tests cover every branch on any machine (test/unit/platform.test.ts).
//   platform: 'linux' | 'darwin' | 'win32' (process.platform); anything else is treated like Linux.
import { spawn, spawnSync } from 'node:child_process';

/**
 * How to start a program found on PATH. On Windows npx, npm and code are .cmd batch files, which
 * Node (since the 2024 CVE fix) starts only through a shell; the arguments are then quoted for cmd.
 */
export function commandLine(cmd, args, platform = process.platform) {
  if (platform !== 'win32') return { command: cmd, args, shell: false };
  const quote = (a) => (/[\s"&|<>^()]/.test(a) ? `"${a.replace(/"/g, '""')}"` : a);
  return { command: [cmd, ...args].map(quote).join(' '), args: [], shell: true };
}

export function spawnPortable(cmd, args, options = {}, platform = process.platform) {
  const line = commandLine(cmd, args, platform);
  return spawn(line.command, line.args, { ...options, shell: line.shell });
}

export function spawnPortableSync(cmd, args, options = {}, platform = process.platform) {
  const line = commandLine(cmd, args, platform);
  return spawnSync(line.command, line.args, { ...options, shell: line.shell });
}

/** The command that tells whether `name` is on PATH: `where` on Windows, `command -v` elsewhere. */
export function whichCommand(name, platform = process.platform) {
  return platform === 'win32' ? { command: 'where', args: [name] } : { command: 'sh', args: ['-c', `command -v ${name}`] };
}

export function hasCommand(name, platform = process.platform) {
  const { command, args } = whichCommand(name, platform);
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/**
 * The Chromium the UI tests drive: $HUBMON_CHROMIUM when set; Debian's package on Linux; an
 * installed Google Chrome on macOS and Windows.
 */
export function chromiumPath(platform = process.platform, env = process.env) {
  if (env.HUBMON_CHROMIUM) return env.HUBMON_CHROMIUM;
  if (platform === 'darwin') return '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
  if (platform === 'win32') return `${env.PROGRAMFILES ?? 'C:\\Program Files'}\\Google\\Chrome\\Application\\chrome.exe`;
  return '/usr/bin/chromium';
}

/** ImageMagick's command: `magick` (version 7, what Homebrew and the Windows installer provide), `convert` on Debian (version 6). */
export function imageMagickCommand(platform = process.platform) {
  return platform === 'linux' ? 'convert' : 'magick';
}

/** True where the test setup may install system packages itself (Debian/Ubuntu through apt-get). */
export function installsSystemPackages(platform = process.platform) {
  return platform === 'linux';
}

/** What `npm run demo` needs on each system, one line each, for when something is missing. */
export function demoInstallHint(platform = process.platform) {
  if (platform === 'win32') {
    return 'install VS Code from https://code.visualstudio.com (the installer puts `code` on PATH; reopen the terminal), or run npm run demo -- --web after installing Google Chrome';
  }
  if (platform === 'darwin') {
    return 'install VS Code (brew install --cask visual-studio-code) and run "Shell Command: Install \'code\' command in PATH" from its palette, or run npm run demo -- --web';
  }
  return 'install VS Code (https://code.visualstudio.com, the .deb or snap puts `code` on PATH), or let npm run demo use code-server: it needs Debian/Ubuntu packages chromium, libkrb5-dev and ripgrep (sudo apt-get install chromium libkrb5-dev ripgrep)';
}

/** What ImageMagick install `npm run docs` needs on each system to assemble the README animation. */
export function imageMagickInstallHint(platform = process.platform) {
  if (platform === 'win32') return 'install ImageMagick 7 (winget install ImageMagick.ImageMagick) so `magick` is on PATH';
  if (platform === 'darwin') return 'install ImageMagick (brew install imagemagick) so `magick` is on PATH';
  return 'install ImageMagick (sudo apt-get install imagemagick) so `convert` is on PATH';
}

/**
 * Stops a child and everything it started. POSIX: the child was spawned detached (its own process
 * group), so signal the group. Windows has no process groups: taskkill /T ends the tree.
 */
export function killTree(pid, platform = process.platform) {
  if (platform === 'win32') {
    spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore' });
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Where the real-VS-Code stages (code-server) can run: Linux and macOS, not Windows (use WSL there). */
export function codeServerSupported(platform = process.platform) {
  return platform !== 'win32';
}
