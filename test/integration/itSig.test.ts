// The user's integration spec IT-SIG-001 … IT-SIG-012 (seeds/001), against the gateway simulator:
// the real @microsoft/signalr client through our engine, real loopback sockets, a real JWT.
import assert from 'node:assert/strict';
import type { TokenSource } from '../../src/core/auth/tokenSource';
import { HubError } from '../../src/core/errors/hubError';
import type { GatewayEvent } from '../../src/core/events/types';
import type { EngineMonitor } from '../../src/core/monitor/monitor';
import type { HubClient } from '../../src/core/monitor/types';
import { ACCOUNT_ID, CONTRACT_ID, demoTokens, monitorFor, startSim, timelineText, until, waitFor, waitForState, type SimContext } from './hubHarness.test';

const TRADE_FIELDS = ['id', 'accountId', 'contractId', 'creationTimestamp', 'price', 'profitAndLoss', 'fees', 'side', 'size', 'voided', 'orderId'];
const POSITION_FIELDS = ['id', 'accountId', 'contractId', 'creationTimestamp', 'type', 'size', 'averagePrice'];
const ORDER_FIELDS = ['id', 'accountId', 'contractId', 'symbolId', 'creationTimestamp', 'updateTimestamp', 'status', 'type', 'side', 'size', 'limitPrice', 'stopPrice', 'fillVolume', 'filledPrice', 'customTag'];
const QUOTE_FIELDS = ['symbol', 'symbolName', 'lastPrice', 'bestBid', 'bestAsk', 'change', 'changePercent', 'open', 'high', 'low', 'volume', 'lastUpdated', 'timestamp'];

type EventOf<N extends GatewayEvent['name']> = Extract<GatewayEvent, { name: N }>;

/** The next event called `name` on `client` that matches. */
function nextEvent<N extends GatewayEvent['name']>(client: HubClient, name: N, match: (e: EventOf<N>) => boolean = () => true, ms = 5000): Promise<EventOf<N>> {
  return waitFor<GatewayEvent>(name, client.onEvent, (e) => e.name === name && match(e as EventOf<N>), ms) as Promise<EventOf<N>>;
}

function assertFields(data: object, fields: readonly string[], what: string): void {
  for (const field of fields) assert.ok(field in data, `${what} has ${field}`);
}

describe('IT-SIG: SignalR integration spec against the simulator', function () {
  let ctx: SimContext;
  let tokens: TokenSource;
  let monitor: EngineMonitor | undefined;

  beforeEach(async () => {
    ctx = await startSim({ marketIntervalMs: 50 });
    tokens = demoTokens(ctx);
  });
  afterEach(async () => {
    if (monitor) {
      await monitor.disconnect();
      monitor.dispose();
      monitor = undefined;
    }
    tokens.dispose();
    await ctx.sim.stop();
  });

  function connectMonitor(opts: Parameters<typeof monitorFor>[2] = {}): EngineMonitor {
    monitor = monitorFor(ctx, tokens, opts);
    return monitor;
  }

  it('IT-SIG-001 connects to the User Hub with a valid JWT', async () => {
    const m = connectMonitor();
    await m.user.start();
    const state = m.user.state;
    assert.equal(state.kind, 'connected');
    assert.ok(state.kind === 'connected' && state.since instanceof Date);
    assert.equal(m.market.state.kind, 'disconnected', 'the market hub is independent');
    assert.equal(ctx.sim.connections('user').length, 1);
  });

  it('IT-SIG-002 connects to the Market Hub with a valid JWT; the hubs are independent', async () => {
    const m = connectMonitor();
    await m.connect();
    assert.equal(m.market.state.kind, 'connected');
    assert.equal(m.user.state.kind, 'connected');
    // Dropping one hub leaves the other connected.
    const userDown = waitForState(m.user, 'reconnecting');
    ctx.sim.faults.dropAll('user');
    await userDown;
    assert.equal(m.market.state.kind, 'connected');
    await waitForState(m.user, 'connected');
  });

  it('IT-SIG-003 fails with an authentication error for an invalid JWT and ends not connected', async () => {
    const bad = demoTokens(ctx, { token: 'invalid.token.here', withCredentials: false });
    monitor = monitorFor(ctx, bad);
    await assert.rejects(monitor.user.start(), (e: unknown) => e instanceof HubError && e.kind === 'unauthorized');
    assert.equal(monitor.user.state.kind, 'failed');
    assert.equal(ctx.sim.connections('user').length, 0);
    const text = timelineText(monitor.timeline.recent());
    assert.match(text, /upgrade failed HTTP 401/);
    assert.ok(!text.includes('invalid.token.here'), 'the token never reaches the timeline');
    bad.dispose();
  });

  it('IT-SIG-004 SubscribeTrades delivers GatewayUserTrade with every field', async () => {
    const m = connectMonitor();
    await m.user.start();
    const info = await m.user.subscriptions.add('SubscribeTrades', ACCOUNT_ID);
    assert.equal(info.status.kind, 'active', 'the subscription was confirmed');
    const trade = nextEvent(m.user, 'GatewayUserTrade');
    ctx.sim.placeOrder(ACCOUNT_ID, CONTRACT_ID, 'Bid', 1);
    const event = await trade;
    assertFields(event.data, TRADE_FIELDS, 'trade');
    assert.equal(event.data.accountId, ACCOUNT_ID);
    assert.equal(event.data.contractId, CONTRACT_ID);
    assert.ok(event.data.creationTimestamp instanceof Date);
    assert.equal(m.user.subscriptions.list()[0].events, 1);
  });

  it('IT-SIG-005 SubscribePositions delivers GatewayUserPosition (type Long/Short), updates keep coming', async () => {
    const m = connectMonitor();
    await m.user.start();
    assert.equal((await m.user.subscriptions.add('SubscribePositions', ACCOUNT_ID)).status.kind, 'active');
    const first = nextEvent(m.user, 'GatewayUserPosition');
    ctx.sim.placeOrder(ACCOUNT_ID, CONTRACT_ID, 'Bid', 1);
    const position = await first;
    assertFields(position.data, POSITION_FIELDS, 'position');
    assert.equal(position.data.accountId, ACCOUNT_ID);
    assert.ok(position.data.type === 'Long' || position.data.type === 'Short');
    const second = nextEvent(m.user, 'GatewayUserPosition');
    ctx.sim.placeOrder(ACCOUNT_ID, CONTRACT_ID, 'Bid', 1);
    assert.equal((await second).data.size, position.data.size + 1);
  });

  it('IT-SIG-006 SubscribeOrders delivers GatewayUserOrder with status updates (Open → Filled)', async () => {
    const m = connectMonitor();
    await m.user.start();
    assert.equal((await m.user.subscriptions.add('SubscribeOrders', ACCOUNT_ID)).status.kind, 'active');
    const orders: EventOf<'GatewayUserOrder'>[] = [];
    m.user.onEvent((e) => {
      if (e.name === 'GatewayUserOrder') orders.push(e);
    });
    ctx.sim.placeOrder(ACCOUNT_ID, CONTRACT_ID, 'Ask', 2);
    await until('two order events', () => orders.length >= 2);
    for (const order of orders) assertFields(order.data, ORDER_FIELDS, 'order');
    assert.deepEqual(orders.map((o) => o.data.status), ['Open', 'Filled']);
    assert.equal(orders[0].data.side, 'Ask');
    assert.equal(orders[1].data.fillVolume, 2);
  });

  it('IT-SIG-007 SubscribeContractQuotes delivers GatewayQuote continuously, bid ≤ last ≤ ask', async () => {
    const m = connectMonitor();
    await m.market.start();
    assert.equal((await m.market.subscriptions.add('SubscribeContractQuotes', CONTRACT_ID)).status.kind, 'active');
    const quotes: EventOf<'GatewayQuote'>[] = [];
    m.market.onEvent((e) => {
      if (e.name === 'GatewayQuote') quotes.push(e);
    });
    await until('three quotes', () => quotes.length >= 3);
    for (const quote of quotes) {
      assertFields(quote.data, QUOTE_FIELDS, 'quote');
      assert.equal(quote.contractId, CONTRACT_ID);
      const { bestBid, lastPrice, bestAsk } = quote.data;
      assert.ok(bestBid !== undefined && lastPrice !== undefined && bestAsk !== undefined, 'bid/last/ask present');
      assert.ok(bestBid <= lastPrice && lastPrice <= bestAsk, `${bestBid} <= ${lastPrice} <= ${bestAsk}`);
    }
  });

  it('IT-SIG-008 parses the GatewayUserTrade sample payload', async () => {
    const m = connectMonitor();
    await m.user.start();
    const payload = { id: 101112, accountId: 123, contractId: 'CON.F.US.EP.U25', creationTimestamp: '2024-07-21T13:47:00Z', price: 2100.75, profitAndLoss: 50.25, fees: 2.5, side: 0, size: 1, voided: false, orderId: 789 };
    const received = nextEvent(m.user, 'GatewayUserTrade');
    ctx.sim.faults.sendInvocation('user', 'GatewayUserTrade', [payload]);
    const trade = (await received).data;
    assert.equal(trade.id, 101112);
    assert.equal(trade.accountId, 123);
    assert.equal(trade.price, 2100.75);
    assert.equal(trade.profitAndLoss, 50.25);
    assert.equal(trade.fees, 2.5);
    assert.ok(trade.creationTimestamp instanceof Date);
    assert.equal(trade.creationTimestamp.toISOString(), '2024-07-21T13:47:00.000Z');
    assert.equal(trade.side, 'Bid');
    assert.equal(trade.voided, false);
    assert.equal(trade.size, 1);
    assert.equal(trade.orderId, 789);
  });

  it('IT-SIG-009 parses the GatewayUserPosition sample payload', async () => {
    const m = connectMonitor();
    await m.user.start();
    const payload = { id: 456, accountId: 123, contractId: 'CON.F.US.EP.U25', creationTimestamp: '2024-07-21T13:45:00Z', type: 1, size: 2, averagePrice: 2100.25 };
    const received = nextEvent(m.user, 'GatewayUserPosition');
    ctx.sim.faults.sendInvocation('user', 'GatewayUserPosition', [payload]);
    const position = (await received).data;
    assert.equal(position.id, 456);
    assert.equal(position.type, 'Long');
    assert.equal(position.size, 2);
    assert.ok(Number.isInteger(position.size));
    assert.equal(position.averagePrice, 2100.25);
    assert.ok(position.creationTimestamp instanceof Date);
    assert.equal(position.creationTimestamp.toISOString(), '2024-07-21T13:45:00.000Z');
    assert.equal(position.contractId, 'CON.F.US.EP.U25');
  });

  // With skipNegotiation the library has no connection id at all, so the "new connection id"
  // assertion runs with negotiation on (the profile option the gateway also supports).
  it('IT-SIG-010 reconnects automatically after a drop, within 5 s, with a new connection id (negotiation on)', async () => {
    const m = connectMonitor({ skipNegotiation: false });
    await m.user.start();
    await m.user.subscriptions.add('SubscribeOrders', ACCOUNT_ID);
    const before = m.user.state;
    assert.ok(before.kind === 'connected' && before.connectionId, 'negotiation gives a connection id');
    const reconnecting = waitForState(m.user, 'reconnecting');
    const reconnected = waitFor('onDidReconnect', m.user.onDidReconnect, () => true);
    ctx.sim.faults.dropAll('user');
    assert.equal((await reconnecting).cause.kind, 'dropped');
    const info = await reconnected;
    const after = m.user.state;
    assert.equal(after.kind, 'connected');
    assert.ok(info.downMs < 5000, `reconnected in ${info.downMs} ms`);
    assert.ok(info.connectionId && info.connectionId !== before.connectionId, 'a new connection id');
    assert.match(timelineText(m.timeline.recent()), /\[user\] reconnecting attempt 1 in 0 ms: the connection dropped \(1006\)/);
    assert.match(timelineText(m.timeline.recent()), /\[user\] reconnected \(id .+\) after \d+ ms down/);
  });

  it('IT-SIG-011 retries a refused connection after 0, 2000, 5000 and 10000 ms', async function () {
    this.timeout(30_000);
    await tokens.getToken(); // signed in first: the hub connection, not the REST sign-in, is refused
    await ctx.sim.faults.refuseConnections(true);
    const m = connectMonitor({ retryDelaysMs: [0, 2000, 5000, 10000] });
    const delays: number[] = [];
    const causes: string[] = [];
    let failedAt: number | undefined;
    m.user.onDidChangeState((s) => {
      const now = performance.now();
      if (s.kind === 'reconnecting') {
        failedAt = now;
        causes.push(s.cause.kind);
      } else if (s.kind === 'connecting' && failedAt !== undefined) {
        delays.push(now - failedAt);
        failedAt = undefined;
      }
    });
    void m.user.start().catch(() => undefined);
    await until('four retries', () => delays.length >= 4, 25_000);
    await m.user.stop();
    assert.equal(delays.length, 4, 'one retry per configured delay');
    assert.ok(causes.every((c) => c === 'refused'), causes.join());
    assert.ok(delays[0] < 100, `first retry after ${delays[0]} ms`);
    assert.ok(delays[1] >= 1800 && delays[1] <= 2200, `second retry after ${delays[1]} ms`);
    assert.ok(delays[2] >= 4800 && delays[2] <= 5200, `third retry after ${delays[2]} ms`);
    assert.ok(delays[3] >= 9800 && delays[3] <= 10200, `fourth retry after ${delays[3]} ms`);
    assert.match(timelineText(m.timeline.recent()), /reconnecting attempt 3 in 2000 ms: nothing is listening at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });

  it('IT-SIG-012 re-invokes all four subscriptions in order after a reconnect; events resume on both hubs', async () => {
    const m = connectMonitor();
    await m.connect();
    for (const method of ['SubscribeTrades', 'SubscribePositions', 'SubscribeOrders']) {
      assert.equal((await m.user.subscriptions.add(method, ACCOUNT_ID)).status.kind, 'active');
    }
    assert.equal((await m.market.subscriptions.add('SubscribeContractQuotes', CONTRACT_ID)).status.kind, 'active');
    const userBack = waitFor('user onDidReconnect', m.user.onDidReconnect, () => true);
    const marketBack = waitFor('market onDidReconnect', m.market.onDidReconnect, () => true);
    ctx.sim.faults.dropAll();
    await Promise.all([userBack, marketBack]);

    const [userConn] = ctx.sim.connections('user');
    const [marketConn] = ctx.sim.connections('market');
    const userCalls = ctx.sim.invocations('user').filter((i) => i.connectionId === userConn.connectionId).map((i) => `${i.target}:${String(i.args[0])}`);
    const marketCalls = ctx.sim.invocations('market').filter((i) => i.connectionId === marketConn.connectionId).map((i) => `${i.target}:${String(i.args[0])}`);
    assert.deepEqual(userCalls, ['SubscribeTrades:123', 'SubscribePositions:123', 'SubscribeOrders:123']);
    assert.deepEqual(marketCalls, [`SubscribeContractQuotes:${CONTRACT_ID}`]);
    assert.ok(m.user.subscriptions.list().every((s) => s.status.kind === 'active'));

    const trade = nextEvent(m.user, 'GatewayUserTrade');
    const position = nextEvent(m.user, 'GatewayUserPosition');
    const order = nextEvent(m.user, 'GatewayUserOrder');
    const quote = nextEvent(m.market, 'GatewayQuote');
    ctx.sim.placeOrder(ACCOUNT_ID, CONTRACT_ID, 'Bid', 1);
    await Promise.all([trade, position, order, quote]);
    const text = timelineText(m.timeline.recent());
    assert.match(text, /\[user\] resubscribe 1 of 3 SubscribeTrades\(123\) in \d+ ms/);
    assert.match(text, /\[user\] resubscribe 3 of 3 SubscribeOrders\(123\) in \d+ ms/);
    assert.match(text, /\[market\] resubscribe 1 of 1 SubscribeContractQuotes\(CON\.F\.US\.EP\.U25\) in \d+ ms/);
  });
});
