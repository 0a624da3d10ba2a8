/** A disposable handle, shaped like vscode.Disposable so the extension can own core listeners. */
export interface Disposable {
  dispose(): void;
}

/** A minimal typed event emitter: one event type, listeners removed through the returned Disposable. */
export class Emitter<T> implements Disposable {
  private listeners = new Set<(value: T) => void>();

  /** Subscribe; a throwing listener is reported to `onListenerError` and never stops the others. */
  readonly event = (listener: (value: T) => void): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  fire(value: T): void {
    for (const listener of this.listeners) {
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }

  dispose(): void {
    this.listeners.clear();
  }
}
