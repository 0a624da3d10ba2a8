/**
 * Latest-wins coalescing of market ticks between two flushes. Quotes merge field by field (the
 * gateway may send partial quotes), so one flush yields at most one quote sample and one trade
 * aggregate per contract, however many ticks arrived; the difference is counted as coalesced.
 */
import type { MarketTrade, Quote } from '../events/types';
import type { QuoteHeader, QuotePoint, TradePoint } from '../../shared/chartProtocol';

export interface PendingBatch {
  readonly contractId: string;
  readonly quote: QuotePoint | undefined;
  readonly trade: TradePoint | undefined;
  readonly header: QuoteHeader;
  /** Ticks in this batch that did not become a point of their own. */
  readonly coalesced: number;
}

interface Pending {
  quoteTicks: number;
  tradeTicks: number;
  buyVolume: number;
  sellVolume: number;
  lastTradePrice: number;
}

const QUOTE_FIELDS = ['last', 'bid', 'ask', 'change', 'changePercent'] as const;

function quoteFields(q: Quote): QuoteHeader {
  return { symbolName: q.symbolName, last: q.lastPrice, bid: q.bestBid, ask: q.bestAsk, change: q.change, changePercent: q.changePercent };
}

/** Fields of `next` that are defined and finite replace those of `prev`; the rest are kept. */
export function mergeHeader(prev: QuoteHeader, next: QuoteHeader): QuoteHeader {
  const out: { -readonly [K in keyof QuoteHeader]: QuoteHeader[K] } = { ...prev };
  for (const key of QUOTE_FIELDS) {
    const v = next[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
  }
  if (next.symbolName) out.symbolName = next.symbolName;
  return out;
}

export class TickCoalescer {
  private readonly headers = new Map<string, QuoteHeader>();
  private pending = new Map<string, Pending>();

  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  header(contractId: string): QuoteHeader {
    return this.headers.get(contractId) ?? {};
  }

  contracts(): string[] {
    return [...this.headers.keys()];
  }

  addQuote(contractId: string, quote: Quote): void {
    this.headers.set(contractId, mergeHeader(this.header(contractId), quoteFields(quote)));
    this.slot(contractId).quoteTicks++;
  }

  addTrades(contractId: string, trades: readonly MarketTrade[]): void {
    const valid = trades.filter((t) => Number.isFinite(t.price) && Number.isFinite(t.volume));
    if (valid.length === 0) return;
    const slot = this.slot(contractId);
    for (const t of valid) {
      slot.tradeTicks++;
      slot.lastTradePrice = t.price;
      // A side outside TradeLogType counts as a trade but adds to neither volume.
      if (t.type === 'Buy') slot.buyVolume += t.volume;
      else if (t.type === 'Sell') slot.sellVolume += t.volume;
    }
    if (!this.headers.has(contractId)) this.headers.set(contractId, {});
  }

  /** Takes everything pending: one batch per contract that had ticks, stamped `now`. */
  drain(now: number): PendingBatch[] {
    const batches: PendingBatch[] = [];
    for (const [contractId, p] of this.pending) {
      const header = this.header(contractId);
      const quote = p.quoteTicks > 0 ? { t: now, last: header.last, bid: header.bid, ask: header.ask } : undefined;
      const trade = p.tradeTicks > 0
        ? { t: now, price: p.lastTradePrice, buyVolume: p.buyVolume, sellVolume: p.sellVolume, count: p.tradeTicks }
        : undefined;
      const coalesced = Math.max(0, p.quoteTicks - 1) + Math.max(0, p.tradeTicks - 1);
      batches.push({ contractId, quote, trade, header, coalesced });
    }
    this.pending = new Map();
    return batches;
  }

  forget(contractId: string): void {
    this.headers.delete(contractId);
    this.pending.delete(contractId);
  }

  private slot(contractId: string): Pending {
    let slot = this.pending.get(contractId);
    if (!slot) {
      slot = { quoteTicks: 0, tradeTicks: 0, buyVolume: 0, sellVolume: 0, lastTradePrice: NaN };
      this.pending.set(contractId, slot);
    }
    return slot;
  }
}
