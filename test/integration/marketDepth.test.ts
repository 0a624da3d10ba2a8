import assert from 'node:assert/strict';
import { MarketRig } from '../support/marketRig';

const ES = 'CON.F.US.EP.U25';
const CL = 'CON.F.US.CL.X25';

/** The invariants every frame kept, and the test's book equal to the simulator's at a quiet point. */
function assertConsistent(rig: MarketRig, label: string): void {
  const c = rig.checker;
  assert.deepEqual(c.violations, [], `${label}: ${c.violationCount} broken invariants`);
  const { ours, theirs } = rig.books();
  assert.deepEqual(ours, theirs, `${label}: the book built from depth equals the simulator's`);
}

describe('simulated market: depth, trades and quotes agree (real signalr client, independent book)', function () {
  this.timeout(60_000);
  let rig: MarketRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  for (const [seed, contractId] of [[1, ES], [7, ES], [42, CL]] as const) {
    it(`seed ${seed}, ${contractId}: 10,000 depth frames, never crossed, quotes and prints match the book`, async () => {
      rig = await MarketRig.open(contractId, { seed });
      await rig.ticks(1);
      const [snapshotRows] = [rig.checker.book.view()];
      assert.ok(snapshotRows.bids.length >= 20 && snapshotRows.asks.length >= 20, 'a snapshot of at least 20 levels a side');
      assert.equal(rig.checker.resets, 1, 'one Reset on subscribe, then increments only');
      for (let round = 0; round < 5; round++) {
        await rig.ticks(2000);
        assertConsistent(rig, `seed ${seed} round ${round}`);
      }
      assert.equal(rig.checker.resets, 1);
      assert.ok(rig.checker.depthFrames >= 10_000 && rig.checker.prints >= 10_000, `${rig.checker.depthFrames} frames, ${rig.checker.prints} prints`);
      assert.ok(rig.checker.typesSeen.has(5) && rig.checker.typesSeen.has(3) && rig.checker.typesSeen.has(4), 'Trade, BestAsk and BestBid items');
    });
  }

  it('with the feed’s own timer: the snapshot comes on subscribe and every invariant holds while it runs', async () => {
    rig = await MarketRig.open(ES, { seed: 21, marketIntervalMs: 2 });
    const r = rig;
    await r.until(() => r.checker.depthFrames >= 500, '500 timed depth frames');
    assert.equal(r.checker.resets, 1);
    assert.deepEqual(r.checker.violations, []);
  });

  it('a demo market order sweeps the touch: its prints go out in depth, trades and the quote, and the book stays consistent', async () => {
    rig = await MarketRig.open(ES, { seed: 3 });
    await rig.ticks(10);
    const before = rig.sim.marketAccess.touch(ES);
    const asks = rig.sim.marketAccess.book(ES)?.asks ?? [];
    const prices = rig.sim.marketAccess.execute(ES, 'buy', asks[0].volume + asks[1].volume + 1);
    assert.deepEqual(prices, [asks[0].price, asks[1].price, asks[2].price], 'a buy takes the ask, then the next levels');
    assert.equal(before?.ask, asks[0].price);
    await rig.until(() => rig?.checker.quotes === 11, 'the quote after the order');
    await rig.ticks(200);
    assertConsistent(rig, 'after a sweep');
  });

  it('the flood is the same market run fast: 40,000 quotes with a market step every 4, at full speed and paced', async () => {
    rig = await MarketRig.open(ES, { seed: 11 });
    await rig.ticks(1);
    const r = rig;
    for (const eventsPerSecond of [undefined, 20_000]) {
      const before = r.checker.depthFrames;
      await r.sim.flood({ contracts: [ES], count: 40_000, marketStepEvery: 4, recordsPerMessage: 16, eventsPerSecond });
      await r.until(() => r.checker.depthFrames - before >= 9_999 && r.checker.quotes >= 40_000, 'flood frames');
      assert.ok(r.checker.depthFrames - before >= 9_999, `${r.checker.depthFrames - before} depth frames`);
      assertConsistent(r, `flood at ${eventsPerSecond ?? 'full speed'}`);
    }
  });

  it('control periodicResets: a Reset + snapshot every n steps keeps every invariant', async () => {
    rig = await MarketRig.open(ES, { seed: 5 });
    rig.sim.market.periodicResets(50);
    await rig.ticks(3000);
    assert.ok(rig.checker.resets >= 60, `${rig.checker.resets} resets`);
    assertConsistent(rig, 'periodic resets');
  });

  it('control everyDomType: NewBestBid/NewBestAsk, Fill, Low and High items, the book rules still hold', async () => {
    rig = await MarketRig.open(ES, { seed: 9 });
    rig.sim.market.everyDomType(true);
    await rig.ticks(3000);
    for (const type of [9, 10, 11]) assert.ok(rig.checker.typesSeen.has(type), `DomType ${type} seen`);
    // A new session extreme depends on the walk: at least one of them in 3,000 steps.
    assert.ok(rig.checker.typesSeen.has(7) || rig.checker.typesSeen.has(8), 'Low or High seen');
    assertConsistent(rig, 'every DomType');
  });

  /** Turns a control on, sees the book break, then recovers at the next Reset. */
  async function breaksThenRecovers(r: MarketRig, fault: () => void, clear: () => void): Promise<void> {
    await r.ticks(50);
    fault();
    await r.ticks(500);
    assert.ok(r.checker.violationCount > 0, 'the fault shows in the test’s book (the checker can fail)');
    clear();
    r.sim.market.periodicResets(1);
    await r.ticks(1);
    r.sim.market.periodicResets(undefined);
    r.checker.clearViolations();
    assertConsistent(r, 'right after the Reset');
    await r.ticks(1500);
    assertConsistent(r, 'after recovering');
  }

  it('control outOfOrderDepth: the book goes wrong, and is right again from the next Reset', async () => {
    rig = await MarketRig.open(ES, { seed: 13 });
    const r = rig;
    await breaksThenRecovers(r, () => r.sim.market.outOfOrderDepth(true), () => r.sim.market.outOfOrderDepth(false));
  });

  it('control crossedSnapshot: a crossed snapshot is seen as crossed, and the next Reset repairs it', async () => {
    rig = await MarketRig.open(ES, { seed: 17 });
    const r = rig;
    await breaksThenRecovers(r, () => {
      r.sim.market.crossedSnapshot();
      r.sim.market.periodicResets(1);
      r.sim.tickMarket();
      r.sim.market.periodicResets(undefined);
    }, () => undefined);
  });
});
