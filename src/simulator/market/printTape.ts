/**
 * Every print of one contract folded into one-second bars (ticks, not prices), the source of
 * History/retrieveBars: history and the live stream are the same prints, so they join without a jump.
 */
export interface TapeBar {
  /** Bar start, ms since the epoch. */
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
}

/** Six hours of one-second bars per contract at most (a demo session's worth). */
const MAX_SECONDS = 6 * 3600;

export class PrintTape {
  private readonly seconds: TapeBar[] = [];

  record(atMs: number, ticks: number, volume: number): void {
    const t = Math.floor(atMs / 1000) * 1000;
    const last = this.seconds[this.seconds.length - 1];
    if (last && last.t === t) {
      last.h = Math.max(last.h, ticks);
      last.l = Math.min(last.l, ticks);
      last.c = ticks;
      last.v += volume;
      return;
    }
    // A print stamped before the newest bar (a clock moved back) joins that bar instead of reordering.
    if (last && t < last.t) {
      last.c = ticks;
      last.v += volume;
      return;
    }
    this.seconds.push({ t, o: ticks, h: ticks, l: ticks, c: ticks, v: volume });
    if (this.seconds.length > MAX_SECONDS) this.seconds.splice(0, this.seconds.length - MAX_SECONDS);
  }

  /** One-second bars with t in [fromMs, toMs), oldest first. */
  between(fromMs: number, toMs: number): TapeBar[] {
    return this.seconds.filter((b) => b.t >= fromMs && b.t < toMs);
  }
}

/** Folds one-second bars into bars of `bucketOf(t)` (oldest first in, oldest first out). */
export function aggregate(bars: readonly TapeBar[], bucketOf: (t: number) => number): TapeBar[] {
  const out: TapeBar[] = [];
  for (const b of bars) {
    const t = bucketOf(b.t);
    const cur = out[out.length - 1];
    if (cur && cur.t === t) {
      cur.h = Math.max(cur.h, b.h);
      cur.l = Math.min(cur.l, b.l);
      cur.c = b.c;
      cur.v += b.v;
    } else {
      out.push({ ...b, t });
    }
  }
  return out;
}
