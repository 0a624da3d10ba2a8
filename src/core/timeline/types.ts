import type { HubFailure } from '../errors/hubError';
import type { HubKind } from '../hub/types';

/** One step of one connection attempt, or an engine event worth a line in the timeline. */
export type TimelineStep =
  | { readonly kind: 'attempt'; readonly attempt: number; readonly url: string; readonly transport: string }
  | { readonly kind: 'negotiate'; readonly status?: number; readonly ms: number; readonly error?: string }
  | { readonly kind: 'upgrade'; readonly status?: number; readonly ms: number; readonly error?: string }
  | { readonly kind: 'handshake'; readonly ms: number; readonly error?: string }
  | { readonly kind: 'connected'; readonly connectionId?: string; readonly ms: number }
  | { readonly kind: 'close'; readonly code?: number; readonly reason?: string; readonly error?: string; readonly intended: boolean }
  | { readonly kind: 'reconnecting'; readonly attempt: number; readonly delayMs: number; readonly cause: HubFailure }
  | { readonly kind: 'reconnected'; readonly connectionId?: string; readonly downMs: number }
  | { readonly kind: 'resubscribe'; readonly index: number; readonly total: number; readonly method: string; readonly arg?: string | number; readonly ms: number; readonly error?: string }
  | { readonly kind: 'subscribe'; readonly method: string; readonly arg?: string | number; readonly ms: number; readonly error?: string }
  | { readonly kind: 'unsubscribe'; readonly method: string; readonly arg?: string | number; readonly ms: number; readonly error?: string }
  | { readonly kind: 'token'; readonly action: 'login' | 'validate' | 'refreshed' | 'refresh-failed' | 'expired'; readonly ms?: number; readonly expiresAt?: Date; readonly error?: string }
  | { readonly kind: 'parse-failure'; readonly event: string; readonly reason: string; readonly count: number }
  | { readonly kind: 'failed'; readonly cause: HubFailure }
  | { readonly kind: 'stopped'; readonly ms: number }
  | { readonly kind: 'resync'; readonly downMs: number; readonly positions: number; readonly orders: number; readonly error?: string }
  /** A SignalR keep-alive ping (only with a ping tap, at the verbose level); sinceLastMs: since the previous one in the same direction. */
  | { readonly kind: 'ping'; readonly direction: 'sent' | 'received'; readonly sinceLastMs?: number }
  | { readonly kind: 'note'; readonly text: string };

export interface TimelineEntry {
  readonly at: Date;
  /** Undefined for entries that concern both hubs (token refresh). */
  readonly hub?: HubKind;
  readonly step: TimelineStep;
}
