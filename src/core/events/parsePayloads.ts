/**
 * One parser per hub payload: raw JSON value → the typed objects of types.ts. Throws ParseError on
 * malformed input. Which fields are required (identity and meaning) and what missing optional
 * fields become is decided here; extra fields are ignored.
 */
import { DomType, OrderSide, OrderStatus, OrderType, PositionType, TradeLogType } from './enums';
import {
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

/** Every field optional (quotes arrive partial: only what changed). */
export function parseQuote(raw: unknown): Quote {
  const e = 'GatewayQuote';
  const o = asRecord(raw, e);
  return {
    symbol: readStringOr(o, 'symbol', e, undefined),
    symbolName: readStringOr(o, 'symbolName', e, undefined),
    lastPrice: readNumberOr(o, 'lastPrice', e, undefined),
    bestBid: readNumberOr(o, 'bestBid', e, undefined),
    bestAsk: readNumberOr(o, 'bestAsk', e, undefined),
    change: readNumberOr(o, 'change', e, undefined),
    changePercent: readNumberOr(o, 'changePercent', e, undefined),
    open: readNumberOr(o, 'open', e, undefined),
    high: readNumberOr(o, 'high', e, undefined),
    low: readNumberOr(o, 'low', e, undefined),
    volume: readNumberOr(o, 'volume', e, undefined),
    lastUpdated: readTimestamp(o, 'lastUpdated', e),
    timestamp: readTimestamp(o, 'timestamp', e),
  };
}

/** Required: price, type, volume. */
export function parseMarketTrade(raw: unknown): MarketTrade {
  const e = 'GatewayTrade';
  const o = asRecord(raw, e);
  return {
    symbolId: readStringOr(o, 'symbolId', e, undefined),
    price: readNumber(o, 'price', e),
    timestamp: readTimestamp(o, 'timestamp', e),
    type: readEnum(o, 'type', e, TradeLogType),
    volume: readNumber(o, 'volume', e),
  };
}

/** Required: type, and price and volume except on a Reset row (they become 0). Missing currentVolume 0. */
export function parseDepthItem(raw: unknown): DepthItem {
  const e = 'GatewayDepth';
  const o = asRecord(raw, e);
  const type = readEnum(o, 'type', e, DomType);
  const reset = type === 'Reset';
  return {
    timestamp: readTimestamp(o, 'timestamp', e),
    type,
    price: reset ? readNumberOr(o, 'price', e, 0) : readNumber(o, 'price', e),
    volume: reset ? readNumberOr(o, 'volume', e, 0) : readNumber(o, 'volume', e),
    currentVolume: readNumberOr(o, 'currentVolume', e, 0),
  };
}
