import type {
  DomTypeValue,
  OrderSideValue,
  OrderStatusValue,
  OrderTypeValue,
  PositionTypeValue,
  TradeLogTypeValue,
} from './enums';

/** Normalized gateway payloads: numbers as numbers, timestamps as Date, enums as names. */
export interface UserAccount {
  readonly id: number;
  readonly name: string;
  readonly balance: number;
  readonly canTrade: boolean;
  readonly isVisible: boolean;
  readonly simulated: boolean;
}

export interface UserPosition {
  readonly id: number;
  readonly accountId: number;
  /** Undefined when the gateway sent a partial payload (observed: contractDisplayName only). */
  readonly contractId: string | undefined;
  readonly creationTimestamp: Date | undefined;
  readonly type: PositionTypeValue;
  readonly size: number;
  readonly averagePrice: number;
}

export interface UserOrder {
  readonly id: number;
  readonly accountId: number;
  readonly contractId: string | undefined;
  readonly symbolId: string | undefined;
  readonly creationTimestamp: Date | undefined;
  readonly updateTimestamp: Date | undefined;
  readonly status: OrderStatusValue;
  readonly type: OrderTypeValue;
  readonly side: OrderSideValue;
  readonly size: number;
  readonly limitPrice: number | null;
  readonly stopPrice: number | null;
  readonly fillVolume: number;
  readonly filledPrice: number | null;
  readonly customTag: string | null;
}

export interface UserTrade {
  readonly id: number;
  readonly accountId: number;
  readonly contractId: string | undefined;
  readonly creationTimestamp: Date | undefined;
  readonly price: number;
  /** null for a half-turn (opening) trade. */
  readonly profitAndLoss: number | null;
  readonly fees: number;
  readonly side: OrderSideValue;
  readonly size: number;
  readonly voided: boolean;
  readonly orderId: number;
}

export interface Quote {
  /** The product root (e.g. F.US.EP), not the contract id: key quotes by the event's contractId. */
  readonly symbol: string | undefined;
  readonly symbolName: string | undefined;
  readonly lastPrice: number | undefined;
  readonly bestBid: number | undefined;
  readonly bestAsk: number | undefined;
  readonly change: number | undefined;
  readonly changePercent: number | undefined;
  readonly open: number | undefined;
  readonly high: number | undefined;
  readonly low: number | undefined;
  readonly volume: number | undefined;
  readonly lastUpdated: Date | undefined;
  readonly timestamp: Date | undefined;
}

export interface MarketTrade {
  readonly symbolId: string | undefined;
  readonly price: number;
  readonly timestamp: Date | undefined;
  readonly type: TradeLogTypeValue;
  readonly volume: number;
}

export interface DepthItem {
  readonly timestamp: Date | undefined;
  readonly type: DomTypeValue;
  readonly price: number;
  readonly volume: number;
  readonly currentVolume: number;
}

/** `{action, data}` wrapper seen on user-hub events: 1 added/updated, 0 removed. */
export type UserAction = 'upsert' | 'removed' | number;

/** Every event the hubs deliver, discriminated by `name`. Market events are keyed by the hub's contractId argument. */
export type GatewayEvent =
  | { readonly hub: 'user'; readonly name: 'GatewayUserAccount'; readonly action?: UserAction; readonly data: UserAccount }
  | { readonly hub: 'user'; readonly name: 'GatewayUserPosition'; readonly action?: UserAction; readonly data: UserPosition }
  | { readonly hub: 'user'; readonly name: 'GatewayUserOrder'; readonly action?: UserAction; readonly data: UserOrder }
  | { readonly hub: 'user'; readonly name: 'GatewayUserTrade'; readonly action?: UserAction; readonly data: UserTrade }
  | { readonly hub: 'user'; readonly name: 'GatewayLogout'; readonly data: unknown }
  | { readonly hub: 'market'; readonly name: 'GatewayQuote'; readonly contractId: string; readonly data: Quote }
  | { readonly hub: 'market'; readonly name: 'GatewayTrade'; readonly contractId: string; readonly data: readonly MarketTrade[] }
  | { readonly hub: 'market'; readonly name: 'GatewayDepth'; readonly contractId: string; readonly data: readonly DepthItem[] };

export type GatewayEventName = GatewayEvent['name'];
export type UserEvent = Extract<GatewayEvent, { hub: 'user' }>;
export type MarketEvent = Extract<GatewayEvent, { hub: 'market' }>;

export const USER_EVENT_NAMES = ['GatewayUserAccount', 'GatewayUserPosition', 'GatewayUserOrder', 'GatewayUserTrade', 'GatewayLogout'] as const;
export const MARKET_EVENT_NAMES = ['GatewayQuote', 'GatewayTrade', 'GatewayDepth'] as const;
