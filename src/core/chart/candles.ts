/**
 * Candle aggregation for one contract and timeframe, vscode-free. Trades build the bars (price and
 * volume at the exchange timestamp they carry); a bar that saw no trade is built from the quotes'
 * last price instead (volume 0) and gives way to trades as soon as one arrives. Bar starts are
 * multiples of the timeframe since the epoch (every offered timeframe divides an hour, and time
 * zones differ from UTC by whole quarter hours at most, so bars line up in any zone and DST state).
 *
 * Late and out-of-order trades land in their own bar: the open is the earliest trade, the close
 * the latest, whatever order they arrived in. A trade older than the oldest kept bar is dropped.
 */
import type { CandlePoint } from '../../shared/chartProtocol';

interface Bar {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  /** Exchange times of the earliest and latest print that set the open and close. */
  firstAt: number;
  lastAt: number;
  /** Built from quotes only so far (replaced by the first trade). */
  fromQuotes: boolean;
}

export class CandleAggregator {
  private bars: Bar[] = [];
  private readonly changed = new Set<Bar>();
  private droppedCount = 0;

  constructor(readonly timeframeMs: number, private readonly maxBars = 5000) {
    if (!(timeframeMs > 0)) throw new Error(`timeframe must be positive, got ${timeframeMs}`);
  }

  /** Trades that were older than every kept bar. */
  get dropped(): number {
    return this.droppedCount;
  }

  bucket(atMs: number): number {
    return Math.floor(atMs / this.timeframeMs) * this.timeframeMs;
  }

  /**
   * Merges history bars (oldest first, bar starts on this timeframe) under the live ones. The caller
   * guarantees history and live prints are disjoint (history ends where live begins), so a bucket
   * both hold combines: history's open, both extremes, live's close, the sum of volumes.
   */
  seed(history: readonly CandlePoint[]): void {
    for (const h of history) {
      if (![h.t, h.o, h.h, h.l, h.c, h.v].every(Number.isFinite)) continue;
      const t = this.bucket(h.t);
      const i = this.indexOf(t);
      const live = i >= 0 ? this.bars[i] : undefined;
      if (live && !live.fromQuotes) {
        Object.assign(live, { o: h.o, h: Math.max(live.h, h.h), l: Math.min(live.l, h.l), v: live.v + h.v, firstAt: t });
        this.changed.add(live);
      } else if (live) {
        Object.assign(live, { o: h.o, h: h.h, l: h.l, c: h.c, v: h.v, firstAt: t, lastAt: t, fromQuotes: false });
        this.changed.add(live);
      } else {
        this.insert({ t, o: h.o, h: h.h, l: h.l, c: h.c, v: h.v, firstAt: t, lastAt: t, fromQuotes: false });
      }
    }
    this.trim();
  }

  addTrade(atMs: number, price: number, volume: number): void {
    if (!Number.isFinite(atMs) || !Number.isFinite(price) || !Number.isFinite(volume) || volume < 0) return;
    const bar = this.barFor(atMs, price);
    if (!bar) return;
    if (bar.fromQuotes) {
      Object.assign(bar, { o: price, h: price, l: price, c: price, v: volume, firstAt: atMs, lastAt: atMs, fromQuotes: false });
    } else {
      bar.h = Math.max(bar.h, price);
      bar.l = Math.min(bar.l, price);
      bar.v += volume;
      if (atMs >= bar.lastAt) {
        bar.c = price;
        bar.lastAt = atMs;
      }
      if (atMs < bar.firstAt) {
        bar.o = price;
        bar.firstAt = atMs;
      }
    }
    this.changed.add(bar);
  }

  /** A quote's last price: moves only bars no trade has reached. */
  addQuote(atMs: number, lastPrice: number): void {
    if (!Number.isFinite(atMs) || !Number.isFinite(lastPrice)) return;
    const existing = this.indexOf(this.bucket(atMs));
    if (existing >= 0 && !this.bars[existing].fromQuotes) return;
    const bar = this.barFor(atMs, lastPrice, true);
    if (!bar || !bar.fromQuotes) return;
    bar.h = Math.max(bar.h, lastPrice);
    bar.l = Math.min(bar.l, lastPrice);
    if (atMs >= bar.lastAt) {
      bar.c = lastPrice;
      bar.lastAt = atMs;
    }
    if (atMs < bar.firstAt) {
      bar.o = lastPrice;
      bar.firstAt = atMs;
    }
    this.changed.add(bar);
  }

  /** Every kept bar, oldest first. */
  candles(): CandlePoint[] {
    this.changed.clear();
    return this.bars.map(point);
  }

  /** The bars that changed since the last call (or candles()), oldest first. */
  takeChanged(): CandlePoint[] {
    const out = [...this.changed].sort((a, b) => a.t - b.t).map(point);
    this.changed.clear();
    return out;
  }

  /** The bar holding `atMs`, created when missing; undefined when older than everything kept. */
  private barFor(atMs: number, price: number, fromQuotes = false): Bar | undefined {
    const t = this.bucket(atMs);
    const i = this.indexOf(t);
    if (i >= 0) return this.bars[i];
    if (this.bars.length >= this.maxBars && t < this.bars[0].t) {
      this.droppedCount++;
      return undefined;
    }
    const bar: Bar = { t, o: price, h: price, l: price, c: price, v: 0, firstAt: atMs, lastAt: atMs, fromQuotes };
    this.insert(bar);
    this.trim();
    return this.bars.includes(bar) ? bar : undefined;
  }

  /** Binary search for the bar starting at `t` (-1 when none). */
  private indexOf(t: number): number {
    let lo = 0;
    let hi = this.bars.length - 1;
    // The newest bar is by far the most common target.
    if (hi >= 0 && this.bars[hi].t === t) return hi;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const mt = this.bars[mid].t;
      if (mt === t) return mid;
      if (mt < t) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private insert(bar: Bar): void {
    let i = this.bars.length;
    while (i > 0 && this.bars[i - 1].t > bar.t) i--;
    this.bars.splice(i, 0, bar);
    this.changed.add(bar);
  }

  private trim(): void {
    if (this.bars.length <= this.maxBars) return;
    for (const bar of this.bars.splice(0, this.bars.length - this.maxBars)) this.changed.delete(bar);
  }
}

function point(b: Bar): CandlePoint {
  return { t: b.t, o: b.o, h: b.h, l: b.l, c: b.c, v: b.v };
}
