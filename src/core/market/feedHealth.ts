import { globexSession } from './calendar';

/** How a hub or a contract's feed looks to a person: data flowing, silent while it should not be, or closed. */
export type FeedHealth =
  | { readonly kind: 'live'; readonly ageMs: number }
  | { readonly kind: 'stale'; readonly ageMs: number | undefined; readonly description: string }
  | { readonly kind: 'market-closed'; readonly description: string }
  | { readonly kind: 'quiet'; readonly description: string };

export interface FeedHealthInput {
  readonly lastAt: number | undefined;
  readonly now: number;
  /** Silence longer than this is stale (while the market is open). */
  readonly staleAfterMs: number;
  /** Market data follows the exchange calendar; a user hub is quiet when there is no activity. */
  readonly feed: 'market' | 'user' | 'hub';
}

/**
 * Market quotes stop outside trading hours: that is "market closed", not "stale". A quiet user hub
 * (no orders, no positions) is normal. A hub that sends nothing at all, not even the server's pings,
 * is stale whatever the calendar says.
 */
export function feedHealth(input: FeedHealthInput): FeedHealth {
  const ageMs = input.lastAt === undefined ? undefined : Math.max(0, input.now - input.lastAt);
  if (ageMs !== undefined && ageMs <= input.staleAfterMs) return { kind: 'live', ageMs };
  const silent = ageMs === undefined ? 'no data yet' : `silent for ${Math.round(ageMs / 1000)} s`;
  if (input.feed === 'user') return { kind: 'quiet', description: `${silent} (normal without account activity)` };
  if (input.feed === 'market') {
    const session = globexSession(input.now);
    if (!session.open) return { kind: 'market-closed', description: session.description };
  }
  return { kind: 'stale', ageMs, description: silent };
}
