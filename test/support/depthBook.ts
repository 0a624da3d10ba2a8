/**
 * A market-depth book written from the gateway's rules (projectx-gateway.md), independent of the
 * simulator's code: Ask/Bid/BestAsk/BestBid/NewBestAsk/NewBestBid set the volume at their price
 * (0 removes it), Reset empties the book, Trade/Fill report a print, Low/High the session's.
 * MarketChecker feeds it the frames in arrival order and records every broken invariant.
 */
export interface DepthRow {
  type: number;
  price: number;
  volume: number;
}

const ASK_TYPES = new Set([1, 3, 10]);
const BID_TYPES = new Set([2, 4, 9]);
const PRINT_TYPES = new Set([5, 11]);
const RESET = 6;

export class DepthBook {
  readonly bids = new Map<number, number>();
  readonly asks = new Map<number, number>();

  /** Applies one row; returns it as a print when it reports one. */
  apply(row: DepthRow): { price: number; volume: number } | undefined {
    if (row.type === RESET) {
      this.bids.clear();
      this.asks.clear();
      return undefined;
    }
    if (PRINT_TYPES.has(row.type)) return { price: row.price, volume: row.volume };
    const side = ASK_TYPES.has(row.type) ? this.asks : BID_TYPES.has(row.type) ? this.bids : undefined;
    if (!side) return undefined;
    if (row.volume > 0) side.set(row.price, row.volume);
    else side.delete(row.price);
    return undefined;
  }

  bestBid(): number | undefined {
    return best(this.bids, (a, b) => a > b);
  }

  bestAsk(): number | undefined {
    return best(this.asks, (a, b) => a < b);
  }

  /** Levels best first, for comparing with another view of a book. */
  view(): { bids: { price: number; volume: number }[]; asks: { price: number; volume: number }[] } {
    const list = (m: Map<number, number>, desc: boolean): { price: number; volume: number }[] =>
      [...m].map(([price, volume]) => ({ price, volume })).sort((a, b) => (desc ? b.price - a.price : a.price - b.price));
    return { bids: list(this.bids, true), asks: list(this.asks, false) };
  }
}

function best(m: Map<number, number>, better: (a: number, b: number) => boolean): number | undefined {
  let out: number | undefined;
  for (const p of m.keys()) if (out === undefined || better(p, out)) out = p;
  return out;
}

export interface Violation {
  frame: number;
  what: string;
}

interface QuoteLike {
  bestBid: number;
  bestAsk: number;
  lastPrice: number;
}

/** Checks a contract's depth, trade and quote frames in arrival order against the book rules. */
export class MarketChecker {
  readonly book = new DepthBook();
  /** The first 50 violations; violationCount counts them all. */
  readonly violations: Violation[] = [];
  violationCount = 0;
  depthFrames = 0;
  resets = 0;
  prints = 0;
  quotes = 0;
  readonly typesSeen = new Set<number>();
  /** GatewayTrade prices in arrival order (the first 10,000). */
  readonly tradePrices: number[] = [];
  private frames = 0;
  private synced = false;
  private lastQuote: QuoteLike | undefined;
  private lastPrint: number | undefined;

  onDepth(rows: readonly DepthRow[]): void {
    this.frames += 1;
    this.depthFrames += 1;
    for (const row of rows) {
      this.typesSeen.add(row.type);
      if (!(row.volume >= 0)) this.fail(`volume ${row.volume} < 0 at ${row.price}`);
      if (row.type === RESET) {
        this.resets += 1;
        this.synced = true;
        // A snapshot carries no print: the last one is unknown until the next Trade item.
        this.lastPrint = undefined;
      }
      if (PRINT_TYPES.has(row.type) && this.synced) {
        const bid = this.book.bestBid();
        const ask = this.book.bestAsk();
        if (bid === undefined || ask === undefined || row.price < bid || row.price > ask) this.fail(`depth print ${row.price} outside the touch ${bid} / ${ask}`);
        this.prints += 1;
        this.lastPrint = row.price;
      }
      this.book.apply(row);
    }
    if (!this.synced) return;
    const bid = this.book.bestBid();
    const ask = this.book.bestAsk();
    if (bid !== undefined && ask !== undefined && bid >= ask) this.fail(`crossed or locked: bid ${bid} ≥ ask ${ask}`);
  }

  /**
   * The first print of a GatewayTrade frame lies within the touch of the quote before it; later
   * prints of the same frame (an order sweeping levels) only move away in the aggressor's direction.
   */
  onTrades(trades: readonly { price: number; volume: number; type: number }[]): void {
    this.frames += 1;
    const q = this.lastQuote;
    let previous: number | undefined;
    for (const t of trades) if (this.tradePrices.length < 10_000) this.tradePrices.push(t.price);
    for (const t of trades) {
      if (!(t.volume > 0)) this.fail(`trade volume ${t.volume}`);
      if (previous === undefined) {
        if (q && (t.price < q.bestBid || t.price > q.bestAsk)) this.fail(`GatewayTrade ${t.price} outside the quote's touch ${q.bestBid} / ${q.bestAsk}`);
      } else if (t.type === 0 ? t.price < previous : t.price > previous) {
        this.fail(`GatewayTrade ${t.price} after ${previous} moves against its aggressor (type ${t.type})`);
      }
      previous = t.price;
    }
  }

  onQuote(q: QuoteLike): void {
    this.frames += 1;
    this.quotes += 1;
    this.lastQuote = q;
    if (!this.synced) return;
    const bid = this.book.bestBid();
    const ask = this.book.bestAsk();
    if (bid !== q.bestBid || ask !== q.bestAsk) this.fail(`book ${bid} / ${ask} ≠ quote ${q.bestBid} / ${q.bestAsk}`);
    if (this.lastPrint !== undefined && q.lastPrice !== this.lastPrint) this.fail(`quote last ${q.lastPrice} ≠ last depth print ${this.lastPrint}`);
  }

  /** Forgets the violations so far (a fault the test turned on has cleared). */
  clearViolations(): void {
    this.violations.length = 0;
    this.violationCount = 0;
  }

  get frameCount(): number {
    return this.frames;
  }

  private fail(what: string): void {
    this.violationCount += 1;
    if (this.violations.length < 50) this.violations.push({ frame: this.frames, what });
  }
}
