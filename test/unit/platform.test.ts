// The scripts' platform branches (scripts/platform.mjs), each with the platform injected.
import * as assert from 'node:assert/strict';
import { chromiumPath, codeServerSupported, commandLine, demoInstallHint, imageMagickCommand, imageMagickInstallHint, installsSystemPackages, whichCommand } from '../../scripts/platform.mjs';

describe('scripts on Linux, macOS and Windows', () => {
  it('starts npx directly on Linux and macOS, through the shell with quoted arguments on Windows', () => {
    assert.deepEqual(commandLine('npx', ['mocha', '--config', 'a b.json'], 'linux'), { command: 'npx', args: ['mocha', '--config', 'a b.json'], shell: false });
    assert.deepEqual(commandLine('npx', ['mocha'], 'darwin'), { command: 'npx', args: ['mocha'], shell: false });
    assert.deepEqual(commandLine('npx', ['mocha', '--config', 'a b.json'], 'win32'), { command: 'npx mocha --config "a b.json"', args: [], shell: true });
  });

  it('looks a command up with where on Windows and command -v elsewhere', () => {
    assert.deepEqual(whichCommand('code', 'win32'), { command: 'where', args: ['code'] });
    assert.deepEqual(whichCommand('code', 'darwin'), { command: 'sh', args: ['-c', 'command -v code'] });
  });

  it("uses Debian's chromium only on Linux, Chrome elsewhere, and $HUBMON_CHROMIUM everywhere", () => {
    assert.equal(chromiumPath('linux', {}), '/usr/bin/chromium');
    assert.match(chromiumPath('darwin', {}), /^\/Applications\/Google Chrome\.app\//);
    assert.equal(chromiumPath('win32', { PROGRAMFILES: 'D:\\Apps' }), 'D:\\Apps\\Google\\Chrome\\Application\\chrome.exe');
    assert.equal(chromiumPath('win32', { HUBMON_CHROMIUM: 'C:\\c.exe' }), 'C:\\c.exe');
  });

  it('installs system packages (apt-get) only on Linux', () => {
    assert.equal(installsSystemPackages('linux'), true);
    assert.equal(installsSystemPackages('darwin'), false);
    assert.equal(installsSystemPackages('win32'), false);
  });

  it('tells each system what to install, naming apt-get only on Linux', () => {
    assert.match(demoInstallHint('linux'), /apt-get install chromium/);
    assert.match(demoInstallHint('darwin'), /brew install --cask visual-studio-code/);
    assert.match(demoInstallHint('win32'), /code\.visualstudio\.com/);
    for (const p of ['darwin', 'win32'] as const) assert.doesNotMatch(demoInstallHint(p) + imageMagickInstallHint(p), /apt-get/);
  });

  it("runs ImageMagick as convert on Debian and magick elsewhere", () => {
    assert.equal(imageMagickCommand('linux'), 'convert');
    assert.equal(imageMagickCommand('darwin'), 'magick');
    assert.equal(imageMagickCommand('win32'), 'magick');
  });

  it('runs code-server (the real-VS-Code stages, the demo fallback) on Linux and macOS only', () => {
    assert.equal(codeServerSupported('linux'), true);
    assert.equal(codeServerSupported('darwin'), true);
    assert.equal(codeServerSupported('win32'), false);
  });
});
