/** Steps 5–10 of the doctor for one hub: negotiate, upgrade (header / query), handshake, round trip, subscribe, first event. */
import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { classifyFailure, errorCode, errorText } from '../errors/classify';
import { readBoundedText } from '../gateway/boundedBody';
import { MAX_NEGOTIATE_BYTES, MAX_WS_MESSAGE_BYTES } from '../limits';
import { findSubscribeMethod } from '../hub/methods';
import type { HubKind } from '../hub/types';
import { globexSession } from '../market/calendar';
import { redact } from '../util/redact';
import { HANDSHAKE_REQUEST_FRAME, invocationFrame } from '../wire/signalrCodec';
import { waitFor } from './probeSocket';
import type { DoctorStepId, DoctorStepResult } from './types';

export interface HubProbeOptions {
  readonly hub: HubKind;
  readonly url: string;
  readonly token: string;
  readonly negotiate: boolean;
  readonly timeoutMs: number;
  readonly firstEventMs: number;
  /** The test subscription, or why there is none (no contract found for the market hub). */
  readonly subscription: TestSubscription;
  readonly now: () => number;
  /** Aborting closes the probe's socket, so a wait in progress ends at once. */
  readonly signal?: AbortSignal;
}

export type TestSubscription = { readonly method: string; readonly arg?: string | number; readonly note?: string } | { readonly missing: string };

type Step = (r: DoctorStepResult) => void;
type Upgrade = { ok: true; socket: WebSocket; ms: number } | { ok: false; ms: number; status?: number; error?: unknown; message: string };

function wsUrl(httpUrl: string, params: Record<string, string>): string {
  const u = new URL(httpUrl);
  u.protocol = u.protocol === 'https:' ? 'wss:' : u.protocol === 'http:' ? 'ws:' : u.protocol;
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

function openSocket(url: string, headers: Record<string, string>, timeoutMs: number): Promise<Upgrade> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const socket = new WebSocket(url, { headers, handshakeTimeout: timeoutMs, maxPayload: MAX_WS_MESSAGE_BYTES });
    const settle = (result: Upgrade): void => {
      if (settled) return;
      settled = true;
      if (!result.ok) socket.terminate();
      resolve(result);
    };
    socket.once('open', () => settle({ ok: true, socket, ms: performance.now() - started }));
    socket.once('unexpected-response', (req, res: IncomingMessage) => {
      req.destroy();
      settle({ ok: false, ms: performance.now() - started, status: res.statusCode, message: `HTTP ${res.statusCode} ${res.statusMessage ?? ''}`.trim() });
    });
    socket.on('error', (error) => settle({ ok: false, ms: performance.now() - started, error, message: errorText(error) }));
  });
}

async function negotiate(url: string, token: string, timeoutMs: number): Promise<{ ok: true; connectionToken: string; ms: number } | { ok: false; ms: number; status?: number; error?: unknown; message: string }> {
  const started = performance.now();
  try {
    const u = new URL(url.replace(/\/$/, '') + '/negotiate');
    u.searchParams.set('negotiateVersion', '1');
    const res = await fetch(u, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(timeoutMs) });
    const ms = performance.now() - started;
    if (!res.ok) return { ok: false, ms, status: res.status, message: `HTTP ${res.status}` };
    const body = JSON.parse(await readBoundedText(res, MAX_NEGOTIATE_BYTES)) as { connectionToken?: unknown; connectionId?: unknown } | null;
    if (body === null || typeof body !== 'object') return { ok: false, ms, message: 'negotiate answered with something other than a JSON object' };
    const connectionToken = typeof body.connectionToken === 'string' ? body.connectionToken : typeof body.connectionId === 'string' ? body.connectionId : undefined;
    if (!connectionToken) return { ok: false, ms, message: 'negotiate answered without a connection token' };
    return { ok: true, connectionToken, ms };
  } catch (error) {
    return { ok: false, ms: performance.now() - started, error, message: errorText(error) };
  }
}

export async function probeHub(opts: HubProbeOptions, emit: Step): Promise<void> {
  const host = new URL(opts.url).host;
  const secrets = [opts.token];
  const base = (id: DoctorStepId, title: string) => ({ id, hub: opts.hub, target: opts.hub, title: `${opts.hub} hub: ${title}` });
  const fail = (id: DoctorStepId, title: string, ms: number, evidence: Parameters<typeof classifyFailure>[0], detail: string): void => {
    const f = classifyFailure({ ...evidence, host }, secrets);
    emit({ ...base(id, title), ms, verdict: 'fail', detail: redact(detail, secrets), cause: f.cause, fix: f.fix, kind: f.kind });
  };

  // Negotiation hands out a one-use connection token, so each upgrade variant negotiates afresh.
  const connectParams = async (first: boolean): Promise<Record<string, string> | undefined> => {
    if (!opts.negotiate) return {};
    const n = await negotiate(opts.url, opts.token, opts.timeoutMs);
    if (first) {
      if (n.ok) emit({ ...base('negotiate', 'negotiate'), ms: n.ms, verdict: 'pass', detail: 'HTTP 200 with a connection token' });
      else fail('negotiate', 'negotiate', n.ms, { phase: 'negotiate', httpStatus: n.status, error: n.error, code: errorCode(n.error) }, n.message);
    }
    return n.ok ? { id: n.connectionToken } : undefined;
  };
  if (!opts.negotiate) emit({ ...base('negotiate', 'negotiate'), ms: 0, verdict: 'skip', detail: 'skipped: this profile connects without negotiation, as the gateway documents' });

  const variants = [
    { id: 'upgrade-header' as const, title: 'WebSocket upgrade, token as Authorization header', query: false },
    { id: 'upgrade-query' as const, title: 'WebSocket upgrade, token as access_token query', query: true },
  ];
  const results: { id: DoctorStepId; title: string; result: Upgrade | undefined }[] = [];
  for (const [i, v] of variants.entries()) {
    const params = await connectParams(i === 0);
    if (!params) {
      results.push({ id: v.id, title: v.title, result: undefined });
      continue;
    }
    const url = wsUrl(opts.url, v.query ? { ...params, access_token: opts.token } : params);
    const result = await openSocket(url, v.query ? {} : { Authorization: `Bearer ${opts.token}` }, opts.timeoutMs);
    if (result.ok) result.socket.terminate();
    results.push({ id: v.id, title: v.title, result });
  }
  const accepted = results.filter((r) => r.result?.ok);
  for (const { id, title, result } of results) {
    if (!result) {
      emit({ ...base(id, title), ms: 0, verdict: 'skip', detail: 'not tried: negotiate failed' });
    } else if (result.ok) {
      emit({ ...base(id, title), ms: result.ms, verdict: 'pass', detail: 'HTTP 101: accepted' });
    } else if (accepted.length > 0 && result.status === 401) {
      const other = accepted[0].id === 'upgrade-query' ? 'query' : 'header';
      emit({ ...base(id, title), ms: result.ms, verdict: 'warn', detail: result.message, cause: `this server accepts the token only as the ${other === 'query' ? 'access_token query' : 'Authorization header'}`, fix: `set the token transport to "${other}" (or "both")` });
    } else {
      fail(id, title, result.ms, { phase: 'upgrade', httpStatus: result.status, error: result.error, code: errorCode(result.error), socketMessage: result.message }, result.message);
    }
  }
  const PING_TITLE = 'round trip of a no-op invocation';
  const rest: [DoctorStepId, string][] = [['handshake', 'SignalR handshake'], ['ping', PING_TITLE], ['subscribe', 'test subscription'], ['first-event', 'first event']];
  const skipRest = (from: number, why: string): void => {
    for (const [id, title] of rest.slice(from)) emit({ ...base(id, title), ms: 0, verdict: 'skip', detail: why });
  };
  if (accepted.length === 0) return skipRest(0, 'not reached: no upgrade was accepted');

  const params = (await connectParams(false)) ?? {};
  const useQuery = accepted.some((a) => a.id === 'upgrade-query');
  const opened = await openSocket(wsUrl(opts.url, useQuery ? { ...params, access_token: opts.token } : params), useQuery ? {} : { Authorization: `Bearer ${opts.token}` }, opts.timeoutMs);
  if (!opened.ok) return skipRest(0, `not reached: the connection for the handshake failed (${opened.message})`);
  const socket = opened.socket;
  const state = { handshakeDone: false };
  const onAbort = (): void => socket.terminate();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let started = performance.now();
    socket.send(HANDSHAKE_REQUEST_FRAME);
    const hs = await waitFor(socket, (m) => (m.type === 'handshake' ? m : undefined), opts.timeoutMs, state);
    let ms = performance.now() - started;
    if (!hs.ok || hs.value.error) {
      const error = hs.ok ? new Error(`Server returned handshake error: ${hs.value.error}`) : new Error(hs.reason === 'timeout' ? 'Server timeout elapsed without receiving a message from the server.' : `closed ${hs.code}`);
      fail('handshake', 'SignalR handshake', ms, { phase: 'handshake', error, closeCode: hs.ok ? undefined : hs.code }, error.message);
      return skipRest(1, 'not reached: the handshake failed');
    }
    state.handshakeDone = true;
    emit({ ...base('handshake', 'SignalR handshake'), ms, verdict: 'pass', detail: 'json protocol v1 accepted' });

    const sub = opts.subscription;
    if ('missing' in sub) {
      emit({ ...base('ping', PING_TITLE), ms: 0, verdict: 'skip', detail: `not measured: ${sub.missing}` });
      emit({ ...base('subscribe', 'test subscription'), ms: 0, verdict: 'warn', detail: sub.missing, cause: sub.missing, fix: 'pass a contract id (hubmon diagnose --contract <id>, or subscribe to a contract before Diagnose Connection)' });
      emit({ ...base('first-event', 'first event'), ms: 0, verdict: 'skip', detail: 'not reached: no test subscription' });
      return;
    }
    const { method, arg } = sub;
    const spec = findSubscribeMethod(method);
    const args = arg === undefined ? [] : [arg];
    const label = `${method}(${arg ?? ''})`;

    // The round trip of a real, harmless invocation: the test subscription's Unsubscribe twin, sent
    // before subscribing, changes nothing on the server and earns a Completion. (SignalR pings get no answer.)
    const noop = spec?.unsubscribe ?? method;
    const noopLabel = `${noop}(${arg ?? ''})`;
    started = performance.now();
    socket.send(invocationFrame(noop, args, 'doctor-ping'));
    const pong = await waitFor(socket, (m) => (m.type === 3 && m.invocationId === 'doctor-ping' ? m : undefined), opts.timeoutMs, state);
    ms = performance.now() - started;
    if (!pong.ok) {
      emit({ ...base('ping', PING_TITLE), ms, verdict: 'fail', kind: 'server-silent', detail: `${noopLabel}: ${pong.reason}`, cause: `the hub did not answer ${noopLabel} within ${opts.timeoutMs / 1000} s`, fix: 'the server may be overloaded; retry later' });
      return skipRest(2, 'not reached: the hub does not answer');
    }
    const answered = pong.value.type === 3 && pong.value.error !== undefined ? `answered with an error (${pong.value.error})` : 'completed';
    emit({ ...base('ping', PING_TITLE), ms, verdict: 'pass', detail: `${noopLabel} before subscribing (changes nothing) ${answered}: round trip ${ms.toFixed(1)} ms` });

    started = performance.now();
    socket.send(invocationFrame(method, args, 'doctor-sub'));
    const ack = await waitFor(socket, (m) => (m.type === 3 && m.invocationId === 'doctor-sub' ? m : undefined), opts.timeoutMs, state);
    ms = performance.now() - started;
    if (!ack.ok || ack.value.type !== 3 || ack.value.error) {
      const serverError = ack.ok && ack.value.type === 3 ? ack.value.error : undefined;
      emit({ ...base('subscribe', 'test subscription'), ms, verdict: 'fail', kind: serverError ? 'unknown' : 'invoke-timeout', detail: serverError ?? `no completion within ${opts.timeoutMs / 1000} s`,
        cause: serverError ? `the server rejected ${label}: ${serverError}` : `${label} got no reply`, fix: serverError ? 'check the account or contract id (account ids are integers)' : 'the server may be overloaded; retry later' });
      return skipRest(3, 'not reached: the subscription failed');
    }
    emit({ ...base('subscribe', 'test subscription'), ms, verdict: 'pass', detail: `${label} acknowledged${sub.note ? ` (${sub.note})` : ''}` });

    started = performance.now();
    const events = spec?.events ?? [];
    const first = await waitFor(socket, (m) => (m.type === 1 && (events as readonly string[]).includes(m.target) ? m : undefined), opts.firstEventMs, state);
    ms = performance.now() - started;
    if (first.ok && first.value.type === 1) {
      emit({ ...base('first-event', 'first event'), ms, verdict: 'pass', detail: `${first.value.target} after ${ms.toFixed(0)} ms` });
    } else if (opts.hub === 'user') {
      emit({ ...base('first-event', 'first event'), ms, verdict: 'info', detail: `no event within ${opts.firstEventMs / 1000} s: normal for an account without activity` });
    } else {
      const session = globexSession(opts.now());
      if (!session.open) emit({ ...base('first-event', 'first event'), ms, verdict: 'info', detail: `no quote within ${opts.firstEventMs / 1000} s: ${session.description}` });
      else emit({ ...base('first-event', 'first event'), ms, verdict: 'fail', kind: 'server-silent', detail: `no ${events.join('/')} within ${opts.firstEventMs / 1000} s`, cause: `the market is open but ${label} delivered nothing`, fix: 'check the contract id (an expired contract sends nothing) and the live/sim data tier' });
    }
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    socket.terminate();
  }
}
