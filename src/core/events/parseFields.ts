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
 * - Strings (names, ids, tags) are at most MAX_TEXT characters: a megabyte "symbol" is refused
 *   here rather than carried into the views, the log and the timeline.
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

/** Longer than any name, contract id or custom tag the gateway sends. */
export const MAX_TEXT = 1024;

const DECIMAL = /^\s*-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

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

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The value of `count` ASCII digits at `at`, or -1. */
function digits(s: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Epoch ms of an ISO-8601 date-time, hand-parsed (Date.parse costs microseconds: this is the hot
 * path): `YYYY-MM-DD[T ]HH:MM[:SS[.f…]][Z|±HH[:MM]|±HHMM]`; NaN when it is not one.
 */
function isoToMs(s: string): number {
  const len = s.length;
  if (len < 16 || len > 40 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58) return NaN;
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 116 && sep !== 32) return NaN; // T, t or space
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1] || hour < 0 || hour > 23 || minute < 0 || minute > 59) return NaN;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return NaN;
  let i = 16;
  let second = 0;
  let ms = 0;
  if (s.charCodeAt(i) === 58) {
    second = digits(s, i + 1, 2);
    if (second < 0 || second > 59) return NaN;
    i += 3;
    const dot = s.charCodeAt(i);
    if (dot === 46 || dot === 44) {
      // Any number of fractional digits; keep three (truncated, never rounded: no carry).
      i++;
      const start = i;
      for (; i < len; i++) {
        const c = s.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        if (i < start + 3) ms = ms * 10 + c;
      }
      if (i === start) return NaN;
      for (let k = i - start; k < 3; k++) ms *= 10;
    }
  }
  let offsetMinutes = 0;
  if (i < len) {
    const z = s.charCodeAt(i);
    if (z === 90 || z === 122) {
      if (i + 1 !== len) return NaN;
    } else if (z === 43 || z === 45) {
      const rest = len - i - 1;
      const oh = digits(s, i + 1, 2);
      const om = rest === 2 ? 0 : rest === 4 ? digits(s, i + 3, 2) : rest === 5 && s.charCodeAt(i + 3) === 58 ? digits(s, i + 4, 2) : -1;
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return NaN;
      offsetMinutes = (z === 43 ? 1 : -1) * (oh * 60 + om);
    } else {
      return NaN;
    }
  }
  // No zone: the gateway's clock is UTC, so the time is taken as UTC (not local time).
  return (((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offsetMinutes) * 60 + second) * 1000 + ms;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil): plain integer
 * arithmetic, several times cheaper than Date.UTC (a runtime call), and no two-digit-year remapping.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** ISO-8601 text (or a Date, or epoch milliseconds) to a Date; undefined when it is not a valid time. */
export function parseTimestamp(raw: unknown): Date | undefined {
  let ms: number;
  if (typeof raw === 'string') ms = isoToMs(raw);
  else if (typeof raw === 'number') ms = raw;
  else if (raw instanceof Date) ms = raw.getTime();
  else return undefined;
  return msToDate(ms);
}

/** The Date of epoch ms, undefined outside the range a Date can hold. */
function msToDate(ms: number): Date | undefined {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms) : undefined;
}

/** A required integer id (safe integer; a numeric string is accepted). */
export function readId(o: JsonRecord, key: string, event: string): number {
  const n = toNumber(o[key]);
  if (n === undefined || !Number.isSafeInteger(n)) fail(event, key, `expected an integer id, got ${describeValue(o[key])}`);
  return n;
}

export function readNumber(o: JsonRecord, key: string, event: string): number {
  return numberValue(o[key], key, event);
}

/** Missing or null → `fallback`; anything else must be a number. */
export function readNumberOr<F extends number | null | undefined>(o: JsonRecord, key: string, event: string, fallback: F): number | F {
  return numberOr(o[key], key, event, fallback);
}

/** Missing or null → `fallback`; anything else must be a string. */
export function readStringOr<F extends string | null | undefined>(o: JsonRecord, key: string, event: string, fallback: F): string | F {
  return stringOr(o[key], key, event, fallback);
}

export function readString(o: JsonRecord, key: string, event: string): string {
  return stringValue(o[key], key, event);
}

/*
 * The value readers below take the field's value, not the object: the market parsers read each
 * field with a named property load (`o.bestBid`), which stays monomorphic on the payload's shape,
 * whereas `o[key]` with a different key at the same site goes megamorphic (a dictionary lookup per
 * field, most of a quote's parse time). `key` only labels a failure.
 */

/** A number (or decimal string) as a number; anything else → ParseError. */
export function numberValue(value: unknown, key: string, event: string): number {
  const n = toNumber(value);
  if (n === undefined) fail(event, key, `expected a number, got ${describeValue(value)}`);
  return n;
}

/** Missing or null → `fallback`; anything else must be a number. */
export function numberOr<F extends number | null | undefined>(value: unknown, key: string, event: string, fallback: F): number | F {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (value === undefined || value === null) return fallback;
  return numberValue(value, key, event);
}

export function stringValue(value: unknown, key: string, event: string): string {
  if (typeof value !== 'string') fail(event, key, `expected a string, got ${describeValue(value)}`);
  if (value.length > MAX_TEXT) fail(event, key, `expected a string of at most ${MAX_TEXT} characters, got ${value.length}`);
  return value;
}

/** Missing or null → `fallback`; anything else must be a string. */
export function stringOr<F extends string | null | undefined>(value: unknown, key: string, event: string, fallback: F): string | F {
  if (value === undefined || value === null) return fallback;
  return stringValue(value, key, event);
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
  return enumValue(o[key], key, event, names);
}

export function enumValue<Names extends readonly string[]>(raw: unknown, key: string, event: string, names: Names): EnumValue<Names> {
  const value = toEnum(raw, names);
  if (value === undefined) fail(event, key, `expected an enum code, got ${describeValue(raw)}`);
  return value;
}

export function readEnumOr<Names extends readonly string[]>(o: JsonRecord, key: string, event: string, names: Names, fallback: EnumValue<Names>): EnumValue<Names> {
  const raw = o[key];
  if (raw === undefined || raw === null) return fallback;
  const value = toEnum(raw, names);
  if (value === undefined) fail(event, key, `expected an enum code, got ${describeValue(raw)}`);
  return value;
}

/**
 * The last ISO text one field parsed and its epoch ms: consecutive quotes often repeat a timestamp
 * (`lastUpdated` moves only with the price), so a hit skips the parse. Each event still gets a new
 * Date of its own (a Date is mutable; sharing one between events would let a listener alter another's).
 */
export class TimestampCache {
  private text = '';
  private ms = NaN;

  /** Epoch ms of `text`, NaN when it is not a valid time (failures are not cached). */
  msOf(text: string): number {
    if (text === this.text) return this.ms;
    const ms = isoToMs(text);
    if (Number.isFinite(ms) && Math.abs(ms) <= 8.64e15) {
      this.text = text;
      this.ms = ms;
    }
    return ms;
  }
}

/** Missing or null → undefined; present but not a valid time → ParseError. */
export function readTimestamp(o: JsonRecord, key: string, event: string): Date | undefined {
  return timestampOr(o[key], key, event);
}

/** Missing or null → undefined; present but not a valid time → ParseError. `cache` speeds up repeated ISO text. */
export function timestampOr(value: unknown, key: string, event: string, cache?: TimestampCache): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const date = cache !== undefined && typeof value === 'string' ? msToDate(cache.msOf(value)) : parseTimestamp(value);
  if (date === undefined) fail(event, key, `expected an ISO-8601 timestamp, got ${describeValue(value)}`);
  return date;
}
