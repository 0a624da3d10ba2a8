/**
 * One parser per hub payload: raw JSON value → the typed objects of types.ts. Throws ParseError on
 * malformed input. Which fields are required (identity and meaning) and what missing optional
 * fields become is decided here; extra fields are ignored.
 */
import { DomType, OrderSide, OrderStatus, OrderType, PositionType, TradeLogType } from './enums';
import {
  enumValue,
  numberOr,
  numberValue,
  ParseError,
  readBooleanOr,
  readEnum,
  readEnumOr,
  readId,
  readNumber,
  readNumberOr,
  readString,
  readStringOr,
  readTimestamp,
  stringOr,
  TimestampCache,
  timestampOr,
} from './parseFields';
import type { DepthItem, MarketTrade, Quote, UserAccount, UserOrder, UserPosition, UserTrade } from './types';
import { describeValue, isRecord, type JsonRecord } from '../util/json';

function asRecord(raw: unknown, event: string): JsonRecord {
  if (!isRecord(raw)) throw new ParseError(`${event}:payload`, `expected an object, got ${describeValue(raw)}`);
  return raw;
}

/** Required: id, name, balance. Missing flags are false. `e` labels failures (the hub event or 'Account' for REST). */
export function parseAccountPayload(raw: unknown, e: string): UserAccount {
  const o = asRecord(raw, e);
  return {
    id: readId(o, 'id', e),
    name: readString(o, 'name', e),
    balance: readNumber(o, 'balance', e),
    canTrade: readBooleanOr(o, 'canTrade', e, false),
    isVisible: readBooleanOr(o, 'isVisible', e, false),
    simulated: readBooleanOr(o, 'simulated', e, false),
  };
}

export function parseUserAccount(raw: unknown): UserAccount {
  return parseAccountPayload(raw, 'GatewayUserAccount');
}

/** Required: id, accountId, size. A missing type is 'Undefined', a missing averagePrice 0 (closed). */
export function parseUserPosition(raw: unknown): UserPosition {
  const e = 'GatewayUserPosition';
  const o = asRecord(raw, e);
  return {
    id: readId(o, 'id', e),
    accountId: readId(o, 'accountId', e),
    contractId: readStringOr(o, 'contractId', e, undefined),
    creationTimestamp: readTimestamp(o, 'creationTimestamp', e),
    type: readEnumOr(o, 'type', e, PositionType, 'Undefined'),
    size: readNumber(o, 'size', e),
    averagePrice: readNumberOr(o, 'averagePrice', e, 0),
  };
}

/** Required: id, accountId, status, type, side, size. Missing prices are null, fillVolume 0. */
export function parseUserOrder(raw: unknown): UserOrder {
  const e = 'GatewayUserOrder';
  const o = asRecord(raw, e);
  return {
    id: readId(o, 'id', e),
    accountId: readId(o, 'accountId', e),
    contractId: readStringOr(o, 'contractId', e, undefined),
    symbolId: readStringOr(o, 'symbolId', e, undefined),
    creationTimestamp: readTimestamp(o, 'creationTimestamp', e),
    updateTimestamp: readTimestamp(o, 'updateTimestamp', e),
    status: readEnum(o, 'status', e, OrderStatus),
    type: readEnum(o, 'type', e, OrderType),
    side: readEnum(o, 'side', e, OrderSide),
    size: readNumber(o, 'size', e),
    limitPrice: readNumberOr(o, 'limitPrice', e, null),
    stopPrice: readNumberOr(o, 'stopPrice', e, null),
    fillVolume: readNumberOr(o, 'fillVolume', e, 0),
    filledPrice: readNumberOr(o, 'filledPrice', e, null),
    customTag: readStringOr(o, 'customTag', e, null),
  };
}

/** Required: id, accountId, price, side, size, orderId. profitAndLoss null = half-turn; missing fees 0. */
export function parseUserTrade(raw: unknown): UserTrade {
  const e = 'GatewayUserTrade';
  const o = asRecord(raw, e);
  return {
    id: readId(o, 'id', e),
    accountId: readId(o, 'accountId', e),
    contractId: readStringOr(o, 'contractId', e, undefined),
    creationTimestamp: readTimestamp(o, 'creationTimestamp', e),
    price: readNumber(o, 'price', e),
    profitAndLoss: readNumberOr(o, 'profitAndLoss', e, null),
    fees: readNumberOr(o, 'fees', e, 0),
    side: readEnum(o, 'side', e, OrderSide),
    size: readNumber(o, 'size', e),
    voided: readBooleanOr(o, 'voided', e, false),
    orderId: readId(o, 'orderId', e),
  };
}

// Market events are the flood: one cache per timestamp field (module-wide; parsing is synchronous).
const quoteLastUpdated = new TimestampCache();
const quoteTimestamp = new TimestampCache();
const tradeTimestamp = new TimestampCache();
const depthTimestamp = new TimestampCache();

/** The wire fields the market parsers read by name (named loads stay monomorphic: see parseFields). */
interface MarketWire {
  readonly symbol?: unknown;
  readonly symbolName?: unknown;
  readonly symbolId?: unknown;
  readonly lastPrice?: unknown;
  readonly bestBid?: unknown;
  readonly bestAsk?: unknown;
  readonly change?: unknown;
  readonly changePercent?: unknown;
  readonly open?: unknown;
  readonly high?: unknown;
  readonly low?: unknown;
  readonly volume?: unknown;
  readonly lastUpdated?: unknown;
  readonly timestamp?: unknown;
  readonly price?: unknown;
  readonly type?: unknown;
  readonly currentVolume?: unknown;
}

/** Every field optional (quotes arrive partial: only what changed). */
export function parseQuote(raw: unknown): Quote {
  const e = 'GatewayQuote';
  const o: MarketWire = asRecord(raw, e);
  return {
    symbol: stringOr(o.symbol, 'symbol', e, undefined),
    symbolName: stringOr(o.symbolName, 'symbolName', e, undefined),
    lastPrice: numberOr(o.lastPrice, 'lastPrice', e, undefined),
    bestBid: numberOr(o.bestBid, 'bestBid', e, undefined),
    bestAsk: numberOr(o.bestAsk, 'bestAsk', e, undefined),
    change: numberOr(o.change, 'change', e, undefined),
    changePercent: numberOr(o.changePercent, 'changePercent', e, undefined),
    open: numberOr(o.open, 'open', e, undefined),
    high: numberOr(o.high, 'high', e, undefined),
    low: numberOr(o.low, 'low', e, undefined),
    volume: numberOr(o.volume, 'volume', e, undefined),
    lastUpdated: timestampOr(o.lastUpdated, 'lastUpdated', e, quoteLastUpdated),
    timestamp: timestampOr(o.timestamp, 'timestamp', e, quoteTimestamp),
  };
}

/** Required: price, type, volume. */
export function parseMarketTrade(raw: unknown): MarketTrade {
  const e = 'GatewayTrade';
  const o: MarketWire = asRecord(raw, e);
  return {
    symbolId: stringOr(o.symbolId, 'symbolId', e, undefined),
    price: numberValue(o.price, 'price', e),
    timestamp: timestampOr(o.timestamp, 'timestamp', e, tradeTimestamp),
    type: enumValue(o.type, 'type', e, TradeLogType),
    volume: numberValue(o.volume, 'volume', e),
  };
}

/** Required: type, and price and volume except on a Reset row (they become 0). Missing currentVolume 0. */
export function parseDepthItem(raw: unknown): DepthItem {
  const e = 'GatewayDepth';
  const o: MarketWire = asRecord(raw, e);
  const type = enumValue(o.type, 'type', e, DomType);
  const reset = type === 'Reset';
  return {
    timestamp: timestampOr(o.timestamp, 'timestamp', e, depthTimestamp),
    type,
    price: reset ? numberOr(o.price, 'price', e, 0) : numberValue(o.price, 'price', e),
    volume: reset ? numberOr(o.volume, 'volume', e, 0) : numberValue(o.volume, 'volume', e),
    currentVolume: numberOr(o.currentVolume, 'currentVolume', e, 0),
  };
}
