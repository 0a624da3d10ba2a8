/**
 * Waits for the end of a long-running command: SIGINT/SIGTERM, an optional duration, or an
 * abort from the command itself. A second signal while stopping exits at once.
 */
export type StopReason = 'signal' | 'duration' | 'aborted';

export interface StopWaiter {
  readonly stopped: Promise<StopReason>;
  /** Ends the wait from inside the command (e.g. a terminal failure). */
  abort(): void;
  /** Removes the signal handlers and the timer; after this a second Ctrl+C is a hard exit. */
  dispose(): void;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export function waitForStop(durationMs?: number): StopWaiter {
  let finish: (reason: StopReason) => void = () => undefined;
  const stopped = new Promise<StopReason>((resolve) => {
    finish = resolve;
  });
  const onSignal = (): void => finish('signal');
  for (const signal of SIGNALS) process.on(signal, onSignal);
  const timer = durationMs === undefined ? undefined : setTimeout(() => finish('duration'), durationMs);
  // The engine unrefs its reconnect timers; while waiting between attempts nothing else would keep
  // the process alive, so hold it open until the command is done.
  const keepAlive = setInterval(() => undefined, 1 << 30);

  let disposed = false;
  const dispose = (): void => {
    if (disposed) return;
    disposed = true;
    if (timer) clearTimeout(timer);
    clearInterval(keepAlive);
    for (const signal of SIGNALS) process.off(signal, onSignal);
    // While the command cleans up, a second Ctrl+C must still end the process.
    const hardExit = (): void => process.exit(1);
    for (const signal of SIGNALS) process.once(signal, hardExit);
  };
  return { stopped, abort: () => finish('aborted'), dispose };
}
