import assert from 'node:assert/strict';
import { CandleAggregator } from '../../../src/core/chart/candles';
import { historyCut, historyRequest, loadHistory } from '../../../src/core/chart/historyLoader';
import { BarUnit } from '../../../src/core/gateway/historyBars';
import { GatewayError } from '../../../src/core/gateway/gatewayError';
import { chartTitle } from '../../../src/core/chart/chartTitle';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 8, 7, 59, 0); // 01:59 Chicago, just before the spring-forward jump

describe('CandleAggregator', () => {
  it('trade-driven: open/high/low/close/volume per bar, a new bar on the boundary', () => {
    const a = new CandleAggregator(MIN);
    a.addTrade(T0 + 1000, 100, 2);
    a.addTrade(T0 + 2000, 103, 1);
    a.addTrade(T0 + 3000, 99, 4);
    a.addTrade(T0 + MIN - 1, 101, 1);
    a.addTrade(T0 + MIN, 102, 5);
    assert.deepEqual(a.candles(), [
      { t: T0, o: 100, h: 103, l: 99, c: 101, v: 8 },
      { t: T0 + MIN, o: 102, h: 102, l: 102, c: 102, v: 5 },
    ]);
  });

  it('bars line up on wall-clock boundaries in both DST states (Chicago CST and CDT)', () => {
    const a = new CandleAggregator(3_600_000);
    const summer = Date.UTC(2026, 6, 1, 14, 30); // 09:30 CDT
    a.addTrade(T0 + 30_000, 1, 1); // 01:59:30 CST
    a.addTrade(summer, 2, 1);
    const [winterBar, summerBar] = a.candles();
    assert.equal(new Date(winterBar.t).toLocaleTimeString('en-US', { timeZone: 'America/Chicago', hour12: false }), '01:00:00');
    assert.equal(new Date(summerBar.t).toLocaleTimeString('en-US', { timeZone: 'America/Chicago', hour12: false }), '09:00:00');
  });

  it('late and out-of-order trades: open is the earliest print, close the latest, an old bar is updated', () => {
    const a = new CandleAggregator(MIN);
    a.addTrade(T0 + 30_000, 100, 1);
    a.addTrade(T0 + MIN + 5000, 110, 1);
    a.takeChanged();
    a.addTrade(T0 + 10_000, 95, 2); // late: belongs to the first bar, earlier than its open
    a.addTrade(T0 + 20_000, 105, 1); // out of order: between open and close, changes neither
    assert.deepEqual(a.takeChanged(), [{ t: T0, o: 95, h: 105, l: 95, c: 100, v: 4 }]);
    a.addTrade(T0 + 59_000, 97, 1);
    assert.equal(a.candles()[0].c, 97, 'the latest print closes the bar');
  });

  it('drops a trade older than every kept bar once full, and keeps at most maxBars', () => {
    const a = new CandleAggregator(1000, 3);
    for (let i = 0; i < 5; i++) a.addTrade(T0 + i * 1000, 100 + i, 1);
    assert.deepEqual(a.candles().map((c) => c.o), [102, 103, 104]);
    a.addTrade(T0, 1, 1);
    assert.equal(a.dropped, 1);
    assert.deepEqual(a.candles().map((c) => c.o), [102, 103, 104]);
  });

  it('quote-driven when no trade arrives (volume 0); the first trade takes the bar over', () => {
    const a = new CandleAggregator(MIN);
    a.addQuote(T0 + 1000, 50);
    a.addQuote(T0 + 2000, 52);
    a.addQuote(T0 + 3000, 49);
    assert.deepEqual(a.candles(), [{ t: T0, o: 50, h: 52, l: 49, c: 49, v: 0 }]);
    a.addTrade(T0 + 4000, 51, 3);
    a.addQuote(T0 + 5000, 60);
    assert.deepEqual(a.candles(), [{ t: T0, o: 51, h: 51, l: 51, c: 51, v: 3 }], 'quotes no longer move a traded bar');
  });

  it('seeds history under live bars: a shared bucket joins history open and live close, volumes added', () => {
    const a = new CandleAggregator(MIN);
    a.addTrade(T0 + 40_000, 104, 2);
    a.seed([
      { t: T0 - MIN, o: 90, h: 95, l: 89, c: 94, v: 10 },
      { t: T0, o: 94, h: 99, l: 93, c: 98, v: 7 },
    ]);
    assert.deepEqual(a.candles(), [
      { t: T0 - MIN, o: 90, h: 95, l: 89, c: 94, v: 10 },
      { t: T0, o: 94, h: 104, l: 93, c: 104, v: 9 },
    ]);
  });

  it('rejects non-finite input and a non-positive timeframe', () => {
    const a = new CandleAggregator(MIN);
    a.addTrade(NaN, 1, 1);
    a.addTrade(T0, Infinity, 1);
    a.addQuote(T0, NaN);
    assert.deepEqual(a.candles(), []);
    assert.throws(() => new CandleAggregator(0));
  });
});

describe('history loader', () => {
  const bar = (t: number, c: number) => ({ t: new Date(t), o: c, h: c, l: c, c, v: 1 });

  it('asks for the hour before the cut at the timeframe unit, ending 1 ms before it', () => {
    const cut = historyCut(T0 + 1);
    assert.equal(cut, T0 + 1000);
    const r = historyRequest('CON.F.US.EP.Z26', '5m', cut);
    assert.deepEqual([r.unit, r.unitNumber, r.endTime.getTime(), cut - r.startTime.getTime(), r.includePartialBar], [BarUnit.Minute, 5, cut - 1, 7_200_000, true]);
    assert.equal(cut - historyRequest('X', '1s', cut).startTime.getTime(), 3_600_000);
  });

  it('loaded: bars as candles, anything at or after the cut left out', async () => {
    const cut = T0 + MIN;
    const r = await loadHistory(async () => [bar(T0 - MIN, 1), bar(T0, 2), bar(cut, 3)], 'X', '1m', cut);
    assert.deepEqual(r, { kind: 'loaded', bars: [{ t: T0 - MIN, o: 1, h: 1, l: 1, c: 1, v: 1 }, { t: T0, o: 2, h: 2, l: 2, c: 2, v: 1 }] });
  });

  it('failure and slowness become one line naming the cause, tokens redacted', async () => {
    const failed = await loadHistory(async () => {
      throw new GatewayError({ endpoint: 'History/retrieveBars', kind: 'business', message: 'History/retrieveBars failed: History is unavailable right now. access_token=abc.def.ghi' });
    }, 'X', '1m', T0);
    assert.equal(failed.kind, 'unavailable');
    assert.match(failed.kind === 'unavailable' ? failed.line : '', /^History unavailable: History\/retrieveBars failed: .*; showing live data only$/);
    assert.ok(!JSON.stringify(failed).includes('abc.def.ghi'));
    const slow = await loadHistory(() => new Promise((_resolve, reject) => setTimeout(() => reject(new Error('late')), 200)), 'X', '1m', T0, 20);
    assert.deepEqual(slow, { kind: 'unavailable', line: 'History unavailable: no answer within 0.02 s; showing live data only' });
  });
});

describe('chart title', () => {
  it('reads like a trader’s: root and month from the symbol name and id, then the timeframe or lines', () => {
    assert.equal(chartTitle('CON.F.US.EP.Z26', '/ES', 'candles', '1m'), 'ES Z26 · 1 min');
    assert.equal(chartTitle('CON.F.US.EP.Z26', undefined, 'candles', '15m'), 'EP Z26 · 15 min');
    assert.equal(chartTitle('CON.F.US.MNQ.H27', '/MNQ', 'lines', '1h'), 'MNQ H27 · Bid/Ask');
    assert.equal(chartTitle('SOMETHING', '/ES', 'candles', '1s'), 'SOMETHING · 1 s');
    assert.equal(chartTitle(undefined, undefined, 'candles', '1m'), 'Quote Chart');
  });
});
