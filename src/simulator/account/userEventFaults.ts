/**
 * Fault controls for the user hub's events: duplicate every event (sent twice), or reorder them (each
 * event is held back and sent after the next one; a lone held event goes out after HOLD_MS). Clients
 * must apply events idempotently and converge at the next resync.
 */
export const HOLD_MS = 200;

export class UserEventFaults {
  duplicate = false;
  reorder = false;
  private held: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;

  /** Sends one user event through `send`, shaped by the active faults. */
  send(send: () => void): void {
    const times = this.duplicate ? 2 : 1;
    const emit = (): void => {
      for (let i = 0; i < times; i++) send();
    };
    if (!this.reorder) {
      this.flush();
      emit();
      return;
    }
    if (this.held) {
      const earlier = this.held;
      this.held = undefined;
      clearTimeout(this.timer);
      emit();
      earlier();
      return;
    }
    this.held = emit;
    this.timer = setTimeout(() => this.flush(), HOLD_MS);
  }

  /** Sends a held event now (also on reset and stop). */
  flush(): void {
    clearTimeout(this.timer);
    const held = this.held;
    this.held = undefined;
    held?.();
  }

  reset(): void {
    this.duplicate = false;
    this.reorder = false;
    this.flush();
  }
}
