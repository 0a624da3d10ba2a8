/**
 * Feeds depth frames into a DepthBook and posts the ladder's visible window at most `maxPerSecond`
 * times a second (default 30), however fast the frames come: a flood of thousands of depth frames a
 * second costs one Map write per item here and one snapshot of `rows` levels per post.
 */
import type { DepthItem } from '../events/types';
import { systemClock, type Clock } from '../util/clock';
import type { Disposable } from '../util/emitter';
import { DepthBook } from './depthBook';
import { LadderWindow, type LadderSnapshot } from './ladderWindow';

export interface LadderCoalescerOptions {
  readonly tickSize: number;
  readonly rows?: number;
  readonly maxPerSecond?: number;
  readonly post: (snapshot: LadderSnapshot) => void;
  readonly clock?: Clock;
  /** Injectable for tests; default setTimeout/clearTimeout. */
  readonly timer?: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };
}

const realTimer = {
  set: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
  clear: (handle: unknown): void => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class LadderCoalescer implements Disposable {
  readonly book = new DepthBook();
  readonly window: LadderWindow;
  private readonly intervalMs: number;
  private readonly clock: Clock;
  private readonly timer: NonNullable<LadderCoalescerOptions['timer']>;
  private pending: unknown;
  private lastPostAt = Number.NEGATIVE_INFINITY;
  private disposed = false;
  /** Snapshots posted so far (the rate is visible to tests and the benchmark). */
  posts = 0;

  constructor(private readonly opts: LadderCoalescerOptions) {
    this.window = new LadderWindow(this.book, opts.tickSize, opts.rows);
    this.intervalMs = 1000 / (opts.maxPerSecond ?? 30);
    this.clock = opts.clock ?? systemClock;
    this.timer = opts.timer ?? realTimer;
  }

  onDepth(items: readonly DepthItem[]): void {
    if (this.disposed) return;
    this.book.apply(items);
    this.schedule();
  }

  /** Re-centres on the inside market and posts right away (a user's key press). */
  recentre(): void {
    this.window.recentre();
    this.flush();
  }

  /** Posts now (a webview that just loaded wants the current window), cancelling a pending post. */
  flush(): void {
    if (this.disposed) return;
    if (this.pending !== undefined) this.timer.clear(this.pending);
    this.pending = undefined;
    this.lastPostAt = this.clock.now();
    this.posts++;
    this.opts.post(this.window.snapshot());
  }

  dispose(): void {
    this.disposed = true;
    if (this.pending !== undefined) this.timer.clear(this.pending);
    this.pending = undefined;
  }

  private schedule(): void {
    if (this.pending !== undefined) return;
    const wait = Math.max(0, this.lastPostAt + this.intervalMs - this.clock.now());
    this.pending = this.timer.set(() => {
      this.pending = undefined;
      this.flush();
    }, wait);
  }
}
