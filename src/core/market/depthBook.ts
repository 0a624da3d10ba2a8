/**
 * One contract's order book built from `GatewayDepth` items by the gateway's rules
 * (reference: projectx-gateway.md, "Depth: how clients build the book"):
 * - Ask/Bid/BestAsk/BestBid/NewBestAsk/NewBestBid SET the resting volume at their price on their
 *   side (a replacement, never an increment); volume 0 removes the level.
 * - Reset empties the book (levels, last print, session extremes); the items after it are the snapshot.
 * - Trade and Fill are prints (last price/volume); Low and High the session's extremes.
 * - Unknown DomTypes are counted and otherwise ignored (never fatal).
 *
 * Crossed-book guard: a book whose best bid is at or above its best ask is reported as crossed
 * (`crossed`, `crossedItems`) and kept as received, not "repaired": a repair would have to guess
 * which side is stale and would hide a faulty stream; the next Reset + snapshot rebuilds it.
 */
import type { DepthItem } from '../events/types';

export interface DepthLevel {
  readonly price: number;
  readonly volume: number;
}

export interface DepthPrint {
  readonly price: number;
  readonly volume: number;
  readonly kind: 'Trade' | 'Fill';
}

/** Inspection form: bids descending, asks ascending (best first). */
export interface DepthBookView {
  bids: DepthLevel[];
  asks: DepthLevel[];
}

type Side = 'bid' | 'ask';

const SIDE_OF: Readonly<Record<string, Side>> = {
  Ask: 'ask',
  BestAsk: 'ask',
  NewBestAsk: 'ask',
  Bid: 'bid',
  BestBid: 'bid',
  NewBestBid: 'bid',
};

export class DepthBook {
  private readonly bids = new Map<number, number>();
  private readonly asks = new Map<number, number>();
  private bestBidPrice: number | undefined;
  private bestAskPrice: number | undefined;
  private lastPrint: DepthPrint | undefined;
  private sessionLow: number | undefined;
  private sessionHigh: number | undefined;
  /** Items applied while the book was crossed after them (the guard's evidence). */
  crossedItems = 0;
  /** Items of a DomType outside the reference (kept as numbers by the parser). */
  unknownItems = 0;
  resets = 0;

  get bestBid(): number | undefined {
    return this.bestBidPrice;
  }
  get bestAsk(): number | undefined {
    return this.bestAskPrice;
  }
  get last(): DepthPrint | undefined {
    return this.lastPrint;
  }
  get low(): number | undefined {
    return this.sessionLow;
  }
  get high(): number | undefined {
    return this.sessionHigh;
  }
  /** Best ask − best bid, when both sides exist (negative or 0 when crossed/locked). */
  get spread(): number | undefined {
    return this.bestBidPrice === undefined || this.bestAskPrice === undefined ? undefined : this.bestAskPrice - this.bestBidPrice;
  }
  get crossed(): boolean {
    return this.bestBidPrice !== undefined && this.bestAskPrice !== undefined && this.bestBidPrice >= this.bestAskPrice;
  }
  get isEmpty(): boolean {
    return this.bids.size === 0 && this.asks.size === 0;
  }

  /** Resting volume at a price on one side (0 when no level). */
  volumeAt(side: Side, price: number): number {
    return (side === 'bid' ? this.bids : this.asks).get(price) ?? 0;
  }

  /** Applies one frame's items in order. */
  apply(items: readonly DepthItem[]): void {
    for (const item of items) this.applyItem(item);
  }

  applyItem(item: DepthItem): void {
    const type = item.type;
    if (typeof type === 'number') {
      this.unknownItems++;
      return;
    }
    const side = SIDE_OF[type];
    if (side) {
      this.setLevel(side, item.price, item.volume);
      if (this.crossed) this.crossedItems++;
      return;
    }
    switch (type) {
      case 'Reset':
        this.clear();
        this.resets++;
        return;
      case 'Trade':
      case 'Fill':
        this.lastPrint = { price: item.price, volume: item.volume, kind: type };
        return;
      case 'Low':
        this.sessionLow = item.price;
        return;
      case 'High':
        this.sessionHigh = item.price;
        return;
      default:
        this.unknownItems++;
    }
  }

  view(): DepthBookView {
    const list = (m: Map<number, number>, desc: boolean): DepthLevel[] =>
      [...m].map(([price, volume]) => ({ price, volume })).sort((a, b) => (desc ? b.price - a.price : a.price - b.price));
    return { bids: list(this.bids, true), asks: list(this.asks, false) };
  }

  private clear(): void {
    this.bids.clear();
    this.asks.clear();
    this.bestBidPrice = undefined;
    this.bestAskPrice = undefined;
    this.lastPrint = undefined;
    this.sessionLow = undefined;
    this.sessionHigh = undefined;
  }

  /** Set-not-add; keeps the best price per side incrementally (a rescan only when the best goes). */
  private setLevel(side: Side, price: number, volume: number): void {
    const levels = side === 'bid' ? this.bids : this.asks;
    if (!Number.isFinite(price)) return;
    if (volume > 0) {
      levels.set(price, volume);
      if (side === 'bid') {
        if (this.bestBidPrice === undefined || price > this.bestBidPrice) this.bestBidPrice = price;
      } else if (this.bestAskPrice === undefined || price < this.bestAskPrice) {
        this.bestAskPrice = price;
      }
      return;
    }
    if (!levels.delete(price)) return;
    if (side === 'bid' && price === this.bestBidPrice) this.bestBidPrice = extreme(levels, (a, b) => a > b);
    if (side === 'ask' && price === this.bestAskPrice) this.bestAskPrice = extreme(levels, (a, b) => a < b);
  }
}

function extreme(levels: Map<number, number>, better: (a: number, b: number) => boolean): number | undefined {
  let out: number | undefined;
  for (const p of levels.keys()) if (out === undefined || better(p, out)) out = p;
  return out;
}
