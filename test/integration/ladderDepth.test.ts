// The ladder's core over real sockets: the core DepthBook (inside a LadderCoalescer) fed by the real
// SubscribedHub equals the simulator's book after a flood and is never crossed; the ladder's
// depth subscription is one owner among several, and the last release unsubscribes on the hub.
import assert from 'node:assert/strict';
import type { TokenSource } from '../../src/core/auth/tokenSource';
import type { SubscribedHub } from '../../src/core/hub/subscribedHub';
import { LadderCoalescer } from '../../src/core/market/ladderCoalescer';
import type { LadderSnapshot } from '../../src/core/market/ladderWindow';
import { ownersOf } from '../../src/core/subscriptions/subscriptionOwners';
import { subscriptionKey } from '../../src/core/subscriptions/subscriptionSet';
import { Timeline } from '../../src/core/timeline/timeline';
import { CONTRACT_ID, demoTokens, hubClient, startSim, until, type SimContext } from './hubHarness.test';

const DEPTH = 'SubscribeContractMarketDepth';
const KEY = subscriptionKey(DEPTH, CONTRACT_ID);

describe('depth ladder core on a live market hub', function () {
  this.timeout(60_000);
  let ctx: SimContext;
  let tokens: TokenSource;
  let market: SubscribedHub;

  beforeEach(async () => {
    ctx = await startSim({ seed: 4 });
    tokens = demoTokens(ctx);
    market = hubClient(ctx, 'market', tokens, new Timeline());
    await market.start();
  });
  afterEach(async () => {
    await market.stop();
    market.dispose();
    tokens.dispose();
    await ctx.sim.stop();
  });

  const calls = (target: string): number => ctx.sim.invocations().filter((i) => i.target === target).length;

  /** A coalescer fed by the hub's GatewayDepth for the contract; counts frames and crossed frames. */
  function ladder(): { c: LadderCoalescer; posts: LadderSnapshot[]; frames: () => number; crossedFrames: () => number; dispose: () => void } {
    const tickSize = ctx.sim.marketAccess.contractFacts(CONTRACT_ID)?.tickSize ?? 0;
    const posts: LadderSnapshot[] = [];
    const c = new LadderCoalescer({ tickSize, post: (s) => posts.push(s) });
    let frames = 0;
    let crossed = 0;
    const sub = market.onEvent((e) => {
      if (e.name !== 'GatewayDepth' || e.contractId !== CONTRACT_ID) return;
      c.onDepth(e.data);
      frames++;
      if (c.book.crossed) crossed++;
    });
    return { c, posts, frames: () => frames, crossedFrames: () => crossed, dispose: () => (sub.dispose(), c.dispose()) };
  }

  const sameBook = (c: LadderCoalescer): boolean => JSON.stringify(c.book.view()) === JSON.stringify(ctx.sim.marketAccess.book(CONTRACT_ID));

  it('after a flood the core book equals the simulator’s, was never crossed, and the window posts were coalesced', async () => {
    const l = ladder();
    await ownersOf(market.subscriptions).acquire('ladder', DEPTH, CONTRACT_ID);
    // The flood runs while someone takes its quotes (its stop condition): a second owner, of quotes.
    await ownersOf(market.subscriptions).acquire('quotes', 'SubscribeContractQuotes', CONTRACT_ID);
    ctx.sim.tickMarket();
    await until('the snapshot', () => l.frames() >= 1);
    await ctx.sim.flood({ contracts: [CONTRACT_ID], count: 40_000, marketStepEvery: 4, recordsPerMessage: 16 });
    await until('the flood’s depth frames', () => l.frames() >= 9_999 && sameBook(l.c), 20_000).catch((e: unknown) => { throw new Error(`${String(e)}: ${l.frames()} frames, same ${sameBook(l.c)}`); });
    assert.deepEqual(l.c.book.view(), ctx.sim.marketAccess.book(CONTRACT_ID));
    assert.equal(l.crossedFrames(), 0, 'never crossed after any frame');
    assert.equal(l.c.book.resets, 1, 'one Reset on subscribe');
    const touch = ctx.sim.marketAccess.touch(CONTRACT_ID);
    assert.equal(l.c.book.bestBid, touch?.bid);
    assert.equal(l.c.book.bestAsk, touch?.ask);
    l.c.flush();
    const last = l.posts.at(-1);
    assert.ok(last && last.rows.some((r) => r.price === touch?.bid && r.bid > 0) && last.rows.some((r) => r.price === touch?.ask && r.ask > 0), 'the window shows the inside market');
    assert.ok(l.posts.length < l.frames() / 10, `${l.posts.length} posts for ${l.frames()} frames: coalesced`);
    l.dispose();
  });

  it('a crossed snapshot (fault control) shows as crossed in the core book, and the next Reset repairs it', async () => {
    const l = ladder();
    await ownersOf(market.subscriptions).acquire('ladder', DEPTH, CONTRACT_ID);
    for (let i = 0; i < 20; i++) ctx.sim.tickMarket();
    await until('frames', () => l.frames() >= 20);
    ctx.sim.market.crossedSnapshot();
    ctx.sim.market.periodicResets(1);
    ctx.sim.tickMarket();
    ctx.sim.market.periodicResets(undefined);
    await until('the crossed snapshot', () => l.c.book.crossed);
    ctx.sim.market.periodicResets(1);
    ctx.sim.tickMarket();
    ctx.sim.market.periodicResets(undefined);
    for (let i = 0; i < 50; i++) ctx.sim.tickMarket();
    await until('the repaired book', () => sameBook(l.c));
    assert.equal(l.c.book.crossed, false);
    l.dispose();
  });

  it('owners share one server subscription: closing the ladder keeps it for the tree; the last release sends Unsubscribe', async () => {
    const owners = ownersOf(market.subscriptions);
    assert.equal(owners, ownersOf(market.subscriptions), 'one registry per subscription set');
    const [a, b] = await Promise.all([owners.acquire('ladder', DEPTH, CONTRACT_ID), owners.acquire('tree', DEPTH, CONTRACT_ID)]);
    assert.equal(a.status.kind, 'active');
    assert.equal(b.key, KEY);
    assert.equal(calls(DEPTH), 1, 'one Subscribe for two owners');
    assert.deepEqual(owners.ownersOf(KEY), ['ladder', 'tree']);
    await owners.release('ladder', KEY);
    assert.equal(calls(`Unsubscribe${DEPTH.slice('Subscribe'.length)}`), 0, 'the tree still holds it');
    assert.ok(market.subscriptions.list().some((s) => s.key === KEY));
    await owners.release('tree', KEY);
    await until('the Unsubscribe', () => calls('UnsubscribeContractMarketDepth') === 1);
    assert.equal(market.subscriptions.list().length, 0);
    await owners.acquire('ladder', DEPTH, CONTRACT_ID);
    assert.equal(calls(DEPTH), 2, 'reopening re-acquires');
  });

  it('a subscription the user made first is the user’s: the ladder’s release never removes it', async () => {
    await market.subscriptions.add(DEPTH, CONTRACT_ID);
    const owners = ownersOf(market.subscriptions);
    await owners.acquire('ladder', DEPTH, CONTRACT_ID);
    await owners.release('ladder', KEY);
    assert.equal(calls('UnsubscribeContractMarketDepth'), 0);
    assert.ok(market.subscriptions.list().some((s) => s.key === KEY));
  });

  it('a bad contract id rejects with one line and leaves no owner behind', async () => {
    const owners = ownersOf(market.subscriptions);
    await assert.rejects(owners.acquire('ladder', DEPTH, '  '), /needs a contract id/);
    assert.deepEqual(owners.ownersOf(subscriptionKey(DEPTH, '')), []);
  });
});
