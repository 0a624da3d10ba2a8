/**
 * The one place that decides what the chart header says about the feed. Takes the hub state and
 * the newest quote's age today; a market calendar (CME Globex hours) can be passed in later.
 */
import type { HubStateKind } from '../hub/types';
import type { FeedStatus } from '../../shared/chartProtocol';

/** Seconds without a quote before a connected feed is called stale. */
export const DEFAULT_STALE_AFTER_MS = 10_000;

export interface MarketCalendar {
  isOpen(at: Date, contractId: string): boolean;
}

export interface FeedStatusInput {
  readonly hub: HubStateKind;
  readonly now: number;
  /** Host receipt time (ms) of the newest quote, if any. */
  readonly lastQuoteAt: number | undefined;
  readonly contractId?: string;
  readonly staleAfterMs?: number;
  readonly calendar?: MarketCalendar;
}

export function feedStatus(input: FeedStatusInput): FeedStatus {
  switch (input.hub) {
    case 'connecting':
    case 'reconnecting':
      return 'reconnecting';
    case 'disconnected':
    case 'failed':
      return 'offline';
    case 'connected':
      break;
  }
  const fresh = input.lastQuoteAt !== undefined && input.now - input.lastQuoteAt <= (input.staleAfterMs ?? DEFAULT_STALE_AFTER_MS);
  // Quotes that arrive are live whatever the calendar says (a holiday session, a simulator); only
  // silence is explained by the calendar: "market closed" rather than "stale".
  if (fresh) return 'live';
  if (input.calendar && input.contractId && !input.calendar.isOpen(new Date(input.now), input.contractId)) return 'market-closed';
  return input.lastQuoteAt === undefined ? 'waiting' : 'stale';
}
