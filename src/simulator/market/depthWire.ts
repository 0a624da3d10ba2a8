import type { ContractMarket, MarketEvent } from './contractMarket';

/** DomType numbers of the reference (projectx-gateway.md). */
export const Dom = { Ask: 1, Bid: 2, BestAsk: 3, BestBid: 4, Trade: 5, Reset: 6, Low: 7, High: 8, NewBestBid: 9, NewBestAsk: 10, Fill: 11 } as const;

export interface DepthItem {
  timestamp: string;
  type: number;
  price: number;
  volume: number;
  currentVolume: number;
}

export interface WireOptions {
  stamp: string;
  /** Ticks → the wire price (on the tick grid, no float noise). */
  price: (ticks: number) => number;
}

function item(o: WireOptions, type: number, ticks: number, volume: number): DepthItem {
  return { timestamp: o.stamp, type, price: o.price(ticks), volume, currentVolume: volume };
}

/** One Reset, then every level: the touch as BestAsk/BestBid, the rest as Ask/Bid. `crossed`: one bid above the best ask (a fault). */
export function snapshotItems(market: ContractMarket, o: WireOptions, crossed = false): DepthItem[] {
  const items: DepthItem[] = [{ timestamp: o.stamp, type: Dom.Reset, price: 0, volume: 0, currentVolume: 0 }];
  const asks = market.book.levels('ask');
  const bids = market.book.levels('bid');
  for (let i = 0; i < Math.max(asks.length, bids.length); i++) {
    if (asks[i]) items.push(item(o, i === 0 ? Dom.BestAsk : Dom.Ask, asks[i].ticks, asks[i].volume));
    if (bids[i]) items.push(item(o, i === 0 ? Dom.BestBid : Dom.Bid, bids[i].ticks, bids[i].volume));
  }
  if (crossed && asks[0]) items.push(item(o, Dom.Bid, asks[0].ticks + 2, 7));
  return items;
}

export interface IncrementOptions extends WireOptions {
  /** The touch before this step (ticks), to mark a new touch as NewBestBid/NewBestAsk. */
  touchBefore: { bid: number | undefined; ask: number | undefined };
  /** Variety: NewBest*, Fill beside Trade, Low/High for new session extremes. */
  everyDomType: boolean;
  /** Prints sent before this step (every other print goes out as a Fill under everyDomType). */
  printsBefore: number;
  /** The session low/high when this step made a new one. */
  newLow?: number;
  newHigh?: number;
}

/**
 * A step's events as depth items, in order: each level with its new volume (0 when gone; the final
 * touch typed BestBid/BestAsk), each print as a Trade item.
 */
export function incrementItems(market: ContractMarket, events: readonly MarketEvent[], o: IncrementOptions): DepthItem[] {
  const bestBid = market.book.bestBid();
  const bestAsk = market.book.bestAsk();
  const items: DepthItem[] = [];
  let prints = o.printsBefore;
  for (const e of events) {
    if (e.kind === 'print') {
      const fill = o.everyDomType && prints++ % 2 === 1;
      items.push(item(o, fill ? Dom.Fill : Dom.Trade, e.ticks, e.volume));
      continue;
    }
    const isBid = e.side === 'bid';
    const touch = e.volume > 0 && e.ticks === (isBid ? bestBid : bestAsk);
    let type: number = isBid ? Dom.Bid : Dom.Ask;
    if (touch) {
      const moved = e.ticks !== (isBid ? o.touchBefore.bid : o.touchBefore.ask);
      if (o.everyDomType && moved) type = isBid ? Dom.NewBestBid : Dom.NewBestAsk;
      else type = isBid ? Dom.BestBid : Dom.BestAsk;
    }
    items.push(item(o, type, e.ticks, e.volume));
  }
  if (o.everyDomType && o.newLow !== undefined) items.push(item(o, Dom.Low, o.newLow, 0));
  if (o.everyDomType && o.newHigh !== undefined) items.push(item(o, Dom.High, o.newHigh, 0));
  return items;
}
