// UI test in a real VS Code (code-server) and Debian Chromium: start the demo gateway, open the depth
// ladder from the palette, check inside the webview that price rows with sizes are drawn and that
// they change as the demo market moves, that "C" keeps the inside market in view, and take a screenshot.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { EXTENSION_ID, runCommand, screenshot, statusBarText, useWorkbench } from './support/workbench';

const ladderFrame = (page: Page): FrameLocator =>
  page.frameLocator(`iframe.webview[src*="extensionId=${EXTENSION_ID}"]`).frameLocator('#active-frame');

/** The ladder's rows as text ("price bid ask" per row), or '' before the first window. */
async function ladderText(page: Page): Promise<string> {
  return (await ladderFrame(page).locator('.ladder').innerText({ timeout: 2000 }).catch(() => '')).trim();
}

async function waitFor(page: Page, what: string, accept: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await accept()) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('UI: depth ladder in the workbench', function () {
  this.timeout(240_000);
  const workbench = useWorkbench({ settings: { 'workbench.colorTheme': 'Default Dark Modern' } });

  it('opens from the palette on the demo contract and its levels change as the market moves', async () => {
    const { page } = workbench();
    await runCommand(page, 'Hub Monitor: Start Demo Gateway');
    await waitFor(page, 'the market hub', async () => (await statusBarText(page, 'hubmon.status').catch(() => '')).includes('Market ✓'), 45_000);
    await runCommand(page, 'Hub Monitor: Open Depth Ladder');
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Enter');

    const rows = ladderFrame(page).locator('.ladder .row');
    await waitFor(page, 'ladder rows', async () => (await rows.count()) > 10);
    await waitFor(page, 'both sides sized', async () => (await ladderFrame(page).locator('.bid-bar').count()) > 0 && (await ladderFrame(page).locator('.ask-bar').count()) > 0);
    const first = await ladderText(page);
    await waitFor(page, 'the levels to change', async () => {
      const now = await ladderText(page);
      return now !== '' && now !== first;
    }, 20_000);
    const summary = (await ladderFrame(page).locator('.ladder-summary').innerText()).trim();
    assert.match(summary, /Bid \d.*Ask \d.*Spread \d/, `summary: ${summary}`);
    assert.match((await ladderFrame(page).locator('.ladder').getAttribute('aria-label')) ?? '', /Market depth/);

    await ladderFrame(page).locator('.ladder').focus();
    await page.keyboard.press('c');
    await waitFor(page, 'the inside market marked after centring', async () => (await ladderFrame(page).locator('.row.best-bid').count()) === 1 && (await ladderFrame(page).locator('.row.best-ask').count()) === 1, 10_000);
    await screenshot(page, 'ladder-dark');
  });
});
