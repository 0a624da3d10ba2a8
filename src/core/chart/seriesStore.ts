/**
 * Bounded, time-ordered history for one contract's chart: quote samples and aggregated trades,
 * kept for `historyMs` and at most `maxPoints` each. Appends are O(1) amortized (a moving head,
 * compacted now and then) so a long session never grows memory or slows the flush.
 */
import type { QuotePoint, TradePoint } from '../../shared/chartProtocol';

export interface SeriesBounds {
  readonly historyMs: number;
  readonly maxPoints: number;
}

/** A time-ordered ring of points with `t`; times are forced strictly increasing (the chart needs it). */
export class BoundedSeries<P extends { readonly t: number }> {
  private items: P[] = [];
  private head = 0;

  constructor(private bounds: SeriesBounds) {}

  get length(): number {
    return this.items.length - this.head;
  }

  get lastT(): number | undefined {
    return this.length > 0 ? this.items[this.items.length - 1].t : undefined;
  }

  /** Appends; a time not after the last one is moved 1 ms past it (the host clock can step back). */
  push(point: P): P {
    const last = this.lastT;
    const stored = last !== undefined && point.t <= last ? { ...point, t: last + 1 } : point;
    this.items.push(stored);
    this.prune(stored.t);
    return stored;
  }

  /** Drops points older than the history window (relative to `now`) and beyond the count bound. */
  prune(now: number): void {
    const cutoff = now - this.bounds.historyMs;
    while (this.head < this.items.length && (this.items[this.head].t < cutoff || this.length > this.bounds.maxPoints)) this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  setBounds(bounds: SeriesBounds, now: number): void {
    this.bounds = bounds;
    this.prune(now);
  }

  toArray(): P[] {
    return this.items.slice(this.head);
  }
}

/** One contract's chart history. */
export class SeriesStore {
  readonly quotes: BoundedSeries<QuotePoint>;
  readonly trades: BoundedSeries<TradePoint>;

  constructor(bounds: SeriesBounds) {
    this.quotes = new BoundedSeries<QuotePoint>(bounds);
    this.trades = new BoundedSeries<TradePoint>(bounds);
  }

  setBounds(bounds: SeriesBounds, now: number): void {
    this.quotes.setBounds(bounds, now);
    this.trades.setBounds(bounds, now);
  }

  prune(now: number): void {
    this.quotes.prune(now);
    this.trades.prune(now);
  }
}

/** Bounds for a history setting: ~30 samples a second for the whole window, capped. */
export function boundsFor(historySeconds: number, maxBatchesPerSecond: number): SeriesBounds {
  const seconds = Math.min(Math.max(Math.round(historySeconds), 10), 3600);
  return { historyMs: seconds * 1000, maxPoints: Math.min(seconds * maxBatchesPerSecond + 1, 50_000) };
}
