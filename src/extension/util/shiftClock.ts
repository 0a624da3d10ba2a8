import type { Clock } from '../../core/util/clock';

/**
 * The wall clock the views judge freshness and market hours by. Tests move it to another time
 * (a weekend, a weekday afternoon); real elapsed time keeps flowing, and every real timestamp is
 * moved by the same amount, so ages stay true while the market calendar sees the chosen time.
 */
export class ShiftClock implements Clock {
  private shiftMs = 0;

  now(): number {
    return Date.now() + this.shiftMs;
  }

  /** A real timestamp (e.g. a hub's lastMessageAt) on this clock. */
  shifted(realMs: number): number {
    return realMs + this.shiftMs;
  }

  /** Pretend it is `at` now (epoch ms); undefined goes back to the real time. */
  setTime(at: number | undefined): void {
    this.shiftMs = at === undefined ? 0 : at - Date.now();
  }
}
