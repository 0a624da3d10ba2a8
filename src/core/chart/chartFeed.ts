/**
 * The host side of the quote chart, vscode-free: listens to a market hub, coalesces ticks
 * latest-wins, flushes at most `maxBatchesPerSecond` times a second into bounded per-contract
 * history, and hands each batch to the panels watching that contract. One feed serves all panels.
 */
import type { MarketEvent } from '../events/types';
import type { HubClient } from '../monitor/types';
import { systemClock, type Clock } from '../util/clock';
import { Emitter, type Disposable } from '../util/emitter';
import type { FeedInfo, QuoteHeader, QuotePoint, TradePoint } from '../../shared/chartProtocol';
import { TickCoalescer, type PendingBatch } from './coalescer';
import { feedStatus, type MarketCalendar } from './feedStatus';
import { FlushScheduler, nodeTimers, type TimerApi } from './flushScheduler';
import { boundsFor, SeriesStore } from './seriesStore';

/** The part of a HubClient the feed reads. */
export type MarketSource = Pick<HubClient, 'state' | 'onDidChangeState' | 'onEvent'>;

export interface ChartFeedOptions {
  readonly historySeconds: number;
  readonly maxBatchesPerSecond?: number;
  /** Contracts kept without a watcher (others are recorded only while a panel watches them). */
  readonly maxContracts?: number;
  readonly staleAfterMs?: number;
  readonly calendar?: MarketCalendar;
  readonly clock?: Clock;
  readonly timers?: TimerApi;
}

export interface FeedBatch {
  readonly contractId: string;
  readonly quotes: readonly QuotePoint[];
  readonly trades: readonly TradePoint[];
  readonly header: QuoteHeader;
}

export interface FeedSnapshot {
  readonly quotes: readonly QuotePoint[];
  readonly trades: readonly TradePoint[];
  readonly header: QuoteHeader;
}

export interface FeedStats {
  readonly ticks: number;
  readonly batches: number;
  readonly coalesced: number;
}

interface ContractState {
  readonly store: SeriesStore;
  readonly listeners: Set<(batch: FeedBatch) => void>;
  /** Raw events for views that need every print at its exchange time (candles). */
  readonly taps: Set<(event: MarketEvent) => void>;
  coalesced: number;
  lastQuoteAt: number | undefined;
}

export class ChartFeed implements Disposable {
  private readonly contracts = new Map<string, ContractState>();
  private readonly coalescer = new TickCoalescer();
  private readonly scheduler: FlushScheduler;
  private readonly clock: Clock;
  private readonly maxPerSecond: number;
  private readonly stateEmitter = new Emitter<void>();
  private readonly subscriptions: Disposable[];
  private historySeconds: number;
  private counts = { ticks: 0, batches: 0, coalesced: 0 };

  /** Fires when the hub state changes (panels re-send their status). */
  readonly onDidChangeStatus = this.stateEmitter.event;

  constructor(private readonly source: MarketSource, private readonly options: ChartFeedOptions) {
    this.clock = options.clock ?? systemClock;
    this.maxPerSecond = options.maxBatchesPerSecond ?? 30;
    this.historySeconds = options.historySeconds;
    this.scheduler = new FlushScheduler(() => this.flush(), this.maxPerSecond, this.clock, options.timers ?? nodeTimers);
    this.subscriptions = [
      source.onEvent((event) => {
        if (event.hub === 'market') this.onMarketEvent(event);
      }),
      source.onDidChangeState(() => this.stateEmitter.fire()),
    ];
  }

  get stats(): FeedStats {
    return { ...this.counts };
  }

  /** Receives every batch for `contractId` from now on; the history is kept while watched. */
  watch(contractId: string, listener: (batch: FeedBatch) => void): Disposable {
    const state = this.state(contractId, true);
    state?.listeners.add(listener);
    return { dispose: () => state?.listeners.delete(listener) };
  }

  /** Every raw quote and trade event of `contractId` (not coalesced), while the tap lasts. */
  tap(contractId: string, listener: (event: MarketEvent) => void): Disposable {
    const state = this.state(contractId, true);
    state?.taps.add(listener);
    return { dispose: () => state?.taps.delete(listener) };
  }

  /** The bounded history and latest header for a contract (empty when nothing arrived yet). */
  snapshot(contractId: string): FeedSnapshot {
    const state = this.contracts.get(contractId);
    if (!state) return { quotes: [], trades: [], header: this.coalescer.header(contractId) };
    state.store.prune(this.clock.now());
    return { quotes: state.store.quotes.toArray(), trades: state.store.trades.toArray(), header: this.coalescer.header(contractId) };
  }

  /** The latest merged quote fields of a contract. */
  header(contractId: string): QuoteHeader {
    return this.coalescer.header(contractId);
  }

  feedInfo(contractId: string): FeedInfo {
    const state = this.contracts.get(contractId);
    const now = this.clock.now();
    const lastQuoteAt = state?.lastQuoteAt;
    const status = feedStatus({ hub: this.source.state.kind, now, lastQuoteAt, contractId, staleAfterMs: this.options.staleAfterMs, calendar: this.options.calendar });
    return { status, ageMs: lastQuoteAt === undefined ? undefined : Math.max(0, now - lastQuoteAt), coalesced: state?.coalesced ?? 0 };
  }

  setHistorySeconds(seconds: number): void {
    this.historySeconds = seconds;
    const bounds = boundsFor(seconds, this.maxPerSecond);
    for (const state of this.contracts.values()) state.store.setBounds(bounds, this.clock.now());
  }

  dispose(): void {
    this.scheduler.dispose();
    for (const d of this.subscriptions) d.dispose();
    this.stateEmitter.dispose();
    this.contracts.clear();
  }

  private onMarketEvent(event: MarketEvent): void {
    if (event.name === 'GatewayDepth') return;
    const state = this.state(event.contractId, false);
    if (!state) return;
    if (state.taps.size > 0) this.tapEvent(state, event);
    if (event.name === 'GatewayQuote') {
      // No clock read here (the flood's hot path): lastQuoteAt is stamped by the flush that carries it.
      this.counts.ticks++;
      this.coalescer.addQuote(event.contractId, event.data);
    } else {
      this.counts.ticks += event.data.length;
      this.coalescer.addTrades(event.contractId, event.data);
    }
    if (this.coalescer.hasPending) this.scheduler.request();
  }

  private tapEvent(state: ContractState, event: MarketEvent): void {
    for (const tap of [...state.taps]) {
      try {
        tap(event);
      } catch {
        // One view's failure must not stop the feed.
      }
    }
  }

  private flush(): void {
    const now = this.clock.now();
    for (const batch of this.coalescer.drain(now)) this.apply(batch, now);
  }

  private apply(batch: PendingBatch, now: number): void {
    const state = this.contracts.get(batch.contractId);
    if (!state) return;
    // The flush time (this machine's clock, not the exchange's), at most one flush interval after the quote arrived.
    if (batch.quote) state.lastQuoteAt = now;
    const quotes = batch.quote ? [state.store.quotes.push(batch.quote)] : [];
    const trades = batch.trade ? [state.store.trades.push(batch.trade)] : [];
    state.coalesced += batch.coalesced;
    this.counts.batches++;
    this.counts.coalesced += batch.coalesced;
    const out: FeedBatch = { contractId: batch.contractId, quotes, trades, header: batch.header };
    for (const listener of [...state.listeners]) {
      try {
        listener(out);
      } catch {
        // A panel's failure must not stop the others; panels log their own errors.
      }
    }
  }

  /** The contract's state; unwatched contracts beyond the cap are not recorded. */
  private state(contractId: string, create: boolean): ContractState | undefined {
    let state = this.contracts.get(contractId);
    if (state) return state;
    if (!create && this.contracts.size >= (this.options.maxContracts ?? 32)) return undefined;
    state = { store: new SeriesStore(boundsFor(this.historySeconds, this.maxPerSecond)), listeners: new Set(), taps: new Set(), coalesced: 0, lastQuoteAt: undefined };
    this.contracts.set(contractId, state);
    return state;
  }
}
