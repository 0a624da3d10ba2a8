/** Turns a failed sign-in or refresh into the HubFailure the hubs and views show. */
import type { HubErrorKind, HubFailure } from '../errors/hubError';
import { GatewayError } from '../gateway/gatewayError';
import { redact } from '../util/redact';

/** The gateway refused the token or key: retrying will not help without the user. */
export function isRejection(error: unknown): boolean {
  return error instanceof GatewayError && (error.kind === 'business' || error.kind === 'unauthorized');
}

function message(error: unknown, secrets: readonly string[]): string {
  const text = error instanceof Error ? error.message : String(error);
  return redact(text, secrets).replace(/\s+/g, ' ').slice(0, 300);
}

/** "what: fix" → [what, fix] at the last ": " (GatewayError messages end with their fix). */
function splitFix(text: string): [string, string | undefined] {
  const at = text.lastIndexOf(': ');
  return at > 0 ? [text.slice(0, at), text.slice(at + 2)] : [text, undefined];
}

export function notSignedIn(): HubFailure {
  return { kind: 'token-unavailable', cause: 'no token: the monitor is not signed in', fix: 'sign in with your user name and API key, or paste a token' };
}

/** Validate refused the token and there is no API key to sign in again with. */
export function sessionExpired(error: unknown, secrets: readonly string[]): HubFailure {
  return { kind: 'token-unavailable', cause: 'the session expired and could not be refreshed', fix: 'sign in again', detail: message(error, secrets) };
}

/** Signing in again with the API key was refused. */
export function loginRejected(error: unknown, secrets: readonly string[]): HubFailure {
  const [what, fix] = splitFix(message(error, secrets));
  return { kind: 'token-unavailable', cause: `the session could not be renewed: ${what}`, fix: fix ?? 'check the user name and API key, then sign in again', detail: message(error, secrets) };
}

function transientKind(error: unknown): HubErrorKind {
  if (!(error instanceof GatewayError)) return 'unknown';
  if (error.kind === 'rate-limited' || error.kind === 'malformed') return 'http-error';
  if (error.kind === 'http') return error.httpStatus !== undefined && error.httpStatus >= 500 ? 'server-error' : 'http-error';
  const code = error.networkCode ?? '';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS|SSL/i.test(code)) return 'tls';
  return 'unknown';
}

/** The gateway could not be asked (network, 429, 5xx): not terminal, the refresh will be retried. */
export function refreshUnreachable(error: unknown, secrets: readonly string[]): HubFailure {
  const [what, fix] = splitFix(message(error, secrets));
  const httpStatus = error instanceof GatewayError ? error.httpStatus : undefined;
  return {
    kind: transientKind(error),
    cause: `the token could not be refreshed: ${what}`,
    fix: fix ?? 'check your network; the monitor retries',
    ...(httpStatus === undefined ? {} : { httpStatus }),
    detail: message(error, secrets),
  };
}
