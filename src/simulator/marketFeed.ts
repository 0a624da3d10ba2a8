import type { Clock } from '../core/util/clock';
import type { HubConnection } from './hubConnection';
import type { HubRegistry } from './hubRegistry';
import { deriveSeed, Prng } from './prng';
import { invocationFrame } from '../core/wire/signalrCodec';
import { subscriptionKey } from './simTypes';
import type { Variants } from './variants';
import { tickDecimals, type SimContract, type World } from './world';

const SNAPSHOT_LEVELS = 60;
const SNAPSHOT_EVERY_TICKS = 40;

/** One contract's random walk, kept in whole ticks so prices never drift off the tick grid. */
interface Book {
  contract: SimContract;
  rng: Prng;
  last: number;
  bid: number;
  ask: number;
  open: number;
  high: number;
  low: number;
  prevClose: number;
  volume: number;
  ticksSent: number;
}

export const QUOTES = 'SubscribeContractQuotes';
export const TRADES = 'SubscribeContractTrades';
export const DEPTH = 'SubscribeContractMarketDepth';

/** Seeded quotes, trades and depth for every subscribed contract, sent only to subscribers. */
export class MarketFeed {
  private readonly books = new Map<string, Book>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    world: World,
    seed: number,
    private readonly clock: Clock,
    private readonly registry: HubRegistry,
    private readonly variants: Variants,
  ) {
    for (const contract of world.contracts) {
      const rng = new Prng(deriveSeed(seed, contract.id));
      const start = Math.round(contract.startPrice / contract.tickSize) + rng.int(-40, 40);
      const prevClose = start - rng.int(-60, 60);
      this.books.set(contract.id, { contract, rng, last: start, bid: start, ask: start + 1, open: start, high: start, low: start, prevClose, volume: rng.int(50_000, 900_000), ticksSent: 0 });
    }
  }

  start(intervalMs: number): void {
    if (intervalMs > 0) this.timer = setInterval(() => this.tick(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The touch, for fills: a buy fills at the ask, a sell at the bid. */
  touch(contractId: string): { bid: number; ask: number; last: number } | undefined {
    const b = this.books.get(contractId);
    return b && { bid: this.price(b, b.bid), ask: this.price(b, b.ask), last: this.price(b, b.last) };
  }

  /** One step for every contract someone subscribed to on the market hub. */
  tick(): void {
    for (const [id, book] of this.books) {
      const q = this.registry.hasSubscriber('market', subscriptionKey(QUOTES, id));
      const t = this.registry.hasSubscriber('market', subscriptionKey(TRADES, id));
      const d = this.registry.hasSubscriber('market', subscriptionKey(DEPTH, id));
      if (!q && !t && !d) continue;
      const traded = this.step(book);
      if (q) this.registry.publish('market', subscriptionKey(QUOTES, id), 'GatewayQuote', [id, this.quote(book)]);
      if (t) this.registry.publish('market', subscriptionKey(TRADES, id), 'GatewayTrade', [id, traded]);
      if (d) {
        const full = book.ticksSent % SNAPSHOT_EVERY_TICKS === 0;
        this.registry.publish('market', subscriptionKey(DEPTH, id), 'GatewayDepth', [id, full ? this.snapshot(book) : this.depthUpdate(book)]);
      }
      book.ticksSent += 1;
    }
  }

  /** A full book (over 10 KB, like the gateway's) for a connection that just subscribed to depth. */
  sendSnapshot(conn: HubConnection, contractId: string): void {
    const book = this.books.get(contractId);
    if (book) conn.sendEvent(invocationFrame('GatewayDepth', [contractId, this.snapshot(book)]));
  }

  /** The quote payload for a contract now (flood pre-serializes it). */
  quoteOf(contractId: string): Record<string, unknown> | undefined {
    const book = this.books.get(contractId);
    return book && this.quote(book);
  }

  private price(book: Book, ticks: number): number {
    return Number((ticks * book.contract.tickSize).toFixed(tickDecimals(book.contract.tickSize)));
  }

  private step(book: Book): { symbolId: string; price: number; timestamp: string; type: number; volume: number }[] {
    const { rng } = book;
    const pull = book.last > book.open + 80 ? -0.1 : book.last < book.open - 80 ? 0.1 : 0;
    const r = rng.next() + pull;
    const move = r < 0.08 ? -2 : r < 0.35 ? -1 : r < 0.65 ? 0 : r < 0.92 ? 1 : 2;
    book.last += move;
    // The last trade sits on the bid or the ask: bestBid <= lastPrice <= bestAsk always holds.
    if (rng.chance(0.5)) {
      book.bid = book.last;
      book.ask = book.last + 1;
    } else {
      book.ask = book.last;
      book.bid = book.last - 1;
    }
    book.high = Math.max(book.high, book.last);
    book.low = Math.min(book.low, book.last);
    const trades = [];
    const n = rng.int(1, 3);
    const stamp = this.variants.timestamp(this.clock.now());
    for (let i = 0; i < n; i++) {
      const volume = rng.int(1, 12);
      book.volume += volume;
      trades.push({ symbolId: book.contract.symbolId, price: this.price(book, book.last), timestamp: stamp, type: book.last === book.ask ? 0 : 1, volume });
    }
    return trades;
  }

  private quote(book: Book): Record<string, unknown> {
    const stamp = this.variants.timestamp(this.clock.now());
    const change = this.price(book, book.last - book.prevClose);
    return {
      symbol: book.contract.symbolId,
      symbolName: book.contract.symbolName,
      lastPrice: this.price(book, book.last),
      bestBid: this.price(book, book.bid),
      bestAsk: this.price(book, book.ask),
      change,
      changePercent: Number(((100 * (book.last - book.prevClose)) / book.prevClose).toFixed(4)),
      open: this.price(book, book.open),
      high: this.price(book, book.high),
      low: this.price(book, book.low),
      volume: book.volume,
      lastUpdated: stamp,
      timestamp: stamp,
    };
  }

  private level(book: Book, type: number, ticks: number, stamp: string): { timestamp: string; type: number; price: number; volume: number; currentVolume: number } {
    const volume = book.rng.int(1, 60);
    return { timestamp: stamp, type, price: this.price(book, ticks), volume, currentVolume: volume };
  }

  private snapshot(book: Book): object[] {
    const stamp = this.variants.timestamp(this.clock.now());
    const items: object[] = [{ timestamp: stamp, type: 6, price: 0, volume: 0, currentVolume: 0 }];
    for (let i = 0; i < SNAPSHOT_LEVELS; i++) {
      items.push(this.level(book, i === 0 ? 3 : 1, book.ask + i, stamp));
      items.push(this.level(book, i === 0 ? 4 : 2, book.bid - i, stamp));
    }
    return items;
  }

  private depthUpdate(book: Book): object[] {
    const stamp = this.variants.timestamp(this.clock.now());
    const items = [this.level(book, 3, book.ask, stamp), this.level(book, 4, book.bid, stamp)];
    const n = book.rng.int(1, 3);
    for (let i = 0; i < n; i++) {
      const bidSide = book.rng.chance(0.5);
      items.push(this.level(book, bidSide ? 2 : 1, bidSide ? book.bid - book.rng.int(1, 10) : book.ask + book.rng.int(1, 10), stamp));
    }
    return items;
  }
}
