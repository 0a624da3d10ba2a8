// HubConnectionMachine, the one owner of a hub connection's states, against the real simulator over
// 127.0.0.1: the transitions and its own events (state, connect, fail, events with their message time).
// A fake clock only where time must move (the stable-connection reset, the message time).
import assert from 'node:assert/strict';
import type { TokenSource } from '../../src/core/auth/tokenSource';
import { HubError, type HubFailure } from '../../src/core/errors/hubError';
import type { GatewayEvent } from '../../src/core/events/types';
import { HubConnectionMachine, STABLE_CONNECTION_MS, type ConnectInfo } from '../../src/core/hub/connectionMachine';
import type { HubConnectionOptions } from '../../src/core/hub/connectionOptions';
import type { HubState, HubStateKind } from '../../src/core/hub/types';
import { Timeline } from '../../src/core/timeline/timeline';
import { ACCOUNT_ID, CONTRACT_ID, demoTokens, FAST_RETRY, startSim, timelineText, until, waitFor, type SimContext } from './hubHarness.test';

/** A clock the test moves by hand (it starts at the real time so token expiries stay sensible). */
class ManualClock {
  private offset = 0;
  fixed: number | undefined;
  now(): number {
    return this.fixed ?? Date.now() + this.offset;
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

describe('HubConnectionMachine: states and its own events', function () {
  let ctx: SimContext;
  let tokens: TokenSource;
  let timeline: Timeline;
  const machines: HubConnectionMachine[] = [];

  beforeEach(async () => {
    ctx = await startSim();
    timeline = new Timeline();
    tokens = demoTokens(ctx, { timeline });
  });
  afterEach(async () => {
    const done = machines.splice(0);
    await Promise.all(done.map((m) => m.stop()));
    for (const m of done) m.dispose();
    tokens.dispose();
    await ctx.sim.stop();
  });

  function machine(opts: Partial<HubConnectionOptions> = {}): HubConnectionMachine {
    const m = new HubConnectionMachine({ hub: 'user', url: ctx.urls.userHubUrl, tokens, retryDelaysMs: FAST_RETRY, record: timeline.recorder('user'), ...opts });
    machines.push(m);
    return m;
  }

  /** Every state kind the machine announces, in order. */
  function stateKinds(m: HubConnectionMachine): HubStateKind[] {
    const kinds: HubStateKind[] = [];
    m.onDidChangeState((s) => kinds.push(s.kind));
    return kinds;
  }

  function nextState<K extends HubStateKind>(m: HubConnectionMachine, kind: K): Promise<Extract<HubState, { kind: K }>> {
    return waitFor<HubState>(`state ${kind}`, m.onDidChangeState, (s) => s.kind === kind) as Promise<Extract<HubState, { kind: K }>>;
  }

  const attempts = () => timeline.recent().filter((e) => e.step.kind === 'attempt').length;

  it('start: connecting → connected; onDidConnect (generation 1, not a reconnect) fires before start() resolves', async () => {
    const m = machine();
    const kinds = stateKinds(m);
    const order: string[] = [];
    m.onDidConnect((info) => order.push(`connect ${info.generation} ${info.reconnect}`));
    await m.start().then(() => order.push('start resolved'));
    assert.deepEqual(kinds, ['connecting', 'connected']);
    assert.deepEqual(order, ['connect 1 false', 'start resolved']);
    assert.equal(m.connectionGeneration, 1);
    assert.ok(m.isConnected);
    assert.equal(m.stats.connectionId, m.state.kind === 'connected' ? m.state.connectionId : 'not connected');
  });

  it('a drop: reconnecting (dropped) → connecting → connected as generation 2; the old generation cannot invoke', async () => {
    const m = machine();
    await m.start();
    const kinds = stateKinds(m);
    const reconnected = waitFor<ConnectInfo>('a reconnect', m.onDidConnect, (info) => info.reconnect);
    const reconnecting = nextState(m, 'reconnecting');
    ctx.sim.faults.dropAll('user');
    assert.equal((await reconnecting).cause.kind, 'dropped');
    const info = await reconnected;
    assert.equal(info.generation, 2);
    assert.deepEqual(kinds, ['reconnecting', 'connecting', 'connected']);
    assert.equal(m.stats.reconnects, 1);
    await assert.rejects(m.invoke('SubscribeAccounts', [], 1), /not connected/);
    await m.invoke('SubscribeAccounts', [], 2);
  });

  it('a terminal failure: failed once (state, onDidFail, start() rejects with the same cause) and no further attempt', async () => {
    ctx.sim.faults.rejectUpgrades(403);
    const m = machine();
    const kinds = stateKinds(m);
    const failures: HubFailure[] = [];
    m.onDidFail((cause) => failures.push(cause));
    await assert.rejects(m.start(), (e: unknown) => e instanceof HubError && e.kind === 'forbidden');
    assert.deepEqual(kinds, ['connecting', 'failed']);
    assert.equal(failures.length, 1);
    assert.equal(failures[0].kind, 'forbidden');
    assert.equal(attempts(), 1, timelineText(timeline.recent()));
    // A later start is a new run: it tries again (and the simulator, still refusing, fails it again).
    await assert.rejects(m.start(), HubError);
    assert.equal(failures.length, 2);
  });

  it('a 401 gets one token refresh and connects; the refreshed token is redacted too', async () => {
    const m = machine();
    await m.start();
    ctx.sim.faults.revokeTokens();
    const reconnected = waitFor<ConnectInfo>('a reconnect', m.onDidConnect, (info) => info.reconnect);
    const failures: HubFailure[] = [];
    m.onDidFail((cause) => failures.push(cause));
    ctx.sim.faults.dropAll('user');
    await reconnected;
    assert.deepEqual(failures, []);
    const token = await tokens.getToken();
    assert.equal(m.redact(`t=${token}`).includes(token), false);
    assert.match(timelineText(timeline.recent()), /the hub answered 401: refreshing the token/);
  });

  it('stop() while connecting ends disconnected, never failed, and the pending start() resolves', async () => {
    ctx.sim.faults.hangUpgrades(true);
    const m = machine();
    const kinds = stateKinds(m);
    const failures: HubFailure[] = [];
    m.onDidFail((cause) => failures.push(cause));
    const started = m.start();
    await until('the upgrade to hang', () => kinds.includes('connecting'));
    await m.stop();
    await started;
    assert.equal(m.state.kind, 'disconnected');
    assert.deepEqual(failures, []);
    assert.ok(!kinds.includes('failed'));
    ctx.sim.faults.hangUpgrades(false);
  });

  it('reconnectNow while connected: an intended close, then generation 2 at once (no delay)', async () => {
    const m = machine({ retryDelaysMs: [60_000] });
    await m.start();
    const delays: number[] = [];
    m.onDidChangeState((s) => {
      if (s.kind === 'reconnecting') delays.push(s.delayMs);
    });
    await m.reconnectNow();
    assert.equal(m.connectionGeneration, 2);
    assert.deepEqual(delays, [0]);
    assert.ok(timeline.recent().some((e) => e.step.kind === 'close' && e.step.intended), timelineText(timeline.recent()));
  });

  it('the retry delays restart only after a connection stayed up STABLE_CONNECTION_MS (fake clock)', async () => {
    const clock = new ManualClock();
    const m = machine({ retryDelaysMs: [0, 60_000], clock });
    await m.start();
    const dropAndReadDelay = async (): Promise<number> => {
      const reconnecting = nextState(m, 'reconnecting');
      ctx.sim.faults.dropAll('user');
      return (await reconnecting).delayMs;
    };
    const connected = () => nextState(m, 'connected');
    let back = connected();
    assert.equal(await dropAndReadDelay(), 0, 'the first drop retries at once');
    await back;
    back = connected();
    assert.equal(await dropAndReadDelay(), 60_000, 'a connection that did not stay up meets the next delay');
    await m.reconnectNow(); // skips the long delay
    await back;
    clock.advance(STABLE_CONNECTION_MS);
    assert.equal(await dropAndReadDelay(), 0, 'a stable connection starts the delays afresh');
  });

  it('each event carries the time its message arrived (one clock read per message); stats tell last message from last event', async () => {
    const clock = new ManualClock();
    const m = machine({ clock });
    await m.start();
    const seen: { id: number; messageTime: number }[] = [];
    m.onEvent((event: GatewayEvent, messageTime: number) => {
      if (event.name === 'GatewayUserOrder') seen.push({ id: event.data.id, messageTime });
    });
    const order = { id: 1, accountId: ACCOUNT_ID, contractId: CONTRACT_ID, symbolId: 'F.US.EP', creationTimestamp: '2024-07-21T13:45:00Z', updateTimestamp: null, status: 1, type: 1, side: 0, size: 1, limitPrice: 5000, stopPrice: null, fillVolume: 0, filledPrice: null, customTag: null };
    const first = 1_700_000_000_000;
    clock.fixed = first;
    ctx.sim.faults.sendInvocation('user', 'GatewayUserOrder', [order]);
    await until('the first order', () => seen.length === 1);
    clock.fixed = first + 1234;
    ctx.sim.faults.sendInvocation('user', 'GatewayUserOrder', [{ ...order, id: 2 }]);
    await until('the second order', () => seen.length === 2);
    assert.deepEqual(seen, [
      { id: 1, messageTime: first },
      { id: 2, messageTime: first + 1234 },
    ]);
    assert.equal(m.stats.lastMessageAt?.getTime(), first + 1234);
    assert.equal(m.stats.lastEventAt?.getTime(), first + 1234);
    assert.equal(m.stats.events, 2);
    // A completion is a message, not an event: "last message" moves, "last event" stays.
    clock.fixed = first + 5000;
    await m.invoke('UnsubscribeAccounts', []);
    assert.equal(m.stats.lastMessageAt?.getTime(), first + 5000);
    assert.equal(m.stats.lastEventAt?.getTime(), first + 1234);
  });
});
