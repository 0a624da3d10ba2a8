// Candles in Chromium: the real page and bundle against the real session, feed and market hub of a
// simulator on 127.0.0.1 (history from History/retrieveBars, live prints over SignalR). Checks the
// hour of history is drawn as candles in dark, light and high contrast (screenshots of each), that
// the ladder button asks the host for this contract's ladder, and that mode and timeframe switch
// with the keyboard alone (reaching the host and the saved panel state).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { ChartSession } from '../../src/core/chart/chartSession';
import { parsePanelState } from '../../src/shared/chartValidate';
import { THEMES } from './support/chartPageHost';
import { startDemoChart, type DemoChart } from './support/demoChart';

declare const document: { body: { dataset: Record<string, string | undefined> } };
declare const sessionStorage: { getItem(key: string): string | null };
declare const window: { postMessage(message: unknown, targetOrigin: string): void };

const ES = 'CON.F.US.EP.U25';
const shots = resolve(process.env.HUBMON_SCREENSHOT_DIR ?? 'out/docs/screenshots');

describe('UI: candles with history in Chromium (real page, session, feed and simulator)', function () {
  this.timeout(60_000);
  let demo: DemoChart;
  let session: ChartSession;
  let page: Page;
  const ladderRequests: string[] = [];

  before(async function () {
    this.timeout(120_000);
    spawnSync('node', ['esbuild.mjs'], { stdio: 'inherit' });
    mkdirSync(shots, { recursive: true });
    demo = await startDemoChart({
      simulator: { userActivityIntervalMs: 0 },
      contractId: ES,
      viewport: { width: 1100, height: 560 },
      deps: ({ gateway, tokens }) => ({
        bars: () => async (request) => gateway.retrieveBars(await tokens.getToken(), request),
        openLadder: (contractId) => ladderRequests.push(contractId),
      }),
    });
    ({ session, run: { page } } = demo);
  });

  after(async () => {
    await demo?.close();
  });

  const body = (name: string): Promise<string | null> => page.locator('body').getAttribute(`data-${name}`);

  /** Pixels of the main pane's canvas within 2 of `hex` in every channel (page-side code as a string: no DOM lib here). */
  const pixelsOf = (hex: string): Promise<number> => page.evaluate(`(() => {
    const pane = [...document.querySelectorAll('.chart canvas')].sort((a, b) => b.width * b.height - a.width * a.height)[0];
    const data = pane.getContext('2d').getImageData(0, 0, pane.width, pane.height).data;
    const want = [1, 3, 5].map((i) => parseInt('${hex}'.slice(i, i + 2), 16));
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (want.every((w, k) => Math.abs(data[i + k] - w) <= 2)) n++;
    return n;
  })()`) as Promise<number>;

  /** Switches the page's theme, waits for the chart to repaint, checks rising and falling candles are drawn in the theme's colours, and saves a screenshot. */
  async function themeShot(kind: 'dark' | 'light' | 'high-contrast', file: string): Promise<void> {
    const vars = THEMES[kind].vars;
    await page.evaluate((k) => (window as unknown as { __setTheme(k: string): void }).__setTheme(k), kind);
    await page.waitForFunction((bg) => document.body.dataset.chartBackground === bg, vars['--vscode-editor-background'], { timeout: 5000 });
    await page.waitForTimeout(300);
    const [up, down] = [await pixelsOf(vars['--vscode-charts-green']), await pixelsOf(vars['--vscode-charts-red'])];
    assert.ok(up > 50 && down > 50, `${kind}: candles not drawn in the theme's colours (rising ${up} px, falling ${down} px)`);
    await page.screenshot({ path: join(shots, file) });
  }

  it('opens as 1 min candles with the hour of history drawn, in dark, light and high contrast', async () => {
    await page.waitForFunction(() => Number(document.body.dataset.candles) >= 55, undefined, { timeout: 15_000 });
    assert.deepEqual([await body('mode'), await body('timeframe')], ['candles', '1m']);
    assert.equal(session.historyState, 'loaded');
    // The demo's hour of history: about 60 one-minute bars spanning most of an hour.
    assert.ok(Number(await body('candle-span-minutes')) >= 55, `span ${await body('candle-span-minutes')} min`);
    assert.match((await page.locator('.chart').getAttribute('aria-label')) ?? '', /1 min candles with volume/);
    await themeShot('dark', 'chart-candles-dark.png');
    await themeShot('light', 'chart-candles-light.png');
    await themeShot('high-contrast', 'chart-candles-hc.png');
  });

  it('the ladder button is labelled, reached by keyboard, and Enter asks the host for this contract’s ladder', async () => {
    const button = page.locator('#open-ladder button');
    assert.equal(await button.getAttribute('aria-label'), 'Open depth ladder');
    await button.focus();
    await page.keyboard.press('Enter');
    for (let i = 0; i < 40 && ladderRequests.length === 0; i++) await page.waitForTimeout(50);
    assert.deepEqual(ladderRequests, [ES]);
  });

  it('compresses the daily break and the weekend: the bars either side are as far apart as any two bars', async () => {
    await themeShot('dark', 'chart-candles-dark.png');
    // Paused, the page takes no live bars; a full replacement still lands (as after a timeframe switch).
    await page.locator('#pause button').click();
    await page.waitForFunction(() => (document as unknown as { querySelector(s: string): { dataset: Record<string, string> } }).querySelector('.bar').dataset.status === 'paused');
    const minute = 60_000;
    // Chicago CST (UTC-6): Thursday 2026-11-19 closes 16:00 (22:00Z) and reopens 17:00; Friday's close reopens Sunday 17:00.
    const starts = [Date.UTC(2026, 10, 19, 21, 55), Date.UTC(2026, 10, 19, 23, 0), Date.UTC(2026, 10, 20, 21, 55), Date.UTC(2026, 10, 22, 23, 0)];
    const bars = starts.flatMap((start) => Array.from({ length: 5 }, (_, i) => ({ t: start + i * minute, o: 101, h: 101.5, l: 99.5, c: 100, v: 10 })));
    await page.evaluate((m) => window.postMessage(m, '*'), { type: 'candles', contractId: ES, timeframe: '1m', replace: true, bars });
    await page.waitForFunction(() => document.body.dataset.candles === '20', undefined, { timeout: 5000 });
    await page.waitForTimeout(300);
    // Columns of the main pane where a falling (filled) candle body is drawn, grouped into candles.
    const centres = await page.evaluate(`(() => {
      const pane = [...document.querySelectorAll('.chart canvas')].sort((a, b) => b.width * b.height - a.width * a.height)[0];
      const data = pane.getContext('2d').getImageData(0, 0, pane.width, pane.height).data;
      const want = [1, 3, 5].map((i) => parseInt('${THEMES.dark.vars['--vscode-charts-red']}'.slice(i, i + 2), 16));
      const filled = [];
      for (let x = 0; x < pane.width; x++) {
        let n = 0;
        for (let y = 0; y < pane.height; y++) { const i = (y * pane.width + x) * 4; if (want.every((w, k) => Math.abs(data[i + k] - w) <= 2)) n++; }
        filled.push(n >= 40); // a body spans a third of the pane: the last price's line and title tag do not
      }
      const centres = [];
      for (let x = 0; x < filled.length; x++) if (filled[x] && !filled[x - 1]) { let e = x; while (filled[e + 1]) e++; centres.push((x + e) / 2); }
      return centres;
    })()`) as number[];
    assert.equal(centres.length, 20, `expected 20 candles drawn, found ${centres.length}`);
    const gaps = centres.slice(1).map((c, i) => c - centres[i]);
    assert.ok(Math.max(...gaps) <= 1.5 * Math.min(...gaps), `uneven bar spacing across the break/weekend: ${gaps.join(', ')}`);
    await page.locator('#pause button').click();
    await page.waitForFunction(() => Number(document.body.dataset.candles) >= 55, undefined, { timeout: 10_000 });
  });

  it('switches timeframe and mode with the keyboard alone; the host and the saved state follow', async () => {
    await page.locator('#timeframe').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.body.dataset.timeframe === '5m', undefined, { timeout: 5000 });
    assert.equal(session.timeframe, '5m');
    await page.waitForFunction(() => Number(document.body.dataset.candles) >= 12, undefined, { timeout: 10_000 });
    await page.locator('#mode').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.body.dataset.mode === 'lines', undefined, { timeout: 5000 });
    assert.equal(session.mode, 'lines');
    const saved = parsePanelState(await page.evaluate(() => JSON.parse(sessionStorage.getItem('state') ?? 'null')));
    assert.ok(saved.ok && saved.value.mode === 'lines' && saved.value.timeframe === '5m', JSON.stringify(saved));
  });

  it('ran without CSP violations, page errors or rejected messages', () => {
    assert.deepEqual(demo.run.problems, []);
    assert.deepEqual(demo.logs.filter((l) => /rejected|webview/.test(l)), []);
  });
});
