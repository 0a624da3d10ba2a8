import vscode = require('vscode');
import { errorLine } from './errors';

/** What the notifier needs of the log (the OutputLog): util stays below the feature folders. */
export interface NotifyLog {
  error(source: string, line: string): void;
  info(source: string, line: string): void;
  redact(text: string): string;
}

/**
 * User-facing messages: one redacted line each, also written to the log, and kept (the last 50)
 * so the in-host tests can read what the user was shown.
 */
export class Notifier {
  private readonly shown: { level: 'info' | 'error'; text: string }[] = [];

  constructor(private readonly log: NotifyLog) {}

  get history(): readonly { level: 'info' | 'error'; text: string }[] {
    return this.shown;
  }

  /** Shows an error without waiting for the user; resolves with the clicked action, if any. */
  error(text: string, ...actions: string[]): Thenable<string | undefined> {
    const line = this.record('error', text);
    this.log.error('ui', line);
    return vscode.window.showErrorMessage(line, ...actions);
  }

  info(text: string, ...actions: string[]): Thenable<string | undefined> {
    const line = this.record('info', text);
    this.log.info('ui', line);
    return vscode.window.showInformationMessage(line, ...actions);
  }

  private record(level: 'info' | 'error', text: string): string {
    const line = this.log.redact(text);
    this.shown.push({ level, text: line });
    if (this.shown.length > 50) this.shown.shift();
    return line;
  }
}

/**
 * Registers a command whose failures become one error line instead of an unhandled rejection.
 * The handler's result is returned to executeCommand callers (the tests use it).
 */
export function registerSafeCommand<A extends unknown[], R>(
  id: string,
  notifier: Notifier,
  handler: (...args: A) => R | Promise<R>,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...(args as A));
    } catch (error) {
      void notifier.error(errorLine(error));
      return undefined;
    }
  });
}
