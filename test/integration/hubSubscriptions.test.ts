// SubscriptionSet on a real hub connection: statuses, server errors, timeouts, no doubled invokes,
// removal through the Unsubscribe twin, per-subscription event counts.
import assert from 'node:assert/strict';
import type { TokenSource } from '../../src/core/auth/tokenSource';
import type { SubscribedHub } from '../../src/core/hub/subscribedHub';
import { Timeline } from '../../src/core/timeline/timeline';
import { ACCOUNT_ID, CONTRACT_ID, demoTokens, hubClient, startSim, timelineText, until, waitFor, type SimContext } from './hubHarness.test';

describe('SubscriptionSet on a live hub', function () {
  let ctx: SimContext;
  let tokens: TokenSource;
  let timeline: Timeline;
  let user: SubscribedHub;
  let market: SubscribedHub;

  beforeEach(async () => {
    ctx = await startSim();
    timeline = new Timeline();
    tokens = demoTokens(ctx);
    user = hubClient(ctx, 'user', tokens, timeline, { invokeTimeoutMs: 200 });
    market = hubClient(ctx, 'market', tokens, timeline, { invokeTimeoutMs: 200 });
    await Promise.all([user.start(), market.start()]);
  });
  afterEach(async () => {
    await Promise.all([user.stop(), market.stop()]);
    user.dispose();
    market.dispose();
    tokens.dispose();
    await ctx.sim.stop();
  });

  const calls = (target: string) => ctx.sim.invocations().filter((i) => i.target === target).length;

  it('add is idempotent by key: concurrent adds invoke once', async () => {
    ctx.sim.faults.delaySubscribe(100);
    const [a, b] = await Promise.all([user.subscriptions.add('SubscribeOrders', ACCOUNT_ID), user.subscriptions.add('SubscribeOrders', '123')]);
    assert.equal(a.key, 'SubscribeOrders:123');
    assert.equal(b.key, a.key);
    assert.equal(a.status.kind, 'active');
    assert.equal(calls('SubscribeOrders'), 1);
    assert.equal(user.subscriptions.list().length, 1);
  });

  it('a server error marks the subscription failed with the server text', async () => {
    ctx.sim.faults.failSubscribe('SubscribeContractQuotes', 'contract not found');
    const info = await market.subscriptions.add('SubscribeContractQuotes', 'CON.F.US.NOPE.Z99');
    assert.ok(info.status.kind === 'failed' && info.status.error.includes('contract not found'), JSON.stringify(info.status));
  });

  it('no reply within the invoke timeout marks it failed ("no reply within …")', async () => {
    ctx.sim.faults.neverCompleteSubscribe('SubscribeTrades');
    const info = await user.subscriptions.add('SubscribeTrades', ACCOUNT_ID);
    assert.ok(info.status.kind === 'failed' && /no reply within 0\.2 s/.test(info.status.error), JSON.stringify(info.status));
    ctx.sim.faults.neverCompleteSubscribe(undefined);
    const retried = await user.subscriptions.add('SubscribeTrades', ACCOUNT_ID);
    assert.equal(retried.status.kind, 'active', 'an explicit add retries a failed subscription');
  });

  it('bad arguments fail with one clear line (and are never sent)', async () => {
    await assert.rejects(user.subscriptions.add('SubscribeTrades', 'abc'), /needs an integer account id/);
    await assert.rejects(user.subscriptions.add('SubscribeContractQuotes', CONTRACT_ID), /belongs to the market hub/);
    await assert.rejects(market.subscriptions.add('SubscribeNothing', 1), /Unknown subscribe method/);
    assert.equal(ctx.sim.invocations().length, 0);
  });

  it('remove invokes the Unsubscribe twin and stops counting', async () => {
    await market.subscriptions.add('SubscribeContractQuotes', CONTRACT_ID);
    const removed = waitFor('onDidRemove', market.subscriptions.onDidRemove, () => true);
    await market.subscriptions.remove(`SubscribeContractQuotes:${CONTRACT_ID}`);
    assert.equal(await removed, `SubscribeContractQuotes:${CONTRACT_ID}`);
    assert.equal(calls('UnsubscribeContractQuotes'), 1);
    assert.equal(market.subscriptions.list().length, 0);
    assert.deepEqual(ctx.sim.connections('market')[0].subscriptions, []);
    assert.match(timelineText(timeline.recent()), /\[market\] unsubscribe UnsubscribeContractQuotes\(CON\.F\.US\.EP\.U25\) in \d+ ms/);
  });

  it('counts events per subscription (market events by the hub contractId argument)', async () => {
    await market.subscriptions.add('SubscribeContractQuotes', CONTRACT_ID);
    await market.subscriptions.add('SubscribeContractTrades', CONTRACT_ID);
    ctx.sim.tickMarket();
    ctx.sim.tickMarket();
    await until('quotes counted', () => (market.subscriptions.list()[0]?.events ?? 0) >= 2);
    const quotes = market.subscriptions.list().find((s) => s.method === 'SubscribeContractQuotes');
    assert.ok(quotes?.lastEventAt instanceof Date);
    await user.subscriptions.add('SubscribeAccounts');
    await user.subscriptions.add('SubscribeTrades', ACCOUNT_ID);
    ctx.sim.placeOrder(ACCOUNT_ID, CONTRACT_ID, 'Bid', 1);
    await until('user events counted', () => user.subscriptions.list().every((s) => s.events >= 1));
  });

  it('an event is stamped with the time its message arrived (one clock read per message, none per event)', async () => {
    // A clock that moves on every read: a second read for the same message would show as a different time.
    let ticks = 1_000_000;
    const clock = { now: () => (ticks += 7) };
    const timed = hubClient(ctx, 'market', tokens, timeline, { clock });
    try {
      await timed.start();
      await timed.subscriptions.add('SubscribeContractQuotes', CONTRACT_ID);
      const stamps: number[] = [];
      timed.onEvent((_event, messageTime) => stamps.push(messageTime));
      ctx.sim.tickMarket();
      await until('a quote counted', () => (timed.subscriptions.list()[0]?.events ?? 0) >= 1);
      const info = timed.subscriptions.list()[0];
      assert.equal(info.lastEventAt?.getTime(), timed.stats.lastMessageAt?.getTime());
      assert.equal(info.lastEventAt?.getTime(), stamps[stamps.length - 1]);
    } finally {
      timed.dispose();
    }
  });

  it('added while reconnecting: invoked once after the reconnect, in registration order', async () => {
    await user.subscriptions.add('SubscribeOrders', ACCOUNT_ID);
    const reconnected = waitFor('onDidReconnect', user.onDidReconnect, () => true);
    ctx.sim.faults.delaySubscribe(50);
    ctx.sim.faults.dropAll('user');
    await waitFor('not connected', user.onDidChangeState, (s) => s.kind !== 'connected');
    const pending = await user.subscriptions.add('SubscribePositions', ACCOUNT_ID);
    assert.equal(pending.status.kind, 'pending');
    await reconnected;
    const [conn] = ctx.sim.connections('user');
    const after = ctx.sim.invocations('user').filter((i) => i.connectionId === conn.connectionId).map((i) => i.target);
    assert.deepEqual(after, ['SubscribeOrders', 'SubscribePositions']);
    assert.ok(user.subscriptions.list().every((s) => s.status.kind === 'active'));
  });
});
