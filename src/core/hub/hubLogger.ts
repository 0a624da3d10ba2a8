/**
 * The library's log lines, routed to our logger (never the console) and redacted. They are only
 * extra detail: the timeline is built from our own wrapper events. The library logs ordinary
 * connect failures at Error level, so its lines are capped at debug.
 */
import type { ILogger, LogLevel } from '@microsoft/signalr';
import { signalr } from './lazyModules';

export type LogLevelName = 'trace' | 'debug' | 'info' | 'warn' | 'error';
export type LogFn = (level: LogLevelName, message: string) => void;

/** Whether a line of this level would be written anywhere; asked before a line is built or redacted. */
export type LogEnabled = (level: LogLevelName) => boolean;

const RANK: Readonly<Record<LogLevelName, number>> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };

/** A LogEnabled for a minimum level ("info": info, warn and error). */
export function minLevel(level: LogLevelName): LogEnabled {
  const min = RANK[level];
  return (l) => RANK[l] >= min;
}

/**
 * Trace lines (one per received message) are dropped unless `trace` is set: they carry nothing for
 * the timeline. Every other line is dropped unless `enabled` says its level is wanted, before it is
 * built: `log` redacts it, and that regex pass must not run for lines nobody reads.
 */
export function signalrLogger(prefix: string, log: LogFn, enabled: LogEnabled, trace = false): ILogger {
  return {
    log(level: LogLevel, message: string): void {
      const levels = signalr().LogLevel;
      if (level === levels.None || (level <= levels.Trace && !trace)) return;
      const name: LogLevelName = level <= levels.Trace ? 'trace' : 'debug';
      if (!enabled(name)) return;
      try {
        log(name, `${prefix} [signalr] ${message}`);
      } catch {
        // A throwing sink must never break the connection.
      }
    },
  };
}
