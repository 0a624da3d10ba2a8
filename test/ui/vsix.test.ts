// The packaged extension (`npm run package` -> dist/topstepx-hub-monitor.vsix) installs into a real
// VS Code with `--install-extension` and activates there without development mode: its command runs
// from the palette and VS Code lists it among the running extensions, and its page in the Extensions
// view shows the README's animation, loaded (naturalWidth > 0, not a broken picture).
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installExtension, listExtensions } from '../../scripts/vscode/codeServer.mjs';
import { manifest, probeCommand } from './support/manifest';
import { EXTENSION_ID, notifications, repoRoot, runCommand, screenshot, startWorkbench, type Workbench } from './support/workbench';

const vsix = join(repoRoot, 'dist', 'topstepx-hub-monitor.vsix');

describe('UI: the packaged .vsix in a real VS Code', function () {
  this.timeout(120_000);
  let runDir = '';
  let workbench: Workbench | undefined;

  before(() => {
    assert.ok(existsSync(vsix), `${vsix} is missing: build it with npm run package`);
    runDir = mkdtempSync(join(tmpdir(), 'hm-vsix-'));
  });

  after(async function () {
    this.timeout(30_000);
    await workbench?.close();
    if (runDir && !process.env.HUBMON_KEEP_RUNS) rmSync(runDir, { recursive: true, force: true });
  });

  it('installs with --install-extension', () => {
    installExtension({ runDir, vsix, root: repoRoot });
    const { version } = manifest();
    const listed = listExtensions({ runDir, root: repoRoot });
    assert.ok(listed.includes(`${EXTENSION_ID}@${version}`), `--list-extensions: ${JSON.stringify(listed)}`);
  });

  it('activates from the installed package: its command runs and it is a running extension', async () => {
    workbench = await startWorkbench({ devMode: false, runDir, extensionsDir: join(runDir, 'ext') });
    const { page } = workbench;
    const probe = probeCommand();
    await runCommand(page, probe.label);
    await page.waitForTimeout(1500);
    const shown = await notifications(page);
    assert.deepEqual(shown.filter((t) => /not found|failed|error/i.test(t)), [], `notifications after ${probe.command}: ${JSON.stringify(shown)}`);

    await runCommand(page, 'Developer: Show Running Extensions');
    const name = (manifest() as { displayName?: string }).displayName ?? EXTENSION_ID;
    const entry = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: name });
    await entry.first().waitFor({ state: 'visible', timeout: 20_000 });
    await screenshot(page, 'running-extensions-vsix');
  });

  it("shows the README's animation, loaded, on the installed extension's page", async () => {
    const { page } = workbench ?? assert.fail('the workbench did not start');
    await runCommand(page, 'Extensions: Show Enabled Extensions');
    const name = (manifest() as { displayName?: string }).displayName ?? EXTENSION_ID;
    const entry = page.locator('.extensions-list .monaco-list-row', { hasText: name }).first();
    await entry.waitFor({ state: 'visible', timeout: 20_000 });
    await entry.click();
    // The README renders in VS Code's own webview (no extensionId), which the workbench overlays
    // outside the editor's DOM: the only webview open here.
    const readme = page.frameLocator('iframe.webview').frameLocator('#active-frame');
    // The shipped README carries its animation inline (scripts/package/packagedReadme.mjs says why).
    const picture = readme.locator('img[src^="data:image/gif"]').first();
    await picture.waitFor({ state: 'attached', timeout: 30_000 });
    // Page-side code (no DOM lib here: the element typed by what is used): the width once loaded, 0 when broken.
    type Img = { complete: boolean; naturalWidth: number; addEventListener(event: string, listener: () => void): void };
    const width = await picture.evaluate((el) => {
      const img = el as unknown as Img;
      return img.complete
        ? img.naturalWidth
        : new Promise<number>((done) => {
            img.addEventListener('load', () => done(img.naturalWidth));
            img.addEventListener('error', () => done(0));
            setTimeout(() => done(img.naturalWidth), 10_000);
          });
    });
    assert.ok(Number(width) > 0, `the README picture did not load in the Extensions view (naturalWidth ${String(width)})`);
    await screenshot(page, 'extension-page-vsix');
  });
});
