/**
 * Follows one hub's states for the metrics: time spent not connected, and the outcome of every
 * connection attempt. An attempt starts with the `connecting` state and ends with `connected`
 * (outcome ok) or with `reconnecting`/`failed` carrying the error kind; a `reconnecting` that follows
 * a drop of a live connection is no attempt outcome.
 */
import type { HubState, HubStateKind } from '../hub/types';

export const HUB_STATES: readonly HubStateKind[] = ['disconnected', 'connecting', 'connected', 'reconnecting', 'failed'];

export class HubTracker {
  private downSinceMs: number | undefined;
  private downTotalMs = 0;
  private attemptInFlight = false;
  kind: HubStateKind;

  constructor(
    state: HubState,
    private readonly now: () => number,
    private readonly onAttempt: (outcome: string) => void,
  ) {
    this.kind = state.kind;
    if (state.kind !== 'connected') this.downSinceMs = now();
    this.attemptInFlight = state.kind === 'connecting';
  }

  update(state: HubState): void {
    const t = this.now();
    if (state.kind === 'connected') {
      if (this.downSinceMs !== undefined) this.downTotalMs += t - this.downSinceMs;
      this.downSinceMs = undefined;
    } else {
      this.downSinceMs ??= t;
    }
    if (this.attemptInFlight && state.kind !== 'connecting') {
      if (state.kind === 'connected') this.onAttempt('ok');
      else if (state.kind === 'reconnecting' || state.kind === 'failed') this.onAttempt(state.cause.kind);
    }
    this.attemptInFlight = state.kind === 'connecting';
    this.kind = state.kind;
  }

  /** Milliseconds not connected since the tracker started, the current outage included. */
  downMs(): number {
    return this.downTotalMs + (this.downSinceMs === undefined ? 0 : this.now() - this.downSinceMs);
  }

  /** How long the current outage lasts (0 while connected). */
  currentOutageMs(): number {
    return this.downSinceMs === undefined ? 0 : this.now() - this.downSinceMs;
  }
}
