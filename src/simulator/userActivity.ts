import type { Clock } from '../core/util/clock';
import type { QuoteSource } from './account/quoteSource';
import { workRestingOrder } from './account/restingOrders';
import type { UserEventFaults } from './account/userEventFaults';
import type { HubConnection } from './hubConnection';
import type { HubRegistry } from './hubRegistry';
import { deriveSeed, Prng } from './prng';
import { subscriptionKey } from './simTypes';
import type { Variants } from './variants';
import { accountWire, roundToTick, type SimAccount, type SimOrder, type SimPosition, type World } from './world';

const ORDER_STATUS = { Open: 1, Filled: 2, Cancelled: 3 } as const;
const ORDER_TYPE = { Limit: 1, Market: 2 } as const;

/** Orders, fills, positions, trades and balances for the simulated accounts, published to subscribers. */
export class UserActivity {
  private readonly rng: Prng;
  private timer: NodeJS.Timeout | undefined;
  /** Rounds each resting limit order has waited untouched. */
  private readonly restingRounds = new Map<number, number>();

  constructor(
    private readonly world: World,
    private readonly feed: QuoteSource,
    private readonly registry: HubRegistry,
    private readonly variants: Variants,
    private readonly clock: Clock,
    seed: number,
    private readonly userFaults: UserEventFaults,
  ) {
    this.rng = new Prng(deriveSeed(seed, 'user-activity'));
  }

  start(intervalMs: number): void {
    if (intervalMs > 0) this.timer = setInterval(() => this.step(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.userFaults.flush();
  }

  /** A market order, filled at once: Order (Open) → Order (Filled) → Position → Trade → Account. */
  placeOrder(accountId: number, contractId: string, side: 'Bid' | 'Ask', size: number, scriptedPrice?: number): void {
    const { account, touch } = this.check(accountId, contractId);
    if (!Number.isInteger(size) || size <= 0) throw new Error(`placeOrder: size must be a positive integer, got ${size}.`);
    const now = this.now();
    const sideCode = side === 'Bid' ? 0 : 1;
    const order: SimOrder = {
      id: this.world.newId(),
      accountId,
      contractId,
      symbolId: this.world.contract(contractId)?.symbolId ?? contractId,
      creationTimestamp: now,
      updateTimestamp: now,
      status: ORDER_STATUS.Open,
      type: ORDER_TYPE.Market,
      side: sideCode,
      size,
      limitPrice: null,
      stopPrice: null,
      fillVolume: 0,
      filledPrice: null,
      customTag: null,
    };
    this.putOrder(order);
    this.execute(account, order, size, scriptedPrice ?? (side === 'Bid' ? touch.ask : touch.bid));
  }

  /** Fills `size` of an order at `price`: Order (Filled, or Open with fillVolume when partial) → Position → Trade → Account. */
  private execute(account: SimAccount, order: SimOrder, size: number, price: number): void {
    const { accountId, contractId } = order;
    const fillVolume = order.fillVolume + size;
    const filledPrice = Number((((order.filledPrice ?? 0) * order.fillVolume + price * size) / fillVolume).toFixed(6));
    this.putOrder({ ...order, status: fillVolume >= order.size ? ORDER_STATUS.Filled : ORDER_STATUS.Open, fillVolume, filledPrice, updateTimestamp: this.now() });
    const pnl = this.fill(accountId, contractId, order.side === 0 ? size : -size, price);
    const fees = Number(((this.world.contract(contractId)?.feePerSide ?? 0) * size).toFixed(2));
    const trade = { id: this.world.newId(), accountId, contractId, creationTimestamp: this.now(), price, profitAndLoss: pnl, fees, side: order.side, size, voided: false, orderId: order.id };
    this.world.addTrade(trade);
    this.publishUser(subscriptionKey('SubscribeTrades', accountId), 'GatewayUserTrade', this.variants.userPayload(trade));
    account.balance = Number((account.balance + (pnl ?? 0) - fees).toFixed(2));
    this.publishAccount(account);
  }

  /** Sets a position outright (size: + long, - short, 0 closes) and publishes it. */
  setPosition(accountId: number, contractId: string, size: number, averagePrice: number): void {
    this.check(accountId, contractId);
    if (!Number.isInteger(size)) throw new Error(`setPosition: size must be an integer, got ${size}.`);
    const existing = this.world.position(accountId, contractId);
    this.putPosition({
      id: existing?.id ?? this.world.newId(),
      accountId,
      contractId,
      creationTimestamp: existing?.creationTimestamp ?? this.now(),
      type: size > 0 ? 1 : size < 0 ? 2 : (existing?.type ?? 1),
      size: Math.abs(size),
      averagePrice,
    });
  }

  /** One automatic round for every account someone follows: cancel a resting order, rest one, or trade. */
  step(): void {
    for (const account of this.world.accounts) {
      const followed = ['SubscribeOrders', 'SubscribePositions', 'SubscribeTrades'].some((m) => this.registry.hasSubscriber('user', subscriptionKey(m, account.id)));
      if (followed) this.stepAccount(account);
    }
  }

  private stepAccount(account: SimAccount): void {
    const resting = this.world.openOrders(account.id)[0];
    const restingTouch = resting && this.feed.touch(resting.contractId);
    if (resting && restingTouch) {
      const rounds = (this.restingRounds.get(resting.id) ?? 0) + 1;
      const decision = workRestingOrder(resting, restingTouch, rounds, this.rng);
      this.restingRounds.set(resting.id, rounds);
      if (decision.kind === 'fill') this.execute(account, resting, decision.size, decision.price);
      else if (decision.kind === 'cancel') this.putOrder({ ...resting, status: ORDER_STATUS.Cancelled, updateTimestamp: this.now() });
      if (decision.kind !== 'wait') this.restingRounds.delete(resting.id);
      return;
    }
    const contract = this.rng.pick(this.world.contracts.slice(0, 5));
    const touch = this.feed.touch(contract.id);
    if (!touch) return;
    if (this.rng.chance(0.35)) {
      // Close to the touch, so the market often comes to it within a few rounds (fills, partial fills).
      const side = this.rng.int(0, 1);
      const away = this.rng.int(0, 2) * contract.tickSize;
      const now = this.now();
      this.putOrder({
        id: this.world.newId(), accountId: account.id, contractId: contract.id, symbolId: contract.symbolId, creationTimestamp: now, updateTimestamp: now,
        status: ORDER_STATUS.Open, type: ORDER_TYPE.Limit, side, size: this.rng.int(1, 3),
        limitPrice: roundToTick(side === 0 ? touch.bid - away : touch.ask + away, contract.tickSize), stopPrice: null, fillVolume: 0, filledPrice: null, customTag: null,
      });
      return;
    }
    // Lean against an existing position so sizes stay small.
    const pos = this.world.position(account.id, contract.id);
    const signed = pos ? (pos.type === 2 ? -pos.size : pos.size) : 0;
    const side = signed >= 3 ? 'Ask' : signed <= -3 ? 'Bid' : this.rng.chance(0.5) ? 'Bid' : 'Ask';
    this.placeOrder(account.id, contract.id, side, this.rng.int(1, 2));
  }

  /** Nets a fill into the position; returns the realized P&L, or null for an opening (half-turn) fill. */
  private fill(accountId: number, contractId: string, delta: number, price: number): number | null {
    const contract = this.feed.tickFacts(contractId);
    const pos = this.world.position(accountId, contractId);
    const signed = pos ? (pos.type === 2 ? -pos.size : pos.size) : 0;
    const next = signed + delta;
    const base = { id: pos?.id ?? this.world.newId(), accountId, contractId, creationTimestamp: pos?.creationTimestamp ?? this.now() };
    if (signed === 0 || Math.sign(signed) === Math.sign(delta)) {
      const averagePrice = Number(((Math.abs(signed) * (pos?.averagePrice ?? 0) + Math.abs(delta) * price) / Math.abs(next)).toFixed(6));
      this.putPosition({ ...base, type: next > 0 ? 1 : 2, size: Math.abs(next), averagePrice });
      return null;
    }
    const closed = Math.min(Math.abs(signed), Math.abs(delta));
    const perPoint = contract ? contract.tickValue / contract.tickSize : 1;
    const pnl = Number(((price - (pos?.averagePrice ?? price)) * closed * Math.sign(signed) * perPoint).toFixed(2));
    if (next === 0 || Math.sign(next) === Math.sign(signed)) {
      this.putPosition({ ...base, type: pos?.type ?? 1, size: Math.abs(next), averagePrice: pos?.averagePrice ?? price });
    } else {
      // Flipped through zero: the remainder opens a new position at the fill price.
      this.putPosition({ ...base, id: this.world.newId(), creationTimestamp: this.now(), type: next > 0 ? 1 : 2, size: Math.abs(next), averagePrice: price });
    }
    return pnl;
  }

  private check(accountId: number, contractId: string): { account: SimAccount; touch: { bid: number; ask: number } } {
    const account = this.world.account(accountId);
    if (!account) throw new Error(`Unknown account ${accountId}: the simulator has ${this.world.accounts.map((a) => a.id).join(', ')}.`);
    const touch = this.feed.touch(contractId);
    if (!touch) throw new Error(`Unknown contract '${contractId}': the simulator has ${this.world.contracts.map((c) => c.id).join(', ')}.`);
    return { account, touch };
  }

  private putOrder(order: SimOrder): void {
    this.world.putOrder(order);
    this.publishUser(subscriptionKey('SubscribeOrders', order.accountId), 'GatewayUserOrder', this.variants.userPayload({ ...order }));
  }

  private putPosition(p: SimPosition): void {
    this.world.putPosition(p);
    const display = this.world.contract(p.contractId)?.name ?? p.contractId;
    this.publishUser(subscriptionKey('SubscribePositions', p.accountId), 'GatewayUserPosition', this.variants.userPayload(this.variants.position({ ...p }, display), p.size === 0));
  }

  private publishAccount(account: SimAccount): void {
    this.publishUser('SubscribeAccounts', 'GatewayUserAccount', this.variants.userPayload(accountWire(account)), (c) => c.userName === account.owner);
  }

  /** Every user event goes out here, through the reorder/duplicate fault controls. */
  private publishUser(key: string, target: string, payload: unknown, filter?: (c: HubConnection) => boolean): void {
    this.userFaults.send(() => this.registry.publish('user', key, target, [payload], filter));
  }

  private now(): string {
    return this.variants.timestamp(this.clock.now());
  }
}
