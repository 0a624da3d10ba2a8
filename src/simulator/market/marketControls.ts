/**
 * Named fault and variety controls of the simulated market (`sim.market`), so a client's handling
 * of each depth-stream oddity is tested on purpose. Every control is off by default.
 */
export interface HistoryFault {
  /** Answer History/retrieveBars only after this long. */
  delayMs?: number;
  /** 'envelope': success false with an error message; 'http500': an HTTP 500. */
  fail?: 'envelope' | 'http500';
}

export interface MarketControls {
  /** A Reset + full snapshot to every depth subscriber every `ticks` steps; undefined: only on subscribe. */
  periodicResets(ticks: number | undefined): void;
  /** Depth increments go out in reverse item order: a client's book is wrong until the next Reset. */
  outOfOrderDepth(on: boolean): void;
  /** The next snapshot (on subscribe or Reset) carries one bid above the best ask: a crossed book. */
  crossedSnapshot(): void;
  /** Every DomType: NewBestBid/NewBestAsk for a new touch, Fill for every other print, Low/High for new session extremes. */
  everyDomType(on: boolean): void;
  /** Slow or failing History/retrieveBars; undefined clears. */
  history(fault: HistoryFault | undefined): void;
  /** Clears every market control. */
  reset(): void;
}

/** The controls as the reliability document lists them. */
export const MARKET_CONTROLS: readonly { name: string; effect: string }[] = [
  { name: 'market.periodicResets(ticks)', effect: 'Reset + full snapshot to every depth subscriber every n steps' },
  { name: 'market.outOfOrderDepth(on)', effect: 'depth increments in reverse item order (book wrong until the next Reset)' },
  { name: 'market.crossedSnapshot()', effect: 'the next snapshot holds a bid above the best ask' },
  { name: 'market.everyDomType(on)', effect: 'NewBestBid/NewBestAsk, Fill, Low and High items besides the usual ones' },
  { name: 'market.history({delayMs, fail})', effect: 'History/retrieveBars slow, failing with an error envelope, or HTTP 500' },
];

export class MarketControlState {
  resetEveryTicks: number | undefined;
  outOfOrder = false;
  crossedNext = false;
  everyDomType = false;
  historyFault: HistoryFault | undefined;

  controls(): MarketControls {
    return {
      periodicResets: (ticks) => {
        this.resetEveryTicks = ticks !== undefined && ticks > 0 ? Math.floor(ticks) : undefined;
      },
      outOfOrderDepth: (on) => {
        this.outOfOrder = on;
      },
      crossedSnapshot: () => {
        this.crossedNext = true;
      },
      everyDomType: (on) => {
        this.everyDomType = on;
      },
      history: (fault) => {
        this.historyFault = fault;
      },
      reset: () => {
        this.resetEveryTicks = undefined;
        this.outOfOrder = false;
        this.crossedNext = false;
        this.everyDomType = false;
        this.historyFault = undefined;
      },
    };
  }

  /** True once per crossed-snapshot request. */
  takeCrossed(): boolean {
    const crossed = this.crossedNext;
    this.crossedNext = false;
    return crossed;
  }
}
