import type { Clock } from '../core/util/clock';
import type { HubConnection } from './hubConnection';
import type { HubRegistry } from './hubRegistry';
import { ContractMarket, type MarketEvent } from './market/contractMarket';
import { incrementItems, snapshotItems, type DepthItem } from './market/depthWire';
import type { BookView, MarketAccess, Touch } from './market/marketAccess';
import { MarketControlState } from './market/marketControls';
import { invocationFrame } from '../core/wire/signalrCodec';
import { subscriptionKey } from './simTypes';
import type { Variants } from './variants';
import { tickDecimals, type SimContract, type World } from './world';

/** An hour of prints before the first use of a contract, so history has something to show. */
const WARM_UP_MS = 3600_000;
const WARM_UP_STEP_MS = 1000;

export const QUOTES = 'SubscribeContractQuotes';
export const TRADES = 'SubscribeContractTrades';
export const DEPTH = 'SubscribeContractMarketDepth';

/**
 * The simulated market's streams: one ContractMarket per contract (created on first use), from
 * which quotes, trades, depth and history all derive. Per step a depth subscriber gets the depth
 * frame first, then trades, then the quote, so a quote always describes the book just sent.
 */
export class MarketFeed implements MarketAccess {
  readonly controls = new MarketControlState();
  private readonly markets = new Map<string, ContractMarket>();
  private readonly contracts = new Map<string, SimContract>();
  /** Depth subscriptions that got their Reset + snapshot, per connection. */
  private readonly synced = new WeakMap<HubConnection, Set<string>>();
  /** Steps published per contract (periodic resets and the Fill rotation count them). */
  private readonly steps = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    world: World,
    private readonly seed: number,
    private readonly clock: Clock,
    private readonly registry: HubRegistry,
    private readonly variants: Variants,
  ) {
    for (const c of world.contracts) this.contracts.set(c.id, c);
  }

  start(intervalMs: number): void {
    if (intervalMs > 0) this.timer = setInterval(() => this.tick(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The market of a contract, warmed up with an hour of history on first use. */
  market(contractId: string): ContractMarket | undefined {
    let m = this.markets.get(contractId);
    if (m) return m;
    const contract = this.contracts.get(contractId);
    if (!contract) return undefined;
    m = new ContractMarket(contract, this.seed);
    const now = this.clock.now();
    m.warmUp(now - WARM_UP_MS, now, WARM_UP_STEP_MS);
    this.markets.set(contractId, m);
    return m;
  }

  touch(contractId: string): Touch | undefined {
    const m = this.market(contractId);
    if (!m) return undefined;
    const price = (t: number): number => this.price(m, t);
    return { bid: price(m.book.bestBid() ?? m.last), ask: price(m.book.bestAsk() ?? m.last + 1), last: price(m.last) };
  }

  execute(contractId: string, side: 'buy' | 'sell', size: number): number[] | undefined {
    const m = this.market(contractId);
    if (!m) return undefined;
    const before = this.sessionOf(m);
    const at = this.clock.now();
    const { prices, events } = m.execute(side, size, at);
    this.publish(m, events, before, at);
    return prices.map((t) => this.price(m, t));
  }

  book(contractId: string): BookView | undefined {
    const m = this.market(contractId);
    if (!m) return undefined;
    const side = (s: 'bid' | 'ask'): BookView['bids'] => m.book.levels(s).map((l) => ({ price: this.price(m, l.ticks), volume: l.volume }));
    return { bids: side('bid'), asks: side('ask') };
  }

  contractFacts(contractId: string): { tickSize: number; tickValue: number } | undefined {
    const c = this.contracts.get(contractId);
    return c && { tickSize: c.tickSize, tickValue: c.tickValue };
  }

  /** One step for every contract someone subscribed to on the market hub. */
  tick(): void {
    for (const id of this.contracts.keys()) {
      const anyone = [QUOTES, TRADES, DEPTH].some((method) => this.registry.hasSubscriber('market', subscriptionKey(method, id)));
      if (anyone) this.step(id);
    }
  }

  /** One step of one contract's market, published to its subscribers (the flood calls this). */
  step(contractId: string): void {
    const m = this.market(contractId);
    if (!m) return;
    const before = this.sessionOf(m);
    const at = this.clock.now();
    this.publish(m, m.step(at), before, at);
  }

  /**
   * A connection (re)subscribed to depth: it gets a Reset + snapshot now (`sendNow`) or before its
   * next increment, never an increment on a book it has not seen.
   */
  depthSubscribed(conn: HubConnection, contractId: string, sendNow: boolean): void {
    this.synced.get(conn)?.delete(contractId);
    const m = sendNow ? this.market(contractId) : undefined;
    if (m) this.sendDepthSnapshot(conn, m);
  }

  /** The quote payload for a contract now (the flood pre-serializes it). */
  quoteOf(contractId: string): Record<string, unknown> | undefined {
    const m = this.market(contractId);
    return m && this.quote(m);
  }

  /** The contract's price in ticks → on the wire. */
  price(m: ContractMarket, ticks: number): number {
    return Number((ticks * m.contract.tickSize).toFixed(tickDecimals(m.contract.tickSize)));
  }

  private sessionOf(m: ContractMarket): { bid: number | undefined; ask: number | undefined; low: number; high: number } {
    return { bid: m.book.bestBid(), ask: m.book.bestAsk(), low: m.low, high: m.high };
  }

  /** `atMs`: when the step printed; the live stamp is the tape's time, so history and live agree on every print's second. */
  private publish(m: ContractMarket, events: MarketEvent[], before: ReturnType<MarketFeed['sessionOf']>, atMs: number): void {
    const id = m.contract.id;
    const count = (this.steps.get(id) ?? 0) + 1;
    this.steps.set(id, count);
    const every = this.controls.resetEveryTicks;
    const resetAll = every !== undefined && count % every === 0;
    const stamp = this.variants.timestamp(atMs);
    let increment: string | undefined;
    for (const conn of this.registry.subscribers('market', subscriptionKey(DEPTH, id))) {
      if (resetAll || !this.synced.get(conn)?.has(id)) {
        this.sendDepthSnapshot(conn, m);
        continue;
      }
      if (increment === undefined) {
        const items = incrementItems(m, events, {
          stamp,
          price: (t) => this.price(m, t),
          touchBefore: before,
          everyDomType: this.controls.everyDomType,
          printsBefore: count,
          newLow: m.low < before.low ? m.low : undefined,
          newHigh: m.high > before.high ? m.high : undefined,
        });
        increment = invocationFrame('GatewayDepth', [id, this.controls.outOfOrder ? items.reverse() : items]);
      }
      conn.sendEvent(increment);
    }
    const prints = events.flatMap((e) => (e.kind === 'print' ? [e] : []));
    if (prints.length > 0) {
      const trades = prints.map((p) => ({ symbolId: m.contract.symbolId, price: this.price(m, p.ticks), timestamp: stamp, type: p.aggressor === 'buy' ? 0 : 1, volume: p.volume }));
      this.registry.publish('market', subscriptionKey(TRADES, id), 'GatewayTrade', [id, trades]);
    }
    this.registry.publish('market', subscriptionKey(QUOTES, id), 'GatewayQuote', [id, this.quote(m)]);
  }

  private sendDepthSnapshot(conn: HubConnection, m: ContractMarket): void {
    const stamp = this.variants.timestamp(this.clock.now());
    const items: DepthItem[] = snapshotItems(m, { stamp, price: (t) => this.price(m, t) }, this.controls.takeCrossed());
    if (!conn.sendEvent(invocationFrame('GatewayDepth', [m.contract.id, items]))) return;
    let set = this.synced.get(conn);
    if (!set) this.synced.set(conn, (set = new Set()));
    set.add(m.contract.id);
  }

  private quote(m: ContractMarket): Record<string, unknown> {
    const stamp = this.variants.timestamp(this.clock.now());
    const p = (t: number): number => this.price(m, t);
    return {
      symbol: m.contract.symbolId,
      symbolName: m.contract.symbolName,
      lastPrice: p(m.last),
      bestBid: p(m.book.bestBid() ?? m.last),
      bestAsk: p(m.book.bestAsk() ?? m.last + 1),
      change: p(m.last - m.prevClose),
      changePercent: Number(((100 * (m.last - m.prevClose)) / m.prevClose).toFixed(4)),
      open: p(m.open),
      high: p(m.high),
      low: p(m.low),
      volume: m.volume,
      lastUpdated: stamp,
      timestamp: stamp,
    };
  }
}
