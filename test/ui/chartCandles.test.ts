// Candles in Chromium: the real page and bundle against the real session, feed and market hub of a
// simulator on 127.0.0.1 (history from History/retrieveBars, live prints over SignalR). Checks the
// hour of history is drawn as candles in dark and light, and that mode and timeframe switch with
// the keyboard alone (reaching the host and the saved panel state).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/vscode/codeServer.mjs';
import { TokenSource } from '../../src/core/auth/tokenSource';
import { ChartFeed } from '../../src/core/chart/chartFeed';
import { ChartSession } from '../../src/core/chart/chartSession';
import { GatewayClient } from '../../src/core/gateway/gatewayClient';
import { createMonitor, type EngineMonitor } from '../../src/core/monitor/monitor';
import { demoProfile, DEMO_API_KEY, DEMO_USERNAME } from '../../src/core/profiles';
import { parsePanelState } from '../../src/shared/chartValidate';
import { GatewaySimulator } from '../../src/simulator';
import { serveWebview, stubVsCode } from './support/chartPageHost';

declare const document: { body: { dataset: Record<string, string | undefined> } };
declare const sessionStorage: { getItem(key: string): string | null };
declare const window: { postMessage(message: unknown, targetOrigin: string): void };

const ES = 'CON.F.US.EP.U25';
const shots = resolve(process.env.HUBMON_SCREENSHOT_DIR ?? '.test-runs/screenshots');

describe('UI: candles with history in Chromium (real page, session, feed and simulator)', function () {
  this.timeout(60_000);
  let sim: GatewaySimulator;
  let tokens: TokenSource;
  let monitor: EngineMonitor;
  let feed: ChartFeed;
  let session: ChartSession;
  let server: Server;
  let browser: Browser;
  let page: Page;
  const logs: string[] = [];
  const pageProblems: string[] = [];

  before(async function () {
    this.timeout(120_000);
    spawnSync('node', ['esbuild.mjs'], { stdio: 'inherit' });
    mkdirSync(shots, { recursive: true });
    sim = new GatewaySimulator({ userActivityIntervalMs: 0 });
    const urls = await sim.start();
    const profile = demoProfile(urls.port);
    const gateway = new GatewayClient(profile.apiUrl);
    tokens = new TokenSource({ gateway, credentials: { userName: DEMO_USERNAME, apiKey: DEMO_API_KEY } });
    monitor = createMonitor({ profile, tokens, gateway, retryDelaysMs: [0, 100, 200] });
    for (const method of ['SubscribeContractQuotes', 'SubscribeContractTrades']) void monitor.market.subscriptions.add(method, ES);
    await monitor.connect();
    feed = new ChartFeed(monitor.market, { historySeconds: 300 });
    server = await serveWebview();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1100, height: 560 } });
    page.on('console', (m) => m.type() === 'error' && pageProblems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => pageProblems.push(`pageerror: ${e.message}`));
    let queue = Promise.resolve();
    session = new ChartSession({
      post: (message) => {
        queue = queue.then(() => page.evaluate((m) => window.postMessage(m, '*'), message)).catch(() => undefined);
      },
      feed: () => feed,
      contracts: () => [{ id: ES, label: '/ES  CON.F.US.EP.U25' }],
      historySeconds: () => 300,
      log: (level, text) => logs.push(`${level} ${text}`),
      onDidSelectContract: () => undefined,
      noFeedNotice: () => 'not signed in',
      bars: () => async (request) => gateway.retrieveBars(await tokens.getToken(), request),
    }, ES);
    await page.exposeFunction('__toHost', (m: unknown) => session.handleMessage(m));
    await stubVsCode(page);
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  });

  after(async () => {
    session?.dispose();
    feed?.dispose();
    await browser?.close();
    await new Promise((ok) => server?.close(ok));
    await monitor?.disconnect();
    monitor?.dispose();
    tokens?.dispose();
    await sim?.stop();
  });

  const body = (name: string): Promise<string | null> => page.locator('body').getAttribute(`data-${name}`);

  it('opens as 1 min candles with the hour of history drawn, in dark and light', async () => {
    await page.waitForFunction(() => Number(document.body.dataset.candles) >= 55, undefined, { timeout: 15_000 });
    assert.deepEqual([await body('mode'), await body('timeframe')], ['candles', '1m']);
    assert.equal(session.historyState, 'loaded');
    assert.match((await page.locator('.chart').getAttribute('aria-label')) ?? '', /1 min candles with volume/);
    await page.screenshot({ path: join(shots, 'chart-candles-dark.png') });
    await page.evaluate(() => (window as unknown as { __setTheme(k: string): void }).__setTheme('light'));
    await page.waitForFunction(() => document.body.dataset.chartBackground === '#ffffff', undefined, { timeout: 5000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, 'chart-candles-light.png') });
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
    assert.deepEqual(pageProblems, []);
    assert.deepEqual(logs.filter((l) => /rejected|webview/.test(l)), []);
  });
});
