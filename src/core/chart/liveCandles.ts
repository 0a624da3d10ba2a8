/**
 * One chart's candles, vscode-free: taps the contract's raw market events from the moment it is
 * created, asks for the hour of history before a whole-second cut, and joins the two in one
 * CandleAggregator: history holds the prints before the cut, live the prints from it on, so the
 * join has neither a gap nor a bar counted twice. The cut is the whole second at or after the
 * first live print received (every later print arrives live, even when the hub subscription became
 * active only after the chart opened), or after the first whole second when the market is quiet.
 * History failing or slow leaves live-only candles and one line for the user.
 */
import type { MarketEvent } from '../events/types';
import { systemClock, type Clock } from '../util/clock';
import type { Disposable } from '../util/emitter';
import { TIMEFRAME_MS, type CandlePoint, type Timeframe } from '../../shared/chartProtocol';
import { CandleAggregator } from './candles';
import { historyCut, loadHistory, unavailableLine, type BarSource } from './historyLoader';

export type HistoryState = 'loading' | 'loaded' | 'unavailable';

export interface LiveCandlesOptions {
  readonly contractId: string;
  readonly timeframe: Timeframe;
  /** Subscribes to the contract's raw market events (ChartFeed.tap). */
  tap(listener: (event: MarketEvent) => void): Disposable;
  /** Undefined when there is no signed-in gateway to ask. */
  readonly source: BarSource | undefined;
  /** History ready (all candles) or given up (the line to show). */
  onHistory(result: { readonly line?: string }): void;
  readonly timeoutMs?: number;
  readonly clock?: Clock;
}

export class LiveCandles implements Disposable {
  private readonly aggregator: CandleAggregator;
  private readonly tapped: Disposable;
  /** Decided once: at the first whole second after opening. */
  private cut: number | undefined;
  private firstTradeAt: number | undefined;
  /** Live prints received before the cut was decided. */
  private early: { at: number; price: number; volume: number }[] = [];
  private waitTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private state: HistoryState = 'loading';

  constructor(private readonly options: LiveCandlesOptions) {
    const clock = options.clock ?? systemClock;
    this.aggregator = new CandleAggregator(TIMEFRAME_MS[options.timeframe]);
    this.tapped = options.tap((event) => this.onEvent(event, clock));
    this.wait(historyCut(clock.now()) - clock.now(), () => this.decideCut(clock));
  }

  private wait(ms: number, then: () => void): void {
    this.waitTimer = setTimeout(then, Math.max(0, ms) + 1);
    this.waitTimer.unref?.();
  }

  private decideCut(clock: Clock): void {
    if (this.disposed) return;
    const cut = historyCut(this.firstTradeAt ?? clock.now());
    this.cut = cut;
    for (const p of this.early) if (p.at >= cut) this.aggregator.addTrade(p.at, p.price, p.volume);
    this.early = [];
    // History is asked for once the cut has passed, so every print before it is on the gateway.
    this.wait(cut - clock.now(), () => void this.fetchHistory());
  }

  get timeframe(): Timeframe {
    return this.options.timeframe;
  }

  get historyState(): HistoryState {
    return this.state;
  }

  candles(): CandlePoint[] {
    return this.aggregator.candles();
  }

  takeChanged(): CandlePoint[] {
    return this.aggregator.takeChanged();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.waitTimer);
    this.tapped.dispose();
  }

  private onEvent(event: MarketEvent, clock: Clock): void {
    if (event.name === 'GatewayTrade') {
      for (const trade of event.data) {
        const at = trade.timestamp?.getTime() ?? clock.now();
        this.firstTradeAt ??= at;
        // Prints before the cut are in the history answer.
        if (this.cut === undefined) this.early.push({ at, price: trade.price, volume: trade.volume });
        else if (at >= this.cut) this.aggregator.addTrade(at, trade.price, trade.volume);
      }
    } else if (event.name === 'GatewayQuote') {
      const q = event.data;
      if (q.lastPrice !== undefined) this.aggregator.addQuote((q.timestamp ?? q.lastUpdated)?.getTime() ?? clock.now(), q.lastPrice);
    }
  }

  private async fetchHistory(): Promise<void> {
    this.waitTimer = undefined;
    if (this.disposed) return;
    const source = this.options.source;
    const cut = this.cut ?? Date.now();
    const result = source
      ? await loadHistory(source, this.options.contractId, this.options.timeframe, cut, this.options.timeoutMs)
      : ({ kind: 'unavailable', line: unavailableLine('not signed in to a gateway') } as const);
    if (this.disposed) return;
    if (result.kind === 'loaded') {
      this.aggregator.seed(result.bars);
      this.state = 'loaded';
      this.options.onHistory({});
    } else {
      this.state = 'unavailable';
      this.options.onHistory({ line: result.line });
    }
  }
}
