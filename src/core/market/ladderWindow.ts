/**
 * The ladder's visible window of a DepthBook: `rows` price levels at the contract's tick size around
 * the inside market, highest price first. The window keeps its centre until the inside market (best
 * bid and best ask) leaves it, so the ladder does not jump on every tick; recentre() moves it on
 * demand (the "centre ladder" key).
 */
import type { DepthBook } from './depthBook';

export interface LadderRow {
  readonly price: number;
  readonly bid: number;
  readonly ask: number;
}

export interface LadderSnapshot {
  readonly rows: readonly LadderRow[];
  readonly tickSize: number;
  readonly bestBid: number | undefined;
  readonly bestAsk: number | undefined;
  readonly spread: number | undefined;
  readonly last: { readonly price: number; readonly volume: number } | undefined;
  readonly high: number | undefined;
  readonly low: number | undefined;
  readonly crossed: boolean;
  /** Largest volume in the window: the bars' full width. */
  readonly maxVolume: number;
}

export class LadderWindow {
  /** Tick index (price / tickSize) of the window's middle row; undefined until the book has a side. */
  private centreTick: number | undefined;

  constructor(
    private readonly book: DepthBook,
    readonly tickSize: number,
    readonly rows: number = 41,
  ) {
    if (!(tickSize > 0)) throw new Error(`The ladder needs a positive tick size, got ${tickSize}: check the contract's tickSize.`);
    if (!Number.isInteger(rows) || rows < 3) throw new Error(`The ladder needs at least 3 rows, got ${rows}.`);
  }

  /** Centres on the inside market now (mid of bid and ask rounded down to a tick, or the one side there is). */
  recentre(): void {
    const inside = this.insideTicks();
    this.centreTick = inside ? Math.floor((inside[0] + inside[1]) / 2) : undefined;
  }

  snapshot(): LadderSnapshot {
    const inside = this.insideTicks();
    // An empty book (after a Reset, before its snapshot) shows no rows rather than stale prices.
    if (!inside) this.centreTick = undefined;
    else if (this.centreTick === undefined || !this.contains(inside[0]) || !this.contains(inside[1])) this.recentre();
    const rows: LadderRow[] = [];
    let maxVolume = 0;
    if (this.centreTick !== undefined) {
      const top = this.centreTick + Math.floor(this.rows / 2);
      for (let i = 0; i < this.rows; i++) {
        const price = this.priceOf(top - i);
        const bid = this.book.volumeAt('bid', price);
        const ask = this.book.volumeAt('ask', price);
        maxVolume = Math.max(maxVolume, bid, ask);
        rows.push({ price, bid, ask });
      }
    }
    const last = this.book.last;
    return {
      rows,
      tickSize: this.tickSize,
      bestBid: this.book.bestBid,
      bestAsk: this.book.bestAsk,
      spread: this.book.spread,
      last: last ? { price: last.price, volume: last.volume } : undefined,
      high: this.book.high,
      low: this.book.low,
      crossed: this.book.crossed,
      maxVolume,
    };
  }

  private contains(tick: number): boolean {
    if (this.centreTick === undefined) return false;
    const half = Math.floor(this.rows / 2);
    return tick <= this.centreTick + half && tick >= this.centreTick + half - (this.rows - 1);
  }

  /** [bid tick, ask tick] of the inside market (one side stands for both when the other is empty). */
  private insideTicks(): [number, number] | undefined {
    const bid = this.book.bestBid;
    const ask = this.book.bestAsk;
    if (bid === undefined && ask === undefined) return undefined;
    const b = this.tickOf(bid ?? ask ?? 0);
    const a = this.tickOf(ask ?? bid ?? 0);
    return [Math.min(a, b), Math.max(a, b)];
  }

  private tickOf(price: number): number {
    return Math.round(price / this.tickSize);
  }

  /** Back to a wire price without float dust (5000.25, not 5000.250000001): rounded to the tick's decimals. */
  private priceOf(tick: number): number {
    return Number((tick * this.tickSize).toFixed(decimalsOf(this.tickSize)));
  }
}

function decimalsOf(tickSize: number): number {
  const text = String(tickSize);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : Math.min(10, text.length - dot - 1);
}
