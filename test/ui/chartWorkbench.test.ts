// UI test in a real VS Code (code-server) and Debian Chromium: start the demo gateway, open the
// quote chart from the palette, check inside the webview iframe that the canvas is drawn and the
// points grow, switch the color theme and check the chart's background follows, reload the window
// and check the chart comes back; its ladder button (Enter) opens the depth ladder for its contract.
// Saves out/docs/screenshots/chart-dark.png and chart-light.png.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { EXTENSION_ID, openPalette, runCommand, screenshot, statusBarText, useWorkbench } from './support/workbench';

const chartFrame = (page: Page): FrameLocator =>
  page.frameLocator(`iframe.webview[src*="extensionId=${EXTENSION_ID}"]`).frameLocator('#active-frame');

/** Waits for `accept(value of body[name])` inside the chart page; returns the last value read. */
async function waitForBody(page: Page, name: string, accept: (v: string) => boolean, timeoutMs = 30_000): Promise<string> {
  const body = chartFrame(page).locator('body');
  const deadline = Date.now() + timeoutMs;
  let value = '';
  while (Date.now() < deadline) {
    value = (await body.getAttribute(name, { timeout: 2000 }).catch(() => null)) ?? '';
    if (accept(value)) return value;
    await page.waitForTimeout(250);
  }
  return value;
}

/** The most common color of the chart's main pane canvas, as "r,g,b" (page-side code as a string: no DOM lib here). */
function paneBackground(page: Page): Promise<string> {
  return chartFrame(page).locator('body').evaluate(`(() => {
    const pane = [...document.querySelectorAll('.chart canvas')].sort((a, b) => b.width * b.height - a.width * a.height)[0];
    const data = pane.getContext('2d').getImageData(0, 0, pane.width, pane.height).data;
    const counts = new Map();
    for (let i = 0; i < data.length; i += 16) { const c = data[i] + ',' + data[i + 1] + ',' + data[i + 2]; counts.set(c, (counts.get(c) || 0) + 1); }
    return [...counts].sort((a, b) => b[1] - a[1])[0][0];
  })()`) as Promise<string>;
}

async function waitForMarket(page: Page): Promise<void> {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline && !(await statusBarText(page, 'hubmon.status').catch(() => '')).includes('Market ✓')) await page.waitForTimeout(250);
}

async function pickTheme(page: Page, name: string): Promise<void> {
  await runCommand(page, 'Preferences: Color Theme');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(name);
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

describe('UI: quote chart in the workbench', function () {
  this.timeout(240_000);
  const workbench = useWorkbench({ settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
  let contract = '';

  it('opens a live chart for the demo contract: canvas drawn, points growing', async () => {
    const { page } = workbench();
    await runCommand(page, 'Hub Monitor: Start Demo Gateway');
    await waitForMarket(page);
    await runCommand(page, 'Hub Monitor: Open Quote Chart');
    // The picker lists the subscribed contracts: take the first.
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Enter');

    const first = Number(await waitForBody(page, 'data-points', (v) => Number(v) > 0));
    assert.ok(first > 0, 'no points drawn in the chart webview');
    const later = Number(await waitForBody(page, 'data-points', (v) => Number(v) > first, 10_000));
    assert.ok(later > first, `points did not grow: ${first} -> ${later}`);
    // Done means: the demo's chart opens as candles with an hour of history (about 60 one-minute bars).
    const candles = Number(await waitForBody(page, 'data-candles', (v) => Number(v) >= 55));
    assert.ok(candles >= 55, `only ${candles} candles drawn`);
    assert.equal(await chartFrame(page).locator('body').getAttribute('data-mode'), 'candles');
    const span = Number(await chartFrame(page).locator('body').getAttribute('data-candle-span-minutes'));
    assert.ok(span >= 55, `the candles span ${span} min, not the hour of history`);
    contract = (await chartFrame(page).locator('body').getAttribute('data-contract')) ?? '';
    assert.match(contract, /^CON\./);
    assert.equal(await chartFrame(page).locator('.bar').getAttribute('data-status'), 'live');
    // A few more seconds of quotes make a picture worth looking at.
    await page.waitForTimeout(6000);
    await screenshot(page, 'chart-dark');
  });

  it('follows a switch to a light theme', async () => {
    const { page } = workbench();
    const dark = await paneBackground(page);
    const darkVar = await waitForBody(page, 'data-chart-background', (v) => v.length > 0);
    await pickTheme(page, 'Light Modern');
    const lightVar = await waitForBody(page, 'data-chart-background', (v) => v.length > 0 && v !== darkVar, 15_000);
    assert.notEqual(lightVar, darkVar, 'the page never saw a new editor background');
    await page.waitForTimeout(500);
    const light = await paneBackground(page);
    assert.notEqual(light, dark, `chart background stayed ${dark}`);
    const [r, g, b] = light.split(',').map(Number);
    assert.ok(r > 200 && g > 200 && b > 200, `light theme background is not light: ${light}`);
    await screenshot(page, 'chart-light');
  });

  it('comes back after a window reload and draws again once the demo runs', async () => {
    const { page } = workbench();
    await openPalette(page);
    await page.keyboard.press('Escape');
    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const restored = await waitForBody(page, 'data-contract', (v) => v === contract, 60_000);
    assert.equal(restored, contract, 'the chart was not restored with its contract');
    await runCommand(page, 'Hub Monitor: Start Demo Gateway').catch(() => undefined);
    const points = Number(await waitForBody(page, 'data-points', (v) => Number(v) > 0, 45_000));
    assert.ok(points > 0, 'the restored chart drew nothing');
  });

  it('its ladder button (keyboard: Enter) opens the depth ladder for the chart’s contract', async () => {
    const { page } = workbench();
    const button = chartFrame(page).locator('#open-ladder button');
    assert.equal(await button.getAttribute('aria-label'), 'Open depth ladder');
    await button.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: `Depth ${contract}` }).waitFor({ timeout: 20_000 });
    // The ladder's own page draws its rows (whichever webview frame holds it).
    const deadline = Date.now() + 30_000;
    let rows = 0;
    while (Date.now() < deadline && rows <= 10) {
      for (const frame of page.frames()) rows = Math.max(rows, await frame.locator('.ladder .row').count().catch(() => 0));
      if (rows <= 10) await page.waitForTimeout(250);
    }
    assert.ok(rows > 10, `the ladder drew ${rows} rows`);
  });
});
