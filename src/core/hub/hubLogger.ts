/**
 * The library's log lines, routed to our logger (never the console) and redacted. They are only
 * extra detail: the timeline is built from our own wrapper events. The library logs ordinary
 * connect failures at Error level, so its lines are capped at debug.
 */
import { LogLevel, type ILogger } from '@microsoft/signalr';

export type LogLevelName = 'trace' | 'debug' | 'info' | 'warn' | 'error';
export type LogFn = (level: LogLevelName, message: string) => void;

/**
 * Trace lines (one per received message) are dropped before redaction unless `trace` is set: they
 * carry nothing for the timeline and cost a regex pass per message.
 */
export function signalrLogger(prefix: string, log: LogFn, redact: (text: string) => string, trace = false): ILogger {
  return {
    log(level: LogLevel, message: string): void {
      if (level === LogLevel.None || (level <= LogLevel.Trace && !trace)) return;
      try {
        log(level <= LogLevel.Trace ? 'trace' : 'debug', `${prefix} [signalr] ${redact(message)}`);
      } catch {
        // A throwing sink must never break the connection.
      }
    },
  };
}
