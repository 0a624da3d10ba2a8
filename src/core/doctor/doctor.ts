/**
 * The connection doctor: runs every step of a hub connection on its own (DNS, TCP, TLS, REST token,
 * negotiate, upgrade with the token as header and as query, handshake, ping, a test subscription,
 * the first event) and reports each with its time, a verdict, and on failure the cause and the fix.
 */
import { readJwtExpiry } from '../auth/jwt';
import { errorText } from '../errors/classify';
import { GatewayError } from '../gateway/gatewayError';
import type { GatewayApi } from '../gateway/types';
import type { HubKind } from '../hub/types';
import type { Profile } from '../profiles';
import { redact } from '../util/redact';
import { probeHub, type TestSubscription } from './hubProbe';
import { endpointOf, probeDns, probeTcp, probeTls, type Endpoint } from './networkProbes';
import type { DoctorReport, DoctorStepResult } from './types';

export interface DoctorOptions {
  readonly profile: Profile;
  /** The JWT to test; undefined when signed out (the REST and hub steps then fail with "sign in"). */
  readonly token: string | undefined;
  /** Why there is no token, when signing in failed (e.g. "login failed: InvalidCredentials (3)"). */
  readonly loginError?: string;
  readonly gateway: GatewayApi;
  /** The contract for the market test subscription; found through Contract/search when absent. */
  readonly contractId?: string;
  readonly hubs?: readonly HubKind[];
  readonly timeoutMs?: number;
  readonly firstEventMs?: number;
  readonly now?: () => number;
  readonly onStep?: (step: DoctorStepResult) => void;
  /** Cancels the run: it rejects with the signal's reason after the step in flight (open sockets close at once). */
  readonly signal?: AbortSignal;
}

async function probeRest(opts: DoctorOptions, now: number): Promise<DoctorStepResult> {
  const base = { id: 'rest' as const, target: new URL(opts.profile.apiUrl).host, title: 'REST: the token is accepted (Auth/validate)' };
  if (!opts.token && opts.loginError) {
    return { ...base, title: 'REST: sign in (Auth/loginKey)', ms: 0, verdict: 'fail', kind: 'unauthorized', detail: redact(opts.loginError), cause: `the gateway refused the sign-in: ${redact(opts.loginError)}`, fix: 'check the user name and API key' };
  }
  if (!opts.token) return { ...base, ms: 0, verdict: 'fail', kind: 'token-unavailable', detail: 'no token', cause: 'not signed in to this profile', fix: 'run "Hub Monitor: Sign In" (or pass --token / --username with PROJECTX_API_KEY)' };
  const started = performance.now();
  try {
    await opts.gateway.validate(opts.token);
    const ms = performance.now() - started;
    const exp = readJwtExpiry(opts.token);
    const left = exp ? Math.round((exp.getTime() - now) / 60_000) : undefined;
    return { ...base, ms, verdict: 'pass', detail: exp ? `token valid, expires ${exp.toISOString()} (in ${left} min)` : 'token valid (no exp claim)' };
  } catch (error) {
    const ms = performance.now() - started;
    const text = errorText(error, [opts.token]);
    const unauthorized = error instanceof GatewayError && (error.kind === 'unauthorized' || error.kind === 'business');
    return { ...base, ms, verdict: 'fail', kind: unauthorized ? 'unauthorized' : 'refused', detail: text, cause: unauthorized ? `the gateway rejected the token: ${text}` : `the REST API failed: ${text}`, fix: unauthorized ? 'sign in again' : 'check the profile\'s REST URL and your network' };
  }
}

/**
 * Product roots searched for the market test contract, in order: the most traded CME futures. They
 * are search words, not contract ids: the contract itself is the gateway's answer.
 */
export const CONTRACT_SEARCH_TERMS = ['ES', 'NQ', 'CL', 'GC'] as const;

/**
 * The market test subscription: the caller's contract, else the first contract the gateway flags as
 * active (Contract/search's activeContract) for a search term, sim tier first, then live. Never a
 * hard-coded id: contract months expire.
 */
async function findTestSubscription(opts: DoctorOptions): Promise<TestSubscription> {
  if (opts.contractId) return { method: 'SubscribeContractQuotes', arg: opts.contractId, note: 'the contract you chose' };
  if (!opts.token) return { missing: 'not signed in: cannot search for a contract' };
  try {
    for (const live of [false, true]) {
      for (const term of CONTRACT_SEARCH_TERMS) {
        const active = (await opts.gateway.searchContracts(opts.token, term, live)).find((c) => c.activeContract);
        if (active) return { method: 'SubscribeContractQuotes', arg: active.id, note: `the active contract Contract/search found for "${term}"${live ? ' (live tier)' : ''}` };
      }
    }
  } catch (error) {
    return { missing: `Contract/search failed (${errorText(error, [opts.token])}), so no test contract` };
  }
  return { missing: `Contract/search flags no contract as active for ${CONTRACT_SEARCH_TERMS.join(', ')}` };
}

export async function runDoctor(opts: DoctorOptions): Promise<DoctorReport> {
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const steps: DoctorStepResult[] = [];
  const emit = (step: DoctorStepResult): void => {
    const safe = { ...step, detail: redact(step.detail, opts.token ? [opts.token] : []) };
    steps.push(safe);
    opts.onStep?.(safe);
    opts.signal?.throwIfAborted();
  };
  opts.signal?.throwIfAborted();
  const startedAt = new Date(now());
  const hubs = opts.hubs ?? ['user', 'market'];
  const hubUrl = (hub: HubKind): string => (hub === 'user' ? opts.profile.userHubUrl : opts.profile.marketHubUrl);

  // Steps 1–3 once per distinct host:port (REST and hubs often share none, sometimes all).
  const endpoints = new Map<string, Endpoint>();
  for (const url of [opts.profile.apiUrl, ...hubs.map(hubUrl)]) {
    const ep = endpointOf(url);
    endpoints.set(`${ep.host}:${ep.port}`, ep);
  }
  const unreachable = new Set<string>();
  for (const [key, ep] of endpoints) {
    const dns = await probeDns(ep);
    emit(dns);
    if (dns.verdict === 'fail') {
      unreachable.add(key);
      continue;
    }
    const tcp = await probeTcp(ep, timeoutMs);
    emit(tcp);
    if (tcp.verdict === 'fail') {
      unreachable.add(key);
      continue;
    }
    const tls = await probeTls(ep, timeoutMs, now());
    emit(tls);
    if (tls.verdict === 'fail') unreachable.add(key);
  }
  const apiEp = endpointOf(opts.profile.apiUrl);
  if (unreachable.has(`${apiEp.host}:${apiEp.port}`)) {
    emit({ id: 'rest', target: apiEp.host, title: 'REST: the token is accepted (Auth/validate)', ms: 0, verdict: 'skip', detail: 'not reached: the REST host cannot be reached' });
  } else {
    emit(await probeRest(opts, now()));
  }

  const marketSubscription = hubs.includes('market') ? await findTestSubscription(opts) : undefined;
  for (const hub of hubs) {
    const ep = endpointOf(hubUrl(hub));
    if (unreachable.has(`${ep.host}:${ep.port}`) || !opts.token) {
      const why = !opts.token ? 'not reached: not signed in' : 'not reached: the hub host cannot be reached';
      for (const [id, title] of [['negotiate', 'negotiate'], ['upgrade-header', 'WebSocket upgrade'], ['handshake', 'SignalR handshake'], ['ping', 'round trip of a no-op invocation'], ['subscribe', 'test subscription'], ['first-event', 'first event']] as const) {
        emit({ id, hub, target: hub, title: `${hub} hub: ${title}`, ms: 0, verdict: 'skip', detail: why });
      }
      continue;
    }
    const subscription: TestSubscription = hub === 'user' || !marketSubscription ? { method: 'SubscribeAccounts' } : marketSubscription;
    await probeHub({ hub, url: hubUrl(hub), token: opts.token, negotiate: !opts.profile.skipNegotiation, timeoutMs, firstEventMs: opts.firstEventMs ?? 5000, subscription, now, signal: opts.signal }, emit);
  }
  return { profileName: opts.profile.name, startedAt, steps, firstFailure: steps.find((s) => s.verdict === 'fail') };
}
