import assert from 'node:assert/strict';
import { mergeHeader, TickCoalescer } from '../../src/core/chart/coalescer';
import { feedStatus } from '../../src/core/chart/feedStatus';
import { FlushScheduler } from '../../src/core/chart/flushScheduler';
import { BoundedSeries, boundsFor } from '../../src/core/chart/seriesStore';

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
  it('says market closed when a calendar says so', () => {
    const closed = { isOpen: () => false };
    assert.equal(feedStatus({ ...base, hub: 'connected', contractId: 'X', calendar: closed }), 'market-closed');
    assert.equal(feedStatus({ ...base, hub: 'connected', contractId: 'X', calendar: { isOpen: () => true } }), 'live');
  });
});
