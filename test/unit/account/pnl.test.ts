import assert from 'node:assert/strict';
import { dayTotals, markPrice, netPnl, unrealizedPnl } from '../../../src/core/account/pnl';
import { contractLabel, formatMoney, priceDecimals } from '../../../src/core/account/format';
import { CL, ES, trade } from './fixtures';

describe('account P&L formulas', () => {
  // (mark − average) / tickSize × tickValue × size, signed by the side; every figure worked by hand.
  const cases: [string, 'Long' | 'Short', number, number, number, number, number, number][] = [
    ['ES long 2 @ 5000, mark 5010.25: 41 ticks × 12.50 × 2', 'Long', 2, 5000, 5010.25, 0.25, 12.5, 1025],
    ['ES short 2 @ 5000, mark 5010.25', 'Short', 2, 5000, 5010.25, 0.25, 12.5, -1025],
    ['CL long 3 @ 65.12, mark 65.37: 25 ticks × 10 × 3 (float noise cleaned)', 'Long', 3, 65.12, 65.37, 0.01, 10, 750],
    ['GC short 1 @ 3400.5, mark 3398.2: 23 ticks × 10', 'Short', 1, 3400.5, 3398.2, 0.1, 10, 230],
    ['MES long 5 @ 5000, mark 4999.75: −1 tick × 1.25 × 5', 'Long', 5, 5000, 4999.75, 0.25, 1.25, -6.25],
    ['NQ short 3 @ 21000.5, mark 21000.5: flat', 'Short', 3, 21000.5, 21000.5, 0.25, 5, 0],
  ];
  for (const [name, type, size, avg, mark, tickSize, tickValue, expected] of cases) {
    it(name, () => assert.equal(unrealizedPnl(type, size, avg, mark, tickSize, tickValue), expected));
  }

  it('marks at the last price, else the bid/ask mid, else nothing', () => {
    assert.equal(markPrice({ lastPrice: 5001, bestBid: 5000, bestAsk: 5000.5 }), 5001);
    assert.equal(markPrice({ lastPrice: undefined, bestBid: 21000.25, bestAsk: 21000.75 }), 21000.5);
    assert.equal(markPrice({ lastPrice: undefined, bestBid: 21000.25, bestAsk: undefined }), undefined);
  });

  it('realized sums profitAndLoss (half-turns 0, voided excluded); fees include opening trades', () => {
    const trades = [
      trade(1, ES, '2026-11-24T15:00:00Z', 5000, null, 2.8, 2),
      trade(2, ES, '2026-11-24T15:05:00Z', 5010, 500, 1.4),
      trade(3, CL, '2026-11-24T15:06:00Z', 65.1, -120.1, 1.6),
      trade(4, CL, '2026-11-24T15:07:00Z', 65.2, 999, 1.6, 1, true),
    ];
    assert.deepEqual(dayTotals(trades), { realizedPnl: 379.9, fees: 5.8 });
    assert.equal(netPnl(379.9, 5.8, 1025), 1399.1);
  });

  it('formats money, prices and contract labels for display', () => {
    assert.equal(formatMoney(1622.9, true), '+1,622.90');
    assert.equal(formatMoney(-0.004, true), '0.00');
    assert.equal(formatMoney(-12.5), '-12.50');
    assert.deepEqual([0.25, 0.01, 0.1, 1, 0.0001].map(priceDecimals), [2, 2, 1, 0, 4]);
    assert.equal(contractLabel(ES, { name: 'ESZ6' }), 'ES Z26');
    assert.equal(contractLabel('CON.F.US.MES.Z26', { name: 'MESZ6' }), 'MES Z26');
    assert.equal(contractLabel(ES), 'EP Z26');
  });
});
