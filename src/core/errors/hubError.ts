/**
 * Every way a hub connection can fail, each with one line of cause and one line of what to do.
 * The signalr client reports 401, refused, DNS and TLS failures with the same message; the
 * transport layer recovers the real cause and classifies it into one of these kinds.
 */
export type HubErrorKind =
  | 'refused' // TCP connection refused
  | 'dns' // host name does not resolve
  | 'tls' // certificate or TLS handshake problem
  | 'unauthorized' // HTTP 401 on negotiate/upgrade
  | 'forbidden' // HTTP 403
  | 'not-found' // HTTP 404: wrong hub URL
  | 'server-error' // HTTP 5xx
  | 'http-error' // any other unexpected HTTP status
  | 'upgrade-timeout' // the upgrade was never answered
  | 'handshake-error' // server answered the SignalR handshake with an error
  | 'handshake-timeout' // no handshake reply
  | 'server-silent' // no message (not even a ping) within the server timeout
  | 'closed-with-error' // server sent a Close message with an error
  | 'dropped' // the socket closed without a Close message (1006 and friends)
  | 'message-too-large' // the server sent a WebSocket message over MAX_WS_MESSAGE_BYTES
  | 'upgrade-too-slow' // the upgrade answer did not complete within the absolute deadline
  | 'token-unavailable' // no token could be obtained (signed out, refresh failed)
  | 'invoke-timeout' // a hub method did not complete in time
  | 'unknown';

export interface HubFailure {
  readonly kind: HubErrorKind;
  /** One line: what happened, e.g. "the server rejected the token (HTTP 401)". */
  readonly cause: string;
  /** One line: what the user can do about it. */
  readonly fix: string;
  readonly httpStatus?: number;
  /** The library's or socket's original text, redacted. */
  readonly detail?: string;
}

export class HubError extends Error {
  readonly kind: HubErrorKind;
  readonly failure: HubFailure;

  constructor(failure: HubFailure) {
    super(`${failure.cause}. ${failure.fix}`);
    this.name = 'HubError';
    this.kind = failure.kind;
    this.failure = failure;
  }
}

/** True for failures that retrying cannot cure without the user (auth not cured by a refresh, wrong URL). */
export function isTerminal(kind: HubErrorKind): boolean {
  return kind === 'unauthorized' || kind === 'forbidden' || kind === 'not-found' || kind === 'token-unavailable';
}
