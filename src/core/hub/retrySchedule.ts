/** The delays between connect attempts: the given list, then its last entry forever. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [0, 2000, 5000, 10000];

/** Keeps finite, non-negative delays; falls back to the default when none are usable. */
export function normalizeRetryDelays(delays: readonly number[] | undefined): readonly number[] {
  const usable = (delays ?? []).filter((d) => Number.isFinite(d) && d >= 0).map((d) => Math.round(d));
  return usable.length > 0 ? usable : DEFAULT_RETRY_DELAYS_MS;
}

/** The delay before retry number `retryIndex` (0-based): past the end, the last delay repeats. */
export function retryDelay(delays: readonly number[], retryIndex: number): number {
  return delays[Math.min(Math.max(retryIndex, 0), delays.length - 1)];
}

/** A sleep that can be cut short (stop() wakes it, so its timer never outlives the connection). */
export class WakeableDelay {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private wakeUp: (() => void) | undefined;

  /** Resolves after `ms` or when wake() is called, whichever comes first. */
  wait(ms: number): Promise<void> {
    this.wake();
    return new Promise<void>((resolve) => {
      this.wakeUp = resolve;
      this.timer = setTimeout(() => this.wake(), ms);
    });
  }

  wake(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const resolve = this.wakeUp;
    this.wakeUp = undefined;
    resolve?.();
  }
}
