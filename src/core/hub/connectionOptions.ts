/** The options of one hub connection, their defaults, and the redacting log and timeline writers built from them. */
import { errorText } from '../errors/classify';
import type { TimelineStep } from '../timeline/types';
import { systemClock, type Clock } from '../util/clock';
import type { LogEnabled, LogFn } from './hubLogger';
import { normalizeRetryDelays } from './retrySchedule';
import type { SeenTokens } from './seenTokens';
import type { HubKind, TokenProvider, TokenTransport } from './types';

export interface HubConnectionOptions {
  readonly hub: HubKind;
  readonly url: string;
  readonly tokens: TokenProvider;
  readonly tokenTransport?: TokenTransport;
  readonly skipNegotiation?: boolean;
  /** Delays before each retry; the last repeats forever. Default [0, 2000, 5000, 10000]. */
  readonly retryDelaysMs?: readonly number[];
  readonly keepAliveIntervalMs?: number;
  /** Default 2 × keep-alive. */
  readonly serverTimeoutMs?: number;
  /** Bound on the WebSocket upgrade (and negotiate). Default 10 s. */
  readonly upgradeTimeoutMs?: number;
  /** Bound on stop(). Default 2 s. */
  readonly stopTimeoutMs?: number;
  readonly record?: (step: TimelineStep) => void;
  readonly log?: LogFn;
  /** Asked before a log line is built or redacted; default: every level (when `log` is set). */
  readonly logEnabled?: LogEnabled;
  /** Pass the library's per-message Trace lines to `log` (off: they cost a redaction per message). */
  readonly traceLibrary?: boolean;
  readonly clock?: Clock;
}

/** The options with every default filled in. */
export interface ConnectionConfig {
  readonly hub: HubKind;
  readonly url: string;
  readonly tokens: TokenProvider;
  readonly tokenTransport: TokenTransport;
  readonly skipNegotiation: boolean;
  readonly retryDelaysMs: readonly number[];
  readonly keepAliveIntervalMs: number;
  readonly serverTimeoutMs: number;
  readonly upgradeTimeoutMs: number;
  readonly stopTimeoutMs: number;
  readonly traceLibrary: boolean;
  readonly clock: Clock;
}

export function resolveConnectionConfig(options: HubConnectionOptions): ConnectionConfig {
  const keepAlive = options.keepAliveIntervalMs ?? 15_000;
  return {
    hub: options.hub,
    url: options.url,
    tokens: options.tokens,
    tokenTransport: options.tokenTransport ?? 'both',
    skipNegotiation: options.skipNegotiation ?? true,
    retryDelaysMs: normalizeRetryDelays(options.retryDelaysMs),
    keepAliveIntervalMs: keepAlive,
    serverTimeoutMs: options.serverTimeoutMs ?? 2 * keepAlive,
    upgradeTimeoutMs: options.upgradeTimeoutMs ?? 10_000,
    stopTimeoutMs: options.stopTimeoutMs ?? 2_000,
    traceLibrary: options.traceLibrary ?? false,
    clock: options.clock ?? systemClock,
  };
}

/** The connection's own log and timeline writers: redacted with its tokens, never throwing. */
export interface ConnectionWriters {
  readonly log: LogFn;
  readonly logEnabled: LogEnabled;
  readonly record: (step: TimelineStep) => void;
}

export function connectionWriters(options: HubConnectionOptions, tokens: SeenTokens): ConnectionWriters {
  const sink = options.log;
  const enabled = options.logEnabled ?? (() => true);
  const log: LogFn = (level, message) => {
    // Redaction is a regex pass: never for a line nobody writes.
    if (sink === undefined || !enabled(level)) return;
    try {
      sink(level, tokens.redact(message));
    } catch {
      // A throwing log sink must not break the connection.
    }
  };
  const record = (step: TimelineStep): void => {
    try {
      options.record?.(step);
    } catch (error) {
      log('warn', `[${options.hub}] timeline listener threw: ${errorText(error)}`);
    }
  };
  return { log, logEnabled: (level) => sink !== undefined && enabled(level), record };
}
