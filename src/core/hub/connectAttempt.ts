/**
 * One connect attempt = one fresh HubConnection (no library reconnect: the connection machine runs its own
 * loop so start failures, drops and server Close messages are all handled the same way). Records
 * what each step did so a failure names the step and the real cause.
 */
import type { HubConnection, IHttpConnectionOptions, ILogger, LogLevel } from '@microsoft/signalr';
import type WebSocket from 'ws';
import { signalr, ws } from './lazyModules';
import type { FailureEvidence, FailurePhase } from '../errors/classify';
import type { TimelineStep } from '../timeline/types';
import type { InboundSink } from './hubInbound';
import { createRecordingHttpClient, type NegotiateTrace } from './recordingHttpClient';
import { tokenWebSocketClass, withAccessToken, type FrameSink, type UpgradeTrace } from './tokenWebSocket';
import type { TokenTransport } from './types';

export interface AttemptConfig {
  /** The hub URL as configured (no token in it). */
  readonly url: string;
  readonly token: string;
  readonly transport: TokenTransport;
  readonly skipNegotiation: boolean;
  readonly keepAliveIntervalMs: number;
  readonly serverTimeoutMs: number;
  readonly upgradeTimeoutMs: number;
  readonly logger: ILogger;
  readonly now: () => number;
  /** Event names to listen to; one handler per name for this connection. */
  readonly eventNames: readonly string[];
  /** Where received messages, invocations and dropped invocations go (outlives the attempt). */
  readonly inbound: InboundSink;
  /** The raw frame tap (see tokenWebSocket). */
  readonly frames: FrameSink;
  /** Redacts a text with the tokens in use. */
  readonly redact: (text: string) => string;
}

export type StartResult = { readonly ok: true } | { readonly ok: false; readonly error: unknown };

export class ConnectAttempt {
  readonly negotiate: NegotiateTrace = {};
  readonly upgrade: UpgradeTrace = {};
  /** Resolves with the library's close error once a started connection closes (never rejects). */
  readonly closed: Promise<Error | undefined>;
  private readonly connection: HubConnection;
  private socket: WebSocket | undefined;
  private startedAt = 0;
  private settledAt: number | undefined;

  constructor(private readonly cfg: AttemptConfig) {
    const inbound = cfg.inbound;
    const logger = watchUnknownEvents(cfg.logger, inbound);
    let resolveClosed: (error: Error | undefined) => void = () => undefined;
    this.closed = new Promise((resolve) => (resolveClosed = resolve));
    const useHeader = cfg.transport !== 'query';
    const useQuery = cfg.transport !== 'header';
    // `WebSocket` is a supported option missing from the published typings.
    const options: IHttpConnectionOptions & { WebSocket: unknown } = {
      transport: signalr().HttpTransportType.WebSockets,
      skipNegotiation: cfg.skipNegotiation,
      // One token per attempt: the connection machine fetched the current one just before.
      ...(useHeader ? { accessTokenFactory: () => cfg.token } : {}),
      WebSocket: tokenWebSocketClass({
        token: cfg.token,
        transport: cfg.transport,
        upgradeTimeoutMs: cfg.upgradeTimeoutMs,
        trace: this.upgrade,
        now: cfg.now,
        onSocket: (socket) => (this.socket = socket),
        onRecords: inbound.messageReceived,
        frames: cfg.frames,
      }),
      httpClient: createRecordingHttpClient(logger, this.negotiate, cfg.now),
      logger,
      logMessageContent: false,
      timeout: cfg.upgradeTimeoutMs,
    };
    this.connection = new (signalr().HubConnectionBuilder)()
      .withUrl(withAccessToken(cfg.url, useQuery ? cfg.token : undefined), options)
      .withServerTimeout(cfg.serverTimeoutMs)
      .withKeepAliveInterval(cfg.keepAliveIntervalMs)
      .configureLogging(logger)
      .build();
    for (const name of cfg.eventNames) {
      this.connection.on(name, (...args: unknown[]) => inbound.invocation(name, args));
    }
    this.connection.onclose((error) => resolveClosed(error));
  }

  get connectionId(): string | undefined {
    return this.connection.connectionId ?? undefined;
  }

  async start(): Promise<StartResult> {
    this.startedAt = this.cfg.now();
    try {
      await this.connection.start();
      return { ok: true };
    } catch (error) {
      return { ok: false, error };
    } finally {
      this.settledAt = this.cfg.now();
    }
  }

  /** The step a failed start stopped at. */
  failedPhase(): FailurePhase {
    const n = this.negotiate;
    if (n.startedAt !== undefined && (n.errorMessage !== undefined || (n.status !== undefined && n.status !== 200))) return 'negotiate';
    return this.upgrade.openedAt === undefined ? 'upgrade' : 'handshake';
  }

  /** What we know about a failure in `phase`, for classifyFailure. */
  evidence(error: unknown, phase: FailurePhase): FailureEvidence {
    const host = safeHost(this.cfg.url);
    if (phase === 'negotiate') {
      return { phase, error, host, httpStatus: this.negotiate.status, code: this.negotiate.errorCode };
    }
    const u = this.upgrade;
    const closeCode = u.closeCode !== undefined && u.closeCode !== 1000 && u.closeCode !== 1005 ? u.closeCode : undefined;
    if (phase === 'upgrade') {
      return { phase, error, host, httpStatus: u.status, code: u.errorCode, socketMessage: u.errorMessage };
    }
    return { phase, error, host, code: u.errorCode, closeCode, closeReason: u.closeReason, serverTimeoutMs: this.cfg.serverTimeoutMs };
  }

  /** The timeline steps of this attempt's start (negotiate, upgrade, handshake, connected). */
  steps(result: StartResult): TimelineStep[] {
    const steps: TimelineStep[] = [];
    const n = this.negotiate;
    const end = this.settledAt ?? this.cfg.now();
    if (n.startedAt !== undefined) {
      const error = n.errorCode ?? (n.status === undefined ? n.errorMessage : undefined);
      steps.push({ kind: 'negotiate', ms: (n.endedAt ?? end) - n.startedAt, ...(n.status !== undefined ? { status: n.status } : {}), ...(error ? { error: this.cfg.redact(error) } : {}) });
    }
    const u = this.upgrade;
    if (u.startedAt !== undefined) {
      const failed = u.openedAt === undefined;
      const error = failed ? (u.errorCode ?? u.errorMessage ?? (result.ok ? undefined : 'closed before it opened')) : undefined;
      const status = u.status ?? (failed ? undefined : 101);
      steps.push({ kind: 'upgrade', ms: (u.endedAt ?? end) - u.startedAt, ...(status !== undefined ? { status } : {}), ...(error ? { error: this.cfg.redact(error) } : {}) });
    }
    if (u.openedAt !== undefined) {
      const error = result.ok ? undefined : this.cfg.redact(result.error instanceof Error ? result.error.message : String(result.error));
      steps.push({ kind: 'handshake', ms: end - u.openedAt, ...(error ? { error } : {}) });
    }
    if (result.ok) {
      const id = this.connectionId;
      steps.push({ kind: 'connected', ms: end - this.startedAt, ...(id ? { connectionId: id } : {}) });
    }
    return steps;
  }

  /** Invokes a hub method on this connection (rejects when not connected or on a server error). */
  invoke(method: string, args: readonly unknown[]): Promise<unknown> {
    return this.connection.invoke(method, ...args);
  }

  /** Closes within `boundMs` even when the upgrade was never answered (the library hangs there). */
  async stop(boundMs: number): Promise<void> {
    if (this.socket?.readyState === ws().CONNECTING) this.socket.terminate();
    await within(this.connection.stop().catch(() => undefined), boundMs);
    // Give the close handshake a moment so the server sees a clean close, then cut it.
    await within(socketClosed(this.socket), Math.min(500, boundMs));
    if (this.socket && this.socket.readyState !== ws().CLOSED) this.socket.terminate();
  }
}

/** The library's only trace of an invocation it drops: HubConnection._invokeClientMethod's warning. */
const NO_HANDLER = /^No client method with the name '(.*)' found\.$/s;

/** Passes every line on and reports the dropped invocations, whatever level the log is set to. */
function watchUnknownEvents(logger: ILogger, inbound: InboundSink): ILogger {
  return {
    log(level: LogLevel, message: string): void {
      if (level === signalr().LogLevel.Warning) {
        const name = NO_HANDLER.exec(message)?.[1];
        if (name !== undefined) {
          try {
            inbound.unknownEvent(name);
          } catch {
            // Never break the client's dispatch.
          }
        }
      }
      logger.log(level, message);
    },
  };
}

function socketClosed(socket: WebSocket | undefined): Promise<void> {
  if (!socket || socket.readyState === ws().CLOSED) return Promise.resolve();
  return new Promise((resolve) => socket.once('close', () => resolve()));
}

/** Waits for `promise` at most `ms` (the timer is cleared either way). */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
