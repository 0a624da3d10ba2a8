import type { HubFailure } from '../errors/hubError';
import type { GatewayEvent } from '../events/types';

export type HubKind = 'user' | 'market';

/** How the JWT reaches the hub on the WebSocket upgrade. */
export type TokenTransport = 'header' | 'query' | 'both';

/** The connection state of one hub, as the views and the CLI show it. */
export type HubState =
  | { readonly kind: 'disconnected' }
  | { readonly kind: 'connecting'; readonly attempt: number }
  | { readonly kind: 'connected'; readonly connectionId: string | undefined; readonly since: Date }
  | {
      readonly kind: 'reconnecting';
      readonly attempt: number;
      readonly delayMs: number;
      readonly nextAttemptAt: Date;
      readonly cause: HubFailure;
    }
  | { readonly kind: 'failed'; readonly cause: HubFailure };

export type HubStateKind = HubState['kind'];

/** An event listener: `messageTime` is when the message carrying the event arrived (epoch ms, one clock read per message). */
export type HubEventListener = (event: GatewayEvent, messageTime: number) => void;

/** Counters a hub connection keeps for the views (messages include pings). */
export interface HubStats {
  readonly messages: number;
  readonly events: number;
  /** The last message of any kind, pings included: the connection is alive. */
  readonly lastMessageAt: Date | undefined;
  /** The message that carried the last event: data is flowing. */
  readonly lastEventAt: Date | undefined;
  readonly connectedSince: Date | undefined;
  readonly connectionId: string | undefined;
  readonly reconnects: number;
  /** Invocations that never became events: payloads the parser refused and events with no handler. */
  readonly parseFailures: number;
}

/** Something that hands out the current JWT and can be asked to refresh it after a 401. */
export interface TokenProvider {
  getToken(): Promise<string>;
  /** Force a refresh (e.g. after the hub answered 401); resolves to the new token or rejects. */
  refresh(reason: string): Promise<string>;
}
