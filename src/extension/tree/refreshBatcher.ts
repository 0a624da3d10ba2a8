import type { Disposable } from '../../core/util/emitter';

/** VS Code debounces tree updates itself; we coalesce to at most four batches a second. */
export const FLUSH_INTERVAL_MS = 250;

/**
 * Collects the nodes to refresh and hands them over at most every FLUSH_INTERVAL_MS, so a flood of
 * quotes costs four refreshes a second. Separate from the model: throttling knows nothing of hubs.
 * A batch of `undefined` means the whole tree.
 */
export class RefreshBatcher<T> implements Disposable {
  private dirty = new Set<T>();
  private rootDirty = false;
  private flushTimer: NodeJS.Timeout | undefined;
  private lastFlush = 0;
  /** Number of batches handed over. */
  flushes = 0;

  constructor(
    private readonly now: () => number,
    private readonly deliver: (batch: readonly T[] | undefined) => void,
  ) {}

  /** Marks one node; call schedule() after marking. */
  mark(node: T): void {
    this.dirty.add(node);
  }

  /** Marks the whole tree; call schedule() after marking. */
  markAll(): void {
    this.rootDirty = true;
  }

  schedule(): void {
    if (this.flushTimer) return;
    const wait = Math.max(0, this.lastFlush + FLUSH_INTERVAL_MS - this.now());
    this.flushTimer = setTimeout(() => this.flush(), wait);
    this.flushTimer.unref();
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
  }

  private flush(): void {
    this.flushTimer = undefined;
    this.lastFlush = this.now();
    if (!this.rootDirty && this.dirty.size === 0) return;
    this.flushes += 1;
    const batch = this.rootDirty ? undefined : [...this.dirty];
    this.rootDirty = false;
    this.dirty = new Set();
    this.deliver(batch);
  }
}
