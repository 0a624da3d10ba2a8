/**
 * One POST to the gateway and the translation of everything that can go wrong into a GatewayError
 * with a one-line cause and fix: network codes (ECONNREFUSED, ENOTFOUND, TLS), timeouts, HTTP 400,
 * 401, 429, 5xx, non-JSON answers and the `{success, errorCode, errorMessage}` envelope.
 */
import { LoginErrorCode, ValidateErrorCode } from '../events/enums';
import { formatBytes, MAX_REST_BODY_BYTES } from '../limits';
import { BodyTooLargeError, readBoundedText } from './boundedBody';
import { describeValue, isRecord, tryParseJson, type JsonRecord } from '../util/json';
import { redact } from '../util/redact';
import { GatewayError } from './gatewayError';

export interface PostOptions {
  readonly baseUrl: string;
  readonly endpoint: string;
  readonly body?: unknown;
  readonly token?: string;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
  /** Literals to strip from anything that ends up in an error text. */
  readonly secrets: readonly string[];
}

const CERT_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS|SSL|ERR_TLS/i;

/** The network error code, looking through `cause` chains and AggregateError (happy eyeballs). */
export function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    if (isRecord(current)) {
      if (typeof current.code === 'string' && current.code.length > 0) return current.code;
      if (Array.isArray(current.errors) && current.errors.length > 0) {
        const inner = networkCode(current.errors[0]);
        if (inner !== undefined) return inner;
      }
    }
    current = current instanceof Error ? current.cause : undefined;
  }
  return undefined;
}

function networkFix(code: string): string {
  if (code === 'ECONNREFUSED') return "check the profile's REST URL";
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return "the host name does not resolve: check the profile's REST URL and your network";
  if (CERT_CODES.test(code)) return 'the TLS certificate was rejected: check the URL, a proxy that intercepts TLS, or the system clock';
  return 'check your network and the gateway status';
}

/** Builds the endpoint URL; a base URL given with a trailing `/api` or `/` is tolerated. */
export function endpointUrl(baseUrl: string, endpoint: string): URL {
  const base = baseUrl.trim().replace(/\/+$/, '').replace(/\/api$/i, '');
  let url: URL;
  try {
    url = new URL(`${base}/api/${endpoint}`);
  } catch {
    throw new GatewayError({ endpoint, kind: 'network', networkCode: 'EINVALIDURL', message: `the REST URL "${redact(baseUrl).slice(0, 80)}" is not a valid URL: fix the profile's REST URL` });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new GatewayError({ endpoint, kind: 'network', networkCode: 'EINVALIDURL', message: `the REST URL must start with https:// (got ${url.protocol}): fix the profile's REST URL` });
  }
  return url;
}

function businessError(endpoint: string, body: JsonRecord, secrets: readonly string[]): GatewayError {
  const code = typeof body.errorCode === 'number' ? body.errorCode : -1;
  const serverText = typeof body.errorMessage === 'string' && body.errorMessage.length > 0 ? redact(body.errorMessage, secrets).replace(/\s+/g, ' ').slice(0, 160) : undefined;
  if (endpoint === 'Auth/loginKey') {
    const codeName = code >= 0 && code < LoginErrorCode.length ? LoginErrorCode[code] : undefined;
    const fix =
      code >= 1 && code <= 3 ? 'check the user name and API key'
      : codeName === 'ApiSubscriptionNotFound' ? 'the account has no API subscription: add one in the firm\'s dashboard'
      : codeName === 'ApiKeyAuthenticationDisabled' ? 'API-key sign-in is disabled for this account: enable it in the firm\'s dashboard'
      : codeName === 'AgreementsNotSigned' ? 'sign the pending agreements in the firm\'s web app'
      : serverText ?? 'try again later';
    return new GatewayError({ endpoint, kind: 'business', code, codeName, message: `login failed: ${codeName ?? 'code'} (${code}): ${fix}` });
  }
  if (endpoint === 'Auth/validate') {
    const codeName = code >= 0 && code < ValidateErrorCode.length ? ValidateErrorCode[code] : undefined;
    return new GatewayError({ endpoint, kind: 'business', code, codeName, message: `token validation failed: ${codeName ?? 'code'} (${code}): sign in again` });
  }
  return new GatewayError({ endpoint, kind: 'business', code, message: `${endpoint} failed: error code ${code}${serverText === undefined ? '' : ` (${serverText})`}` });
}

function httpError(endpoint: string, status: number, text: string, retryAfter: string | null, secrets: readonly string[]): GatewayError {
  if (status === 401) {
    return new GatewayError({ endpoint, kind: 'unauthorized', httpStatus: status, message: `${endpoint}: the token was rejected (HTTP 401): sign in again` });
  }
  if (status === 429) {
    const seconds = retryAfter !== null && /^\d+$/.test(retryAfter) ? `${retryAfter} s` : 'a minute';
    return new GatewayError({ endpoint, kind: 'rate-limited', httpStatus: status, message: `${endpoint}: rate limited by the gateway (HTTP 429): wait ${seconds}` });
  }
  let detail = '';
  const parsed = tryParseJson(text);
  if (parsed.ok && isRecord(parsed.value)) {
    const v = parsed.value;
    const said = typeof v.errorMessage === 'string' ? v.errorMessage : typeof v.title === 'string' ? v.title : undefined;
    if (said !== undefined && said.length > 0) detail = ` (${redact(said, secrets).replace(/\s+/g, ' ').slice(0, 120)})`;
  }
  const what =
    status === 400 ? `the gateway rejected the request (HTTP 400)${detail}: the monitor sent a body the gateway does not accept; please report it`
    : status === 403 ? `access denied (HTTP 403)${detail}: check the account's API permissions`
    : status === 404 ? `not found (HTTP 404): check the profile's REST URL`
    : status >= 500 ? `the gateway failed (HTTP ${status})${detail}: try again later or check the gateway status`
    : `unexpected answer (HTTP ${status})${detail}: check the profile's REST URL`;
  return new GatewayError({ endpoint, kind: 'http', httpStatus: status, message: `${endpoint}: ${what}` });
}

function fetchError(endpoint: string, url: URL, error: unknown, timeoutMs: number): GatewayError {
  const name = isRecord(error) && typeof error.name === 'string' ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new GatewayError({ endpoint, kind: 'network', networkCode: 'TIMEOUT', message: `${endpoint}: no answer from ${url.origin} within ${Math.round(timeoutMs / 100) / 10} s: check your network and the gateway status` });
  }
  const code = networkCode(error) ?? 'network error';
  return new GatewayError({ endpoint, kind: 'network', networkCode: code, message: `cannot reach ${url.origin} (${code}): ${networkFix(code)}` });
}

/** POSTs JSON and returns the envelope of a successful answer; every failure is a GatewayError. */
export async function postGateway(opts: PostOptions): Promise<JsonRecord> {
  const { endpoint } = opts;
  const url = endpointUrl(opts.baseUrl, endpoint);
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  let status: number;
  let text: string;
  let retryAfter: string | null;
  try {
    const response = await opts.fetch(url, {
      method: 'POST',
      headers,
      body: opts.body === undefined ? '' : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    status = response.status;
    retryAfter = response.headers.get('retry-after');
    text = await readBoundedText(response, MAX_REST_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      throw new GatewayError({ endpoint, kind: 'malformed', message: `${endpoint}: the gateway's answer ran past ${formatBytes(error.limit)} and was cut off unread: check the profile's REST URL` });
    }
    throw fetchError(endpoint, url, error, opts.timeoutMs);
  }
  if (status < 200 || status >= 300) throw httpError(endpoint, status, text, retryAfter, opts.secrets);
  const parsed = tryParseJson(text);
  if (!parsed.ok || !isRecord(parsed.value)) {
    const got = parsed.ok ? describeValue(parsed.value) : 'text that is not JSON';
    throw new GatewayError({ endpoint, kind: 'malformed', httpStatus: status, message: `${endpoint}: the gateway answered with ${got} (HTTP ${status}): check the profile's REST URL` });
  }
  const body = parsed.value;
  if (body.success !== true) {
    if (body.success === false) throw businessError(endpoint, body, opts.secrets);
    throw new GatewayError({ endpoint, kind: 'malformed', httpStatus: status, message: `${endpoint}: the answer has no success flag (HTTP ${status}): check the profile's REST URL` });
  }
  return body;
}
