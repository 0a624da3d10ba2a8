import { deriveSeed, Prng } from '../prng';
import type { SimContract } from '../world';
import { OrderBook, type BookSide, type LevelChange } from './orderBook';
import { PrintTape } from './printTape';

/** Levels kept on each side: 60 makes an index future's snapshot over 10 KB, as the real gateway's. */
export const BOOK_DEPTH = 60;
const MAX_DEPTH = 70;
/** How far (in ticks) the market drifts from its anchor before the flow leans back. */
const DRIFT_TICKS = 80;

export type Aggressor = 'buy' | 'sell';

/** What one step of the market did, in order: level changes and prints (a buy prints at the ask). */
export type MarketEvent = ({ kind: 'level' } & LevelChange) | { kind: 'print'; ticks: number; volume: number; aggressor: Aggressor };

/**
 * One contract's market: a book, its prints and the session statistics, all in ticks. Every print
 * takes resting volume at the touch; the book never crosses or locks; after every step the spread is
 * one tick and bestBid ≤ last ≤ bestAsk.
 */
export class ContractMarket {
  readonly book = new OrderBook();
  readonly tape = new PrintTape();
  private readonly rng: Prng;
  private readonly anchor: number;
  private events: MarketEvent[] = [];
  last: number;
  open: number;
  high: number;
  low: number;
  readonly prevClose: number;
  volume: number;

  constructor(readonly contract: SimContract, seed: number) {
    this.rng = new Prng(deriveSeed(seed, contract.id));
    this.anchor = Math.round(contract.startPrice / contract.tickSize) + this.rng.int(-40, 40);
    this.last = this.open = this.high = this.low = this.anchor;
    this.prevClose = this.anchor - this.rng.int(-60, 60);
    this.volume = this.rng.int(50_000, 900_000);
    for (let i = 0; i < BOOK_DEPTH; i++) {
      this.book.set('bid', this.anchor - i, this.restingVolume(i));
      this.book.set('ask', this.anchor + 1 + i, this.restingVolume(i));
    }
    this.book.takeChanges();
  }

  /** Runs the market from `fromMs` to `toMs`, one step every `stepMs`, keeping only the prints (history before the first subscriber). */
  warmUp(fromMs: number, toMs: number, stepMs: number): void {
    for (let at = fromMs; at < toMs; at += stepMs) this.step(at);
    this.takeEvents();
  }

  /** One round of order flow: an aggressor at the touch, the gap refilled, deeper levels changing. */
  step(atMs: number): MarketEvent[] {
    const lean = this.last > this.anchor + DRIFT_TICKS ? 0.15 : this.last < this.anchor - DRIFT_TICKS ? -0.15 : 0;
    const side: Aggressor = this.rng.next() + lean < 0.5 ? 'buy' : 'sell';
    const touchVolume = this.book.volumeAt(side === 'buy' ? 'ask' : 'bid', this.touchOf(side));
    const size = this.rng.chance(0.3) ? touchVolume : this.rng.int(1, Math.max(1, Math.min(touchVolume, 12)));
    this.consume(side, size, atMs);
    this.refill();
    this.churn();
    return this.takeEvents();
  }

  /** A market order from outside (a demo order): takes the touch, sweeping further levels if it must. */
  execute(side: Aggressor, size: number, atMs: number): { prices: number[]; events: MarketEvent[] } {
    const prices = this.consume(side, Math.max(1, Math.floor(size)), atMs);
    this.refill();
    return { prices, events: this.takeEvents() };
  }

  private consume(side: Aggressor, size: number, atMs: number): number[] {
    const bookSide: BookSide = side === 'buy' ? 'ask' : 'bid';
    const prices: number[] = [];
    let remaining = size;
    while (remaining > 0) {
      const ticks = this.touchOf(side);
      const resting = this.book.volumeAt(bookSide, ticks);
      const take = Math.min(resting, remaining);
      this.print(side, ticks, take, atMs);
      this.book.set(bookSide, ticks, resting - take);
      this.drainBook();
      prices.push(ticks);
      remaining -= take;
      if (this.book.size(bookSide) === 0) this.refill();
    }
    return prices;
  }

  /** The touch an aggressor takes; an emptied side gets a fresh level one tick beyond the last print. */
  private touchOf(side: Aggressor): number {
    const best = side === 'buy' ? this.book.bestAsk() : this.book.bestBid();
    if (best !== undefined) return best;
    const ticks = side === 'buy' ? Math.max(this.last + 1, (this.book.bestBid() ?? this.last) + 1) : Math.min(this.last - 1, (this.book.bestAsk() ?? this.last) - 1);
    this.book.set(side === 'buy' ? 'ask' : 'bid', ticks, this.restingVolume(0));
    this.drainBook();
    return ticks;
  }

  private print(aggressor: Aggressor, ticks: number, volume: number, atMs: number): void {
    this.last = ticks;
    this.high = Math.max(this.high, ticks);
    this.low = Math.min(this.low, ticks);
    this.volume += volume;
    this.tape.record(atMs, ticks, volume);
    this.events.push({ kind: 'print', ticks, volume, aggressor });
  }

  /** Closes the spread to one tick with new orders that keep bestBid ≤ last ≤ bestAsk. */
  private refill(): void {
    for (;;) {
      const bid = this.book.bestBid();
      const ask = this.book.bestAsk();
      if (bid === undefined) this.book.set('bid', Math.min(this.last, (ask ?? this.last + 1) - 1), this.restingVolume(0));
      else if (ask === undefined) this.book.set('ask', Math.max(this.last, bid + 1), this.restingVolume(0));
      else if (ask - bid <= 1) break;
      else if (this.last <= bid) this.book.set('ask', bid + 1, this.restingVolume(0));
      else if (this.last >= ask) this.book.set('bid', ask - 1, this.restingVolume(0));
      else this.book.set(this.rng.chance(0.5) ? 'bid' : 'ask', this.last, this.restingVolume(0));
    }
    this.drainBook();
  }

  /** Orders added to and pulled from levels behind the touch; the book kept BOOK_DEPTH..MAX_DEPTH deep. */
  private churn(): void {
    const changes = this.rng.int(1, 4);
    for (let i = 0; i < changes; i++) {
      const side: BookSide = this.rng.chance(0.5) ? 'bid' : 'ask';
      const best = side === 'bid' ? this.book.bestBid() : this.book.bestAsk();
      if (best === undefined) continue;
      const depth = this.rng.int(1, 12);
      const ticks = side === 'bid' ? best - depth : best + depth;
      this.book.set(side, ticks, this.rng.chance(0.1) ? 0 : this.restingVolume(depth));
    }
    for (const side of ['bid', 'ask'] as const) {
      const count = this.book.size(side);
      if (count > MAX_DEPTH) {
        for (const l of this.book.levels(side).slice(BOOK_DEPTH)) this.book.set(side, l.ticks, 0);
      } else if (count < BOOK_DEPTH) {
        let far = this.book.farthest(side) ?? this.last;
        for (let n = count; n < BOOK_DEPTH; n++) {
          far = side === 'bid' ? far - 1 : far + 1;
          this.book.set(side, far, this.restingVolume(n));
        }
      }
    }
    this.drainBook();
  }

  /** Thin at the touch, thicker behind it, as on an index future's book. */
  private restingVolume(depth: number): number {
    return this.rng.int(1, 20 + 4 * Math.min(depth, 30));
  }

  private drainBook(): void {
    for (const c of this.book.takeChanges()) this.events.push({ kind: 'level', ...c });
  }

  private takeEvents(): MarketEvent[] {
    this.drainBook();
    const out = this.events;
    this.events = [];
    return out;
  }
}
