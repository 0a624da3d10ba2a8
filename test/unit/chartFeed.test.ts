import assert from 'node:assert/strict';
import { ChartFeed, type MarketSource } from '../../src/core/chart/chartFeed';
import type { TimerApi } from '../../src/core/chart/flushScheduler';
import type { GatewayEvent, Quote } from '../../src/core/events/types';
import type { HubState } from '../../src/core/hub/types';
import { Emitter } from '../../src/core/util/emitter';

/** A clock the test moves, and timers that fire when it does (the only doubles: time itself). */
class ManualTime implements TimerApi {
  nowMs = 1_700_000_000_000;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  readonly clock = { now: () => this.nowMs };
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.nowMs + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  get pending(): number {
    return this.timers.length;
  }
  advance(ms: number): void {
    const end = this.nowMs + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.nowMs = Math.max(this.nowMs, next.at);
      next.fn();
    }
    this.nowMs = end;
  }
}

/** The market hub's event surface, driven by the test (the engine's HubClient has the same shape). */
class MarketEvents implements MarketSource {
  state: HubState = { kind: 'connected', connectionId: 'c1', since: new Date(0) };
  readonly events = new Emitter<GatewayEvent>();
  readonly states = new Emitter<HubState>();
  // The engine hands each event its message's arrival time; the feed reads its own clock.
  readonly onEvent: MarketSource['onEvent'] = (listener) => this.events.event((event) => listener(event, Date.now()));
  readonly onDidChangeState = this.states.event;
  setState(state: HubState): void {
    this.state = state;
    this.states.fire(state);
  }
}

const CONTRACT = 'CON.F.US.EP.U25';

function quote(fields: Partial<Quote>): Quote {
  return {
    symbol: 'F.US.EP', symbolName: undefined, lastPrice: undefined, bestBid: undefined, bestAsk: undefined, change: undefined,
    changePercent: undefined, open: undefined, high: undefined, low: undefined, volume: undefined, lastUpdated: undefined, timestamp: undefined,
    ...fields,
  };
}

function setup(historySeconds = 300) {
  const time = new ManualTime();
  const source = new MarketEvents();
  const feed = new ChartFeed(source, { historySeconds, clock: time.clock, timers: time });
  return { time, source, feed };
}

describe('ChartFeed (coalescing, rate limit, bounded history)', () => {
  it('posts at most ~30 batches a second under a flood and counts what it coalesced', () => {
    const { time, source, feed } = setup();
    const batches: number[] = [];
    feed.watch(CONTRACT, () => batches.push(time.nowMs));
    const ticks = 20_000;
    // 20,000 quotes spread over one second: one every 50 µs.
    for (let i = 0; i < ticks; i++) {
      source.events.fire({ hub: 'market', name: 'GatewayQuote', contractId: CONTRACT, data: quote({ lastPrice: 5000 + (i % 40) * 0.25 }) });
      if (i % 20 === 19) time.advance(1);
    }
    time.advance(100);
    const span = batches[batches.length - 1] - batches[0];
    assert.ok(batches.length >= 2, `expected batches, got ${batches.length}`);
    assert.ok(batches.length <= 32, `expected at most ~30 batches in ~1 s, got ${batches.length}`);
    for (let i = 1; i < batches.length; i++) assert.ok(batches[i] - batches[i - 1] >= 1000 / 30 - 1, 'batches closer than the rate limit');
    assert.ok(span <= 1100);
    const info = feed.feedInfo(CONTRACT);
    assert.equal(info.coalesced, ticks - batches.length);
    assert.equal(feed.stats.ticks, ticks);
    assert.equal(feed.snapshot(CONTRACT).quotes.length, batches.length);
    feed.dispose();
  });

  it('keeps the latest value of each field when quotes are partial (latest wins per field)', () => {
    const { time, source, feed } = setup();
    const seen: { bid?: number; ask?: number; last?: number }[] = [];
    feed.watch(CONTRACT, (b) => seen.push(...b.quotes));
    const fire = (q: Partial<Quote>) => source.events.fire({ hub: 'market', name: 'GatewayQuote', contractId: CONTRACT, data: quote(q) });
    fire({ bestBid: 100, bestAsk: 101, lastPrice: 100.5, symbolName: 'E-mini S&P' });
    time.advance(50);
    fire({ bestBid: 100.25 });
    fire({ bestAsk: 101.5 });
    time.advance(50);
    assert.deepEqual(seen.map(({ bid, ask, last }) => ({ bid, ask, last })), [
      { bid: 100, ask: 101, last: 100.5 },
      { bid: 100.25, ask: 101.5, last: 100.5 },
    ]);
    assert.equal(feed.snapshot(CONTRACT).header.symbolName, 'E-mini S&P');
    feed.dispose();
  });

  it('places points at the exchange timestamp the payload carries (receipt time only when it carries none)', () => {
    const { time, source, feed } = setup();
    const seen: { t: number }[] = [];
    const trades: { t: number }[] = [];
    feed.watch(CONTRACT, (b) => {
      seen.push(...b.quotes);
      trades.push(...b.trades);
    });
    const exchange = time.nowMs - 1234;
    source.events.fire({ hub: 'market', name: 'GatewayQuote', contractId: CONTRACT, data: quote({ lastPrice: 1, timestamp: new Date(exchange) }) });
    source.events.fire({ hub: 'market', name: 'GatewayTrade', contractId: CONTRACT, data: [{ symbolId: 'F.US.EP', price: 1, timestamp: new Date(exchange + 5), type: 'Buy', volume: 1 }] });
    time.advance(50);
    source.events.fire({ hub: 'market', name: 'GatewayQuote', contractId: CONTRACT, data: quote({ lastPrice: 2 }) });
    time.advance(50);
    assert.equal(seen.length, 2);
    assert.equal(seen[0].t, exchange);
    assert.equal(trades[0].t, exchange + 5);
    assert.ok(seen[1].t > exchange + 1000 && seen[1].t <= time.nowMs, 'no exchange time: the flush time');
    assert.ok((feed.feedInfo(CONTRACT).ageMs ?? Infinity) < 100, 'the quote age is measured on this machine’s clock');
    feed.dispose();
  });

  it('aggregates a batch of trades into one point with buy and sell volume; unknown sides add no volume', () => {
    const { time, source, feed } = setup();
    const trades: { price: number; buyVolume: number; sellVolume: number; count: number }[] = [];
    feed.watch(CONTRACT, (b) => trades.push(...b.trades));
    source.events.fire({
      hub: 'market', name: 'GatewayTrade', contractId: CONTRACT,
      data: [
        { symbolId: 'F.US.EP', price: 100, timestamp: undefined, type: 'Buy', volume: 3 },
        { symbolId: 'F.US.EP', price: 100.25, timestamp: undefined, type: 'Sell', volume: 2 },
        { symbolId: 'F.US.EP', price: 100.5, timestamp: undefined, type: 7, volume: 9 },
      ],
    });
    time.advance(40);
    assert.equal(trades.length, 1);
    assert.deepEqual({ ...trades[0], t: undefined }, { t: undefined, price: 100.5, buyVolume: 3, sellVolume: 2, count: 3 });
    assert.equal(feed.feedInfo(CONTRACT).coalesced, 2);
    feed.dispose();
  });

  it('bounds history by the configured window and keeps times strictly increasing', () => {
    const { time, source, feed } = setup(10);
    feed.watch(CONTRACT, () => undefined);
    for (let s = 0; s < 30; s++) {
      source.events.fire({ hub: 'market', name: 'GatewayQuote', contractId: CONTRACT, data: quote({ lastPrice: s }) });
      time.advance(1000);
    }
    const { quotes } = feed.snapshot(CONTRACT);
    assert.ok(quotes.length <= 11 && quotes.length >= 9, `expected ~10 s of samples, got ${quotes.length}`);
    assert.equal(quotes[quotes.length - 1].last, 29);
    for (let i = 1; i < quotes.length; i++) assert.ok(quotes[i].t > quotes[i - 1].t);
    feed.dispose();
  });

  it('derives live, stale and reconnecting from hub state and quote age, and tells watchers on state changes', () => {
    const { time, source, feed } = setup();
    let changes = 0;
    feed.onDidChangeStatus(() => changes++);
    assert.equal(feed.feedInfo(CONTRACT).status, 'waiting');
    source.events.fire({ hub: 'market', name: 'GatewayQuote', contractId: CONTRACT, data: quote({ lastPrice: 1 }) });
    time.advance(1000);
    assert.equal(feed.feedInfo(CONTRACT).status, 'live');
    assert.equal(feed.feedInfo(CONTRACT).ageMs, 1000);
    time.advance(15_000);
    assert.equal(feed.feedInfo(CONTRACT).status, 'stale');
    source.setState({ kind: 'reconnecting', attempt: 1, delayMs: 0, nextAttemptAt: new Date(), cause: { kind: 'dropped', cause: 'x', fix: 'y' } });
    assert.equal(feed.feedInfo(CONTRACT).status, 'reconnecting');
    assert.equal(changes, 1);
    feed.dispose();
  });

  it('ignores depth and unwatched contracts beyond the cap, and leaves no timer or listener after dispose', () => {
    const time = new ManualTime();
    const source = new MarketEvents();
    const feed = new ChartFeed(source, { historySeconds: 60, maxContracts: 1, clock: time.clock, timers: time });
    source.events.fire({ hub: 'market', name: 'GatewayQuote', contractId: 'A', data: quote({ lastPrice: 1 }) });
    source.events.fire({ hub: 'market', name: 'GatewayQuote', contractId: 'B', data: quote({ lastPrice: 2 }) });
    source.events.fire({ hub: 'market', name: 'GatewayDepth', contractId: 'A', data: [] });
    time.advance(100);
    assert.equal(feed.snapshot('A').quotes.length, 1);
    assert.equal(feed.snapshot('B').quotes.length, 0);
    source.events.fire({ hub: 'market', name: 'GatewayQuote', contractId: 'A', data: quote({ lastPrice: 3 }) });
    assert.equal(time.pending, 1);
    feed.dispose();
    assert.equal(time.pending, 0);
    assert.equal(source.events.size, 0);
    assert.equal(source.states.size, 0);
  });
});
