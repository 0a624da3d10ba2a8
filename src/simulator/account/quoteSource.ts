/**
 * Where the demo trader reads prices: the touch (bid/ask/last) and the contract's tick facts. Today
 * the MarketFeed's random walk answers; the simulator market's order books can answer instead later
 * without the trader changing.
 */
export interface Touch {
  readonly bid: number;
  readonly ask: number;
  readonly last: number;
}

export interface QuoteSource {
  touch(contractId: string): Touch | undefined;
  /** Tick size and value (money per tick) of the contract, as its gateway Contract says. */
  tickFacts(contractId: string): { readonly tickSize: number; readonly tickValue: number } | undefined;
}
