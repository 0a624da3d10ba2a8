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

  /** Sets (replaces) the volume at a price; 0 removes the level. Throws on a crossing/locking level. */
  set(side: BookSide, ticks: number, volume: number): void {
    const levels = side === 'bid' ? this.bids : this.asks;
    if (volume > 0) {
      const opposite = side === 'bid' ? this.bestAsk() : this.bestBid();
      const crosses = opposite !== undefined && (side === 'bid' ? ticks >= opposite : ticks <= opposite);
      if (crosses) throw new Error(`orderBook: a ${side} at ${ticks} would cross or lock the book (other side ${opposite}).`);
      levels.set(ticks, volume);
    } else if (levels.has(ticks)) {
      levels.delete(ticks);
    } else {
      return;
    }
    this.changes.push({ side, ticks, volume: Math.max(0, volume) });
  }

  volumeAt(side: BookSide, ticks: number): number {
    return (side === 'bid' ? this.bids : this.asks).get(ticks) ?? 0;
  }

  bestBid(): number | undefined {
    let best: number | undefined;
    for (const t of this.bids.keys()) if (best === undefined || t > best) best = t;
    return best;
  }

  bestAsk(): number | undefined {
    let best: number | undefined;
    for (const t of this.asks.keys()) if (best === undefined || t < best) best = t;
    return best;
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
