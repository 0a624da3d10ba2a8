/**
 * The chart's history back-fill, vscode-free: one History/retrieveBars request for the hour before
 * a cut time, at the chart's timeframe, bounded by a timeout. Success gives candles; failure or
 * slowness gives the one line the chart shows before running live-only.
 *
 * The cut makes history and live disjoint: history holds the prints stamped before `cutMs` (the
 * gateway's bars include every print of a second-bucket up to endTime, so endTime is the last
 * millisecond before a whole-second cut), and the live feed keeps only prints stamped at or after it.
 */
import { BarUnit, type HistoryBar, type RetrieveBarsRequest } from '../gateway/historyBars';
import { clipText } from '../util/clip';
import { redact } from '../util/redact';
import { TIMEFRAME_MS, type CandlePoint, type Timeframe } from '../../shared/chartProtocol';

/** What the loader needs from the gateway (GatewayClient.retrieveBars with the session's token). */
export type BarSource = (request: RetrieveBarsRequest) => Promise<HistoryBar[]>;

export type HistoryResult =
  | { readonly kind: 'loaded'; readonly bars: readonly CandlePoint[] }
  | { readonly kind: 'unavailable'; readonly line: string };

export const HISTORY_LOOKBACK_MS = 3_600_000;
export const DEFAULT_HISTORY_TIMEOUT_MS = 5000;
const MAX_BARS = 5000;

const UNITS: Readonly<Record<Timeframe, { unit: BarUnit; unitNumber: number }>> = {
  '1s': { unit: BarUnit.Second, unitNumber: 1 },
  '5s': { unit: BarUnit.Second, unitNumber: 5 },
  '1m': { unit: BarUnit.Minute, unitNumber: 1 },
  '5m': { unit: BarUnit.Minute, unitNumber: 5 },
  '15m': { unit: BarUnit.Minute, unitNumber: 15 },
  '1h': { unit: BarUnit.Hour, unitNumber: 1 },
};

/** The first whole second at or after `ms`: live prints from here on, history before. */
export function historyCut(ms: number): number {
  return Math.ceil(ms / 1000) * 1000;
}

/** The request for the hour before `cutMs` (at least 24 bars of the timeframe), partial bar included. */
export function historyRequest(contractId: string, timeframe: Timeframe, cutMs: number): RetrieveBarsRequest {
  const lookback = Math.max(HISTORY_LOOKBACK_MS, 24 * TIMEFRAME_MS[timeframe]);
  const { unit, unitNumber } = UNITS[timeframe];
  return { contractId, live: false, startTime: new Date(cutMs - lookback), endTime: new Date(cutMs - 1), unit, unitNumber, limit: MAX_BARS, includePartialBar: true };
}

export function unavailableLine(cause: string): string {
  return `History unavailable: ${cause}; showing live data only`;
}

function causeOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return clipText(redact(text.split('\n')[0]).replace(/[.;\s]+$/, ''), 160);
}

export async function loadHistory(source: BarSource, contractId: string, timeframe: Timeframe, cutMs: number, timeoutMs = DEFAULT_HISTORY_TIMEOUT_MS): Promise<HistoryResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
    timer.unref?.();
  });
  const request = source(historyRequest(contractId, timeframe, cutMs));
  // A request that fails after the timeout already won must not become an unhandled rejection.
  request.catch(() => undefined);
  try {
    const outcome = await Promise.race([request, timeout]);
    if (outcome === 'timeout') return { kind: 'unavailable', line: unavailableLine(`no answer within ${timeoutMs / 1000} s`) };
    const bars = outcome.map((b) => ({ t: b.t.getTime(), o: b.o, h: b.h, l: b.l, c: b.c, v: b.v })).filter((b) => b.t < cutMs);
    return { kind: 'loaded', bars };
  } catch (error) {
    return { kind: 'unavailable', line: unavailableLine(causeOf(error)) };
  } finally {
    clearTimeout(timer);
  }
}
