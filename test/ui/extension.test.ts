// UI test in a real VS Code (code-server) and Debian Chromium, driven like a person would: open the
// Hub Monitor view from the activity bar, run "Start Demo Gateway" from the palette, wait for the
// status bar item to show both hubs connected, read the tree rows and the timeline, screenshot.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { runCommand, screenshot, statusBarSelector, statusBarText, useWorkbench } from './support/workbench';

const STATUS_ITEM = 'hubmon.status';

/** Polls the status bar item until `accept` holds; returns the last text read. */
async function waitForStatus(page: Page, accept: (text: string) => boolean, timeoutMs = 45_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await statusBarText(page, STATUS_ITEM).catch(() => '');
    if (accept(text)) return text;
    await page.waitForTimeout(250);
  }
  return text;
}

/**
 * The rows of our tree. The container holds one view, so VS Code folds the view's header into the
 * side bar title: read the rows of the side bar's tree directly.
 */
async function hubRows(page: Page): Promise<string[]> {
  return page.locator('.part.sidebar .pane-body .monaco-list-row').evaluateAll((els) => els.map((el) => (el.textContent ?? '').trim()));
}

/** Rows of the Hubs view once they include every wanted fragment (the tree refreshes a few times a second). */
async function waitForRows(page: Page, wanted: RegExp[], timeoutMs = 20_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let rows: string[] = [];
  while (Date.now() < deadline) {
    rows = await hubRows(page).catch(() => []);
    if (wanted.every((w) => rows.some((r) => w.test(r)))) return rows;
    await page.waitForTimeout(300);
  }
  return rows;
}

describe('UI: Hub Monitor demo in the workbench', function () {
  this.timeout(180_000);
  const workbench = useWorkbench();

  it('shows the signed-out welcome with a Start Demo Gateway button in its own activity bar view', async () => {
    const { page } = workbench();
    const container = page.locator('.activitybar .action-item a[aria-label^="Hub Monitor"], .activitybar .action-item[aria-label^="Hub Monitor"]').first();
    await container.waitFor({ state: 'visible', timeout: 30_000 });
    await container.click();
    const welcome = page.locator('.welcome-view-content', { hasText: 'Start Demo Gateway' }).first();
    await welcome.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await welcome.textContent()) ?? '', /Not signed in to a ProjectX gateway/);
    const text = await waitForStatus(page, (t) => /signed out/.test(t), 20_000);
    assert.match(text, /Hub Monitor: signed out/);
  });

  it('runs "Start Demo Gateway" from the palette: status bar green with both hubs connected, tree filled', async () => {
    const { page } = workbench();
    await runCommand(page, 'Hub Monitor: Start Demo Gateway');
    const text = await waitForStatus(page, (t) => t.includes('User ✓') && t.includes('Market ✓'));
    assert.match(text, /User ✓\s+Market ✓/, `status bar: ${text}`);
    const item = page.locator(statusBarSelector(STATUS_ITEM));
    assert.equal(await item.locator('.codicon-pass-filled').count(), 1, 'the connected icon');
    // Connected = no error/warning background; the foreground is the theme's "passed" green.
    const colors = (await page.evaluate(`(() => {
      const el = document.querySelector('[id="hubmon.topstepx-hub-monitor.${STATUS_ITEM}"]');
      const label = el.querySelector('a') || el;
      return { background: getComputedStyle(el).backgroundColor, color: getComputedStyle(label).color };
    })()`)) as { background: string; color: string };
    const [r, g, b] = (colors.color.match(/\d+/g) ?? []).map(Number);
    assert.ok(g > r && g > b, `status bar item is not green: ${JSON.stringify(colors)}`);

    // Wait for the first quote itself: "active · 0 events" appears before the demo's first tick.
    const rows = await waitForRows(page, [/User Hubconnected/, /Market Hubconnected/, /Quotes · CON\.\S+active · \d+\.\d{2} × \d+\.\d{2} · last \d+\.\d{2} · \d+ ev/, /Orders · account \d+active/]);
    assert.ok(rows.some((r) => /^Demo gateway/.test(r)), `profile row: ${JSON.stringify(rows)}`);
    assert.ok(rows.some((r) => /User Hubconnected/.test(r)), `rows: ${JSON.stringify(rows)}`);
    assert.ok(rows.some((r) => /Market Hubconnected/.test(r)), `rows: ${JSON.stringify(rows)}`);
    assert.ok(rows.some((r) => /Quotes · CON\.\S+active · \d+\.\d{2} × \d+\.\d{2} · last \d+\.\d{2} · \d+ ev/.test(r)), `a compact quote row, bid × ask and last to the 0.25 tick: ${JSON.stringify(rows)}`);
    assert.ok(rows.some((r) => /Orders · account \d+active/.test(r)), `rows: ${JSON.stringify(rows)}`);
  });

  it('shows the timeline from the palette and saves the screenshot', async () => {
    const { page } = workbench();
    await runCommand(page, 'Hub Monitor: Show Timeline');
    const output = page.locator('.part.panel .monaco-editor .view-lines').first();
    await output.waitFor({ state: 'visible', timeout: 20_000 });
    await page.waitForFunction(
      // Monaco renders spaces as U+00A0.
      `/connected\\sin\\s\\d+\\sms/.test(document.querySelector('.part.panel .monaco-editor .view-lines')?.textContent ?? '')`,
      undefined,
      { timeout: 20_000 },
    );
    const lines = ((await output.textContent()) ?? '').replace(/\u00a0/g, ' ');
    assert.match(lines, /\[user\] connected in \d+ ms/);
    assert.doesNotMatch(lines, /eyJ[\w-]+\.[\w-]+\./, 'no JWT in the output channel');
    // Widen the side bar so the tree's descriptions show, and let the tree settle before the picture.
    const side = await page.locator('.part.sidebar').boundingBox();
    if (side) {
      const edge = { x: side.x + side.width + 1, y: side.y + side.height / 2 };
      await page.mouse.move(edge.x, edge.y);
      await page.mouse.down();
      await page.mouse.move(edge.x + 200, edge.y, { steps: 10 });
      await page.mouse.up();
      await page.mouse.move(edge.x + 600, edge.y - 200);
    }
    await waitForRows(page, [/User Hubconnected/, /Market Hubconnected/]);
    await page.waitForTimeout(1200);
    const png = await screenshot(page, 'demo-connected');
    assert.ok(existsSync(png));
  });
});
