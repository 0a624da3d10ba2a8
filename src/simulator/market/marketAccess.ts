/**
 * What the rest of the simulator may ask of the market (demo orders fill here): the touch, a market
 * order that takes liquidity and is published like any print, and a contract's tick facts.
 * Implemented by MarketFeed; prices are wire prices (on the tick grid).
 */
export interface Touch {
  bid: number;
  ask: number;
  last: number;
}

export interface BookView {
  /** Best first: bids descending, asks ascending. */
  bids: { price: number; volume: number }[];
  asks: { price: number; volume: number }[];
}

export interface MarketAccess {
  touch(contractId: string): Touch | undefined;
  /**
   * A market order now: a buy takes the ask (sweeping further levels if it must), a sell the bid.
   * The prints go out as GatewayTrade and depth Trade items, then a quote. Returns one price per
   * level taken (size split across them in order), or undefined for an unknown contract.
   */
  execute(contractId: string, side: 'buy' | 'sell', size: number): number[] | undefined;
  /** The simulator's own book (inspection for tests and tools). */
  book(contractId: string): BookView | undefined;
  contractFacts(contractId: string): { tickSize: number; tickValue: number } | undefined;
}
