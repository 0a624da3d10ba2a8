// HubSession / HubClient against the real simulator: connect, events, faults, stop.
import assert from 'node:assert/strict';
import type { TokenSource } from '../../src/core/auth/tokenSource';
import { HubError } from '../../src/core/errors/hubError';
import type { GatewayEvent } from '../../src/core/events/types';
import type { SubscribedHub } from '../../src/core/hub/subscribedHub';
import { Timeline } from '../../src/core/timeline/timeline';
import { ACCOUNT_ID, CONTRACT_ID, demoTokens, hubClient, startSim, timelineText, until, waitFor, waitForState, type SimContext } from './hubHarness.test';

describe('HubSession against the simulator', function () {
  let ctx: SimContext;
  let tokens: TokenSource;
  let timeline: Timeline;
  const clients: SubscribedHub[] = [];

  beforeEach(async () => {
    ctx = await startSim();
    timeline = new Timeline();
    tokens = demoTokens(ctx, { timeline });
  });
  afterEach(async () => {
    const done = clients.splice(0);
    await Promise.all(done.map((c) => c.stop()));
    for (const c of done) c.dispose();
    tokens.dispose();
    await ctx.sim.stop();
  });

  function client(hub: 'user' | 'market', opts: Parameters<typeof hubClient>[4] = {}): SubscribedHub {
    const c = hubClient(ctx, hub, tokens, timeline, opts);
    clients.push(c);
    return c;
  }

  describe('connect, events, stop', () => {
    it('connects, counts messages and records attempt → upgrade → handshake → connected', async () => {
      const user = client('user');
      await user.start();
      assert.equal(user.state.kind, 'connected');
      assert.ok(user.stats.connectedSince instanceof Date);
      await until('a message (handshake reply)', () => user.stats.messages > 0);
      const kinds = timeline.recent().filter((e) => e.hub === 'user').map((e) => e.step.kind);
      assert.deepEqual(kinds.slice(0, 4), ['attempt', 'upgrade', 'handshake', 'connected'], timelineText(timeline.recent()));
    });

    it('wrapped and array events, unknown enums and malformed payloads: counted, good events keep flowing', async () => {
      const user = client('user');
      const market = client('market');
      await Promise.all([user.start(), market.start()]);
      const events: GatewayEvent[] = [];
      user.onEvent((e) => events.push(e));
      market.onEvent((e) => events.push(e));
      const order = { id: 1, accountId: ACCOUNT_ID, contractId: CONTRACT_ID, symbolId: 'F.US.EP', creationTimestamp: '2024-07-21T13:45:00Z', updateTimestamp: null, status: 1, type: 1, side: 0, size: 1, limitPrice: 5000, stopPrice: null, fillVolume: 0, filledPrice: null, customTag: null };
      ctx.sim.faults.sendInvocation('user', 'GatewayUserOrder', [{ action: 1, data: order }]);
      ctx.sim.faults.sendInvocation('user', 'GatewayUserOrder', [{ ...order, id: 2, status: 42 }]);
      ctx.sim.faults.sendInvocation('user', 'GatewayUserOrder', ['not an order']);
      ctx.sim.faults.sendInvocation('user', 'GatewayUserOrder', [{ id: 'x' }]);
      ctx.sim.faults.sendInvocation('market', 'GatewayTrade', [CONTRACT_ID, [{ symbolId: 'F.US.EP', price: 5000.25, timestamp: '2024-07-21T13:45:00Z', type: 0, volume: 2 }, { symbolId: 'F.US.EP', price: 5000.5, timestamp: '2024-07-21T13:45:01Z', type: 1, volume: 1 }]]);
      ctx.sim.faults.sendInvocation('user', 'GatewayUserOrder', [{ ...order, id: 3 }]);
      await until('the good events', () => events.filter((e) => e.name === 'GatewayUserOrder').length === 3 && events.some((e) => e.name === 'GatewayTrade'));
      const orders = events.flatMap((e) => (e.name === 'GatewayUserOrder' ? [e] : []));
      assert.deepEqual(orders.map((e) => e.data.id), [1, 2, 3]);
      assert.equal(orders[0].action, 'upsert');
      assert.equal(orders[1].data.status, 42, 'an unknown enum stays a number');
      const trade = events.find((e) => e.name === 'GatewayTrade');
      assert.ok(trade && trade.name === 'GatewayTrade');
      assert.equal(trade.data.length, 2);
      assert.equal(trade.contractId, CONTRACT_ID);
      const failures = [...user.connection.parseFailureCounts.values()].reduce((a, b) => a + b, 0);
      assert.equal(failures, 2, 'both malformed payloads counted');
      assert.equal(user.state.kind, 'connected');
      const steps = timeline.recent().filter((e) => e.step.kind === 'parse-failure');
      assert.ok(steps.length >= 1 && steps.length <= 2, timelineText(steps));
    });

    it('a frame the client cannot read: the cause names the frame, not a network drop, and it reconnects', async () => {
      const user = client('user');
      await user.start();
      const reconnecting = waitForState(user, 'reconnecting');
      const reconnected = waitFor('onDidReconnect', user.onDidReconnect, () => true);
      ctx.sim.faults.sendRaw('user', 'not json\x1e');
      const { cause } = await reconnecting;
      assert.match(cause.cause, /^the server sent a frame the SignalR client could not read \(.*is not valid JSON\)$/, timelineText(timeline.recent()));
      assert.equal(cause.fix, 'the monitor reconnects; if it repeats, report it to the gateway operator');
      await reconnected;
      assert.match(timelineText(timeline.recent()), /reconnecting attempt \d+ in \d+ ms: the server sent a frame the SignalR client could not read/);
    });

    it('parse failures: a step again at 10, 100, 1000 with the running count; the total is in stats', async () => {
      const user = client('user');
      await user.start();
      const bad = (id: number) => JSON.stringify({ type: 1, target: 'GatewayUserOrder', arguments: [{ id: `x${id}` }] }) + '\x1e';
      const good = JSON.stringify({ type: 1, target: 'GatewayUserAccount', arguments: [{ id: ACCOUNT_ID, name: 'A', balance: 1, canTrade: true, isVisible: true, simulated: true }] }) + '\x1e';
      const seen = waitFor('the sentinel account event', user.onEvent, (e) => e.name === 'GatewayUserAccount');
      // Many records per WebSocket message, as a flood arrives.
      for (let batch = 0; batch < 10; batch++) ctx.sim.faults.sendRaw('user', Array.from({ length: 150 }, (_, i) => bad(batch * 150 + i)).join(''));
      ctx.sim.faults.sendRaw('user', good);
      await seen;
      const steps = timeline.recent().flatMap((e) => (e.step.kind === 'parse-failure' && e.hub === 'user' ? [e.step] : []));
      assert.deepEqual(steps.map((s) => s.count), [1, 10, 100, 1000], timelineText(timeline.recent()));
      assert.ok(steps.every((s) => s.event === 'GatewayUserOrder'));
      assert.match(timelineText(timeline.recent()), /could not parse GatewayUserOrder \(1000×\)/);
      assert.equal(user.stats.parseFailures, 1500);
      assert.equal(user.state.kind, 'connected');
    });

    it('an event the client has no handler for (a new gateway event) gets one timeline line per name', async () => {
      const market = client('market');
      await market.start();
      const quote = { symbol: 'F.US.EP', lastPrice: 5000, bestBid: 4999.75, bestAsk: 5000, timestamp: '2024-07-21T13:45:00Z' };
      const seen = waitFor('the sentinel quote', market.onEvent, (e) => e.name === 'GatewayQuote');
      for (let i = 0; i < 3; i++) ctx.sim.faults.sendInvocation('market', 'GatewaySomethingNew', [{ n: i }]);
      ctx.sim.faults.sendInvocation('market', 'GatewayOtherNew', []);
      ctx.sim.faults.sendInvocation('market', 'GatewayQuote', [CONTRACT_ID, quote]);
      await seen;
      const steps = timeline.recent().flatMap((e) => (e.step.kind === 'parse-failure' && e.hub === 'market' ? [e.step] : []));
      assert.deepEqual(steps.map((s) => [s.event, s.count]), [['gatewaysomethingnew', 1], ['gatewayothernew', 1]], timelineText(timeline.recent()));
      assert.match(steps[0].reason, /no handler/);
      assert.equal(market.connection.parseFailureCounts.get('unknown-event:gatewaysomethingnew'), 3);
      assert.equal(market.state.kind, 'connected');
    });

    it('an intended stop while connected is not a failure', async () => {
      const user = client('user');
      await user.start();
      const states: string[] = [];
      user.onDidChangeState((s) => states.push(s.kind));
      await user.stop();
      assert.equal(user.state.kind, 'disconnected');
      assert.deepEqual(states, ['disconnected']);
      const close = timeline.recent().find((e) => e.step.kind === 'close');
      assert.ok(close && close.step.kind === 'close' && close.step.intended);
      assert.ok(!timeline.recent().some((e) => e.step.kind === 'failed'));
      await until('the server to see the socket go', () => ctx.sim.connections('user').length === 0);
    });

    it('an upgrade that is never answered: stop() still settles', async () => {
      ctx.sim.faults.hangUpgrades(true);
      const user = client('user', { upgradeTimeoutMs: 60_000 });
      const started = user.start();
      await waitForState(user, 'connecting');
      await new Promise((resolve) => setTimeout(resolve, 100));
      await user.stop();
      await started; // resolves: stopped on purpose before connecting
      assert.equal(user.state.kind, 'disconnected');
      assert.ok(!timeline.recent().some((e) => e.step.kind === 'failed'));
    });

    it('an invalid token: unauthorized, no retry loop, state failed with cause and fix', async () => {
      const bad = demoTokens(ctx, { token: 'invalid.token.here', withCredentials: false });
      const user = hubClient(ctx, 'user', bad, timeline);
      clients.push(user);
      await assert.rejects(user.start(), (e: unknown) => e instanceof HubError && e.kind === 'unauthorized');
      assert.equal(user.state.kind, 'failed');
      if (user.state.kind === 'failed') {
        assert.match(user.state.cause.cause, /401/);
        assert.match(user.state.cause.fix, /sign in again/);
      }
      bad.dispose();
    });

    it('a 404 hub URL stops retrying with not-found', async () => {
      const user = client('user', { url: `${ctx.urls.restUrl}/hubs/nothing` });
      await assert.rejects(user.start(), (e: unknown) => e instanceof HubError && e.kind === 'not-found');
      assert.equal(user.state.kind, 'failed');
    });

    it('a 403 on the upgrade stops with forbidden', async () => {
      ctx.sim.faults.rejectUpgrades(403);
      const user = client('user');
      await assert.rejects(user.start(), (e: unknown) => e instanceof HubError && e.kind === 'forbidden');
    });

    it('the initial start is retried (503 twice, then connects)', async () => {
      ctx.sim.faults.rejectUpgrades(503, { times: 2 });
      const user = client('user');
      const causes: string[] = [];
      user.onDidChangeState((s) => {
        if (s.kind === 'reconnecting') causes.push(s.cause.kind);
      });
      await user.start();
      assert.deepEqual(causes, ['server-error', 'server-error']);
      assert.match(timelineText(timeline.recent()), /upgrade failed HTTP 503/);
    });

    it('a dropped connection reconnects (reconnecting → connected, onDidReconnect)', async () => {
      const user = client('user');
      await user.start();
      const reconnecting = waitForState(user, 'reconnecting');
      const reconnected = waitFor('onDidReconnect', user.onDidReconnect, () => true);
      ctx.sim.faults.dropAll('user');
      const state = await reconnecting;
      assert.equal(state.cause.kind, 'dropped');
      await reconnected;
      assert.equal(user.state.kind, 'connected');
      assert.equal(user.stats.reconnects, 1);
    });

    for (const allowReconnect of [false, true]) {
      it(`a server Close with an error (allowReconnect ${allowReconnect}) reconnects`, async () => {
        const user = client('user');
        await user.start();
        const reconnecting = waitForState(user, 'reconnecting');
        const reconnected = waitFor('onDidReconnect', user.onDidReconnect, () => true);
        ctx.sim.faults.closeWithError('maintenance', { allowReconnect, hub: 'user' });
        const state = await reconnecting;
        assert.equal(state.cause.kind, 'closed-with-error');
        assert.match(state.cause.cause, /maintenance/);
        await reconnected;
      });
    }
  });

  describe('faults: timeouts, handshake, silence, token expiry', () => {

    /** Waits for a reconnecting state caused by `kind`, clears the fault, waits for connected. */
    async function retriesThenRecovers(c: SubscribedHub, kind: string, clear: () => void): Promise<void> {
      const started = c.start();
      const state = await waitFor('reconnecting', c.onDidChangeState, (s) => s.kind === 'reconnecting');
      assert.ok(state.kind === 'reconnecting' && state.cause.kind === kind, `${JSON.stringify(state)}\n${timelineText(timeline.recent())}`);
      clear();
      await started;
      assert.equal(c.state.kind, 'connected');
    }

    it('an upgrade that times out is retried as upgrade-timeout', async () => {
      ctx.sim.faults.hangUpgrades(true);
      const user = client('user', { upgradeTimeoutMs: 150 });
      await retriesThenRecovers(user, 'upgrade-timeout', () => ctx.sim.faults.hangUpgrades(false));
    });

    it('a handshake error is retried as handshake-error', async () => {
      ctx.sim.faults.handshakeError('Handshake was canceled.');
      const user = client('user');
      await retriesThenRecovers(user, 'handshake-error', () => ctx.sim.faults.handshakeError(undefined));
      assert.match(timelineText(timeline.recent()), /handshake failed in \d+ ms: Server returned handshake error: Handshake was canceled\./);
    });

    it('no handshake reply is retried as handshake-timeout', async () => {
      ctx.sim.faults.hangHandshake(true);
      const user = client('user', { keepAliveIntervalMs: 50, serverTimeoutMs: 200 });
      await retriesThenRecovers(user, 'handshake-timeout', () => ctx.sim.faults.hangHandshake(false));
    });

    it('a silent server (no pings) is detected and reconnected', async () => {
      const user = client('user', { keepAliveIntervalMs: 50, serverTimeoutMs: 300 });
      await user.start();
      const silent = waitForState(user, 'reconnecting');
      ctx.sim.faults.silence(true);
      assert.equal((await silent).cause.kind, 'server-silent');
      ctx.sim.faults.silence(false);
      await waitForState(user, 'connected');
    });

    it('a rejected token mid-session: the reconnect refreshes it and connects with the new one', async () => {
      const user = client('user');
      await user.start();
      const before = await tokens.getToken();
      ctx.sim.faults.revokeTokens();
      const reconnected = waitFor('onDidReconnect', user.onDidReconnect, () => true);
      ctx.sim.faults.dropAll('user');
      await reconnected;
      assert.notEqual(await tokens.getToken(), before, 'a new token');
      const text = timelineText(timeline.recent());
      assert.match(text, /upgrade failed HTTP 401/);
      assert.match(text, /the hub answered 401: refreshing the token/);
      assert.ok(!text.includes(before), 'no token in the timeline');
    });

    for (const transport of ['header', 'query'] as const) {
      it(`an expired token (short lifetime) is replaced before the reconnect (token in the ${transport} only)`, async () => {
        ctx.sim.faults.tokenLifetime(400);
        const user = client('user', { tokenTransport: transport });
        await user.start();
        const first = await tokens.getToken();
        await new Promise((resolve) => setTimeout(resolve, 500)); // the first token is now expired on the server
        const reconnected = waitFor('onDidReconnect', user.onDidReconnect, () => true);
        ctx.sim.faults.dropAll('user');
        await reconnected;
        assert.notEqual(await tokens.getToken(), first);
        assert.equal(user.state.kind, 'connected');
      });
    }

    it('negotiation on: a bad token fails at negotiate with unauthorized', async () => {
      const bad = demoTokens(ctx, { token: 'not-a-jwt', withCredentials: false });
      const user = hubClient(ctx, 'user', bad, timeline, { skipNegotiation: false });
      clients.push(user);
      await assert.rejects(user.start(), (e: unknown) => e instanceof HubError && e.kind === 'unauthorized');
      assert.match(timelineText(timeline.recent()), /negotiate failed HTTP 401/);
      bad.dispose();
    });

    it('reconnectNow drops the connection and reconnects at once', async () => {
      const user = client('user', { retryDelaysMs: [60_000] });
      await user.start();
      const reconnected = waitFor('onDidReconnect', user.onDidReconnect, () => true);
      await user.reconnectNow();
      await reconnected;
      assert.equal(user.state.kind, 'connected');
    });

    it('a server that keeps closing fresh connections meets growing delays, not a 0 ms loop', async () => {
      const user = client('user');
      await user.start();
      const delays: number[] = [];
      user.onDidChangeState((s) => {
        if (s.kind === 'reconnecting') delays.push(s.delayMs);
      });
      for (let i = 0; i < 3; i++) {
        const back = waitFor('onDidReconnect', user.onDidReconnect, () => true);
        ctx.sim.faults.closeWithError('go away', { allowReconnect: true, hub: 'user' });
        await back;
      }
      assert.deepEqual(delays, [0, 50, 100]);
    });

    it('stop() during a long reconnect delay settles and ends disconnected', async () => {
      const user = client('user', { retryDelaysMs: [60_000] });
      await user.start();
      const waiting = waitForState(user, 'reconnecting');
      ctx.sim.faults.dropAll('user');
      assert.equal((await waiting).delayMs, 60_000);
      await user.stop();
      assert.equal(user.state.kind, 'disconnected');
    });
  });
});
