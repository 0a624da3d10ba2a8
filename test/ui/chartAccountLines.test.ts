// The account's price lines on the chart in Chromium: the real page and bundle, the real session,
// feed, AccountMonitor and hubs against a simulator on 127.0.0.1 whose demo account trades by
// itself (resting limit orders placed, filled and cancelled; positions opened and closed). Checks the
// page draws the open position's average and each working order of the chart's contract as the
// host's model has them, that they follow as they change, and that a flattened position's line goes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/vscode/codeServer.mjs';
import { AccountMonitor } from '../../src/core/account/accountMonitor';
import { TokenSource } from '../../src/core/auth/tokenSource';
import { accountPriceLines } from '../../src/core/chart/accountPriceLines';
import { ChartFeed } from '../../src/core/chart/chartFeed';
import { ChartSession } from '../../src/core/chart/chartSession';
import { GatewayClient } from '../../src/core/gateway/gatewayClient';
import { createMonitor, type EngineMonitor } from '../../src/core/monitor/monitor';
import { demoProfile, DEMO_API_KEY, DEMO_USERNAME } from '../../src/core/profiles';
import { GatewaySimulator } from '../../src/simulator';
import { serveWebview, stubVsCode } from './support/chartPageHost';

declare const window: { postMessage(message: unknown, targetOrigin: string): void };

describe('UI: position and working orders as price lines on the chart (Chromium, real account model and simulator)', function () {
  this.timeout(120_000);
  let sim: GatewaySimulator;
  let tokens: TokenSource;
  let monitor: EngineMonitor;
  let feed: ChartFeed;
  let account: AccountMonitor;
  let session: ChartSession;
  let server: Server;
  let browser: Browser;
  let page: Page;
  let contractId = '';
  let accountId = 0;
  const pageProblems: string[] = [];

  before(async function () {
    this.timeout(120_000);
    spawnSync('node', ['esbuild.mjs'], { stdio: 'inherit' });
    // The demo account's own activity, quickly: it rests, fills and cancels orders on the first five contracts.
    sim = new GatewaySimulator({ userActivityIntervalMs: 120 });
    const urls = await sim.start();
    contractId = sim.world.contracts[0].id;
    accountId = sim.world.accounts[0].id;
    const profile = demoProfile(urls.port);
    const gateway = new GatewayClient(profile.apiUrl);
    tokens = new TokenSource({ gateway, credentials: { userName: DEMO_USERNAME, apiKey: DEMO_API_KEY } });
    monitor = createMonitor({ profile, tokens, gateway, retryDelaysMs: [0, 100, 200] });
    for (const method of ['SubscribeContractQuotes', 'SubscribeContractTrades']) void monitor.market.subscriptions.add(method, contractId);
    for (const method of ['SubscribeOrders', 'SubscribePositions', 'SubscribeTrades']) void monitor.user.subscriptions.add(method, accountId);
    await monitor.connect();
    account = new AccountMonitor({ user: monitor.user, market: monitor.market, gateway, tokens, accounts: [accountId] });
    await account.seed();
    feed = new ChartFeed(monitor.market, { historySeconds: 300 });
    server = await serveWebview();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1000, height: 520 } });
    page.on('console', (m) => m.type() === 'error' && pageProblems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => pageProblems.push(`pageerror: ${e.message}`));
    let queue = Promise.resolve();
    session = new ChartSession({
      post: (message) => {
        queue = queue.then(() => page.evaluate((m) => window.postMessage(m, '*'), message)).catch(() => undefined);
      },
      feed: () => feed,
      contracts: () => [{ id: contractId, label: contractId }],
      historySeconds: () => 300,
      log: () => undefined,
      onDidSelectContract: () => undefined,
      noFeedNotice: () => 'not signed in',
      // As the extension wires it: the account model's snapshot → lines, refreshed on every change.
      priceLines: (id) => accountPriceLines([account.snapshot(accountId)].flatMap((s) => s ?? []), id),
    }, contractId, { mode: 'lines' });
    account.onDidChange(() => session.refreshPriceLines());
    await page.exposeFunction('__toHost', (m: unknown) => session.handleMessage(m));
    await stubVsCode(page);
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  });

  after(async () => {
    session?.dispose();
    account?.dispose();
    feed?.dispose();
    await browser?.close();
    await new Promise((ok) => server?.close(ok));
    await monitor?.disconnect();
    monitor?.dispose();
    tokens?.dispose();
    await sim?.stop();
  });

  /** What the page draws ("Long 2 at 5000.25; Buy 1 LMT at 4999.75"), from its canvas' accessible name. */
  const drawn = async (): Promise<string> => (await page.locator('body').getAttribute('data-price-lines')) ?? '';
  /** The same text from the host's model now (precision as the page chose it: the contract's ticks). */
  const expected = async (): Promise<string> => {
    const decimals = Number(/at -?\d+\.(\d+)/.exec(await drawn())?.[1]?.length ?? 2);
    return accountPriceLines([account.snapshot(accountId)].flatMap((s) => s ?? []), contractId).map((l) => `${l.label} at ${l.price.toFixed(decimals)}`).join('; ');
  };
  async function waitFor(what: string, accept: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await accept()) return;
      await page.waitForTimeout(50);
    }
    throw new Error(`timed out waiting for ${what}; the page draws "${await drawn()}", the model has "${await expected()}"`);
  }

  it('draws a working order of the chart’s contract as the model has it, and removes it once filled or cancelled', async () => {
    let order = '';
    await waitFor('a working order line', async () => {
      order = (await drawn()).split('; ').find((l) => / LMT at /.test(l)) ?? '';
      return order !== '';
    }, 60_000);
    assert.match(order, /^(Buy|Sell) \d+ LMT at \d+\.\d+$/);
    await waitFor('the order’s line to go (filled or cancelled)', async () => !(await drawn()).split('; ').includes(order), 60_000);
  });

  it('draws the open position’s average price and removes it when the position is flattened', async () => {
    sim.setPosition(accountId, contractId, 9, 4321.25);
    await waitFor('the position line', async () => /(Long|Short) \d+ at 4321\.25/.test(await drawn()), 10_000);
    sim.setPosition(accountId, contractId, 0, 4321.25);
    await waitFor('the flat position’s line to go', async () => !/at 4321\.25/.test(await drawn()), 10_000);
  });

  it('ends where the model is: the page’s lines equal the host’s mapping of the latest snapshot', async () => {
    await waitFor('page and model to agree', async () => (await drawn()) === (await expected()), 10_000);
    assert.match((await page.locator('.chart').getAttribute('aria-label')) ?? '', /^Price chart of /);
    assert.deepEqual(pageProblems, []);
  });
});
