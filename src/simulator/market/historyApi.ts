import type { MarketFeed } from '../marketFeed';
import type { MarketControlState } from './marketControls';
import { aggregate, type TapeBar } from './printTape';

/** The reply shape RestApi sends: HTTP status and JSON body. */
export interface HistoryReply {
  status: number;
  body: unknown;
}

/** unit: 1 Second, 2 Minute, 3 Hour, 4 Day, 5 Week, 6 Month (the reference's AggregateBarUnit). */
const UNIT_MS: Record<number, number> = { 1: 1000, 2: 60_000, 3: 3600_000, 4: 86_400_000, 5: 7 * 86_400_000 };
const MAX_LIMIT = 20_000;
/** The gateway's own limit on this endpoint: 50 requests per 30 s. */
const RATE_LIMIT = 50;
const RATE_WINDOW_MS = 30_000;

function problem(errors: Record<string, string[]>): HistoryReply {
  return { status: 400, body: { type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1', title: 'One or more validation errors occurred.', status: 400, errors } };
}

/** `2026-12-06T02:40:00+00:00`: the bar time form of the gateway. */
function barTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

/** The start of the bucket holding `t` (UTC; weeks start on Monday, months on the 1st). */
export function bucketStart(t: number, unit: number, unitNumber: number): number {
  if (unit === 6) {
    const d = new Date(t);
    const months = d.getUTCFullYear() * 12 + d.getUTCMonth();
    const start = months - (months % unitNumber);
    return Date.UTC(Math.floor(start / 12), start % 12, 1);
  }
  const size = UNIT_MS[unit] * unitNumber;
  // The epoch was a Thursday: shift so week buckets begin on Monday 00:00 UTC.
  const offset = unit === 5 ? 3 * 86_400_000 : 0;
  return Math.floor((t + offset) / size) * size - offset;
}

interface BarsRequest {
  contractId: string;
  live: boolean;
  startMs: number;
  endMs: number;
  unit: number;
  unitNumber: number;
  limit: number;
  includePartialBar: boolean;
}

/** Parses and validates the body once; undefined fields come back as model-validation errors. */
function parseRequest(body: Record<string, unknown>): BarsRequest | HistoryReply {
  const errors: Record<string, string[]> = {};
  const bad = (field: string, message: string): void => {
    errors[field] = [message];
  };
  const text = (field: string): string => {
    const v = body[field];
    if (typeof v !== 'string' || v.trim() === '') bad(field, `The ${field} field is required.`);
    return typeof v === 'string' ? v : '';
  };
  const time = (field: string): number => {
    const ms = Date.parse(text(field));
    if (Number.isNaN(ms) && !errors[field]) bad(field, `The JSON value could not be converted to System.DateTime: '${field}' must be an ISO-8601 timestamp.`);
    return ms;
  };
  const int = (field: string, min: number, max: number): number => {
    const v = body[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) bad(field, `'${field}' must be an integer from ${min} to ${max}.`);
    return typeof v === 'number' ? v : 0;
  };
  const flag = (field: string): boolean => {
    const v = body[field];
    if (typeof v !== 'boolean') bad(field, `'${field}' must be true or false.`);
    return v === true;
  };
  const req: BarsRequest = {
    contractId: text('contractId'),
    live: flag('live'),
    startMs: time('startTime'),
    endMs: time('endTime'),
    unit: int('unit', 1, 6),
    unitNumber: int('unitNumber', 1, 1000),
    limit: int('limit', 1, MAX_LIMIT),
    includePartialBar: body.includePartialBar === undefined ? false : flag('includePartialBar'),
  };
  if (!errors.startTime && !errors.endTime && req.startMs > req.endMs) bad('endTime', "'endTime' must not be before 'startTime'.");
  return Object.keys(errors).length > 0 ? problem(errors) : req;
}

/** POST /api/History/retrieveBars from the market's own prints: bars newest first, as the gateway answers. */
export class HistoryApi {
  private readonly hits: number[] = [];

  constructor(
    private readonly feed: MarketFeed,
    private readonly controls: MarketControlState,
    private readonly now: () => number,
  ) {}

  async retrieveBars(body: Record<string, unknown>): Promise<HistoryReply> {
    const fault = this.controls.historyFault;
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs).unref());
    if (fault?.fail === 'http500') return { status: 500, body: { success: false, errorCode: 0, errorMessage: 'An unexpected error occurred while retrieving bars.' } };
    if (fault?.fail === 'envelope') return envelope(false, [], 3, 'History is unavailable right now: try again later.');
    if (!this.admit()) return { status: 429, body: { success: false, errorCode: 0, errorMessage: `Too many history requests: the limit is ${RATE_LIMIT} per ${RATE_WINDOW_MS / 1000} s.` } };
    const req = parseRequest(body);
    if ('status' in req) return req;
    const market = this.feed.market(req.contractId);
    if (!market) return envelope(false, [], 1, `Contract '${req.contractId.slice(0, 80)}' was not found.`);
    // The demo contracts live in the sim tier: the live tier has no bars for them (an empty list, not an error).
    if (req.live) return envelope(true, []);
    const now = this.now();
    const partialFrom = bucketStart(now, req.unit, req.unitNumber);
    const seconds = market.tape.between(bucketStart(req.startMs, req.unit, req.unitNumber), req.endMs + 1);
    let bars: TapeBar[] = aggregate(seconds, (t) => bucketStart(t, req.unit, req.unitNumber)).filter((b) => b.t >= bucketStart(req.startMs, req.unit, req.unitNumber) && b.t <= req.endMs);
    if (!req.includePartialBar) bars = bars.filter((b) => b.t < partialFrom);
    const price = (t: number): number => this.feed.price(market, t);
    const newestFirst = bars.slice(-req.limit).reverse().map((b) => ({ t: barTime(b.t), o: price(b.o), h: price(b.h), l: price(b.l), c: price(b.c), v: b.v }));
    return envelope(true, newestFirst);
  }

  private admit(): boolean {
    const now = this.now();
    while (this.hits.length > 0 && this.hits[0] <= now - RATE_WINDOW_MS) this.hits.shift();
    if (this.hits.length >= RATE_LIMIT) return false;
    this.hits.push(now);
    return true;
  }
}

function envelope(success: boolean, bars: object[], errorCode = 0, errorMessage: string | null = null): HistoryReply {
  return { status: 200, body: { bars, success, errorCode, errorMessage } };
}
