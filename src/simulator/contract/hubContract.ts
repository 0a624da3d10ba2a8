/**
 * The gateway's hub contract as the simulator plays it, written from projectx-gateway.md (never from
 * the client's tables): the server methods and their argument types, the events each hub sends, their
 * argument lists and payload fields, and the observed variants a client must tolerate.
 * test/integration/contract.test.ts holds the client to it.
 */
import type { Field, JsonObject, Shape } from './shapes';

export type HubName = 'user' | 'market';

// ---- Enums (names in code order) ----
export const ENUMS = {
  OrderSide: ['Bid', 'Ask'],
  OrderType: ['Unknown', 'Limit', 'Market', 'StopLimit', 'Stop', 'TrailingStop', 'JoinBid', 'JoinAsk'],
  OrderStatus: ['None', 'Open', 'Filled', 'Cancelled', 'Expired', 'Rejected', 'Pending', 'PendingCancellation', 'Suspended'],
  PositionType: ['Undefined', 'Long', 'Short'],
  DomType: ['Unknown', 'Ask', 'Bid', 'BestAsk', 'BestBid', 'Trade', 'Reset', 'Low', 'High', 'NewBestBid', 'NewBestAsk', 'Fill'],
  TradeLogType: ['Buy', 'Sell'],
} as const;

// ---- Server methods (client → server) ----

/** Account ids are integers (a string fails on the server); contract ids are strings. */
export type MethodArgument = 'none' | 'accountId' | 'contractId';
export const ARGUMENT_TYPE = { accountId: 'int', contractId: 'string' } as const;

export interface HubMethodContract {
  readonly hub: HubName;
  /** The Subscribe method. */
  readonly method: string;
  readonly unsubscribe: string;
  readonly argument: MethodArgument;
  /** The events a subscription makes the server send. */
  readonly events: readonly string[];
}

export const HUB_METHODS: readonly HubMethodContract[] = [
  { hub: 'user', method: 'SubscribeAccounts', unsubscribe: 'UnsubscribeAccounts', argument: 'none', events: ['GatewayUserAccount'] },
  { hub: 'user', method: 'SubscribeOrders', unsubscribe: 'UnsubscribeOrders', argument: 'accountId', events: ['GatewayUserOrder'] },
  { hub: 'user', method: 'SubscribePositions', unsubscribe: 'UnsubscribePositions', argument: 'accountId', events: ['GatewayUserPosition'] },
  { hub: 'user', method: 'SubscribeTrades', unsubscribe: 'UnsubscribeTrades', argument: 'accountId', events: ['GatewayUserTrade'] },
  { hub: 'market', method: 'SubscribeContractQuotes', unsubscribe: 'UnsubscribeContractQuotes', argument: 'contractId', events: ['GatewayQuote'] },
  { hub: 'market', method: 'SubscribeContractTrades', unsubscribe: 'UnsubscribeContractTrades', argument: 'contractId', events: ['GatewayTrade'] },
  { hub: 'market', method: 'SubscribeContractMarketDepth', unsubscribe: 'UnsubscribeContractMarketDepth', argument: 'contractId', events: ['GatewayDepth'] },
];

// ---- Payload shapes ----
const f = (name: string, type: Field['type'], extra: Omit<Field, 'name' | 'type'> = {}): Field => ({ name, type, ...extra });
const opt = { optional: true, nullable: true } as const;

export const ACCOUNT: Shape = [f('id', 'int'), f('name', 'string'), f('balance', 'number'), f('canTrade', 'boolean'), f('isVisible', 'boolean'), f('simulated', 'boolean')];
export const POSITION: Shape = [f('id', 'int'), f('accountId', 'int'), f('contractId', 'string'), f('creationTimestamp', 'timestamp'), f('type', { enum: ENUMS.PositionType }), f('size', 'int'), f('averagePrice', 'number')];
export const ORDER: Shape = [
  f('id', 'int'), f('accountId', 'int'), f('contractId', 'string'), f('symbolId', 'string'), f('creationTimestamp', 'timestamp'), f('updateTimestamp', 'timestamp'),
  f('status', { enum: ENUMS.OrderStatus }), f('type', { enum: ENUMS.OrderType }), f('side', { enum: ENUMS.OrderSide }), f('size', 'int'),
  f('limitPrice', 'number', opt), f('stopPrice', 'number', opt), f('fillVolume', 'int'), f('filledPrice', 'number', opt), f('customTag', 'string', opt),
];
export const TRADE: Shape = [
  f('id', 'int'), f('accountId', 'int'), f('contractId', 'string'), f('creationTimestamp', 'timestamp'), f('price', 'number'),
  /** null = half-turn (an opening trade). */
  f('profitAndLoss', 'number', { nullable: true }), f('fees', 'number'), f('side', { enum: ENUMS.OrderSide }), f('size', 'int'), f('voided', 'boolean'), f('orderId', 'int'),
];
export const QUOTE: Shape = [
  f('symbol', 'string'), f('symbolName', 'string'), f('lastPrice', 'number'), f('bestBid', 'number'), f('bestAsk', 'number'), f('change', 'number'), f('changePercent', 'number'),
  f('open', 'number'), f('high', 'number'), f('low', 'number'), f('volume', 'number'), f('lastUpdated', 'timestamp'), f('timestamp', 'timestamp'),
];
export const MARKET_TRADE: Shape = [f('symbolId', 'string'), f('price', 'number'), f('timestamp', 'timestamp'), f('type', { enum: ENUMS.TradeLogType }), f('volume', 'number')];
export const DEPTH_ITEM: Shape = [f('timestamp', 'timestamp'), f('type', { enum: ENUMS.DomType }), f('price', 'number'), f('volume', 'number'), f('currentVolume', 'number')];

// ---- Events (server → client) ----

export interface HubEventContract {
  readonly hub: HubName;
  readonly name: string;
  /** User-hub events carry (data); market-hub events (contractId, data). */
  readonly args: readonly ('contractId' | 'data')[];
  /** undefined: the payload is not documented (GatewayLogout). */
  readonly payload: Shape | undefined;
  /** 'item': one object; 'items': usually an array of items. */
  readonly data: 'item' | 'items';
}

export const HUB_EVENTS: readonly HubEventContract[] = [
  { hub: 'user', name: 'GatewayUserAccount', args: ['data'], payload: ACCOUNT, data: 'item' },
  { hub: 'user', name: 'GatewayUserPosition', args: ['data'], payload: POSITION, data: 'item' },
  { hub: 'user', name: 'GatewayUserOrder', args: ['data'], payload: ORDER, data: 'item' },
  { hub: 'user', name: 'GatewayUserTrade', args: ['data'], payload: TRADE, data: 'item' },
  { hub: 'user', name: 'GatewayLogout', args: ['data'], payload: undefined, data: 'item' },
  { hub: 'market', name: 'GatewayQuote', args: ['contractId', 'data'], payload: QUOTE, data: 'item' },
  { hub: 'market', name: 'GatewayTrade', args: ['contractId', 'data'], payload: MARKET_TRADE, data: 'items' },
  { hub: 'market', name: 'GatewayDepth', args: ['contractId', 'data'], payload: DEPTH_ITEM, data: 'items' },
];

/** The argument list of an event as the server sends it. */
export function eventArguments(event: HubEventContract, contractId: string, data: unknown): unknown[] {
  return event.args.map((a) => (a === 'contractId' ? contractId : data));
}

// ---- Observed variants a client must tolerate ----

export interface ObservedVariant {
  readonly description: string;
  readonly applies: (event: HubEventContract) => boolean;
  /** Turns one documented item into the `data` argument of the variant. */
  readonly data: (item: JsonObject, event: HubEventContract) => unknown;
}

const isUserData = (e: HubEventContract): boolean => e.hub === 'user' && e.payload !== undefined;
const hasTimestamps = (e: HubEventContract): boolean => e.payload?.some((x) => x.type === 'timestamp') ?? false;

export const OBSERVED_VARIANTS: readonly ObservedVariant[] = [
  { description: 'user event wrapped as {action: 1, data} (added/updated)', applies: isUserData, data: (item) => ({ action: 1, data: item }) },
  { description: 'user event wrapped as {action: 0, data} (removed)', applies: isUserData, data: (item) => ({ action: 0, data: item }) },
  { description: 'market data as an array of items', applies: (e) => e.data === 'items', data: (item) => [item, item] },
  { description: 'market trade/depth data as a single object', applies: (e) => e.data === 'items', data: (item) => item },
  {
    description: 'partial position: contractDisplayName, no contractId',
    applies: (e) => e.name === 'GatewayUserPosition',
    data: ({ contractId: _omitted, ...rest }) => ({ ...rest, contractDisplayName: '/ES' }),
  },
  {
    description: 'timestamps with 7 fractional digits and an offset',
    applies: hasTimestamps,
    data: (item, e) => ({ ...item, ...Object.fromEntries((e.payload ?? []).filter((x) => x.type === 'timestamp').map((x) => [x.name, '2024-07-21T13:47:00.1234567+00:00'])) }),
  },
  { description: 'an unknown extra field', applies: (e) => e.payload !== undefined, data: (item) => ({ ...item, fieldFromTheFuture: { nested: true } }) },
  {
    description: 'an enum code outside the documented list',
    applies: (e) => e.payload?.some((x) => typeof x.type === 'object') ?? false,
    data: (item, e) => ({ ...item, ...Object.fromEntries((e.payload ?? []).filter((x) => typeof x.type === 'object').map((x) => [x.name, 99])) }),
  },
];
