// The frames of the README's animated picture, from a real workbench: the demo connecting, both hubs
// connected with the timeline open, a forced reconnect ("Reconnect Now" closes both live connections:
// the timeline shows the close, the new attempt and the resubscribe), and the quote chart. Each
// frame is a screenshot under out/docs/screenshots/readme-*.png; `npm run docs` assembles them into
// media/readme/demo.gif. Each step asserts what the frame is meant to show, so a broken step fails
// here instead of becoming a misleading picture.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { runCommand, screenshot, statusBarText, useWorkbench } from './support/workbench';

const BOTH_CONNECTED = /User ✓\s+Market ✓/;

async function waitUntil(page: Page, read: () => Promise<string>, accept: (text: string) => boolean, timeoutMs = 45_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await read().catch(() => '');
    if (accept(text)) return text;
    await page.waitForTimeout(200);
  }
  return text;
}

const status = (page: Page) => () => statusBarText(page, 'hubmon.status');
const timeline = (page: Page) => async () =>
  ((await page.locator('.part.panel .monaco-editor .view-lines').first().textContent()) ?? '').replace(/\u00a0/g, ' ');

describe('UI: the README animation frames', function () {
  this.timeout(180_000);
  const workbench = useWorkbench({ settings: { 'workbench.colorTheme': 'Default Dark Modern' } });

  it('connect: the demo from the palette, the timeline open, both hubs connected', async () => {
    const { page } = workbench();
    await runCommand(page, 'Hub Monitor: Focus on Hubs View');
    await runCommand(page, 'Hub Monitor: Show Timeline');
    await runCommand(page, 'Hub Monitor: Start Demo Gateway');
    await screenshot(page, 'readme-1-connecting');
    const text = await waitUntil(page, status(page), (t) => BOTH_CONNECTED.test(t));
    assert.match(text, BOTH_CONNECTED);
    await page.waitForTimeout(2500);
    await screenshot(page, 'readme-2-connected');
  });

  it('drop and reconnect: the timeline shows the close, the new attempt and the hubs connected again', async () => {
    const { page } = workbench();
    // The output view renders only its visible lines: the resync line is the last of a reconnect.
    const resynced = /resync after \d+ ms down/;
    assert.doesNotMatch(await timeline(page)(), resynced, 'a reconnect before the drop');
    await runCommand(page, 'Hub Monitor: Reconnect Now');
    await screenshot(page, 'readme-3-dropped');
    const lines = await waitUntil(page, timeline(page), (t) => resynced.test(t), 30_000);
    assert.match(lines, resynced, 'no reconnect and resync in the timeline');
    assert.match(await waitUntil(page, status(page), (t) => BOTH_CONNECTED.test(t)), BOTH_CONNECTED);
    await page.waitForTimeout(1500);
    await screenshot(page, 'readme-4-reconnected');
  });

  it('chart: the quote chart of the subscribed contract', async () => {
    const { page } = workbench();
    await runCommand(page, 'Hub Monitor: Open Quote Chart');
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('iframe.webview').first().waitFor({ state: 'attached', timeout: 20_000 });
    await page.waitForTimeout(6000);
    await screenshot(page, 'readme-5-chart');
  });
});
