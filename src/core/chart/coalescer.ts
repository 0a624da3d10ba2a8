/**
 * Latest-wins coalescing of market ticks between two flushes. Quotes merge field by field (the
 * gateway may send partial quotes), so one flush yields at most one quote sample and one trade
 * aggregate per contract, however many ticks arrived; the difference is counted as coalesced.
 *
 * Hot path (every tick under a flood): one map lookup and in-place field writes per tick; the
 * header is copied only when it leaves (drain, ≤ 30×/s, and the header() reads of the views).
 */
import type { MarketTrade, Quote } from '../events/types';
import { MAX_VIEW_TEXT_CHARS } from '../limits';
import { clipText } from '../util/clip';
import type { QuoteHeader, QuotePoint, TradePoint } from '../../shared/chartProtocol';

export interface PendingBatch {
  readonly contractId: string;
  readonly quote: QuotePoint | undefined;
  readonly trade: TradePoint | undefined;
  readonly header: QuoteHeader;
  /** Ticks in this batch that did not become a point of their own. */
  readonly coalesced: number;
}

type MutableHeader = { -readonly [K in keyof QuoteHeader]: QuoteHeader[K] };

/** One contract: its merged header (kept, mutated in place) and what arrived since the last drain. */
interface Entry {
  readonly contractId: string;
  readonly header: MutableHeader;
  quoteTicks: number;
  tradeTicks: number;
  buyVolume: number;
  sellVolume: number;
  lastTradePrice: number;
  /** The exchange timestamps (ms) of the newest quote and trade since the last drain (NaN: none carried). */
  quoteAt: number;
  tradeAt: number;
  /** In the drain list already. */
  queued: boolean;
}

function finite(v: number | undefined): v is number {
  return v !== undefined && Number.isFinite(v);
}

/** Writes the defined, finite values (and a non-empty name) into `h`, in place; the rest are kept. */
function assign(h: MutableHeader, last?: number, bid?: number, ask?: number, change?: number, changePercent?: number, symbolName?: string): void {
  if (finite(last)) h.last = last;
  if (finite(bid)) h.bid = bid;
  if (finite(ask)) h.ask = ask;
  if (finite(change)) h.change = change;
  if (finite(changePercent)) h.changePercent = changePercent;
  // A server-chosen name shown in the chart header: clipped only when too long (a length check per tick).
  if (symbolName) h.symbolName = symbolName.length > MAX_VIEW_TEXT_CHARS ? clipText(symbolName) : symbolName;
}

/** Fields of `next` that are defined and finite replace those of `prev`; the rest are kept. */
export function mergeHeader(prev: QuoteHeader, next: QuoteHeader): QuoteHeader {
  const out: MutableHeader = { ...prev };
  assign(out, next.last, next.bid, next.ask, next.change, next.changePercent, next.symbolName);
  return out;
}

export class TickCoalescer {
  private readonly entries = new Map<string, Entry>();
  private queue: Entry[] = [];

  get hasPending(): boolean {
    return this.queue.length > 0;
  }

  /** A copy of the contract's merged header ({} when nothing arrived). */
  header(contractId: string): QuoteHeader {
    const entry = this.entries.get(contractId);
    return entry ? { ...entry.header } : {};
  }

  contracts(): string[] {
    return [...this.entries.keys()];
  }

  addQuote(contractId: string, q: Quote): void {
    const entry = this.entry(contractId);
    assign(entry.header, q.lastPrice, q.bestBid, q.bestAsk, q.change, q.changePercent, q.symbolName);
    entry.quoteTicks++;
    const at = (q.timestamp ?? q.lastUpdated)?.getTime();
    if (at !== undefined && Number.isFinite(at)) entry.quoteAt = at;
    this.enqueue(entry);
  }

  addTrades(contractId: string, trades: readonly MarketTrade[]): void {
    let entry: Entry | undefined;
    for (const t of trades) {
      if (!Number.isFinite(t.price) || !Number.isFinite(t.volume)) continue;
      entry ??= this.entry(contractId);
      entry.tradeTicks++;
      entry.lastTradePrice = t.price;
      const at = t.timestamp?.getTime();
      if (at !== undefined && Number.isFinite(at)) entry.tradeAt = at;
      // A side outside TradeLogType counts as a trade but adds to neither volume.
      if (t.type === 'Buy') entry.buyVolume += t.volume;
      else if (t.type === 'Sell') entry.sellVolume += t.volume;
    }
    if (entry) this.enqueue(entry);
  }

  /**
   * Takes everything pending: one batch per contract that had ticks, stamped with the exchange time
   * of its newest tick (a true time axis), or `now` when the payload carried none.
   */
  drain(now: number): PendingBatch[] {
    const queue = this.queue;
    this.queue = [];
    const batches: PendingBatch[] = [];
    for (const e of queue) {
      const header: QuoteHeader = { ...e.header };
      const quoteT = Number.isNaN(e.quoteAt) ? now : e.quoteAt;
      const tradeT = Number.isNaN(e.tradeAt) ? now : e.tradeAt;
      const quote = e.quoteTicks > 0 ? { t: quoteT, last: header.last, bid: header.bid, ask: header.ask } : undefined;
      const trade = e.tradeTicks > 0 ? { t: tradeT, price: e.lastTradePrice, buyVolume: e.buyVolume, sellVolume: e.sellVolume, count: e.tradeTicks } : undefined;
      const coalesced = Math.max(0, e.quoteTicks - 1) + Math.max(0, e.tradeTicks - 1);
      batches.push({ contractId: e.contractId, quote, trade, header, coalesced });
      e.quoteTicks = e.tradeTicks = e.buyVolume = e.sellVolume = 0;
      e.lastTradePrice = e.quoteAt = e.tradeAt = NaN;
      e.queued = false;
    }
    return batches;
  }

  forget(contractId: string): void {
    const entry = this.entries.get(contractId);
    if (!entry) return;
    this.entries.delete(contractId);
    if (entry.queued) this.queue = this.queue.filter((e) => e !== entry);
  }

  private enqueue(entry: Entry): void {
    if (entry.queued) return;
    entry.queued = true;
    this.queue.push(entry);
  }

  private entry(contractId: string): Entry {
    let entry = this.entries.get(contractId);
    if (!entry) {
      entry = { contractId, header: {}, quoteTicks: 0, tradeTicks: 0, buyVolume: 0, sellVolume: 0, lastTradePrice: NaN, quoteAt: NaN, tradeAt: NaN, queued: false };
      this.entries.set(contractId, entry);
    }
    return entry;
  }
}
