import assert from 'node:assert/strict';
import { mergeHeader, TickCoalescer } from '../../src/core/chart/coalescer';
import { feedStatus } from '../../src/core/chart/feedStatus';
import { FlushScheduler } from '../../src/core/chart/flushScheduler';
import { BoundedSeries, boundsFor } from '../../src/core/chart/seriesStore';
import type { Quote } from '../../src/core/events/types';

describe('BoundedSeries', () => {
  it('drops points older than the window and beyond the count, compacting as it goes', () => {
    const s = new BoundedSeries<{ t: number; v: number }>({ historyMs: 1000, maxPoints: 5000 });
    for (let i = 0; i < 10_000; i++) s.push({ t: i, v: i });
    assert.equal(s.length, 1001);
    const arr = s.toArray();
    assert.equal(arr[0].t, 8999);
    assert.equal(arr[arr.length - 1].v, 9999);
    const capped = new BoundedSeries<{ t: number }>({ historyMs: 1e9, maxPoints: 3 });
    for (let i = 0; i < 10; i++) capped.push({ t: i });
    assert.deepEqual(capped.toArray().map((p) => p.t), [7, 8, 9]);
  });

  it('moves a time that is not after the last one 1 ms past it', () => {
    const s = new BoundedSeries<{ t: number }>({ historyMs: 1e6, maxPoints: 10 });
    s.push({ t: 100 });
    assert.equal(s.push({ t: 100 }).t, 101);
    assert.equal(s.push({ t: 50 }).t, 102);
  });

  it('shrinks to new bounds', () => {
    const s = new BoundedSeries<{ t: number }>({ historyMs: 1e6, maxPoints: 100 });
    for (let i = 0; i < 50; i++) s.push({ t: i * 1000 });
    s.setBounds({ historyMs: 10_000, maxPoints: 100 }, 49_000);
    assert.equal(s.length, 11);
  });

  it('derives bounds from the history setting, clamped', () => {
    assert.deepEqual(boundsFor(300, 30), { historyMs: 300_000, maxPoints: 9001 });
    assert.equal(boundsFor(-5, 30).historyMs, 10_000);
    assert.equal(boundsFor(1e9, 30).maxPoints, 50_000);
  });
});

describe('TickCoalescer', () => {
  it('merges only defined, finite fields', () => {
    assert.deepEqual(mergeHeader({ bid: 1, ask: 2 }, { bid: NaN, ask: 3, last: undefined }), { bid: 1, ask: 3 });
  });

  it('yields nothing when nothing arrived and forgets a contract', () => {
    const c = new TickCoalescer();
    assert.deepEqual(c.drain(1), []);
    c.addTrades('A', [{ symbolId: undefined, price: NaN, timestamp: undefined, type: 'Buy', volume: 1 }]);
    assert.equal(c.hasPending, false);
    c.addTrades('A', [{ symbolId: undefined, price: 5, timestamp: undefined, type: 'Buy', volume: 1 }]);
    assert.deepEqual(c.contracts(), ['A']);
    c.forget('A');
    assert.equal(c.hasPending, false);
    assert.deepEqual(c.contracts(), []);
  });

  const q = (fields: Partial<Quote>): Quote => ({
    symbol: undefined, symbolName: undefined, lastPrice: undefined, bestBid: undefined, bestAsk: undefined, change: undefined,
    changePercent: undefined, open: undefined, high: undefined, low: undefined, volume: undefined, lastUpdated: undefined, timestamp: undefined,
    ...fields,
  });

  it('merges partial quotes latest-wins into one batch per contract, then starts afresh', () => {
    const c = new TickCoalescer();
    c.addQuote('A', q({ symbolName: '/ES', lastPrice: 10, bestBid: 9, bestAsk: 11 }));
    c.addQuote('A', q({ lastPrice: 12, bestBid: NaN }));
    c.addQuote('B', q({ bestAsk: 3 }));
    c.addTrades('A', [
      { symbolId: undefined, price: 12, timestamp: undefined, type: 'Buy', volume: 2 },
      { symbolId: undefined, price: 11, timestamp: undefined, type: 'Sell', volume: 5 },
    ]);
    assert.deepEqual(c.drain(7), [
      { contractId: 'A', quote: { t: 7, last: 12, bid: 9, ask: 11 }, trade: { t: 7, price: 11, buyVolume: 2, sellVolume: 5, count: 2 }, header: { symbolName: '/ES', last: 12, bid: 9, ask: 11 }, coalesced: 2 },
      { contractId: 'B', quote: { t: 7, last: undefined, bid: undefined, ask: 3 }, trade: undefined, header: { ask: 3 }, coalesced: 0 },
    ]);
    assert.equal(c.hasPending, false);
    c.addQuote('A', q({ bestAsk: 13 }));
    assert.deepEqual(c.drain(8), [{ contractId: 'A', quote: { t: 8, last: 12, bid: 9, ask: 13 }, trade: undefined, header: { symbolName: '/ES', last: 12, bid: 9, ask: 13 }, coalesced: 0 }]);
  });

  it('hands out copies: later ticks never change a header already drained or read', () => {
    const c = new TickCoalescer();
    c.addQuote('A', q({ lastPrice: 1 }));
    const [batch] = c.drain(1);
    const read = c.header('A');
    c.addQuote('A', q({ lastPrice: 2 }));
    assert.equal(batch.header.last, 1);
    assert.equal(read.last, 1);
    assert.equal(c.header('A').last, 2);
  });

  it('forgetting a contract with ticks pending drops them', () => {
    const c = new TickCoalescer();
    c.addQuote('A', q({ lastPrice: 1 }));
    c.addQuote('B', q({ lastPrice: 2 }));
    c.forget('A');
    assert.deepEqual(c.drain(1).map((b) => b.contractId), ['B']);
    assert.deepEqual(c.header('A'), {});
  });
});

describe('FlushScheduler', () => {
  it('flushes at once after a quiet spell, then waits for the next slot, and stops after dispose', () => {
    let now = 0;
    const timers: { at: number; fn: () => void }[] = [];
    const api = { setTimeout: (fn: () => void, ms: number) => timers.push({ at: now + ms, fn }), clearTimeout: () => timers.splice(0) };
    let flushes = 0;
    const s = new FlushScheduler(() => flushes++, 10, { now: () => now }, api);
    s.request();
    s.request();
    assert.equal(timers.length, 1);
    assert.equal(timers[0].at, 0);
    timers.shift()!.fn();
    now = 20;
    s.request();
    assert.equal(timers[0].at, 100);
    s.dispose();
    assert.equal(timers.length, 0);
    s.request();
    assert.equal(timers.length, 0);
    assert.equal(flushes, 1);
  });
});

describe('feedStatus', () => {
  const base = { now: 100_000, lastQuoteAt: 99_000 };
  it('maps hub states and quote age to what the header says', () => {
    assert.equal(feedStatus({ ...base, hub: 'connected' }), 'live');
    assert.equal(feedStatus({ ...base, hub: 'connected', lastQuoteAt: 80_000 }), 'stale');
    assert.equal(feedStatus({ ...base, hub: 'connected', lastQuoteAt: 98_000, staleAfterMs: 500 }), 'stale');
    assert.equal(feedStatus({ ...base, hub: 'connected', lastQuoteAt: undefined }), 'waiting');
    assert.equal(feedStatus({ ...base, hub: 'reconnecting' }), 'reconnecting');
    assert.equal(feedStatus({ ...base, hub: 'connecting' }), 'reconnecting');
    assert.equal(feedStatus({ ...base, hub: 'failed' }), 'offline');
    assert.equal(feedStatus({ ...base, hub: 'disconnected' }), 'offline');
  });
  it('explains silence with the calendar: market closed, not stale; quotes that do arrive are live', () => {
    const closed = { isOpen: () => false };
    assert.equal(feedStatus({ ...base, hub: 'connected', lastQuoteAt: 80_000, contractId: 'X', calendar: closed }), 'market-closed');
    assert.equal(feedStatus({ ...base, hub: 'connected', lastQuoteAt: undefined, contractId: 'X', calendar: closed }), 'market-closed');
    assert.equal(feedStatus({ ...base, hub: 'connected', contractId: 'X', calendar: closed }), 'live');
    assert.equal(feedStatus({ ...base, hub: 'connected', lastQuoteAt: 80_000, contractId: 'X', calendar: { isOpen: () => true } }), 'stale');
    assert.equal(feedStatus({ ...base, hub: 'connected', contractId: 'X', calendar: { isOpen: () => true } }), 'live');
  });
});
