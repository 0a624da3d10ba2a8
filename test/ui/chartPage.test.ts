// The quote chart page in Debian Chromium, outside VS Code: the real bundle (dist/webview), the
// real page HTML and CSP (chartHtml), the real host-side session and feed. What VS Code would
// provide is stood in for: acquireVsCodeApi (state kept in sessionStorage so a reload keeps it),
// the --vscode-* theme variables, and the market hub's event stream (a steady random walk).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/vscode/codeServer.mjs';
import { ChartFeed, type MarketSource } from '../../src/core/chart/chartFeed';
import { ChartSession } from '../../src/core/chart/chartSession';
import type { GatewayEvent } from '../../src/core/events/types';
import type { HubState } from '../../src/core/hub/types';
import { Emitter } from '../../src/core/util/emitter';
import { parsePanelState } from '../../src/shared/chartValidate';
import { serveWebview, stubVsCode, webviewDir } from './support/chartPageHost';

// Page-side callbacks run in Chromium; this tsconfig has no DOM lib, so name what they touch.
interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}
declare const document: {
  querySelectorAll(selector: string): ArrayLike<PageCanvas> & Iterable<PageCanvas>;
  body: { dataset: Record<string, string | undefined>; classList: { add(c: string): void; remove(...c: string[]): void } };
  documentElement: { style: { setProperty(name: string, value: string): void } };
  addEventListener(type: string, listener: (e: { violatedDirective?: string; blockedURI?: string }) => void): void;
};
declare const window: { postMessage(message: unknown, targetOrigin: string): void };
declare const sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };

const CONTRACT = 'CON.F.US.EP.U25';


class MarketEvents implements MarketSource {
  state: HubState = { kind: 'connected', connectionId: 'sim', since: new Date() };
  readonly events = new Emitter<GatewayEvent>();
  // The engine hands each event its message's arrival time; the feed reads its own clock.
  readonly onEvent: MarketSource['onEvent'] = (listener) => this.events.event((event) => listener(event, Date.now()));
  readonly onDidChangeState = new Emitter<HubState>().event;
}


/** The most common color of the chart's main pane canvas (its background), as [r, g, b]. */
function paneBackground(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const canvases = [...document.querySelectorAll('.chart canvas')] as PageCanvas[];
    const pane = canvases.sort((a, b) => b.width * b.height - a.width * a.height)[0];
    const data = pane.getContext('2d')!.getImageData(0, 0, pane.width, pane.height).data;
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 16) {
      const c = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const top = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    return [top >> 16, (top >> 8) & 255, top & 255];
  });
}

/** How many distinct colors the main pane shows (a blank canvas has one). */
function paneColors(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvases = [...document.querySelectorAll('.chart canvas')] as PageCanvas[];
    const pane = canvases.sort((a, b) => b.width * b.height - a.width * a.height)[0];
    const data = pane.getContext('2d')!.getImageData(0, 0, pane.width, pane.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 16) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return seen.size;
  });
}

const points = async (page: Page): Promise<number> => Number(await page.locator('body').getAttribute('data-points'));

describe('UI: quote chart page in Chromium (real bundle, CSP, session and feed)', function () {
  this.timeout(60_000);
  let server: Server;
  let browser: Browser;
  let page: Page;
  let feed: ChartFeed;
  let session: ChartSession;
  let ticker: ReturnType<typeof setInterval>;
  const logs: string[] = [];
  const pageProblems: string[] = [];

  before(async function () {
    this.timeout(120_000);
    if (!existsSync(join(webviewDir, 'main.js'))) spawnSync('node', ['esbuild.mjs'], { stdio: 'inherit' });
    server = await serveWebview();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1100, height: 560 } });
    page.on('console', (m) => m.type() === 'error' && pageProblems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => pageProblems.push(`pageerror: ${e.message}`));

    const source = new MarketEvents();
    feed = new ChartFeed(source, { historySeconds: 300 });
    let price = 5000;
    let t = 0;
    ticker = setInterval(() => {
      // ~200 quotes a second (4 per 20 ms) so coalescing has work to do.
      for (let i = 0; i < 4; i++) {
        price = Math.max(4900, price + (Math.random() - 0.5) * 0.75);
        const last = Math.round(price * 4) / 4;
        source.events.fire({ hub: 'market', name: 'GatewayQuote', contractId: CONTRACT, data: { symbol: 'F.US.EP', symbolName: '/ES', lastPrice: last, bestBid: last - 0.25, bestAsk: last + 0.25, change: last - 5000, changePercent: ((last - 5000) / 5000) * 100, open: 5000, high: undefined, low: undefined, volume: undefined, lastUpdated: undefined, timestamp: undefined } });
      }
      if (++t % 5 === 0) source.events.fire({ hub: 'market', name: 'GatewayTrade', contractId: CONTRACT, data: [{ symbolId: 'F.US.EP', price: Math.round(price * 4) / 4, timestamp: undefined, type: Math.random() < 0.5 ? 'Buy' : 'Sell', volume: 1 + Math.floor(Math.random() * 8) }] });
    }, 20);

    let queue = Promise.resolve();
    session = new ChartSession({
      post: (message) => {
        queue = queue.then(() => page.evaluate((m) => window.postMessage(m, '*'), message)).catch(() => undefined);
      },
      feed: () => feed,
      contracts: () => [{ id: CONTRACT, label: '/ES  CON.F.US.EP.U25' }, { id: 'CON.F.US.NQ.U25', label: '/NQ  CON.F.US.NQ.U25' }],
      historySeconds: () => 300,
      log: (level, text) => logs.push(`${level} ${text}`),
      onDidSelectContract: () => undefined,
      noFeedNotice: () => 'not signed in',
    }, CONTRACT, { windowSeconds: 60, mode: 'lines' });
    await page.exposeFunction('__toHost', (m: unknown) => session.handleMessage(m));
    await stubVsCode(page);
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  });

  after(async () => {
    clearInterval(ticker);
    session?.dispose();
    feed?.dispose();
    await browser?.close();
    await new Promise((ok) => server?.close(ok));
  });

  it('draws the chart canvas and the number of points grows over a few seconds', async () => {
    await page.waitForFunction(() => Number(document.body.dataset.points) > 0, undefined, { timeout: 10_000 });
    const before = await points(page);
    await page.waitForTimeout(2500);
    const after = await points(page);
    assert.ok(after > before, `points did not grow: ${before} -> ${after}`);
    assert.ok((await paneColors(page)) > 3, 'the pane canvas looks blank');
    assert.equal(await page.locator('.bar').getAttribute('data-status'), 'live');
    assert.match((await page.locator('.cell.last .value').textContent()) ?? '', /^\d+\.\d{2}$/);
    assert.match((await page.locator('.coalesced').textContent()) ?? '', /^[\d,]+ coalesced$/);
    assert.ok(feed.stats.coalesced > 0, 'nothing was coalesced at ~200 quotes/s');
    const dir = process.env.HUBMON_SCREENSHOT_DIR;
    if (dir) await page.screenshot({ path: join(dir, 'chart-page-dark.png') });
  });

  it('re-themes live: the chart background follows a switch to a light theme', async () => {
    const dark = await paneBackground(page);
    await page.evaluate(() => (window as unknown as { __setTheme(k: string): void }).__setTheme('light'));
    await page.waitForFunction(() => document.body.dataset.chartBackground === '#ffffff', undefined, { timeout: 5000 });
    await page.waitForTimeout(300);
    const light = await paneBackground(page);
    assert.deepEqual(dark, [0x1e, 0x1e, 0x1e]);
    assert.deepEqual(light, [0xff, 0xff, 0xff]);
    const dir = process.env.HUBMON_SCREENSHOT_DIR;
    if (dir) await page.screenshot({ path: join(dir, 'chart-page-light.png') });
  });

  it('comes back after a reload from the saved state and a fresh snapshot', async () => {
    const saved = parsePanelState(await page.evaluate(() => JSON.parse(sessionStorage.getItem('state') ?? 'null')));
    assert.ok(saved.ok && saved.value.contractId === CONTRACT && saved.value.windowSeconds === 60, JSON.stringify(saved));
    await page.evaluate(() => sessionStorage.setItem('theme', 'light'));
    await page.reload();
    await page.waitForFunction(() => Number(document.body.dataset.points) > 10, undefined, { timeout: 10_000 });
    assert.equal(await page.locator('body').getAttribute('data-contract'), CONTRACT);
  });

  it('rejects a malformed host message and a webview message for an unsubscribed contract, and logs both', async () => {
    await page.evaluate(() => window.postMessage({ type: 'snapshot', quotes: 'lots' }, '*'));
    await page.waitForTimeout(300);
    session.handleMessage({ type: 'selectContract', contractId: 'CON.F.US.GC.Z25' });
    assert.ok(logs.some((l) => /rejected a host message: malformed snapshot/.test(l)), logs.join('\n'));
    assert.ok(logs.some((l) => /not among the subscribed contracts/.test(l)), logs.join('\n'));
    assert.equal(await page.locator('body').getAttribute('data-contract'), CONTRACT);
  });

  it('pauses (no more points) and resumes with a fresh snapshot', async () => {
    await page.locator('#pause').click();
    await page.waitForTimeout(300);
    const paused = await points(page);
    await page.waitForTimeout(1000);
    assert.equal(await points(page), paused);
    assert.equal(await page.locator('.bar').getAttribute('data-status'), 'paused');
    await page.locator('#pause').click();
    await page.waitForFunction((n) => Number(document.body.dataset.points) > n, paused, { timeout: 5000 });
  });

  it('ran without CSP violations or page errors', () => {
    assert.deepEqual(pageProblems, []);
  });
});
