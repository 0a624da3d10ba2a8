// Tokens that expire every minute over an accelerated hour. The simulator, the TokenSource and its
// refresh timer share one clock the test moves in steps of STEP (the hour in 900 steps, a few
// seconds); everything else is real: REST, both hubs through the real client, loopback sockets. A
// small TCP proxy in front of the hubs records each upgrade's Authorization header and
// access_token query (the simulator exposes no hook for them) and forwards it untouched.
import assert from 'node:assert/strict';
import { connect, createServer, type Socket } from 'node:net';
import { TokenSource, type SetTimer } from '../../src/core/auth/tokenSource';
import type { HubErrorKind, HubFailure } from '../../src/core/errors/hubError';
import { GatewayClient } from '../../src/core/gateway/gatewayClient';
import type { HubKind } from '../../src/core/hub/types';
import { createMonitor, type EngineMonitor } from '../../src/core/monitor/monitor';
import type { Profile } from '../../src/core/profiles';
import { Timeline } from '../../src/core/timeline/timeline';
import type { TimelineEntry } from '../../src/core/timeline/types';
import type { Clock } from '../../src/core/util/clock';
import { GatewaySimulator } from '../../src/simulator';
import { timelineText, until } from './hubHarness.test';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const HUBS: readonly HubKind[] = ['user', 'market'];
/** How far the clock moves between two REST calls: far less than the 30 s refresh lead. */
const STEP = 4_000;

/**
 * Clock time moves only when the test moves it: advance() fires the timers that come due, each at
 * its due time. Nothing the machine's load does can move it, so while a refresh or a reconnect is
 * on the wire no token can change or expire under it.
 */
class SteppedClock implements Clock {
  private time = Date.now();
  private readonly timers = new Set<{ readonly due: number; readonly fire: () => void }>();

  now(): number {
    return this.time;
  }

  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = [...this.timers].filter((t) => t.due <= end).sort((a, b) => a.due - b.due)[0];
      if (next === undefined) break;
      this.timers.delete(next);
      this.time = Math.max(this.time, next.due);
      next.fire();
    }
    this.time = end;
  }

  readonly setTimer: SetTimer = (callback, ms) => {
    const timer = { due: this.time + Math.max(0, ms), fire: callback };
    this.timers.add(timer);
    return { dispose: () => void this.timers.delete(timer) };
  };
}

interface Upgrade {
  readonly hub: HubKind | undefined;
  readonly authorization: string | undefined;
  readonly accessToken: string | null;
}

/** A TCP proxy that records each upgrade request's head, then forwards both ways unchanged. */
async function upgradeRecorder(targetPort: number, seen: Upgrade[]): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const track = (s: Socket): void => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const server = createServer((client) => {
    track(client);
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const [requestLine, ...headers] = head.subarray(0, end).toString('latin1').split('\r\n');
      const url = new URL(requestLine.split(' ')[1] ?? '/', 'http://127.0.0.1');
      const authorization = headers.find((h) => /^authorization:/i.test(h))?.replace(/^authorization:\s*/i, '');
      const hub = url.pathname.endsWith('/user') ? 'user' : url.pathname.endsWith('/market') ? 'market' : undefined;
      seen.push({ hub, authorization, accessToken: url.searchParams.get('access_token') });
      const upstream = connect(targetPort, '127.0.0.1');
      track(upstream);
      upstream.write(head);
      client.pipe(upstream);
      upstream.pipe(client);
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

interface Rig {
  clock: SteppedClock;
  sim: GatewaySimulator;
  gateway: GatewayClient;
  tokens: TokenSource;
  monitor: EngineMonitor;
  upgrades: Upgrade[];
  entries: TimelineEntry[];
  fails: HubFailure[];
  processErrors: string[];
  dispose(): Promise<void>;
}

/** Everything set up and connected; the clock has not moved (a cold first connect eats none of a token's life). */
async function rig(): Promise<Rig> {
  const clock = new SteppedClock();
  const sim = new GatewaySimulator({ clock, tokenLifetimeMs: MINUTE, marketIntervalMs: 0, userActivityIntervalMs: 0 });
  const urls = await sim.start();
  const upgrades: Upgrade[] = [];
  const proxy = await upgradeRecorder(urls.port, upgrades);
  const hubBase = `http://127.0.0.1:${proxy.port}/hubs`;
  const profile: Profile = { id: 'tokens', name: 'token lifecycle', apiUrl: urls.restUrl, userHubUrl: `${hubBase}/user`, marketHubUrl: `${hubBase}/market`, tokenTransport: 'both', skipNegotiation: true };
  const timeline = new Timeline();
  const entries: TimelineEntry[] = [];
  timeline.onEntry((e) => entries.push(e));
  const gateway = new GatewayClient(urls.restUrl);
  // Signed in with a token and no API key: when validate refuses, nothing can renew the session.
  const tokens = new TokenSource({ gateway, token: await sim.issueToken(), clock, setTimer: clock.setTimer, refreshBeforeMs: MINUTE / 2, record: timeline.recorder(undefined) });
  const fails: HubFailure[] = [];
  tokens.onDidFail((f) => fails.push(f));
  const monitor = createMonitor({ profile, tokens, timeline, retryDelaysMs: [0] });
  const processErrors: string[] = [];
  const onRejection = (reason: unknown): void => void processErrors.push(`unhandledRejection: ${String(reason)}`);
  process.on('unhandledRejection', onRejection);
  const r: Rig = {
    clock, sim, gateway, tokens, monitor, upgrades, entries, fails, processErrors,
    async dispose() {
      await monitor.disconnect();
      monitor.dispose();
      tokens.dispose();
      timeline.dispose();
      await proxy.close();
      await sim.stop();
      process.off('unhandledRejection', onRejection);
    },
  };
  try {
    await monitor.connect();
  } catch (error) {
    await r.dispose();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${timelineText(entries)}`);
  }
  return r;
}

/** Drops both hubs and waits for both to be connected again; returns the upgrades it took. */
async function dropAndReconnect(r: Rig): Promise<Upgrade[]> {
  const before = r.upgrades.length;
  const generations = HUBS.map((hub) => r.monitor.hubClient(hub).connection.connectionGeneration);
  r.sim.faults.dropAll();
  await until('both hubs to reconnect', () => HUBS.every((hub, i) => r.monitor.hubClient(hub).connection.connectionGeneration > generations[i] && r.monitor.hubClient(hub).state.kind === 'connected'));
  return r.upgrades.slice(before);
}

/** Both hubs end in `failed` of this kind, with a cause naming it and a fix asking to sign in again. */
async function bothFailed(r: Rig, kind: HubErrorKind, cause: RegExp): Promise<void> {
  for (const hub of HUBS) {
    const client = r.monitor.hubClient(hub);
    await until(`${hub} to fail`, () => client.state.kind === 'failed');
    const state = client.state;
    assert.ok(state.kind === 'failed' && state.cause.kind === kind, JSON.stringify(state));
    assert.match(state.cause.cause, cause);
    assert.match(state.cause.fix, /sign in again/);
  }
}

function tokenActions(entries: readonly TimelineEntry[]): string[] {
  return entries.flatMap((e) => (e.step.kind === 'token' ? [e.step.action] : []));
}

/**
 * Moves the clock one step, then waits for a refresh that a timer started on the way (getToken()
 * answers with the refresh in flight), so the clock never moves while one is on the wire.
 */
async function step(r: Rig): Promise<void> {
  r.clock.advance(STEP);
  await r.tokens.getToken().catch(() => undefined);
}

describe('token lifecycle: one-minute tokens over an accelerated hour', function () {
  this.timeout(60_000);
  let r: Rig | undefined;
  afterEach(async () => {
    await r?.dispose();
    r = undefined;
  });

  it('refreshed before every expiry, every reconnect carries the current token (header and query), no 401; then revoked: failed, sign in again', async () => {
    r = await rig();
    const rr = r;
    const changes: { at: number; previousExpiry: number | undefined }[] = [];
    let expiry = r.tokens.expiresAt?.getTime();
    r.tokens.onDidChangeToken(({ expiresAt }) => {
      changes.push({ at: rr.clock.now(), previousExpiry: expiry });
      expiry = expiresAt?.getTime();
    });
    const restErrors: string[] = [];
    const roundTokens: string[] = [];
    const start = r.clock.now();
    let nextDrop = start + 3.5 * MINUTE;
    while (r.clock.now() - start < HOUR) {
      // REST with whatever token the source hands out right now: never an expired one.
      try {
        await r.gateway.searchAccounts(await r.tokens.getToken());
      } catch (error) {
        restErrors.push(error instanceof Error ? error.message : String(error));
      }
      if (r.clock.now() >= nextDrop) {
        const round = await dropAndReconnect(r);
        // The token held now (the sessions' getToken() may have refreshed it inside its window).
        const current = r.tokens.currentToken();
        // One upgrade per hub (no 401, no retry), each with the current token, in both places.
        assert.deepEqual(round.map((u) => u.hub).sort(), ['market', 'user'], 'one upgrade per hub');
        for (const u of round) assert.deepEqual(u, { hub: u.hub, authorization: `Bearer ${current}`, accessToken: current ?? null });
        if (current !== undefined) roundTokens.push(current);
        nextDrop = r.clock.now() + 3.5 * MINUTE;
      }
      await step(rr);
    }

    assert.deepEqual(restErrors, [], 'no REST call failed (no 401 for an expired token)');
    const actions = tokenActions(r.entries);
    assert.ok(actions.length >= 60, `at least 60 token lifetimes covered, got ${actions.length}`);
    assert.deepEqual([...new Set(actions)], ['refreshed'], 'only proactive refreshes: none expired, failed or signed in again');
    assert.equal(changes.length, actions.length);
    for (const c of changes) assert.ok(c.previousExpiry !== undefined && c.at < c.previousExpiry, `replaced ${c.previousExpiry !== undefined ? c.previousExpiry - c.at : '?'} ms before expiry`);
    assert.ok(roundTokens.length >= 15, `reconnects: ${roundTokens.length}`);
    assert.equal(new Set(roundTokens).size, roundTokens.length, 'every reconnect used a newer token than the one before');
    assert.equal(r.upgrades.length, 2 + 2 * roundTokens.length, 'no upgrade beyond one per hub per (re)connect');
    const upgradeSteps = r.entries.flatMap((e) => (e.step.kind === 'upgrade' ? [e.step.status] : []));
    assert.deepEqual([...new Set(upgradeSteps)], [101], 'every upgrade accepted');
    assert.ok(!r.entries.some((e) => e.step.kind === 'failed' || (e.step.kind === 'reconnecting' && e.step.cause.kind !== 'dropped')), timelineText(r.entries));
    for (const hub of HUBS) assert.equal(r.monitor.hubClient(hub).stats.reconnects, roundTokens.length);

    // The gateway stops honouring every token; no API key is held, so nothing can renew them.
    r.sim.faults.revokeTokens();
    const upgradesBefore = r.upgrades.length;
    for (let moved = 0; r.fails.length === 0 && moved < MINUTE; moved += STEP) await step(r);
    assert.equal(r.fails.length, 1, 'the proactive refresh found out within a token lifetime');
    assert.equal(r.fails[0].kind, 'token-unavailable');
    assert.match(r.fails[0].fix, /sign in again/);
    r.sim.faults.dropAll();
    await bothFailed(r, 'token-unavailable', /could not be refreshed/);
    assert.equal(r.upgrades.length, upgradesBefore, 'no upgrade attempted without a usable token');
    assert.equal(r.fails.length, 1, 'onDidFail fired once');
    assert.deepEqual(r.processErrors, []);
  });

  it('revoked and dropped before the refresh notices: one 401 per hub, one refresh, failed unauthorized asking to sign in again', async () => {
    r = await rig();
    const rr = r;
    // The clock does not move: no proactive refresh can run, the hubs find out first.
    r.sim.faults.revokeTokens();
    const before = r.upgrades.length;
    r.sim.faults.dropAll();
    await bothFailed(r, 'unauthorized', /401.*could not be refreshed/);
    const after = r.upgrades.slice(before);
    assert.deepEqual(after.map((u) => u.hub).sort(), ['market', 'user'], 'exactly one upgrade per hub: no 401 loop');
    await until('onDidFail', () => rr.fails.length > 0);
    assert.equal(r.fails.length, 1, 'onDidFail fired once for both hubs');
    assert.equal(r.fails[0].kind, 'token-unavailable');
    assert.match(r.fails[0].fix, /sign in again/);
    const validates = tokenActions(r.entries).filter((a) => a === 'refresh-failed');
    assert.equal(validates.length, 1, 'one validate for both hubs');
    assert.deepEqual(r.processErrors, []);
  });
});
