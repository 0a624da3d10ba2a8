/**
 * The library's log lines, routed to our logger (never the console) and redacted. They are only
 * extra detail: the timeline is built from our own wrapper events. The library logs ordinary
 * connect failures at Error level, so its lines are capped at debug.
 */
import { LogLevel, type ILogger } from '@microsoft/signalr';

export type LogLevelName = 'trace' | 'debug' | 'info' | 'warn' | 'error';
export type LogFn = (level: LogLevelName, message: string) => void;

export function signalrLogger(prefix: string, log: LogFn, redact: (text: string) => string): ILogger {
  return {
    log(level: LogLevel, message: string): void {
      if (level === LogLevel.None) return;
      try {
        log(level <= LogLevel.Trace ? 'trace' : 'debug', `${prefix} [signalr] ${redact(message)}`);
      } catch {
        // A throwing sink must never break the connection.
      }
    },
  };
}
