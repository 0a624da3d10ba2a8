/**
 * Turns what we saw (the library's error, the socket's real error, the negotiate status) into one
 * HubFailure with a one-line cause and a one-line fix. The signalr client reports 401, refused,
 * DNS and TLS failures with one identical message, so the recorded socket/http evidence wins.
 */
import { formatBytes, MAX_NEGOTIATE_BYTES, MAX_WS_MESSAGE_BYTES } from '../limits';
import { clipText } from '../util/clip';
import { redact } from '../util/redact';
import { HubError, type HubErrorKind, type HubFailure } from './hubError';

/** Where in the connection life the failure happened. */
export type FailurePhase = 'token' | 'negotiate' | 'upgrade' | 'handshake' | 'connected';

export interface FailureEvidence {
  readonly phase: FailurePhase;
  /** The library's (or token source's) error. */
  readonly error?: unknown;
  /** HTTP status from negotiate or the WebSocket upgrade, when the server answered. */
  readonly httpStatus?: number;
  /** Socket / TLS error code (ECONNREFUSED, ENOTFOUND, DEPTH_ZERO_SELF_SIGNED_CERT, ...). */
  readonly code?: string;
  /** The socket's own error text ("Unexpected server response: 401", "Opening handshake has timed out"). */
  readonly socketMessage?: string;
  readonly closeCode?: number;
  readonly closeReason?: string;
  /** The host the failure concerns, for the cause text. */
  readonly host?: string;
  /** Server timeout in ms, for the server-silent text. */
  readonly serverTimeoutMs?: number;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EADDRNOTAVAIL']);
/**
 * What @microsoft/signalr closes the connection with when it cannot read a received frame: JSON.parse
 * errors (V8 wording, old and new) and the JsonHubProtocol / TextMessageFormat checks.
 */
const UNREADABLE_FRAME = /is not valid JSON|in JSON at position|Unexpected end of JSON input|Unexpected token|Message is incomplete|Invalid payload|Invalid input for JSON hub protocol|Invalid SequenceId for/;

const MAX_DETAIL_CHARS = 2_000;

/** ws's error code for a frame whose header declares more than maxPayload (it closes with 1009). */
export const MESSAGE_TOO_LARGE_CODE = 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
/** Our own code for a negotiate answer cut at MAX_NEGOTIATE_BYTES (recordingHttpClient). */
export const NEGOTIATE_TOO_LARGE_CODE = 'HUBMON_NEGOTIATE_TOO_LARGE';
/** Our own code for an upgrade cut at its absolute deadline (tokenWebSocket). */
export const UPGRADE_TOO_SLOW_CODE = 'HUBMON_UPGRADE_DEADLINE';

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'EPROTO',
]);

/** The text of any thrown value, redacted, on one line. */
export function errorText(error: unknown, secrets?: readonly string[]): string {
  let text: string;
  if (error instanceof Error) text = error.message;
  else if (typeof error === 'string') text = error;
  else if (error === undefined || error === null) text = '';
  else text = JSON.stringify(error) ?? String(error);
  // Server texts may quote a frame: no control character may split or garble the line.
  // eslint-disable-next-line no-control-regex
  return redact(text.replace(/\s+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?').trim(), secrets);
}

/** The `code` of an error or of its `cause` chain (fetch wraps socket errors in `cause`). */
export function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** "Unexpected server response: 401" → 401. */
export function statusFromSocketMessage(message: string | undefined): number | undefined {
  const m = message ? /Unexpected server response: (\d{3})/.exec(message) : null;
  return m ? Number(m[1]) : undefined;
}

function failure(kind: HubErrorKind, cause: string, fix: string, extra: { httpStatus?: number; detail?: string }): HubFailure {
  return { kind, cause, fix, ...(extra.httpStatus !== undefined ? { httpStatus: extra.httpStatus } : {}), ...(extra.detail ? { detail: extra.detail } : {}) };
}

function fromStatus(status: number, where: string, detail: string | undefined): HubFailure {
  const extra = { httpStatus: status, detail };
  if (status === 401) return failure('unauthorized', `the server rejected the token (HTTP 401)`, 'sign in again or check the token transport (header/query)', extra);
  if (status === 403) return failure('forbidden', `the server refused access for this token (HTTP 403)`, 'check that the account may use the realtime API at this firm', extra);
  if (status === 404) return failure('not-found', `the hub URL does not exist on the server (HTTP 404 on ${where})`, 'check the hub URL in the profile (…/hubs/user or …/hubs/market)', extra);
  if (status >= 500) return failure('server-error', `the server failed (HTTP ${status} on ${where})`, 'wait and retry; the gateway may be down or restarting', extra);
  return failure('http-error', `the server answered HTTP ${status} on ${where} instead of accepting the connection`, 'check the hub URL and any proxy between you and the gateway', extra);
}

function fromCode(code: string, host: string, detail: string | undefined): HubFailure | undefined {
  // A name does not resolve; its port is beside the point ("api.x.com", not "api.x.com:443").
  if (DNS_CODES.has(code)) return failure('dns', `the host name ${host.replace(/:\d+$/, '')} does not resolve (${code})`, 'check the hub URL for typos, and your network or DNS', { detail });
  if (UNREACHABLE_CODES.has(code)) {
    const cause = code === 'ECONNREFUSED' ? `nothing is listening at ${host} (ECONNREFUSED)` : `${host} cannot be reached (${code})`;
    return failure('refused', cause, 'start the gateway or check the hub URL, port and network', { detail });
  }
  if (TLS_CODES.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code.includes('CERT')) {
    return failure('tls', `the TLS handshake with ${host} failed (${code})`, 'check the URL scheme (https/wss) and the server certificate; a proxy may intercept TLS', { detail });
  }
  if (code === MESSAGE_TOO_LARGE_CODE) {
    return failure('message-too-large', `${host} sent a WebSocket message over ${formatBytes(MAX_WS_MESSAGE_BYTES)} (the limit; it was refused unread)`, 'the monitor reconnects; if it repeats, report it to the gateway operator', { detail });
  }
  if (code === NEGOTIATE_TOO_LARGE_CODE) {
    return failure('message-too-large', `${host} sent a negotiate answer over ${formatBytes(MAX_NEGOTIATE_BYTES)} (the limit; the rest was not read)`, 'the monitor retries; if it repeats, check the hub URL or report it to the gateway operator', { detail });
  }
  if (code === UPGRADE_TOO_SLOW_CODE) {
    return failure('upgrade-too-slow', `${host} did not finish answering the WebSocket upgrade in time (it trickled or stalled)`, 'check the network or proxy; the monitor retries automatically', { detail });
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') return failure('dropped', `the connection to ${host} was reset (${code})`, 'check the network; the monitor reconnects automatically', { detail });
  return undefined;
}

/** A server's sentence without its final period, clipped to one short line: our texts add their own punctuation. */
function trimSentence(text: string): string {
  return clipText(text.replace(/[.\s]+$/, ''));
}

/** Classifies one failure; every text is redacted with `secrets` (tokens in use). */
export function classifyFailure(evidence: FailureEvidence, secrets?: readonly string[]): HubFailure {
  const message = errorText(evidence.error, secrets);
  const socketMessage = evidence.socketMessage ? redact(evidence.socketMessage, secrets) : undefined;
  // The detail keeps more than a view line but never a server's megabyte (a Close error can be that long).
  const detail = clipText([socketMessage, message].filter((t) => t).join(' | '), MAX_DETAIL_CHARS) || undefined;
  const host = evidence.host ?? 'the server';
  const where = evidence.phase === 'negotiate' ? 'the negotiate request' : 'the WebSocket upgrade';

  if (evidence.phase === 'token') {
    // The token source already explains itself (signed out, key rejected, gateway unreachable).
    if (evidence.error instanceof HubError) return evidence.error.failure;
    return failure('token-unavailable', `no token is available${message ? `: ${message}` : ''}`, 'sign in again (check the user name and API key)', { detail });
  }
  const status = evidence.httpStatus ?? statusFromSocketMessage(evidence.socketMessage) ?? statusFromSocketMessage(message);
  if (status !== undefined && status !== 101 && status !== 200) return fromStatus(status, where, detail);

  const code = evidence.code ?? errorCode(evidence.error);
  const byCode = code ? fromCode(code, host, detail) : undefined;
  if (byCode) return byCode;

  if (/Opening handshake has timed out/i.test(`${socketMessage} ${message}`) || (evidence.error as { name?: string } | undefined)?.name === 'TimeoutError') {
    return failure('upgrade-timeout', `${host} never answered ${where}`, 'check the network or proxy; the server may be overloaded', { detail });
  }
  const handshakeError = /Server returned handshake error: (.*)$/.exec(message);
  if (handshakeError) {
    return failure('handshake-error', `the server rejected the SignalR handshake: ${trimSentence(handshakeError[1])}`, 'check that the URL is a SignalR hub speaking the JSON protocol', { detail });
  }
  if (/Error parsing handshake response/.test(message)) {
    return failure('handshake-error', 'the server sent an unreadable SignalR handshake reply', 'check that the URL is a SignalR hub speaking the JSON protocol', { detail });
  }
  if (/Server timeout elapsed/.test(message)) {
    if (evidence.phase === 'handshake') {
      return failure('handshake-timeout', 'the server did not answer the SignalR handshake in time', 'check the hub URL; the server may be overloaded', { detail });
    }
    const seconds = evidence.serverTimeoutMs !== undefined ? ` for ${Math.round(evidence.serverTimeoutMs / 100) / 10} s` : '';
    return failure('server-silent', `the server sent nothing (not even a ping)${seconds}`, 'check the network; the monitor reconnects automatically', { detail });
  }
  const closeError = /Server returned an error on close: (.*)$/.exec(message);
  if (closeError) {
    return failure('closed-with-error', `the server closed the connection: ${trimSentence(closeError[1])}`, 'the monitor reconnects automatically; if it repeats, sign in again', { detail });
  }
  if (evidence.phase === 'connected' && (evidence.error instanceof SyntaxError || UNREADABLE_FRAME.test(message))) {
    // The client closes the socket itself: calling it a network drop sends the user to the wrong place.
    return failure('dropped', `the server sent a frame the SignalR client could not read (${clipText(message)})`, 'the monitor reconnects; if it repeats, report it to the gateway operator', { detail });
  }
  const codeInText = /status code: (\d+)/.exec(message)?.[1];
  const closeCode = evidence.closeCode ?? (codeInText !== undefined ? Number(codeInText) : undefined);
  if (closeCode !== undefined || evidence.phase === 'connected') {
    const reason = evidence.closeReason ? `: ${clipText(redact(evidence.closeReason, secrets))}` : '';
    const codeText = closeCode !== undefined ? ` (${closeCode}${reason})` : '';
    return failure('dropped', `the connection dropped${codeText}`, 'check the network; the monitor reconnects automatically', { detail });
  }
  if (evidence.phase === 'upgrade' && /WebSocket failed to connect/.test(message)) {
    return failure('dropped', `the WebSocket to ${host} closed before it opened`, 'check the hub URL and any proxy; the monitor retries automatically', { detail });
  }
  return failure('unknown', `the connection failed${message ? `: ${clipText(message)}` : ''}`, 'see the timeline for the failing step; report it if it repeats', { detail });
}

/** The failure of a hub method that never completed. */
export function invokeTimeoutFailure(method: string, timeoutMs: number): HubFailure {
  return failure('invoke-timeout', `${method} got no reply within ${Math.round(timeoutMs / 100) / 10} s`, 'the server may be overloaded; it is retried on the next reconnect', {});
}
