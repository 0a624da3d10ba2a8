/**
 * Hand-written field readers for hub payloads (hot path: no schema library, no closures per event).
 * Each reader takes the object, the field and the event name, and throws a ParseError whose kind is
 * `<event>:<field>` when the value cannot be used.
 *
 * Decisions:
 * - Numbers: JSON numbers, and also decimal strings like "2100.75" (some serializers quote
 *   decimals); NaN, Infinity and out-of-range values are rejected. Ids must be safe integers.
 * - Enums: a number (unknown numbers are kept as numbers), a numeric string, or a known name.
 * - `null` counts as missing; optional fields become undefined (or null where the type says so).
 * - Timestamps: ISO-8601 with `Z`, an offset (`+00:00`, `+0000`) or none (taken as UTC, as the
 *   gateway's clock is UTC), any number of fractional digits (truncated to milliseconds).
 */
import { enumName, type EnumValue } from './enums';
import { describeValue, type JsonRecord } from '../util/json';

export class ParseError extends Error {
  /** Stable and low-cardinality, e.g. 'GatewayQuote:bestBid' (event:field) or 'GatewayUserTrade:payload'. */
  readonly kind: string;
  /** One line describing what was wrong, without the payload. */
  readonly reason: string;

  constructor(kind: string, reason: string) {
    super(`${kind}: ${reason}`);
    this.name = 'ParseError';
    this.kind = kind;
    this.reason = reason;
  }
}

const DECIMAL = /^\s*-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:[.,](\d+))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function fail(event: string, key: string, reason: string): never {
  throw new ParseError(`${event}:${key}`, reason);
}

/** A finite number from a number or a decimal string, else undefined. */
function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.length <= 40 && DECIMAL.test(value)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** ISO-8601 text (or a Date, or epoch milliseconds) to a Date; undefined when it is not a valid time. */
export function parseTimestamp(raw: unknown): Date | undefined {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : raw;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return undefined;
    const fromNumber = new Date(raw);
    return Number.isNaN(fromNumber.getTime()) ? undefined : fromNumber;
  }
  if (typeof raw !== 'string' || raw.length > 64) return undefined;
  const m = ISO.exec(raw);
  if (m === null) return undefined;
  // JS Date takes exactly three fractional digits: truncate (never round: no carry into seconds).
  const fraction = m[3] === undefined ? '000' : (m[3] + '00').slice(0, 3);
  const time = m[2].length === 5 ? `${m[2]}:00` : m[2];
  let zone = m[4] === undefined ? 'Z' : m[4].toUpperCase();
  if (zone.length === 3) zone = `${zone}:00`;
  else if (zone.length === 5) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${m[1]}T${time}.${fraction}${zone}`);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** A required integer id (safe integer; a numeric string is accepted). */
export function readId(o: JsonRecord, key: string, event: string): number {
  const n = toNumber(o[key]);
  if (n === undefined || !Number.isSafeInteger(n)) fail(event, key, `expected an integer id, got ${describeValue(o[key])}`);
  return n;
}

export function readNumber(o: JsonRecord, key: string, event: string): number {
  const n = toNumber(o[key]);
  if (n === undefined) fail(event, key, `expected a number, got ${describeValue(o[key])}`);
  return n;
}

/** Missing or null → `fallback`; anything else must be a number. */
export function readNumberOr<F extends number | null | undefined>(o: JsonRecord, key: string, event: string, fallback: F): number | F {
  const value = o[key];
  if (value === undefined || value === null) return fallback;
  const n = toNumber(value);
  if (n === undefined) fail(event, key, `expected a number, got ${describeValue(value)}`);
  return n;
}

/** Missing or null → `fallback`; anything else must be a string. */
export function readStringOr<F extends string | null | undefined>(o: JsonRecord, key: string, event: string, fallback: F): string | F {
  const value = o[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') fail(event, key, `expected a string, got ${describeValue(value)}`);
  return value;
}

export function readString(o: JsonRecord, key: string, event: string): string {
  const value = o[key];
  if (typeof value !== 'string') fail(event, key, `expected a string, got ${describeValue(value)}`);
  return value;
}

/** Missing or null → `fallback`; otherwise true/false (or the strings "true"/"false"). */
export function readBooleanOr(o: JsonRecord, key: string, event: string, fallback: boolean): boolean {
  const value = o[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return fail(event, key, `expected true or false, got ${describeValue(value)}`);
}

function toEnum<Names extends readonly string[]>(value: unknown, names: Names): EnumValue<Names> | undefined {
  if (typeof value === 'string' && (names as readonly string[]).includes(value)) return value as Names[number];
  const n = toNumber(value);
  return n === undefined || !Number.isInteger(n) ? undefined : enumName(names, n);
}

/** A required enum: the name for a known code, the number for an unknown one. */
export function readEnum<Names extends readonly string[]>(o: JsonRecord, key: string, event: string, names: Names): EnumValue<Names> {
  const value = toEnum(o[key], names);
  if (value === undefined) fail(event, key, `expected an enum code, got ${describeValue(o[key])}`);
  return value;
}

export function readEnumOr<Names extends readonly string[]>(o: JsonRecord, key: string, event: string, names: Names, fallback: EnumValue<Names>): EnumValue<Names> {
  const raw = o[key];
  if (raw === undefined || raw === null) return fallback;
  const value = toEnum(raw, names);
  if (value === undefined) fail(event, key, `expected an enum code, got ${describeValue(raw)}`);
  return value;
}

/** Missing or null → undefined; present but not a valid time → ParseError. */
export function readTimestamp(o: JsonRecord, key: string, event: string): Date | undefined {
  const value = o[key];
  if (value === undefined || value === null) return undefined;
  const date = parseTimestamp(value);
  if (date === undefined) fail(event, key, `expected an ISO-8601 timestamp, got ${describeValue(value)}`);
  return date;
}
