/**
 * The contract between the engine and its users (extension, CLI, benchmark, tests). The engine's
 * classes implement these interfaces; the extension codes against them only.
 */
import type { HubFailure } from '../errors/hubError';
import type { GatewayApi } from '../gateway/types';
import type { HubEventListener, HubKind, HubState, HubStats, TokenProvider } from '../hub/types';
import type { Profile } from '../profiles';
import type { RawFrame } from '../recording/types';
import type { TimelineEntry } from '../timeline/types';
import type { Disposable } from '../util/emitter';

export type SubscriptionStatus =
  | { readonly kind: 'pending' }
  | { readonly kind: 'active'; readonly since: Date }
  | { readonly kind: 'failed'; readonly error: string };

export interface SubscriptionInfo {
  /** Stable key, e.g. "SubscribeTrades:123" or "SubscribeAccounts". */
  readonly key: string;
  readonly hub: HubKind;
  readonly method: string;
  readonly arg: number | string | undefined;
  readonly status: SubscriptionStatus;
  readonly events: number;
  readonly lastEventAt: Date | undefined;
}

/** What the user wants subscribed on one hub; re-invoked in registration order after every reconnect. */
export interface SubscriptionSet {
  /** Adds (idempotent by key) and invokes now if connected; resolves with the acknowledged or failed info. */
  add(method: string, arg?: number | string): Promise<SubscriptionInfo>;
  /** Removes and invokes the Unsubscribe twin when connected. */
  remove(key: string): Promise<void>;
  list(): readonly SubscriptionInfo[];
  readonly onDidChange: (listener: (info: SubscriptionInfo) => void) => Disposable;
  readonly onDidRemove: (listener: (key: string) => void) => Disposable;
}

/** One hub: its connection and what is subscribed on it. */
export interface HubClient extends Disposable {
  readonly hub: HubKind;
  readonly state: HubState;
  readonly stats: HubStats;
  readonly subscriptions: SubscriptionSet;
  readonly onDidChangeState: (listener: (state: HubState) => void) => Disposable;
  /** Every event, with the time its message arrived (epoch ms, one clock read per message): read it instead of the clock. */
  readonly onEvent: (listener: HubEventListener) => Disposable;
  /** Every raw WebSocket message in and out (handshake, invocations, completions, pings, close), redacted; free while nobody listens. */
  readonly onFrame: (listener: (frame: RawFrame) => void) => Disposable;
  /** Fires after every reconnect, once subscriptions were re-invoked; downMs = time without a connection. */
  readonly onDidReconnect: (listener: (info: { downMs: number; connectionId: string | undefined }) => void) => Disposable;
  /** Resolves once connected (or stopped on purpose before that); rejects with HubError when it gives up. */
  start(): Promise<void>;
  /** Always settles within a bounded time; never reported as a failure. */
  stop(): Promise<void>;
  /** Drop the current connection and reconnect now (skips any pending delay). */
  reconnectNow(): Promise<void>;
}

export interface TimelineSource {
  readonly onEntry: (listener: (entry: TimelineEntry) => void) => Disposable;
  /** The most recent entries, oldest first. */
  recent(limit?: number): readonly TimelineEntry[];
}

export interface TokenSourceApi extends TokenProvider {
  readonly expiresAt: Date | undefined;
  readonly onDidChangeToken: (listener: (info: { expiresAt: Date | undefined }) => void) => Disposable;
  /** Fires when the token can no longer be refreshed: the user must sign in again. */
  readonly onDidFail: (listener: (failure: HubFailure) => void) => Disposable;
}

/** Both hubs of one profile, the REST client and the shared timeline. */
export interface Monitor extends Disposable {
  readonly profile: Profile;
  readonly gateway: GatewayApi;
  readonly tokens: TokenSourceApi;
  readonly user: HubClient;
  readonly market: HubClient;
  readonly timeline: TimelineSource;
  hubClient(hub: HubKind): HubClient;
  /** Starts both hubs; resolves when both are connected, rejects with the first terminal HubError. */
  connect(): Promise<void>;
  disconnect(): Promise<void>;
}
