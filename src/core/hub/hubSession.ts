/**
 * One hub connection, the public facade: state and event listeners, start/stop/reconnectNow/invoke,
 * stats, and the dispatch of server invocations to the parser. The retry loop (a fresh ConnectAttempt
 * per try, token refresh on 401) is SessionRunner. Terminal failures end in `failed`; an intended
 * stop ends in `disconnected`, never `failed`.
 */
import { errorText } from '../errors/classify';
import { HubError, type HubFailure } from '../errors/hubError';
import { parseHubInvocation } from '../events/parse';
import type { GatewayEvent } from '../events/types';
import type { RawFrame } from '../recording/types';
import type { TimelineStep } from '../timeline/types';
import { systemClock, type Clock } from '../util/clock';
import { Emitter, type Disposable } from '../util/emitter';
import { redact } from '../util/redact';
import type { LogEnabled, LogFn } from './hubLogger';
import { ParseFailureLog } from './parseFailureLog';
import { normalizeRetryDelays } from './retrySchedule';
import { SessionCounters } from './sessionCounters';
import { SessionRunner, type ConnectInfo, type RunnerConfig } from './sessionRunner';
import type { FrameSink } from './tokenWebSocket';
import type { HubKind, HubState, HubStats, TokenProvider, TokenTransport } from './types';

export { STABLE_CONNECTION_MS, type ConnectInfo } from './sessionRunner';

export interface HubSessionOptions {
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

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: HubError) => void;
}

function resolveOptions(options: HubSessionOptions): RunnerConfig {
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

export class HubSession implements Disposable {
  readonly hub: HubKind;
  private readonly opts: RunnerConfig;
  private readonly log: LogFn;
  private readonly recordStep: (step: TimelineStep) => void;
  private readonly stateEmitter: Emitter<HubState>;
  private readonly eventEmitter: Emitter<GatewayEvent>;
  private readonly connectEmitter: Emitter<ConnectInfo>;
  private readonly frameEmitter: Emitter<RawFrame>;
  private readonly tokensSeen: string[] = [];
  private readonly counters = new SessionCounters();
  private readonly parseFailures: ParseFailureLog;
  private readonly runner: SessionRunner;
  private _state: HubState = { kind: 'disconnected' };
  private disposed = false;
  private waiters: Waiter[] = [];

  constructor(options: HubSessionOptions) {
    this.hub = options.hub;
    this.opts = resolveOptions(options);
    const sink = options.log;
    const enabled = options.logEnabled ?? (() => true);
    const logEnabled: LogEnabled = (level) => sink !== undefined && enabled(level);
    this.log = (level, message) => {
      // Redaction is a regex pass: never for a line nobody writes.
      if (sink === undefined || !enabled(level)) return;
      try {
        sink(level, this.redact(message));
      } catch {
        // A throwing log sink must not break the session.
      }
    };
    this.recordStep = (step) => {
      try {
        options.record?.(step);
      } catch (error) {
        this.log('warn', `[${this.hub}] timeline listener threw: ${errorText(error)}`);
      }
    };
    const onListenerError = (error: unknown) => this.log('warn', `[${this.hub}] a listener threw: ${errorText(error, this.tokensSeen)}`);
    this.stateEmitter = new Emitter(onListenerError);
    this.eventEmitter = new Emitter(onListenerError);
    this.connectEmitter = new Emitter(onListenerError);
    const frames = (this.frameEmitter = new Emitter(onListenerError));
    const hub = this.hub;
    const frameSink: FrameSink = {
      get listening() {
        return frames.size > 0;
      },
      emit: (direction, text, at) => frames.fire({ at, hub, direction, text: this.redact(text) }),
    };
    this.parseFailures = new ParseFailureLog({
      record: this.recordStep,
      warn: (text) => this.log('warn', `[${hub}] ${text}`),
      redact: (text) => this.redact(text),
    });
    this.runner = new SessionRunner(this.opts, {
      counters: this.counters,
      tokensSeen: this.tokensSeen,
      frames: frameSink,
      log: this.log,
      logEnabled,
      record: this.recordStep,
      redact: (text) => this.redact(text),
      setState: (state) => this.setState(state),
      onInvocation: (target, args) => this.onInvocation(target, args),
      onUnknownEvent: (name) => this.parseFailures.noteUnknownEvent(name),
      connected: (info) => {
        this.connectEmitter.fire(info);
        this.settleWaiters();
      },
      failed: (cause) => this.fail(cause),
    });
  }

  readonly onDidChangeState = (listener: (state: HubState) => void): Disposable => this.stateEmitter.event(listener);
  readonly onEvent = (listener: (event: GatewayEvent) => void): Disposable => this.eventEmitter.event(listener);
  /** Fires after each successful connect, before start() waiters resume. */
  readonly onDidConnect = (listener: (info: ConnectInfo) => void): Disposable => this.connectEmitter.event(listener);
  /** Every raw WebSocket message in and out, redacted with every token this session used; free while nobody listens. */
  readonly onFrame = (listener: (frame: RawFrame) => void): Disposable => this.frameEmitter.event(listener);

  /** When the message being dispatched arrived (one clock read per message, shared by its events). */
  get messageTime(): number {
    return this.counters.lastMessageAt ?? this.opts.clock.now();
  }

  get state(): HubState {
    return this._state;
  }

  get connectionGeneration(): number {
    return this.runner.generation;
  }

  get isConnected(): boolean {
    return this._state.kind === 'connected';
  }

  get stats(): HubStats {
    return this.counters.snapshot(this.parseFailures.total);
  }

  /** How many invocations could not be read, by "Target/kind" or "unknown-event:<name>". */
  get parseFailureCounts(): ReadonlyMap<string, number> {
    return this.parseFailures.snapshot();
  }

  /** Redacts a text with every token this session used. */
  redact(text: string): string {
    return redact(text, this.tokensSeen);
  }

  /** Resolves once connected (or stopped on purpose first); rejects with HubError when it gives up. */
  start(): Promise<void> {
    if (this.disposed) return Promise.reject(new Error(`The ${this.hub} hub session was disposed; create a new monitor.`));
    if (this._state.kind === 'connected') return Promise.resolve();
    const connected = this.waitForConnect();
    if (!this.runner.active) this.runner.launch();
    return connected;
  }

  /** Drops the current connection (or skips the pending delay) and reconnects; never rejects. */
  async reconnectNow(): Promise<void> {
    if (this.disposed) return;
    const settled = this.waitForConnect().catch(() => undefined);
    if (!this.runner.active) {
      this.runner.launch();
    } else if (this._state.kind === 'reconnecting') {
      this.runner.wake();
    } else if (this._state.kind === 'connected') {
      this.runner.dropAndReconnect();
    }
    await settled;
  }

  /** Always settles within about stopTimeoutMs; an intended stop is never a failure. */
  async stop(): Promise<void> {
    const startedAt = this.opts.clock.now();
    const wasActive = this.runner.active;
    const attempt = this.runner.cancel();
    if (attempt) {
      await attempt.stop(this.opts.stopTimeoutMs);
      this.recordStep({ kind: 'close', intended: true });
    }
    if (wasActive) this.recordStep({ kind: 'stopped', ms: this.opts.clock.now() - startedAt });
    this.counters.clearConnection();
    this.setState({ kind: 'disconnected' });
    this.settleWaiters();
  }

  /** Invokes a hub method on the live connection of `generation` (rejects when that one is gone). */
  invoke(method: string, args: readonly unknown[], generation = this.runner.generation): Promise<unknown> {
    const attempt = this.runner.current;
    if (!attempt || this._state.kind !== 'connected' || generation !== this.runner.generation) {
      return Promise.reject(new Error(`the ${this.hub} hub is not connected`));
    }
    return attempt.invoke(method, args);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    void this.stop()
      .catch((error: unknown) => this.log('error', `[${this.hub}] stop failed: ${errorText(error)}`))
      .finally(() => {
        this.stateEmitter.dispose();
        this.eventEmitter.dispose();
        this.connectEmitter.dispose();
        this.frameEmitter.dispose();
      });
  }

  private waitForConnect(): Promise<void> {
    return new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private settleWaiters(error?: HubError): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      if (error) w.reject(error);
      else w.resolve();
    }
  }

  private setState(state: HubState): void {
    this._state = state;
    this.stateEmitter.fire(state);
  }

  private fail(cause: HubFailure): void {
    this.recordStep({ kind: 'failed', cause });
    this.log('error', `[${this.hub}] ${cause.cause}. ${cause.fix}`);
    this.setState({ kind: 'failed', cause });
    this.settleWaiters(new HubError(cause));
  }

  /** Every server invocation goes through the parser; a failure is counted, never thrown into the client. */
  private onInvocation(target: string, args: unknown[]): void {
    try {
      const parsed = parseHubInvocation(this.hub, target, args);
      if (!parsed.ok) return this.parseFailures.note(target, parsed.kind, parsed.reason);
      for (const event of parsed.events) {
        this.counters.events++;
        this.eventEmitter.fire(event);
      }
    } catch (error) {
      this.parseFailures.note(target, 'exception', errorText(error, this.tokensSeen));
    }
  }
}
