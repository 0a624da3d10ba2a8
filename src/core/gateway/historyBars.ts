/** History/retrieveBars: the request and the bar the gateway answers, parsed once here. */
import { ParseError, readNumber, readTimestamp } from '../events/parseFields';
import { describeValue, isRecord } from '../util/json';

/** AggregateBarUnit of the reference. */
export const BarUnit = { Second: 1, Minute: 2, Hour: 3, Day: 4, Week: 5, Month: 6 } as const;
export type BarUnit = (typeof BarUnit)[keyof typeof BarUnit];

export interface RetrieveBarsRequest {
  readonly contractId: string;
  readonly live: boolean;
  readonly startTime: Date;
  readonly endTime: Date;
  readonly unit: BarUnit;
  readonly unitNumber: number;
  readonly limit: number;
  readonly includePartialBar: boolean;
}

export interface HistoryBar {
  /** Bar start. */
  readonly t: Date;
  readonly o: number;
  readonly h: number;
  readonly l: number;
  readonly c: number;
  readonly v: number;
}

/** The wire body (ISO times, as the gateway expects). */
export function retrieveBarsBody(r: RetrieveBarsRequest): Record<string, unknown> {
  return { contractId: r.contractId, live: r.live, startTime: r.startTime.toISOString(), endTime: r.endTime.toISOString(), unit: r.unit, unitNumber: r.unitNumber, limit: r.limit, includePartialBar: r.includePartialBar };
}

export function parseHistoryBar(raw: unknown): HistoryBar {
  if (!isRecord(raw)) throw new ParseError('Bar:payload', `expected an object, got ${describeValue(raw)}`);
  const t = readTimestamp(raw, 't', 'Bar');
  if (!t) throw new ParseError('Bar:t', 'expected a bar time');
  return { t, o: readNumber(raw, 'o', 'Bar'), h: readNumber(raw, 'h', 'Bar'), l: readNumber(raw, 'l', 'Bar'), c: readNumber(raw, 'c', 'Bar'), v: readNumber(raw, 'v', 'Bar') };
}
