import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { AccountMonitor } from '../../src/core/account/accountMonitor';
import type { AccountSnapshot } from '../../src/core/account/types';
import { TokenSource } from '../../src/core/auth/tokenSource';
import { GatewayClient } from '../../src/core/gateway/gatewayClient';
import { createMonitor, type EngineMonitor } from '../../src/core/monitor/monitor';
import { demoProfile, DEMO_API_KEY, DEMO_USERNAME } from '../../src/core/profiles';
import { GatewaySimulator } from '../../src/simulator';
import { accountLine, type AccountLine } from '../../src/cli/accountLines';
import { ACCOUNT, AFTER_BUY, AFTER_QUOTE, AFTER_SELL, base, ES, scriptedQuote } from './accountScript';

describe('account model over real sockets (simulator on 127.0.0.1)', function () {
  this.timeout(30_000);
  let sim: GatewaySimulator;
  let monitor: EngineMonitor;
  let tokens: TokenSource;
  let model: AccountMonitor;
  let lines: AccountLine[];

  beforeEach(async () => {
    sim = new GatewaySimulator({ marketIntervalMs: 0, userActivityIntervalMs: 0 });
    const urls = await sim.start();
    const profile = demoProfile(urls.port);
    const gateway = new GatewayClient(profile.apiUrl);
    tokens = new TokenSource({ gateway, credentials: { userName: DEMO_USERNAME, apiKey: DEMO_API_KEY } });
    monitor = createMonitor({ profile, tokens, gateway, retryDelaysMs: [0, 100, 200] });
    model = new AccountMonitor({ user: monitor.user, market: monitor.market, gateway, tokens, accounts: [ACCOUNT], limits: { dailyLoss: 1000 }, record: monitor.timeline.recorder('user') });
    lines = [];
    model.onDidChange((s: AccountSnapshot) => lines.push(accountLine(s)));
    for (const method of ['SubscribeOrders', 'SubscribePositions', 'SubscribeTrades']) void monitor.user.subscriptions.add(method, ACCOUNT);
    void monitor.user.subscriptions.add('SubscribeAccounts');
    await monitor.connect();
    await model.seed();
  });
  afterEach(async () => {
    model.dispose();
    await monitor.disconnect();
    monitor.dispose();
    tokens.dispose();
    await sim.stop();
  });

  /** Resolves once the latest account line is `expected`; fails with the lines seen otherwise. */
  async function settle(expected: AccountLine): Promise<void> {
    for (let waited = 0; waited < 8000; waited += 20) {
      if (lines.length > 0 && isDeepStrictEqual(lines[lines.length - 1], expected)) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.deepEqual(lines[lines.length - 1], expected, `account lines seen:\n${lines.map((l) => JSON.stringify(l)).join('\n')}`);
  }

  const quote = (): void => scriptedQuote(sim);

  it('a scripted session of fills and quotes gives the exact account lines', async () => {
    await settle({ ...base, balance: 50000, realizedPnl: 0, fees: 0, unrealizedPnl: 0, netPnl: 0, positions: [], risk: [{ rule: 'dailyLoss', limit: 1000, used: 0, distance: 1000, state: 'ok' }] });
    sim.placeOrder(ACCOUNT, ES, 'Bid', 2, 5000);
    await settle(AFTER_BUY);
    quote();
    await settle(AFTER_QUOTE);
    sim.placeOrder(ACCOUNT, ES, 'Ask', 1, 5010);
    await settle(AFTER_SELL);
    assert.deepEqual(model.accountMetrics(), [
      { accountId: ACCOUNT, name: 'DEMO-123', netPnl: 1008.3, realizedPnl: 500, unrealizedPnl: 512.5, openPositions: 1, risk: [{ rule: 'dailyLoss', distance: 1000, state: 'ok' }] },
    ]);
    // The same events again (a duplicate delivery) change nothing: no new line.
    const count = lines.length;
    quote();
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(lines.length, count);
  });

  it('a drop during the fills, then reconnect and resync, converges to the uninterrupted state and logs the gap', async () => {
    sim.placeOrder(ACCOUNT, ES, 'Bid', 2, 5000);
    quote();
    await settle(AFTER_QUOTE);
    // Down: the sell's order, trade, position and account events reach nobody.
    await sim.faults.refuseConnections(true);
    const reconnecting = new Promise<void>((resolve) => {
      const sub = monitor.user.onDidChangeState((s) => {
        if (s.kind === 'reconnecting') {
          sub.dispose();
          resolve();
        }
      });
    });
    sim.faults.dropAll('user');
    await reconnecting;
    sim.placeOrder(ACCOUNT, ES, 'Ask', 1, 5010);
    assert.deepEqual(lines[lines.length - 1], AFTER_QUOTE, 'nothing arrived while down');
    await sim.faults.refuseConnections(false);
    await settle(AFTER_SELL);
    const gap = monitor.timeline.recent().find((e) => e.step.kind === 'note' && e.step.text.startsWith(`Account ${ACCOUNT} resynced after`));
    assert.ok(gap && gap.step.kind === 'note', 'the gap is logged');
    assert.match(gap.step.text, new RegExp(`position ${ES.replace(/\./g, '\\.')} 2 → 1`));
    assert.match(gap.step.text, /1 trade\(s\) missed/);
    assert.match(gap.step.text, /balance 49997\.2 → 50495\.8/);
  });

  it('with every user event duplicated and pairs reordered, the same session ends at the same exact lines', async () => {
    sim.faults.duplicateUserEvents(true);
    sim.faults.reorderUserEvents(true);
    sim.placeOrder(ACCOUNT, ES, 'Bid', 2, 5000);
    await settle(AFTER_BUY);
    quote();
    await settle(AFTER_QUOTE);
    sim.placeOrder(ACCOUNT, ES, 'Ask', 1, 5010);
    await settle(AFTER_SELL);
    // And a resync on top (REST after the events) leaves the same state.
    await model.seed();
    assert.deepEqual(accountLine(model.snapshot(ACCOUNT) ?? assert.fail('watched')), AFTER_SELL);
  });

  it('owns a quote subscription per held contract and releases it when the position closes, leaving the user\'s own alone', async () => {
    const NQ = 'CON.F.US.NQ.U25';
    const quoteKeys = () => monitor.market.subscriptions.list().map((i) => i.key).filter((k) => k.startsWith('SubscribeContractQuotes:')).sort();
    await monitor.market.subscriptions.add('SubscribeContractQuotes', NQ); // the user's
    sim.placeOrder(ACCOUNT, ES, 'Bid', 1, 5000);
    sim.placeOrder(ACCOUNT, NQ, 'Bid', 1, 21000);
    for (let i = 0; i < 400 && quoteKeys().length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(quoteKeys(), [`SubscribeContractQuotes:${ES}`, `SubscribeContractQuotes:${NQ}`]);
    sim.placeOrder(ACCOUNT, ES, 'Ask', 1, 5000);
    sim.placeOrder(ACCOUNT, NQ, 'Ask', 1, 21000);
    for (let i = 0; i < 400 && quoteKeys().length > 1; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(quoteKeys(), [`SubscribeContractQuotes:${NQ}`]);
    assert.deepEqual(model.snapshot(ACCOUNT)?.positions, []);
  });
});
