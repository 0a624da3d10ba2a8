/**
 * Runs a flush at most `maxPerSecond` times a second, whatever the request rate: the first
 * request after a quiet spell flushes at once, later ones wait for the next slot. Timers are
 * unref'd so a pending flush never keeps a process alive.
 */
import type { Clock } from '../util/clock';
import type { Disposable } from '../util/emitter';

export interface TimerApi {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const nodeTimers: TimerApi = {
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

export class FlushScheduler implements Disposable {
  private timer: unknown;
  private scheduled = false;
  private lastFlushAt = -Infinity;
  private disposed = false;
  private readonly intervalMs: number;

  constructor(
    private readonly flush: () => void,
    maxPerSecond: number,
    private readonly clock: Clock,
    private readonly timers: TimerApi = nodeTimers,
  ) {
    this.intervalMs = 1000 / maxPerSecond;
  }

  request(): void {
    if (this.scheduled || this.disposed) return;
    this.scheduled = true;
    const delay = Math.max(0, this.lastFlushAt + this.intervalMs - this.clock.now());
    this.timer = this.timers.setTimeout(() => this.run(), delay);
  }

  private run(): void {
    this.scheduled = false;
    this.timer = undefined;
    if (this.disposed) return;
    this.lastFlushAt = this.clock.now();
    this.flush();
  }

  dispose(): void {
    this.disposed = true;
    if (this.scheduled) this.timers.clearTimeout(this.timer);
    this.scheduled = false;
  }
}
