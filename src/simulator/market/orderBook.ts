/**
 * One contract's resting liquidity, in whole ticks (prices stay on the tick grid). Every change goes
 * through set(), which records the level's new volume (0 when gone) so the depth stream can send
 * exactly what changed. The book refuses a level that would cross or lock it.
 */
export type BookSide = 'bid' | 'ask';

export interface LevelChange {
  side: BookSide;
  /** Price in ticks. */
  ticks: number;
  /** The level's new resting volume; 0 removes it. */
  volume: number;
}

export class OrderBook {
  private readonly bids = new Map<number, number>();
  private readonly asks = new Map<number, number>();
  private changes: LevelChange[] = [];
  /** The touch, cached (the flood asks for it per step); null: recompute. */
  private bestBidCache: number | undefined | null = null;
  private bestAskCache: number | undefined | null = null;

  /** Sets (replaces) the volume at a price; 0 removes the level. Throws on a crossing/locking level. */
  set(side: BookSide, ticks: number, volume: number): void {
    const levels = side === 'bid' ? this.bids : this.asks;
    if (volume > 0) {
      const opposite = side === 'bid' ? this.bestAsk() : this.bestBid();
      const crosses = opposite !== undefined && (side === 'bid' ? ticks >= opposite : ticks <= opposite);
      if (crosses) throw new Error(`orderBook: a ${side} at ${ticks} would cross or lock the book (other side ${opposite}).`);
      levels.set(ticks, volume);
      this.touchSet(side, ticks);
    } else if (levels.has(ticks)) {
      levels.delete(ticks);
      if (side === 'bid' ? this.bestBidCache === ticks : this.bestAskCache === ticks) this.forget(side);
    } else {
      return;
    }
    this.changes.push({ side, ticks, volume: Math.max(0, volume) });
  }

  volumeAt(side: BookSide, ticks: number): number {
    return (side === 'bid' ? this.bids : this.asks).get(ticks) ?? 0;
  }

  bestBid(): number | undefined {
    if (this.bestBidCache === null) this.bestBidCache = extreme(this.bids.keys(), (a, b) => a > b);
    return this.bestBidCache;
  }

  bestAsk(): number | undefined {
    if (this.bestAskCache === null) this.bestAskCache = extreme(this.asks.keys(), (a, b) => a < b);
    return this.bestAskCache;
  }

  /** The level farthest from the touch (where the book is extended). */
  farthest(side: BookSide): number | undefined {
    return extreme((side === 'bid' ? this.bids : this.asks).keys(), side === 'bid' ? (a, b) => a < b : (a, b) => a > b);
  }

  private touchSet(side: BookSide, ticks: number): void {
    if (side === 'bid') {
      if (this.bestBidCache !== null && (this.bestBidCache === undefined || ticks > this.bestBidCache)) this.bestBidCache = ticks;
    } else if (this.bestAskCache !== null && (this.bestAskCache === undefined || ticks < this.bestAskCache)) {
      this.bestAskCache = ticks;
    }
  }

  private forget(side: BookSide): void {
    if (side === 'bid') this.bestBidCache = null;
    else this.bestAskCache = null;
  }

  /** Levels of a side from the touch outwards: bids descending, asks ascending. */
  levels(side: BookSide): { ticks: number; volume: number }[] {
    const map = side === 'bid' ? this.bids : this.asks;
    const out = [...map].map(([ticks, volume]) => ({ ticks, volume }));
    return out.sort((a, b) => (side === 'bid' ? b.ticks - a.ticks : a.ticks - b.ticks));
  }

  size(side: BookSide): number {
    return (side === 'bid' ? this.bids : this.asks).size;
  }

  /** The changes since the last call, in the order they happened. */
  takeChanges(): LevelChange[] {
    const out = this.changes;
    this.changes = [];
    return out;
  }
}

function extreme(keys: Iterable<number>, better: (a: number, b: number) => boolean): number | undefined {
  let out: number | undefined;
  for (const k of keys) if (out === undefined || better(k, out)) out = k;
  return out;
}
