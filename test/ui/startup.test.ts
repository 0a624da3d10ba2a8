// Installed from the .vsix into a fresh code-server, as a new user gets it: the status bar shows the
// hub state soon after the window opens with nobody clicking anything (activation at start-up); the
// palette offers only what can work in the current state; Diagnose can be cancelled.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { installExtension } from '../../scripts/vscode/codeServer.mjs';
import { paletteEntries, repoRoot, runCommand, statusBarText, startWorkbench, type Workbench } from './support/workbench';

const vsix = join(repoRoot, 'dist', 'topstepx-hub-monitor.vsix');
const STATUS_ITEM = 'hubmon.status';

/** Polls the status bar item until `accept` holds (up to `limitMs`); returns the last text read. */
async function waitForStatus(page: Page, accept: (text: string) => boolean, limitMs: number): Promise<string> {
  const deadline = Date.now() + limitMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await statusBarText(page, STATUS_ITEM, 1000).catch(() => '');
    if (accept(text)) return text;
    await page.waitForTimeout(250);
  }
  return text;
}

/** Whether the palette lists a command with this exact title now (absent ones are looked for briefly). */
async function inPalette(page: Page, title: string): Promise<boolean> {
  const labels = await paletteEntries(page, title, 4000);
  return labels.some((l) => l.includes(title));
}

describe('UI: the installed .vsix at start-up (no click), palette hygiene, cancellable Diagnose', function () {
  this.timeout(180_000);
  let runDir = '';
  let workbench: Workbench | undefined;
  // TCP that accepts and never answers: the doctor's TLS steps wait on it, so there is time to cancel.
  // Three ports (REST, user hub, market hub): the doctor probes each host:port, 5 s each.
  const sockets = new Set<Socket>();
  const hangs: Server[] = [0, 1, 2].map(() =>
    createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }),
  );

  before(async function () {
    this.timeout(150_000);
    assert.ok(existsSync(vsix), `${vsix} is missing: build it with npm run package`);
    const [api, user, market] = await Promise.all(
      hangs.map((h) => new Promise<string>((resolve) => h.listen(0, '127.0.0.1', () => resolve(`https://127.0.0.1:${(h.address() as { port: number }).port}`)))),
    );
    runDir = mkdtempSync(join(tmpdir(), 'hm-startup-'));
    installExtension({ runDir, vsix, root: repoRoot });
    const settings = {
      'hubmon.profiles': [{ id: 'silent', name: 'Silent gateway', apiUrl: api, userHubUrl: `${user}/hubs/user`, marketHubUrl: `${market}/hubs/market` }],
      'hubmon.activeProfile': 'silent',
    };
    workbench = await startWorkbench({ devMode: false, runDir, extensionsDir: join(runDir, 'ext'), settings });
  });

  after(async function () {
    this.timeout(30_000);
    await workbench?.close();
    for (const s of sockets) s.destroy();
    await Promise.all(hangs.map((h) => new Promise<void>((resolve) => h.close(() => resolve()))));
    if (runDir && !process.env.HUBMON_KEEP_RUNS) rmSync(runDir, { recursive: true, force: true });
  });

  it('shows the hub state in the status bar by itself, without opening the view', async () => {
    assert.ok(workbench);
    // A wait limit, not a measurement: the item must come without any click.
    const text = await waitForStatus(workbench.page, (t) => /Hub Monitor: signed out/.test(t), 30_000);
    assert.match(text, /Hub Monitor: signed out/);
    const viewOpen = await workbench.page.locator('.part.sidebar .welcome-view-content', { hasText: 'Not signed in to a ProjectX gateway' }).count();
    assert.equal(viewOpen, 0, 'the Hub Monitor view was not opened');
  });

  it('signed out, the palette offers Sign In and Start Demo but not Disconnect, Sign Out, Stop Demo or Unsubscribe', async () => {
    assert.ok(workbench);
    const { page } = workbench;
    assert.equal(await inPalette(page, 'Hub Monitor: Sign In'), true);
    assert.equal(await inPalette(page, 'Hub Monitor: Start Demo Gateway'), true);
    for (const hidden of ['Hub Monitor: Disconnect', 'Hub Monitor: Sign Out', 'Hub Monitor: Stop Demo Gateway', 'Hub Monitor: Unsubscribe']) {
      assert.equal(await inPalette(page, hidden), false, `${hidden} is offered while signed out`);
    }
  });

  it('Diagnose Connection can be cancelled from its progress notification', async () => {
    assert.ok(workbench);
    const { page } = workbench;
    await runCommand(page, 'Hub Monitor: Diagnose Connection');
    const toast = page.locator('.notification-toast', { hasText: 'diagnosing Silent gateway' }).first();
    await toast.waitFor({ state: 'visible', timeout: 20_000 });
    await toast.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('.statusbar', { hasText: 'Diagnose cancelled' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await toast.waitFor({ state: 'hidden', timeout: 10_000 });
    assert.equal(await page.locator('.tabs-container .tab', { hasText: 'Diagnose' }).count(), 0, 'no report opened after cancelling');
  });

  it('with the demo running, Disconnect, Stop Demo and Unsubscribe appear and Start Demo goes', async () => {
    assert.ok(workbench);
    const { page } = workbench;
    await runCommand(page, 'Hub Monitor: Start Demo Gateway');
    const text = await waitForStatus(page, (t) => t.includes('User ✓') && t.includes('Market ✓'), 60_000);
    assert.match(text, /User ✓\s+Market ✓/);
    for (const shown of ['Hub Monitor: Disconnect', 'Hub Monitor: Sign Out', 'Hub Monitor: Stop Demo Gateway', 'Hub Monitor: Unsubscribe']) {
      assert.equal(await inPalette(page, shown), true, `${shown} is missing while connected to the demo`);
    }
    assert.equal(await inPalette(page, 'Hub Monitor: Start Demo Gateway'), false, 'Start Demo is offered while the demo runs');
  });

  it('one contract picker: subscribed contracts on top, search as you type, the front month marked', async () => {
    assert.ok(workbench);
    const { page } = workbench;
    await runCommand(page, 'Hub Monitor: Subscribe to Contract…');
    const widget = page.locator('.quick-input-widget');
    const rows = widget.locator('.quick-input-list .monaco-list-row');
    // The demo subscribed the E-mini S&P; the first answer names it.
    await rows.filter({ hasText: 'ESU5' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    assert.match((await rows.first().textContent()) ?? '', /ESU5/, 'the subscribed contract is on top');
    await widget.locator('input').fill('Gold');
    const gold = rows.filter({ hasText: 'GCZ5' }).first();
    await gold.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match((await gold.textContent()) ?? '', /front month/);
    await page.keyboard.press('Escape');
  });
});
