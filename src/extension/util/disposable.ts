import type * as vscode from 'vscode';

/** Owns child disposables; dispose() runs once and disposes children in reverse order. */
export abstract class Disposable implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  protected _register<T extends vscode.Disposable>(value: T): T {
    if (this.disposed) {
      value.dispose();
    } else {
      this.owned.push(value);
    }
    return value;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.owned.splice(0).reverse()) {
      try {
        d.dispose();
      } catch {
        // One failing child must not keep the others alive.
      }
    }
  }
}

/** Wraps a plain function as a disposable. */
export function toDisposable(fn: () => void): vscode.Disposable {
  return { dispose: fn };
}
