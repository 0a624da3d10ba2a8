// Memory measured around a hostile-server scenario: what the process holds (V8 heap + Buffers)
// after a full GC, and the peak seen while the fault runs (sampled, so a spike a real buffer makes
// shows even when it is freed by the end). Generous bounds: the point is bounded, not small.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Gc = () => void;

/** The real GC: mocha runs without --expose-gc, so the flag is set now and gc taken from a fresh context. */
function collector(): Gc {
  const existing = (globalThis as { gc?: Gc }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as Gc;
}
const gc = collector();

export const MiB = 1024 * 1024;

function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

/** Bytes in use after two full collections (a second pass frees what finalizers released). */
export function settledBytes(): number {
  gc();
  gc();
  return used();
}

/** Samples memory every few ms until stopped; `peakGrowth` is the highest sample over the baseline. */
export class PeakSampler {
  private readonly baseline = settledBytes();
  private peak = 0;
  private readonly timer = setInterval(() => (this.peak = Math.max(this.peak, used())), 5);

  /** Stops sampling; returns the peak growth and the growth that stayed after a full GC. */
  stop(): { peakGrowth: number; retained: number } {
    clearInterval(this.timer);
    this.peak = Math.max(this.peak, used());
    return { peakGrowth: this.peak - this.baseline, retained: settledBytes() - this.baseline };
  }
}

export function mib(bytes: number): string {
  return `${Math.round((bytes / MiB) * 10) / 10} MiB`;
}
