import assert from 'node:assert/strict';
import { AccountBook } from '../../../src/core/account/accountBook';
import { evaluateRisk } from '../../../src/core/account/riskRules';
import type { AccountSnapshot } from '../../../src/core/account/types';
import { account, ACCOUNT_ID, CL, CONTRACTS, ES, GC, MES, NQ, order, position, trade, TUESDAY_MORNING } from './fixtures';

const book = (limits = {}, now = TUESDAY_MORNING): AccountBook => new AccountBook(ACCOUNT_ID, limits, CONTRACTS, now);
const quote = (lastPrice: number) => ({ lastPrice, bestBid: undefined, bestAsk: undefined });
const figures = (s: AccountSnapshot) => ({ realized: s.realizedPnl, fees: s.fees, unrealized: s.unrealizedPnl, net: s.netPnl });

describe('account book', () => {
  it('partial close: ES long 3 @ 5000, sell 1 @ 5010 (+500), mark 5012 on the 2 left', () => {
    const b = book();
    b.applyTrade(trade(1, ES, '2026-11-24T15:00:00Z', 5000, null, 4.2, 3));
    b.applyTrade(trade(2, ES, '2026-11-24T15:01:00Z', 5010, 500, 1.4));
    b.applyPosition(position(ES, 'Long', 2, 5000), false);
    b.applyQuote(ES, quote(5012));
    // unrealized 12 points × 4 ticks × 12.50 × 2 = 1200; net 500 − 5.60 + 1200
    assert.deepEqual(figures(b.snapshot()), { realized: 500, fees: 5.6, unrealized: 1200, net: 1694.4 });
  });

  it('reversal: NQ short 1 @ 21000, buy 3 @ 20990 (+200 on the closing one), long 2 @ 20990 marked 20995', () => {
    const b = book();
    b.applyTrade(trade(1, NQ, '2026-11-24T15:00:00Z', 21000, null, 1.4));
    b.applyPosition(position(NQ, 'Short', 1, 21000), false);
    b.applyTrade(trade(2, NQ, '2026-11-24T15:02:00Z', 20990, 200, 4.2, 3));
    b.applyPosition(position(NQ, 'Long', 2, 20990, 2), false);
    b.applyQuote(NQ, quote(20995));
    const s = b.snapshot();
    assert.deepEqual(figures(s), { realized: 200, fees: 5.6, unrealized: 200, net: 394.4 });
    assert.deepEqual(s.positions.map((p) => [p.contractId, p.type, p.size]), [[NQ, 'Long', 2]]);
  });

  it('several contracts with different tick values add up', () => {
    const b = book();
    b.applyPosition(position(ES, 'Long', 1, 5000, 1), false); // +4 ticks × 12.50 = 50
    b.applyPosition(position(CL, 'Short', 2, 65, 2), false); // +10 ticks × 10 × 2 = 200
    b.applyPosition(position(GC, 'Long', 1, 3400, 3), false); // −1 tick × 10 = −10
    b.applyPosition(position(MES, 'Long', 4, 5000, 4), false); // +10 ticks × 1.25 × 4 = 50
    for (const [id, last] of [[ES, 5001], [CL, 64.9], [GC, 3399.9], [MES, 5002.5]] as const) b.applyQuote(id, quote(last));
    const s = b.snapshot();
    assert.deepEqual(s.positions.map((p) => p.unrealizedPnl), [50, 200, -10, 50]);
    assert.equal(s.unrealizedPnl, 290);
    assert.equal(s.openContracts, 8);
  });

  it('a position without a quote yet counts 0 and shows no mark; a closed one leaves the set', () => {
    const b = book();
    b.applyPosition(position(ES, 'Long', 1, 5000), false);
    assert.deepEqual(b.snapshot().positions.map((p) => [p.markPrice, p.unrealizedPnl]), [[null, 0]]);
    b.applyPosition(position(ES, 'Long', 0, 0), false);
    assert.deepEqual(b.snapshot().positions, []);
    assert.deepEqual(b.heldContracts(), []);
  });

  it('every event delivered twice gives the same state as once', () => {
    const events = (b: AccountBook): void => {
      b.applyAccount(account(50495.8));
      b.applyOrder(order(77, 'Open', '2026-11-24T15:00:00Z'), false);
      b.applyTrade(trade(1, ES, '2026-11-24T15:00:00Z', 5000, null, 2.8, 2));
      b.applyPosition(position(ES, 'Long', 2, 5000), false);
      b.applyOrder(order(78, 'Filled', '2026-11-24T15:01:00Z'), false);
      b.applyTrade(trade(2, ES, '2026-11-24T15:01:00Z', 5010, 500, 1.4));
      b.applyQuote(ES, quote(5010.25));
    };
    const once = book();
    events(once);
    const twice = book();
    events(twice);
    events(twice);
    assert.deepEqual(twice.snapshot(), once.snapshot());
    assert.deepEqual(figures(once.snapshot()), { realized: 500, fees: 4.2, unrealized: 1025, net: 1520.8 });
  });

  it('a REST snapshot racing the events (older, then the events again) converges to one state', () => {
    const live = book();
    live.applyTrade(trade(1, ES, '2026-11-24T15:00:00Z', 5000, null, 1.4));
    live.applyPosition(position(ES, 'Long', 1, 5000), false);
    live.applyOrder(order(77, 'Open', '2026-11-24T15:00:00Z'), false);
    live.applyOrder(order(77, 'Filled', '2026-11-24T15:02:00Z'), false);
    const expected = live.snapshot();
    // The seed was read before the fill: order 77 still open, no trade. The buffered events follow it.
    const raced = book();
    raced.replace({ account: undefined, positions: [], orders: [order(77, 'Open', '2026-11-24T15:00:00Z')], trades: [] });
    raced.applyTrade(trade(1, ES, '2026-11-24T15:00:00Z', 5000, null, 1.4));
    raced.applyPosition(position(ES, 'Long', 1, 5000), false);
    raced.applyOrder(order(77, 'Filled', '2026-11-24T15:02:00Z'), false);
    // A late duplicate of the older "Open" (reordered delivery) changes nothing.
    raced.applyOrder(order(77, 'Open', '2026-11-24T15:00:00Z'), false);
    assert.deepEqual(raced.snapshot(), expected);
    assert.deepEqual(expected.workingOrders, []);
  });

  it('trades before the trading day and voided trades do not count; a new day drops yesterday', () => {
    const b = book();
    b.applyTrade(trade(1, ES, '2026-11-23T22:00:00Z', 5000, 999, 9)); // Monday 17:00 EST: the previous day
    b.applyTrade(trade(2, ES, '2026-11-24T15:00:00Z', 5000, 100, 1.4));
    b.applyTrade(trade(3, ES, '2026-11-24T15:01:00Z', 5000, 50, 1.4, 1, true));
    assert.deepEqual(figures(b.snapshot()), { realized: 100, fees: 1.4, unrealized: 0, net: 98.6 });
    assert.equal(b.rollDay(Date.parse('2026-11-24T23:00:00Z')), true);
    assert.deepEqual(figures(b.snapshot()), { realized: 0, fees: 0, unrealized: 0, net: 0 });
  });
});

describe('risk rules', () => {
  it('dailyLoss: warning at 80 % used, breached at the limit and latched until the next trading day', () => {
    const b = book({ dailyLoss: 1000 });
    b.applyAccount(account(50000));
    b.applyTrade(trade(1, ES, '2026-11-24T15:00:00Z', 5000, -850, 0));
    assert.deepEqual(b.snapshot().risk, [{ rule: 'dailyLoss', limit: 1000, used: 850, distance: 150, state: 'warning' }]);
    b.applyTrade(trade(2, ES, '2026-11-24T15:01:00Z', 5000, -150, 0));
    assert.deepEqual(b.snapshot().risk, [{ rule: 'dailyLoss', limit: 1000, used: 1000, distance: 0, state: 'breached' }]);
    b.applyTrade(trade(3, ES, '2026-11-24T15:02:00Z', 5000, 900, 0));
    assert.deepEqual(b.snapshot().risk, [{ rule: 'dailyLoss', limit: 1000, used: 100, distance: 900, state: 'breached' }]);
    b.rollDay(Date.parse('2026-11-25T15:00:00Z'));
    assert.deepEqual(b.snapshot().risk, [{ rule: 'dailyLoss', limit: 1000, used: 0, distance: 1000, state: 'ok' }]);
  });

  it('maxLoss trailing: the floor follows the highest end-of-day balance and never comes down; static keeps the first', () => {
    const trailing = book({ maxLoss: 2000, trailing: true });
    const fixed = book({ maxLoss: 2000 });
    for (const b of [trailing, fixed]) {
      b.applyAccount(account(50000));
      b.snapshot(); // day 1 starts at 50,000
      b.applyTrade(trade(1, ES, '2026-11-24T15:00:00Z', 5000, 1000, 0));
      b.applyAccount(account(51000)); // day 1 closes at 51,000
      b.rollDay(Date.parse('2026-11-25T15:00:00Z'));
      b.snapshot(); // day 2 starts at 51,000
      b.applyTrade(trade(2, ES, '2026-11-25T15:00:00Z', 5000, -1400, 0));
      b.applyAccount(account(49600));
      b.applyPosition(position(ES, 'Long', 1, 5000), false);
      b.applyQuote(ES, quote(4998)); // −8 ticks × 12.50 = −100: equity 49,500
    }
    // trailing: used = 51,000 − 49,500 = 1,500 (< 80 % of 2,000); static: 50,000 − 49,500 = 500
    assert.deepEqual(trailing.snapshot().risk, [{ rule: 'maxLoss', limit: 2000, used: 1500, distance: 500, state: 'ok' }]);
    assert.deepEqual(fixed.snapshot().risk, [{ rule: 'maxLoss', limit: 2000, used: 500, distance: 1500, state: 'ok' }]);
    // Day 3 starts lower (49,600): the trailing reference stays at 51,000.
    trailing.rollDay(Date.parse('2026-11-26T15:00:00Z'));
    trailing.applyQuote(ES, quote(5000));
    assert.deepEqual(trailing.snapshot().risk, [{ rule: 'maxLoss', limit: 2000, used: 1400, distance: 600, state: 'ok' }]);
  });

  it('maxPosition: warning from 80 % of the contracts, breached only above the limit', () => {
    const input = (openContracts: number) => ({ netPnl: 0, equity: 0, maxLossReference: 0, openContracts });
    const state = (n: number) => evaluateRisk({ maxPosition: 3 }, input(n), new Set())[0];
    assert.deepEqual(state(2), { rule: 'maxPosition', limit: 3, used: 2, distance: 1, state: 'ok' });
    assert.deepEqual(state(3), { rule: 'maxPosition', limit: 3, used: 3, distance: 0, state: 'warning' });
    assert.deepEqual(state(4), { rule: 'maxPosition', limit: 3, used: 4, distance: -1, state: 'breached' });
    assert.equal(evaluateRisk({ maxPosition: 10, warnAt: 0.5 }, input(5), new Set())[0].state, 'warning');
  });
});
