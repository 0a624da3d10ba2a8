// The account monitor's snapshot → the chart's read-only price lines (position average, working
// orders), their validation at the webview edge, and the session posting them only on change.
import assert from 'node:assert/strict';
import type { AccountSnapshot, OrderView } from '../../../src/core/account/types';
import { accountPriceLines } from '../../../src/core/chart/accountPriceLines';
import { ChartSession } from '../../../src/core/chart/chartSession';
import type { PriceLine, ToWebview } from '../../../src/shared/chartProtocol';
import { parseFromWebview, parseToWebview } from '../../../src/shared/chartValidate';

const ES = 'CON.F.US.EP.Z26';
const NQ = 'CON.F.US.ENQ.Z26';

function order(over: Partial<OrderView>): OrderView {
  return { id: 1, contractId: ES, side: 'Bid', type: 'Limit', size: 1, limitPrice: 4990, stopPrice: null, status: 'Open', ...over };
}

function snap(over: Partial<AccountSnapshot> = {}): AccountSnapshot {
  return {
    accountId: 7, name: 'DEMO-7', balance: 50000, canTrade: true, realizedPnl: 0, fees: 0, unrealizedPnl: 0, netPnl: 0, openContracts: 2,
    positions: [], workingOrders: [], trades: [], risk: [], tradingDayStart: 0,
    ...over,
  };
}

describe('chart price lines from the account monitor', () => {
  it('maps the open position and every priced working order of the contract, other contracts left out', () => {
    const s = snap({
      positions: [
        { contractId: ES, type: 'Long', size: 2, averagePrice: 5000.125, markPrice: 5001, unrealizedPnl: 87.5 },
        { contractId: NQ, type: 'Short', size: 1, averagePrice: 21000, markPrice: null, unrealizedPnl: 0 },
      ],
      workingOrders: [
        order({ id: 11, side: 'Bid', type: 'Limit', limitPrice: 4990 }),
        order({ id: 12, side: 'Ask', type: 'Stop', size: 2, limitPrice: null, stopPrice: 4980.5 }),
        order({ id: 13, side: 'Ask', type: 'StopLimit', limitPrice: 5019.75, stopPrice: 5020 }),
        order({ id: 14, side: 'Bid', type: 'Market', limitPrice: null }),
        order({ id: 15, contractId: NQ, limitPrice: 20900 }),
      ],
    });
    const expected: PriceLine[] = [
      { kind: 'position', side: 'long', size: 2, price: 5000.125, label: 'Long 2' },
      { kind: 'order', id: 13, side: 'sell', size: 1, price: 5020, label: 'Sell 1 STP LMT' },
      { kind: 'order', id: 11, side: 'buy', size: 1, price: 4990, label: 'Buy 1 LMT' },
      { kind: 'order', id: 12, side: 'sell', size: 2, price: 4980.5, label: 'Sell 2 STP' },
    ];
    assert.deepEqual(accountPriceLines([s], ES), expected);
    assert.deepEqual(accountPriceLines([s], NQ).map((l) => l.label), ['Short 1', 'Buy 1 LMT']);
  });

  it('flat and no orders: no lines; numeric enum codes read like their names; two accounts name theirs', () => {
    assert.deepEqual(accountPriceLines([snap({ positions: [{ contractId: ES, type: 'Long', size: 0, averagePrice: 0, markPrice: null, unrealizedPnl: 0 }] })], ES), []);
    const coded = snap({ positions: [{ contractId: ES, type: 2, size: 3, averagePrice: 5005, markPrice: null, unrealizedPnl: 0 }], workingOrders: [order({ side: 1, type: 1, limitPrice: 5010 })] });
    assert.deepEqual(accountPriceLines([coded], ES).map((l) => l.label), ['Short 3', 'Sell 1 LMT']);
    const other = snap({ accountId: 8, name: '', workingOrders: [order({ id: 3, limitPrice: 4995 })] });
    assert.deepEqual(accountPriceLines([coded, other], ES).map((l) => l.label), ['DEMO-7: Short 3', 'DEMO-7: Sell 1 LMT', '8: Buy 1 LMT']);
  });

  it('the webview accepts the lines and the ladder button message, and rejects malformed ones', () => {
    const lines = accountPriceLines([snap({ workingOrders: [order({})] })], ES);
    assert.deepEqual(parseToWebview({ type: 'priceLines', contractId: ES, lines }), { ok: true, value: { type: 'priceLines', contractId: ES, lines } });
    for (const bad of [
      { type: 'priceLines', contractId: ES, lines: [{ kind: 'order', side: 'buy', size: 1, price: 1, label: 'x' }] },
      { type: 'priceLines', contractId: ES, lines: [{ kind: 'position', side: 'buy', size: 1, price: 1, label: 'x' }] },
      { type: 'priceLines', contractId: ES, lines: [{ kind: 'position', side: 'long', size: 1, price: Number.NaN, label: 'x' }] },
      { type: 'priceLines', contractId: '../x', lines: [] },
      { type: 'priceLines', contractId: ES, lines: Array.from({ length: 51 }, () => lines[0]) },
    ]) assert.equal(parseToWebview(bad).ok, false, JSON.stringify(bad).slice(0, 120));
    assert.deepEqual(parseFromWebview({ type: 'openLadder', contractId: 'ignored' }), { ok: true, value: { type: 'openLadder' } });
  });

  it('the session posts the lines after a snapshot, again only when they change, and opens the ladder for its own contract', () => {
    const posted: ToWebview[] = [];
    const ladders: string[] = [];
    let current: PriceLine[] = [];
    const session = new ChartSession({
      post: (m) => posted.push(m), feed: () => undefined, contracts: () => [], historySeconds: () => 300, log: () => undefined,
      onDidSelectContract: () => undefined, noFeedNotice: () => 'offline', priceLines: () => current, openLadder: (id) => ladders.push(id),
    }, ES, { mode: 'lines' });
    try {
      session.handleMessage({ type: 'ready' });
      const lineMessages = (): ToWebview[] => posted.filter((m) => m.type === 'priceLines');
      assert.deepEqual(lineMessages(), [{ type: 'priceLines', contractId: ES, lines: [] }]);
      session.refreshPriceLines();
      assert.equal(lineMessages().length, 1, 'unchanged lines posted again');
      current = accountPriceLines([snap({ workingOrders: [order({})] })], ES);
      session.refreshPriceLines();
      current = [];
      session.refreshPriceLines();
      assert.deepEqual(lineMessages().slice(1).map((m) => m.type === 'priceLines' && m.lines.length), [1, 0]);
      session.handleMessage({ type: 'openLadder' });
      assert.deepEqual(ladders, [ES]);
    } finally {
      session.dispose();
    }
  });
});
