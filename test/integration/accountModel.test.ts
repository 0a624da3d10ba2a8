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

const ACCOUNT = 123;
const ES = 'CON.F.US.EP.U25';

/** The account lines of the scripted session, worked by hand (ES: tick 0.25 = 12.50, fee 1.40 per contract). */
const base = { kind: 'account', accountId: ACCOUNT, name: 'DEMO-123', canTrade: true, workingOrders: [] } as const;
// Buy 2 @ 5000: a half-turn, fees 2 × 1.40; no quote yet.
const AFTER_BUY: AccountLine = {
  ...base, balance: 49997.2, realizedPnl: 0, fees: 2.8, unrealizedPnl: 0, netPnl: -2.8,
  positions: [{ contractId: ES, type: 'Long', size: 2, averagePrice: 5000, markPrice: null, unrealizedPnl: 0 }],
  risk: [{ rule: 'dailyLoss', limit: 1000, used: 2.8, distance: 997.2, state: 'ok' }],
};
// Quote: last 5010.25 → 41 ticks × 12.50 × 2 = 1025.
const AFTER_QUOTE: AccountLine = {
  ...AFTER_BUY, unrealizedPnl: 1025, netPnl: 1022.2,
  positions: [{ contractId: ES, type: 'Long', size: 2, averagePrice: 5000, markPrice: 5010.25, unrealizedPnl: 1025 }],
  risk: [{ rule: 'dailyLoss', limit: 1000, used: 0, distance: 1000, state: 'ok' }],
};
// Sell 1 @ 5010: +10 points × 50 = +500, fee 1.40; 1 left worth 41 ticks × 12.50 = 512.50.
const AFTER_SELL: AccountLine = {
  ...base, balance: 50495.8, realizedPnl: 500, fees: 4.2, unrealizedPnl: 512.5, netPnl: 1008.3,
  positions: [{ contractId: ES, type: 'Long', size: 1, averagePrice: 5000, markPrice: 5010.25, unrealizedPnl: 512.5 }],
  risk: [{ rule: 'dailyLoss', limit: 1000, used: 0, distance: 1000, state: 'ok' }],
};

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

  const quote = (): void => sim.faults.sendInvocation('market', 'GatewayQuote', [ES, { symbol: 'F.US.EP', symbolName: '/ES', lastPrice: 5010.25, bestBid: 5010, bestAsk: 5010.25 }]);

  it('a scripted session of fills and quotes gives the exact account lines', async () => {
    await settle({ ...base, balance: 50000, realizedPnl: 0, fees: 0, unrealizedPnl: 0, netPnl: 0, positions: [], risk: [{ rule: 'dailyLoss', limit: 1000, used: 0, distance: 1000, state: 'ok' }] });
    sim.placeOrder(ACCOUNT, ES, 'Bid', 2, 5000);
    await settle(AFTER_BUY);
    quote();
    await settle(AFTER_QUOTE);
    sim.placeOrder(ACCOUNT, ES, 'Ask', 1, 5010);
    await settle(AFTER_SELL);
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
});
