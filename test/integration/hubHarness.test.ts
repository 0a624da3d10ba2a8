// Shared helpers for the hub engine's integration tests (no tests here: mocha loads it and finds
// none). Real simulator, real @microsoft/signalr client, loopback only.
import { GatewayClient } from '../../src/core/gateway/gatewayClient';
import { TokenSource } from '../../src/core/auth/tokenSource';
import { SubscribedHub, type SubscribedHubOptions } from '../../src/core/hub/subscribedHub';
import type { HubKind, HubState, HubStateKind } from '../../src/core/hub/types';
import { createMonitor, type EngineMonitor, type MonitorOptions } from '../../src/core/monitor/monitor';
import type { HubClient } from '../../src/core/monitor/types';
import { DEMO_API_KEY, DEMO_USERNAME, type Profile } from '../../src/core/profiles';
import { Timeline } from '../../src/core/timeline/timeline';
import type { TimelineEntry } from '../../src/core/timeline/types';
import { formatEntry } from '../../src/core/timeline/format';
import { GatewaySimulator, type SimulatorOptions, type SimulatorUrls } from '../../src/simulator';

export const ACCOUNT_ID = 123;
export const CONTRACT_ID = 'CON.F.US.EP.U25';
export const FAST_RETRY = [0, 50, 100];

export interface SimContext {
  readonly sim: GatewaySimulator;
  readonly urls: SimulatorUrls;
  readonly profile: Profile;
}

/** A simulator with no automatic feed unless asked (tests trigger events themselves). */
export async function startSim(options: SimulatorOptions = {}): Promise<SimContext> {
  const sim = new GatewaySimulator({ marketIntervalMs: 0, userActivityIntervalMs: 0, ...options });
  const urls = await sim.start();
  const profile: Profile = {
    id: 'test',
    name: 'test simulator',
    apiUrl: urls.restUrl,
    userHubUrl: urls.userHubUrl,
    marketHubUrl: urls.marketHubUrl,
    tokenTransport: 'both',
    skipNegotiation: true,
  };
  return { sim, urls, profile };
}

/** A real TokenSource signed in with the demo key through the real REST client. */
export function demoTokens(ctx: SimContext, extra: { token?: string; withCredentials?: boolean; timeline?: Timeline } = {}): TokenSource {
  return new TokenSource({
    gateway: new GatewayClient(ctx.urls.restUrl),
    token: extra.token,
    credentials: extra.withCredentials === false ? undefined : { userName: DEMO_USERNAME, apiKey: DEMO_API_KEY },
    record: extra.timeline ? extra.timeline.recorder(undefined) : undefined,
  });
}

/** One hub client on the simulator with short delays; entries land in `timeline`. */
export function hubClient(ctx: SimContext, hub: HubKind, tokens: TokenSource, timeline: Timeline, opts: Partial<SubscribedHubOptions> = {}): SubscribedHub {
  return new SubscribedHub({
    hub,
    url: hub === 'user' ? ctx.urls.userHubUrl : ctx.urls.marketHubUrl,
    tokens,
    retryDelaysMs: FAST_RETRY,
    record: timeline.recorder(hub),
    ...opts,
  });
}

export function monitorFor(ctx: SimContext, tokens: TokenSource, opts: Partial<MonitorOptions> = {}): EngineMonitor {
  return createMonitor({ profile: ctx.profile, tokens, retryDelaysMs: FAST_RETRY, ...opts });
}

/** Resolves with the first value `listen` reports that matches, or rejects after `ms` naming what it waited for. */
export function waitFor<T>(what: string, event: (listener: (value: T) => void) => { dispose(): void }, match: (value: T) => boolean, ms = 5000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const sub = event((value) => {
      if (!match(value)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(value);
    });
  });
}

/** The next state of `kind` (or the current one if it already is). */
export function waitForState<K extends HubStateKind>(client: HubClient, kind: K, ms = 5000): Promise<Extract<HubState, { kind: K }>> {
  if (client.state.kind === kind) return Promise.resolve(client.state as Extract<HubState, { kind: K }>);
  return waitFor<HubState>(`${client.hub} state ${kind}`, client.onDidChangeState, (s) => s.kind === kind, ms) as Promise<Extract<HubState, { kind: K }>>;
}

/** Polls a condition (for simulator-side facts that have no event). */
export async function until(what: string, condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The timeline as text, for assertion messages. */
export function timelineText(entries: readonly TimelineEntry[]): string {
  return entries.map((e) => formatEntry(e)).join('\n');
}
