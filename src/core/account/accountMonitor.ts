/**
 * The live account model of one monitor: an AccountBook per watched account, fed by the user hub's
 * events and the quotes of held contracts, seeded through REST at start and re-seeded after every
 * user-hub reconnect (the gap is logged with what changed). Views bind to onDidChange, which fires a
 * snapshot at most every COALESCE_MS per account for quotes, and at once after a position, order or
 * trade event; nothing fires when the figures did not change.
 */
import { errorText } from '../errors/classify';
import type { GatewayEvent, Quote } from '../events/types';
import type { Contract, GatewayApi } from '../gateway/types';
import type { TokenProvider } from '../hub/types';
import type { HubClient } from '../monitor/types';
import type { TimelineStep } from '../timeline/types';
import { systemClock, type Clock } from '../util/clock';
import { Emitter, type Disposable } from '../util/emitter';
import { AccountBook } from './accountBook';
import { HeldQuotes } from './heldQuotes';
import type { RiskLimits } from './riskRules';
import type { AccountMetricsRow, AccountSnapshot } from './types';

export const COALESCE_MS = 250;
/** How often an idle account checks for the 18:00 New York rollover (today's figures then reset). */
const ROLLOVER_CHECK_MS = 60_000;

export interface AccountMonitorOptions {
  readonly user: HubClient;
  readonly market: HubClient;
  readonly gateway: GatewayApi;
  readonly tokens: TokenProvider;
  readonly accounts: readonly number[];
  readonly limits?: RiskLimits;
  readonly record?: (step: TimelineStep) => void;
  readonly clock?: Clock;
  readonly onListenerError?: (error: unknown) => void;
}

interface Slot {
  readonly book: AccountBook;
  timer: NodeJS.Timeout | undefined;
  lastEmitAt: number;
  lastKey: string;
  latest: AccountSnapshot | undefined;
}


export class AccountMonitor implements Disposable {
  private readonly slots = new Map<number, Slot>();
  /** Contract facts, read once per session from Contract/searchById. */
  private readonly contracts = new Map<string, Contract>();
  private readonly fetching = new Set<string>();
  private readonly quotes: HeldQuotes;
  private readonly changed: Emitter<AccountSnapshot>;
  readonly onDidChange: (listener: (snapshot: AccountSnapshot) => void) => Disposable;
  private readonly clock: Clock;
  private readonly listeners: Disposable[];
  /** User events that arrive while a seed is in flight, applied after it (the seed is older). */
  private buffered: GatewayEvent[] | undefined;
  private readonly rollover: NodeJS.Timeout;
  private disposed = false;

  constructor(private readonly opts: AccountMonitorOptions) {
    this.clock = opts.clock ?? systemClock;
    this.changed = new Emitter(opts.onListenerError);
    this.onDidChange = this.changed.event;
    this.quotes = new HeldQuotes(opts.market.subscriptions);
    const now = this.clock.now();
    for (const id of opts.accounts) this.slots.set(id, { book: new AccountBook(id, opts.limits ?? {}, this.contracts, now), timer: undefined, lastEmitAt: -Infinity, lastKey: '', latest: undefined });
    this.listeners = [
      opts.user.onEvent((event) => this.onUserEvent(event)),
      opts.market.onEvent((event) => this.onMarketEvent(event)),
      opts.user.onDidReconnect(({ downMs }) => void this.seed(downMs)),
    ];
    // Without a quote or an event nothing would notice the new trading day; unref: never keeps a process up.
    this.rollover = setInterval(() => {
      for (const slot of this.slots.values()) if (slot.book.rollDay(this.clock.now())) this.emitNow(slot);
    }, ROLLOVER_CHECK_MS);
    this.rollover.unref();
  }

  /** The latest figures of an account (built now), or undefined for an account not watched. */
  snapshot(accountId: number): AccountSnapshot | undefined {
    const slot = this.slots.get(accountId);
    if (!slot) return undefined;
    slot.book.rollDay(this.clock.now());
    return slot.book.snapshot();
  }

  /** The contract's facts once Contract/searchById answered (labels, price digits). */
  contract(contractId: string): Contract | undefined {
    return this.contracts.get(contractId);
  }

  /** New limits for one account (or every account); rule states are re-evaluated and published. */
  setLimits(limits: RiskLimits, accountId?: number): void {
    for (const [id, slot] of this.slots) {
      if (accountId !== undefined && id !== accountId) continue;
      slot.book.setLimits(limits);
      this.emitNow(slot);
    }
  }

  /** The rows the metrics exporter reads (figures as of the last published snapshot). */
  accountMetrics(): readonly AccountMetricsRow[] {
    return [...this.slots.values()].map(({ latest, book }) => {
      const s = latest ?? book.snapshot();
      return {
        accountId: s.accountId, name: s.name, netPnl: s.netPnl, realizedPnl: s.realizedPnl, unrealizedPnl: s.unrealizedPnl,
        openPositions: s.positions.length, risk: s.risk.map((r) => ({ rule: r.rule, distance: r.distance, state: r.state })),
      };
    });
  }

  /**
   * Seeds every account from REST (Account/search, Position/searchOpen, Order/searchOpen, Trade/search
   * from the trading day's start, Contract/searchById); never rejects. After a reconnect it logs the gap.
   */
  async seed(downMs?: number): Promise<void> {
    this.buffered ??= [];
    try {
      const token = await this.opts.tokens.getToken();
      const accounts = await this.opts.gateway.searchAccounts(token);
      for (const [id, slot] of this.slots) {
        slot.book.rollDay(this.clock.now());
        const start = new Date(slot.book.tradingDay);
        const [positions, orders, trades] = await Promise.all([
          this.opts.gateway.openPositions(token, id),
          this.opts.gateway.openOrders(token, id),
          this.opts.gateway.searchTrades(token, id, start),
        ]);
        const diff = slot.book.replace({ account: accounts.find((a) => a.id === id), positions, orders, trades });
        if (downMs !== undefined) this.note(gapText(id, downMs, diff));
      }
    } catch (error) {
      this.note(`Account resync failed: ${errorText(error)}`);
    } finally {
      const pending = this.buffered ?? [];
      this.buffered = undefined;
      for (const event of pending) this.onUserEvent(event);
      for (const slot of this.slots.values()) this.structureChanged(slot);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const l of this.listeners) l.dispose();
    for (const slot of this.slots.values()) clearTimeout(slot.timer);
    clearInterval(this.rollover);
    this.quotes.dispose();
    this.changed.dispose();
  }

  private onUserEvent(event: GatewayEvent): void {
    if (event.hub !== 'user' || event.name === 'GatewayLogout') return;
    if (this.buffered) {
      this.buffered.push(event);
      return;
    }
    const slot = this.slots.get(event.name === 'GatewayUserAccount' ? event.data.id : event.data.accountId);
    if (!slot) return;
    const removed = event.action === 'removed' || event.action === 0;
    switch (event.name) {
      case 'GatewayUserAccount':
        slot.book.applyAccount(event.data);
        this.schedule(slot);
        return;
      case 'GatewayUserPosition':
        slot.book.applyPosition(event.data, removed);
        break;
      case 'GatewayUserOrder':
        slot.book.applyOrder(event.data, removed);
        break;
      case 'GatewayUserTrade':
        slot.book.applyTrade(event.data);
        break;
    }
    this.structureChanged(slot);
  }

  private onMarketEvent(event: GatewayEvent): void {
    // The flood path: one map lookup for a contract nobody holds.
    if (event.hub !== 'market') return;
    const holders = this.quotes.holdersOf(event.contractId);
    if (!holders) return;
    let quote: Pick<Quote, 'lastPrice' | 'bestBid' | 'bestAsk'>;
    if (event.name === 'GatewayQuote') quote = event.data;
    else if (event.name === 'GatewayTrade' && event.data.length > 0) quote = { lastPrice: event.data[event.data.length - 1].price, bestBid: undefined, bestAsk: undefined };
    else return;
    for (const id of holders) {
      const slot = this.slots.get(id);
      if (slot && slot.book.applyQuote(event.contractId, quote)) this.schedule(slot);
    }
  }

  /** After a position, order or trade: quotes for what is held, facts for what is named, a line now. */
  private structureChanged(slot: Slot): void {
    this.quotes.update(slot.book.accountId, slot.book.heldContracts());
    for (const id of slot.book.referencedContracts()) this.fetchContract(id);
    this.emitNow(slot);
  }

  private fetchContract(contractId: string): void {
    if (this.contracts.has(contractId) || this.fetching.has(contractId)) return;
    this.fetching.add(contractId);
    this.opts.tokens
      .getToken()
      .then((token) => this.opts.gateway.contractById(token, contractId))
      .then(
        (contract) => {
          if (contract) this.contracts.set(contractId, contract);
          else this.note(`Contract ${contractId}: Contract/searchById found nothing; its P&L shows 0 until it is known`);
        },
        (error: unknown) => this.note(`Contract ${contractId}: ${errorText(error)}`),
      )
      .finally(() => {
        this.fetching.delete(contractId);
        if (this.disposed) return;
        for (const slot of this.slots.values()) this.schedule(slot);
      });
  }

  /** At most one publish per COALESCE_MS per account for quote-driven changes. */
  private schedule(slot: Slot): void {
    if (slot.timer || this.disposed || this.buffered) return;
    const wait = Math.max(0, slot.lastEmitAt + COALESCE_MS - this.clock.now());
    slot.timer = setTimeout(() => this.emitNow(slot), wait);
  }

  private emitNow(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    if (this.disposed || this.buffered) return;
    const now = this.clock.now();
    slot.book.rollDay(now);
    const snapshot = slot.book.snapshot();
    const key = figuresKey(snapshot);
    if (key === slot.lastKey) return;
    slot.lastKey = key;
    slot.lastEmitAt = now;
    slot.latest = snapshot;
    this.changed.fire(snapshot);
  }

  private note(text: string): void {
    this.opts.record?.({ kind: 'note', text });
  }
}

/** What a view shows, without today's trade list (trades change the totals, which are in the key). */
function figuresKey(s: AccountSnapshot): string {
  return JSON.stringify([s.name, s.balance, s.canTrade, s.realizedPnl, s.fees, s.unrealizedPnl, s.positions, s.workingOrders, s.risk, s.trades.length]);
}

function gapText(accountId: number, downMs: number, diff: ReturnType<AccountBook['replace']>): string {
  const parts = [
    ...diff.positions.map((p) => `position ${p}`),
    ...diff.orders.map((o) => `order ${o}`),
    ...(diff.newTrades > 0 ? [`${diff.newTrades} trade(s) missed`] : []),
    ...(diff.balance ? [`balance ${diff.balance.from} → ${diff.balance.to}`] : []),
  ];
  return `Account ${accountId} resynced after ${downMs} ms down: ${parts.length === 0 ? 'nothing changed' : parts.join(', ')}`;
}
