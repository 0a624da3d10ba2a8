/**
 * One account's live state: positions, working orders, today's trades, marks and contract facts,
 * applied idempotently (the same event twice, or a REST snapshot after it, leaves one state).
 * Pure: no timers, no sockets; AccountMonitor feeds it and decides when to publish.
 */
import type { Contract } from '../gateway/types';
import type { Quote, UserAccount, UserOrder, UserPosition, UserTrade } from '../events/types';
import { cleanMoney, dayTotals, markPrice, netPnl, unrealizedPnl } from './pnl';
import { evaluateRisk, type RiskLimits, type RiskRuleName } from './riskRules';
import { tradingDayStart } from './tradingDay';
import type { AccountSnapshot, OrderView, PositionView } from './types';

const WORKING_STATUSES = new Set<unknown>(['Open', 'Pending', 'PendingCancellation', 'Suspended', 1, 6, 7, 8]);

export interface BookSeed {
  readonly account: UserAccount | undefined;
  readonly positions: readonly UserPosition[];
  readonly orders: readonly UserOrder[];
  readonly trades: readonly UserTrade[];
}

/** What a re-seed changed, for the gap log line. */
export interface SeedDiff {
  readonly positions: readonly string[];
  readonly orders: readonly string[];
  readonly newTrades: number;
  readonly balance: { readonly from: number; readonly to: number } | undefined;
}

const positionKey = (p: UserPosition): string => p.contractId ?? `position:${p.id}`;
const time = (d: Date | undefined): number => (d === undefined ? Number.NaN : d.getTime());

export class AccountBook {
  private account: UserAccount | undefined;
  private readonly positions = new Map<string, UserPosition>();
  private readonly orders = new Map<number, UserOrder>();
  /** Orders seen in a final state: a late "Open" for them is stale and ignored. */
  private readonly finished = new Set<number>();
  private readonly trades = new Map<number, UserTrade>();
  private readonly marks = new Map<string, number>();
  private dayStart: number;
  private readonly latched = new Set<RiskRuleName>();
  private staticReference: number | undefined;
  private trailingReference: number | undefined;
  private referenceDay = Number.NaN;

  constructor(
    readonly accountId: number,
    private limits: RiskLimits,
    private readonly contracts: ReadonlyMap<string, Contract>,
    now: number,
  ) {
    this.dayStart = tradingDayStart(now);
  }

  setLimits(limits: RiskLimits): void {
    this.limits = limits;
    this.latched.clear();
  }

  /** Start (epoch ms) of the trading day the figures cover. */
  get tradingDay(): number {
    return this.dayStart;
  }

  get name(): string {
    return this.account?.name ?? '';
  }

  applyAccount(a: UserAccount): void {
    this.account = a;
  }

  applyPosition(p: UserPosition, removed: boolean): void {
    const key = positionKey(p);
    if (removed || p.size === 0) this.positions.delete(key);
    else this.positions.set(key, p);
  }

  applyOrder(o: UserOrder, removed: boolean): void {
    const known = this.orders.get(o.id);
    // Reordered delivery: an update older than the one applied is stale.
    if (known && time(o.updateTimestamp) < time(known.updateTimestamp)) return;
    const working = WORKING_STATUSES.has(o.status) && !removed;
    if (working && this.finished.has(o.id)) return;
    if (working) {
      this.orders.set(o.id, o);
    } else {
      this.orders.delete(o.id);
      this.finished.add(o.id);
    }
  }

  applyTrade(t: UserTrade): void {
    if (t.creationTimestamp !== undefined && t.creationTimestamp.getTime() < this.dayStart) return;
    this.trades.set(t.id, t);
  }

  /** A quote of a held contract; false when it changes nothing here (not held, same mark). */
  applyQuote(contractId: string, quote: Pick<Quote, 'lastPrice' | 'bestBid' | 'bestAsk'>): boolean {
    const mark = markPrice(quote);
    if (mark === undefined || this.marks.get(contractId) === mark) return false;
    this.marks.set(contractId, mark);
    return true;
  }

  /** Replaces everything with a REST seed and reports what changed against the state before it. */
  replace(seed: BookSeed): SeedDiff {
    const diff = this.diff(seed);
    if (seed.account) this.account = seed.account;
    this.positions.clear();
    for (const p of seed.positions) this.applyPosition(p, false);
    this.orders.clear();
    this.finished.clear();
    for (const o of seed.orders) this.applyOrder(o, false);
    for (const t of seed.trades) this.applyTrade(t);
    return diff;
  }

  /** Contracts with an open position (they need quotes). */
  heldContracts(): string[] {
    const ids: string[] = [];
    for (const p of this.positions.values()) if (p.contractId !== undefined) ids.push(p.contractId);
    return ids;
  }

  /** Every contract this account refers to (their facts are fetched once per session). */
  referencedContracts(): string[] {
    const ids = new Set(this.heldContracts());
    for (const o of this.orders.values()) if (o.contractId !== undefined) ids.add(o.contractId);
    for (const t of this.trades.values()) if (t.contractId !== undefined) ids.add(t.contractId);
    return [...ids];
  }

  /** Moves to a new trading day when `now` is past the current one: today's trades and breaches reset. */
  rollDay(now: number): boolean {
    const start = tradingDayStart(now);
    if (start === this.dayStart) return false;
    this.dayStart = start;
    for (const [id, t] of this.trades) if (t.creationTimestamp === undefined || t.creationTimestamp.getTime() < start) this.trades.delete(id);
    this.latched.clear();
    return true;
  }

  snapshot(): AccountSnapshot {
    const positions: PositionView[] = [];
    let unrealized = 0;
    let openContracts = 0;
    for (const p of this.positions.values()) {
      const contractId = p.contractId ?? '';
      const facts = this.contracts.get(contractId);
      const mark = this.marks.get(contractId);
      const upnl = facts && mark !== undefined ? unrealizedPnl(p.type, p.size, p.averagePrice, mark, facts.tickSize, facts.tickValue) : 0;
      unrealized += upnl;
      openContracts += p.size;
      positions.push({ contractId, type: p.type, size: p.size, averagePrice: p.averagePrice, markPrice: mark ?? null, unrealizedPnl: upnl });
    }
    const workingOrders: OrderView[] = [...this.orders.values()].map((o) => ({
      id: o.id, contractId: o.contractId ?? '', side: o.side, type: o.type, size: o.size, limitPrice: o.limitPrice, stopPrice: o.stopPrice, status: o.status,
    }));
    const trades = [...this.trades.values()].sort((a, b) => time(a.creationTimestamp) - time(b.creationTimestamp) || a.id - b.id);
    const { realizedPnl, fees } = dayTotals(trades);
    const unrealizedPnlTotal = cleanMoney(unrealized);
    const net = netPnl(realizedPnl, fees, unrealizedPnlTotal);
    const balance = this.account?.balance ?? 0;
    this.updateReferences(balance, realizedPnl, fees);
    const risk = evaluateRisk(
      this.limits,
      {
        netPnl: net,
        equity: cleanMoney(balance + unrealizedPnlTotal),
        maxLossReference: (this.limits.trailing ? this.trailingReference : this.staticReference) ?? balance,
        openContracts,
      },
      this.latched,
    );
    for (const r of risk) if (r.state === 'breached' && r.rule !== 'maxPosition') this.latched.add(r.rule);
    return {
      accountId: this.accountId,
      name: this.name,
      balance,
      canTrade: this.account?.canTrade ?? false,
      realizedPnl,
      fees,
      unrealizedPnl: unrealizedPnlTotal,
      netPnl: net,
      openContracts,
      positions,
      workingOrders,
      trades,
      risk,
      tradingDayStart: this.dayStart,
    };
  }

  /** The maxLoss references: start-of-day balance = balance − realized + fees (the day's closing balance before). */
  private updateReferences(balance: number, realized: number, fees: number): void {
    if (!this.account || this.referenceDay === this.dayStart) return;
    this.referenceDay = this.dayStart;
    const startOfDay = cleanMoney(balance - realized + fees);
    this.staticReference ??= startOfDay;
    this.trailingReference = Math.max(this.trailingReference ?? startOfDay, startOfDay);
  }

  private diff(seed: BookSeed): SeedDiff {
    const positions: string[] = [];
    const next = new Map(seed.positions.filter((p) => p.size !== 0).map((p) => [positionKey(p), p]));
    for (const [key, p] of next) {
      const old = this.positions.get(key);
      if (!old) positions.push(`${key} opened (${p.size})`);
      else if (old.size !== p.size || old.type !== p.type || old.averagePrice !== p.averagePrice) positions.push(`${key} ${old.size} → ${p.size}`);
    }
    for (const key of this.positions.keys()) if (!next.has(key)) positions.push(`${key} closed`);
    const orders: string[] = [];
    const nextOrders = new Set(seed.orders.map((o) => o.id));
    for (const id of nextOrders) if (!this.orders.has(id)) orders.push(`#${id} working`);
    for (const id of this.orders.keys()) if (!nextOrders.has(id)) orders.push(`#${id} done`);
    const newTrades = seed.trades.filter((t) => !this.trades.has(t.id) && (t.creationTimestamp === undefined || t.creationTimestamp.getTime() >= this.dayStart)).length;
    const before = this.account?.balance;
    const after = seed.account?.balance;
    const balance = before !== undefined && after !== undefined && before !== after ? { from: before, to: after } : undefined;
    return { positions, orders, newTrades, balance };
  }
}
