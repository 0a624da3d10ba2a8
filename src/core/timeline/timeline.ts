/** The shared handshake/reconnect timeline: a bounded ring buffer of steps, newest last. */
import type { HubKind } from '../hub/types';
import type { TimelineSource } from '../monitor/types';
import { systemClock, type Clock } from '../util/clock';
import { Emitter, type Disposable } from '../util/emitter';
import type { TimelineEntry, TimelineStep } from './types';

export const DEFAULT_TIMELINE_CAPACITY = 500;

export class Timeline implements TimelineSource, Disposable {
  private readonly buffer: (TimelineEntry | undefined)[];
  private next = 0;
  private size = 0;
  private readonly emitter: Emitter<TimelineEntry>;
  private readonly clock: Clock;

  constructor(opts: { capacity?: number; clock?: Clock; onListenerError?: (error: unknown) => void } = {}) {
    const capacity = Math.max(1, Math.floor(opts.capacity ?? DEFAULT_TIMELINE_CAPACITY));
    this.buffer = new Array<TimelineEntry | undefined>(capacity).fill(undefined);
    this.clock = opts.clock ?? systemClock;
    this.emitter = new Emitter(opts.onListenerError);
  }

  readonly onEntry = (listener: (entry: TimelineEntry) => void): Disposable => this.emitter.event(listener);

  get capacity(): number {
    return this.buffer.length;
  }

  /** Appends a step (hub undefined = concerns both hubs, e.g. a token refresh). */
  record(hub: HubKind | undefined, step: TimelineStep): TimelineEntry {
    const entry: TimelineEntry = hub === undefined ? { at: new Date(this.clock.now()), step } : { at: new Date(this.clock.now()), hub, step };
    this.buffer[this.next] = entry;
    this.next = (this.next + 1) % this.buffer.length;
    this.size = Math.min(this.size + 1, this.buffer.length);
    this.emitter.fire(entry);
    return entry;
  }

  /** A recorder bound to one hub, for the sessions and subscription sets. */
  recorder(hub: HubKind | undefined): (step: TimelineStep) => void {
    return (step) => {
      this.record(hub, step);
    };
  }

  recent(limit?: number): readonly TimelineEntry[] {
    const count = Math.min(this.size, limit === undefined ? this.size : Math.max(0, Math.floor(limit)));
    const out: TimelineEntry[] = [];
    for (let i = count; i > 0; i--) {
      const entry = this.buffer[(this.next - i + this.buffer.length) % this.buffer.length];
      if (entry) out.push(entry);
    }
    return out;
  }

  clear(): void {
    this.buffer.fill(undefined);
    this.next = 0;
    this.size = 0;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
