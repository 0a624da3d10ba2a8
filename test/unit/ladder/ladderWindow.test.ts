import assert from 'node:assert/strict';
import { LadderCoalescer } from '../../../src/core/market/ladderCoalescer';
import type { LadderSnapshot } from '../../../src/core/market/ladderWindow';
import type { DomTypeValue } from '../../../src/core/events/enums';
import type { DepthItem } from '../../../src/core/events/types';

function item(type: DomTypeValue, price = 0, volume = 0): DepthItem {
  return { timestamp: undefined, type, price, volume, currentVolume: 0 };
}

/** A manual clock and timer: the test decides when time passes. */
function manualTime(): { now: number; clock: { now(): number }; timer: { set(fn: () => void, ms: number): unknown; clear(h: unknown): void }; advance(ms: number): void } {
  const t = {
    now: 0,
    tasks: new Map<number, { at: number; fn: () => void }>(),
    seq: 0,
    clock: { now: (): number => t.now },
    timer: {
      set: (fn: () => void, ms: number): unknown => {
        const id = ++t.seq;
        t.tasks.set(id, { at: t.now + ms, fn });
        return id;
      },
      clear: (h: unknown): void => void t.tasks.delete(h as number),
    },
    advance(ms: number): void {
      t.now += ms;
      for (const [id, task] of [...t.tasks]) {
        if (task.at <= t.now) {
          t.tasks.delete(id);
          task.fn();
        }
      }
    },
  };
  return t;
}

function ladder(rows = 11): { c: LadderCoalescer; posts: LadderSnapshot[]; time: ReturnType<typeof manualTime> } {
  const time = manualTime();
  const posts: LadderSnapshot[] = [];
  const c = new LadderCoalescer({ tickSize: 0.25, rows, post: (s) => posts.push(s), clock: time.clock, timer: time.timer });
  c.onDepth([item('Reset'), item('BestBid', 100, 5), item('Bid', 99.75, 8), item('BestAsk', 100.25, 4), item('Ask', 100.5, 2)]);
  return { c, posts, time };
}

describe('ladder window and coalescer', () => {
  it('shows rows at the tick size around the inside market, highest price first, with both sides', () => {
    const { c } = ladder(11);
    const s = c.window.snapshot();
    assert.equal(s.rows.length, 11);
    assert.deepEqual(s.rows.map((r) => r.price).slice(0, 3), [101.25, 101, 100.75]);
    for (let i = 1; i < s.rows.length; i++) assert.equal(s.rows[i - 1].price - s.rows[i].price, 0.25);
    assert.deepEqual(s.rows.find((r) => r.price === 100), { price: 100, bid: 5, ask: 0 });
    assert.deepEqual(s.rows.find((r) => r.price === 100.5), { price: 100.5, bid: 0, ask: 2 });
    assert.equal(s.spread, 0.25);
    assert.equal(s.maxVolume, 8);
  });

  it('keeps its centre while the inside market stays in the window, re-centres when it leaves', () => {
    const { c } = ladder(11);
    const first = c.window.snapshot().rows[0].price;
    c.onDepth([item('NewBestAsk', 100.75, 1), item('BestAsk', 100.25, 0), item('Ask', 100.5, 0), item('NewBestBid', 100.5, 1)]);
    assert.equal(c.window.snapshot().rows[0].price, first, 'a move inside the window keeps it still');
    c.onDepth([item('NewBestAsk', 103.25, 1), item('BestAsk', 100.75, 0), item('NewBestBid', 103, 1)]);
    const moved = c.window.snapshot();
    assert.ok(moved.rows.some((r) => r.price === 103) && moved.rows.some((r) => r.price === 103.25), 'the inside is visible again');
    assert.equal(moved.rows[5].price, 103, 'centred on the inside (mid rounded to a tick)');
  });

  it('recentre() centres on demand even while the inside is still visible', () => {
    const { c, posts } = ladder(11);
    c.window.snapshot();
    c.onDepth([item('NewBestBid', 101, 1), item('NewBestAsk', 101.25, 1), item('Bid', 100, 0), item('Bid', 99.75, 0), item('BestAsk', 100.25, 0), item('Ask', 100.5, 0)]);
    const before = c.window.snapshot().rows[5].price;
    assert.notEqual(before, 101);
    c.recentre();
    assert.equal(posts.at(-1)?.rows[5].price, 101, 'posted right away, centred');
  });

  it('posts at most once per interval however many frames arrive, and the last post is the latest book', () => {
    const { c, posts, time } = ladder(11);
    time.advance(0);
    assert.equal(posts.length, 1, 'the first frame posts on the next turn');
    for (let i = 1; i <= 1000; i++) c.onDepth([item('Bid', 99.75, 8 + i)]);
    assert.equal(posts.length, 1, 'nothing more until the interval passed');
    time.advance(34);
    assert.equal(posts.length, 2);
    assert.equal(posts[1].rows.find((r) => r.price === 99.75)?.bid, 1008);
    time.advance(1000);
    assert.equal(posts.length, 2, 'no frames, no posts');
  });

  it('a crossed book is posted as crossed; an empty book posts no rows; dispose stops posting', () => {
    const { c, posts, time } = ladder(11);
    c.onDepth([item('Ask', 99.75, 1)]);
    time.advance(40);
    assert.equal(posts.at(-1)?.crossed, true);
    c.onDepth([item('Reset')]);
    time.advance(40);
    assert.deepEqual(posts.at(-1)?.rows, []);
    const n = posts.length;
    c.dispose();
    c.onDepth([item('BestBid', 1, 1)]);
    time.advance(100);
    assert.equal(posts.length, n);
  });

  it('rejects a tick size that is not positive with one line naming the fix', () => {
    assert.throws(() => new LadderCoalescer({ tickSize: 0, post: () => undefined }), /positive tick size, got 0: check the contract's tickSize/);
  });
});
