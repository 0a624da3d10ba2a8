// The account's price lines on the chart in Chromium: the real page and bundle, the real session,
// feed, AccountMonitor and hubs against a simulator on 127.0.0.1 whose demo account trades by
// itself (resting limit orders placed, filled and cancelled; positions opened and closed). Checks the
// page draws the open position's average and each working order of the chart's contract as the
// host's model has them, that they follow as they change, and that a flattened position's line goes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { AccountMonitor } from '../../src/core/account/accountMonitor';
import { accountPriceLines } from '../../src/core/chart/accountPriceLines';
import { startDemoChart, type DemoChart } from './support/demoChart';

describe('UI: position and working orders as price lines on the chart (Chromium, real account model and simulator)', function () {
  this.timeout(120_000);
  let demo: DemoChart;
  let account: AccountMonitor;
  let page: Page;
  let contractId = '';
  let accountId = 0;

  before(async function () {
    this.timeout(120_000);
    spawnSync('node', ['esbuild.mjs'], { stdio: 'inherit' });
    demo = await startDemoChart({
      // The demo account's own activity, quickly: it rests, fills and cancels orders on the first five contracts.
      simulator: { userActivityIntervalMs: 120 },
      viewport: { width: 1000, height: 520 },
      view: { mode: 'lines' },
      prepare: async ({ sim, monitor, gateway, tokens }) => {
        accountId = sim.world.accounts[0].id;
        for (const method of ['SubscribeOrders', 'SubscribePositions', 'SubscribeTrades']) void monitor.user.subscriptions.add(method, accountId);
        account = new AccountMonitor({ user: monitor.user, market: monitor.market, gateway, tokens, accounts: [accountId] });
        await account.seed();
      },
      // As the extension wires it: the account model's snapshot → lines, refreshed on every change.
      deps: () => ({ priceLines: (id) => accountPriceLines([account.snapshot(accountId)].flatMap((s) => s ?? []), id) }),
    });
    ({ contractId, run: { page } } = demo);
    account.onDidChange(() => demo.session.refreshPriceLines());
  });

  after(async () => {
    account?.dispose();
    await demo?.close();
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
    demo.sim.setPosition(accountId, contractId, 9, 4321.25);
    await waitFor('the position line', async () => /(Long|Short) \d+ at 4321\.25/.test(await drawn()), 10_000);
    demo.sim.setPosition(accountId, contractId, 0, 4321.25);
    await waitFor('the flat position’s line to go', async () => !/at 4321\.25/.test(await drawn()), 10_000);
  });

  it('ends where the model is: the page’s lines equal the host’s mapping of the latest snapshot', async () => {
    await waitFor('page and model to agree', async () => (await drawn()) === (await expected()), 10_000);
    assert.match((await page.locator('.chart').getAttribute('aria-label')) ?? '', /^Price chart of /);
    assert.deepEqual(demo.run.problems, []);
  });
});
