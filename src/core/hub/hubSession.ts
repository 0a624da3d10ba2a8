/**
 * One hub connection with our own retry loop: every attempt (the first start, a reconnect after a
 * drop, a server Close with or without allowReconnect, a silent server) builds a fresh
 * ConnectAttempt with the current token. Terminal failures (401 a token refresh did not cure,
 * 403, 404, no token) end in `failed`; an intended stop ends in `disconnected`, never `failed`.
 */
import { classifyFailure, errorText, type FailureEvidence } from '../errors/classify';
import { HubError, isTerminal, type HubFailure } from '../errors/hubError';
import { parseHubInvocation } from '../events/parse';
import { MARKET_EVENT_NAMES, USER_EVENT_NAMES, type GatewayEvent } from '../events/types';
import type { TimelineStep } from '../timeline/types';
import { systemClock, type Clock } from '../util/clock';
import { Emitter, type Disposable } from '../util/emitter';
import { redact } from '../util/redact';
import { ConnectAttempt } from './connectAttempt';
import type { FrameSink } from './tokenWebSocket';
import type { RawFrame } from '../recording/types';
import { signalrLogger, type LogEnabled, type LogFn } from './hubLogger';
import { normalizeRetryDelays, retryDelay, WakeableDelay } from './retrySchedule';
import type { HubKind, HubState, HubStats, TokenProvider, TokenTransport } from './types';

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

export interface ConnectInfo {
  readonly connectionId: string | undefined;
  /** Increments with every successful connect; invocations belong to one generation. */
  readonly generation: number;
  readonly reconnect: boolean;
  readonly downMs: number;
}

/** A connection up this long counts as stable: the next drop starts the retry delays afresh. */
export const STABLE_CONNECTION_MS = 5_000;

type Outcome = { readonly kind: 'connected'; readonly attempt: ConnectAttempt } | { readonly kind: 'failed'; readonly failure: HubFailure } | { readonly kind: 'stopped' };

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: HubError) => void;
}

export class HubSession implements Disposable {
  readonly hub: HubKind;
  private readonly opts: Required<Omit<HubSessionOptions, 'record' | 'log' | 'logEnabled' | 'tokens'>> & Pick<HubSessionOptions, 'tokens'>;
  private readonly logEnabled: LogEnabled;
  private readonly log: LogFn;
  private readonly recordStep: (step: TimelineStep) => void;
  private readonly stateEmitter: Emitter<HubState>;
  private readonly eventEmitter: Emitter<GatewayEvent>;
  private readonly connectEmitter: Emitter<ConnectInfo>;
  private readonly frameEmitter: Emitter<RawFrame>;
  private readonly frameSink: FrameSink;
  private readonly delay = new WakeableDelay();
  private readonly tokensSeen: string[] = [];
  private readonly parseFailures = new Map<string, number>();
  private _state: HubState = { kind: 'disconnected' };
  private run = 0;
  private active = false;
  private disposed = false;
  private current: ConnectAttempt | undefined;
  private forceReconnect = false;
  private waiters: Waiter[] = [];
  private generation = 0;
  private messages = 0;
  private events = 0;
  private reconnects = 0;
  private lastMessageAt: number | undefined;
  private connectedSince: number | undefined;
  private connectionId: string | undefined;

  constructor(options: HubSessionOptions) {
    this.hub = options.hub;
    const keepAlive = options.keepAliveIntervalMs ?? 15_000;
    this.opts = {
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
    const sink = options.log;
    const enabled = options.logEnabled ?? (() => true);
    this.logEnabled = (level) => sink !== undefined && enabled(level);
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
    this.frameSink = {
      get listening() {
        return frames.size > 0;
      },
      emit: (direction, text, at) => frames.fire({ at, hub, direction, text: this.redact(text) }),
    };
  }

  readonly onDidChangeState = (listener: (state: HubState) => void): Disposable => this.stateEmitter.event(listener);
  readonly onEvent = (listener: (event: GatewayEvent) => void): Disposable => this.eventEmitter.event(listener);
  /** Fires after each successful connect, before start() waiters resume. */
  readonly onDidConnect = (listener: (info: ConnectInfo) => void): Disposable => this.connectEmitter.event(listener);
  /** Every raw WebSocket message in and out, redacted with every token this session used; free while nobody listens. */
  readonly onFrame = (listener: (frame: RawFrame) => void): Disposable => this.frameEmitter.event(listener);

  /** When the message being dispatched arrived (one clock read per message, shared by its events). */
  get messageTime(): number {
    return this.lastMessageAt ?? this.now();
  }

  get state(): HubState {
    return this._state;
  }

  get connectionGeneration(): number {
    return this.generation;
  }

  get isConnected(): boolean {
    return this._state.kind === 'connected';
  }

  get stats(): HubStats {
    const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));
    return {
      messages: this.messages,
      events: this.events,
      lastMessageAt: date(this.lastMessageAt),
      connectedSince: date(this.connectedSince),
      connectionId: this.connectionId,
      reconnects: this.reconnects,
    };
  }

  /** How many invocations could not be parsed, by "Target/kind". */
  get parseFailureCounts(): ReadonlyMap<string, number> {
    return new Map(this.parseFailures);
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
    if (!this.active) this.launch();
    return connected;
  }

  /** Drops the current connection (or skips the pending delay) and reconnects; never rejects. */
  async reconnectNow(): Promise<void> {
    if (this.disposed) return;
    const settled = this.waitForConnect().catch(() => undefined);
    if (!this.active) {
      this.launch();
    } else if (this._state.kind === 'reconnecting') {
      this.delay.wake();
    } else if (this._state.kind === 'connected' && this.current) {
      this.forceReconnect = true;
      void this.current.stop(this.opts.stopTimeoutMs);
    }
    await settled;
  }

  /** Always settles within about stopTimeoutMs; an intended stop is never a failure. */
  async stop(): Promise<void> {
    const startedAt = this.now();
    const wasActive = this.active;
    this.run++;
    this.active = false;
    this.delay.wake();
    const attempt = this.current;
    this.current = undefined;
    if (attempt) {
      await attempt.stop(this.opts.stopTimeoutMs);
      this.recordStep({ kind: 'close', intended: true });
    }
    if (wasActive) this.recordStep({ kind: 'stopped', ms: this.now() - startedAt });
    this.connectionId = undefined;
    this.connectedSince = undefined;
    this.setState({ kind: 'disconnected' });
    this.settleWaiters();
  }

  /** Invokes a hub method on the live connection of `generation` (rejects when that one is gone). */
  invoke(method: string, args: readonly unknown[], generation = this.generation): Promise<unknown> {
    const attempt = this.current;
    if (!attempt || this._state.kind !== 'connected' || generation !== this.generation) {
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

  private now(): number {
    return this.opts.clock.now();
  }

  private launch(): void {
    this.active = true;
    const run = ++this.run;
    this.runLoop(run).catch((error: unknown) => {
      // A bug in the loop must still end in a visible state, never an unhandled rejection.
      if (this.run !== run) return;
      this.active = false;
      this.fail(classifyFailure({ phase: 'connected', error }, this.tokensSeen));
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
    this.active = false;
    this.recordStep({ kind: 'failed', cause });
    this.log('error', `[${this.hub}] ${cause.cause}. ${cause.fix}`);
    this.setState({ kind: 'failed', cause });
    this.settleWaiters(new HubError(cause));
  }

  private classify(evidence: FailureEvidence): HubFailure {
    return classifyFailure(evidence, this.tokensSeen);
  }

  private async runLoop(run: number): Promise<void> {
    const delays = this.opts.retryDelaysMs;
    let attempt = 0;
    let retryIndex = 0;
    let refreshedAfterAuth = false;
    let connectedBefore = false;
    let downSince: number | undefined;
    while (this.run === run) {
      attempt++;
      const outcome = await this.connectOnce(run, attempt, connectedBefore, downSince);
      if (outcome.kind === 'stopped' || this.run !== run) return;
      let cause: HubFailure;
      let delayMs: number;
      if (outcome.kind === 'connected') {
        connectedBefore = true;
        attempt = 0;
        refreshedAfterAuth = false;
        const connectedAt = this.now();
        const closeError = await outcome.attempt.closed;
        if (this.run !== run) return;
        // Only a connection that stayed up restarts the schedule: a server that accepts and closes
        // at once must meet the growing delays, not a 0 ms reconnect loop.
        if (this.now() - connectedAt >= STABLE_CONNECTION_MS) retryIndex = 0;
        this.current = undefined;
        downSince = this.now();
        this.connectionId = undefined;
        this.connectedSince = undefined;
        const forced = this.forceReconnect;
        this.forceReconnect = false;
        const u = outcome.attempt.upgrade;
        if (forced) {
          cause = { kind: 'dropped', cause: 'reconnect requested', fix: 'none needed: reconnecting now' };
          this.recordStep({ kind: 'close', intended: true, reason: 'reconnect requested' });
          delayMs = 0;
        } else {
          cause = this.classify(outcome.attempt.evidence(closeError, 'connected'));
          this.recordStep({
            kind: 'close',
            intended: false,
            ...(u.closeCode !== undefined ? { code: u.closeCode } : {}),
            ...(u.closeReason ? { reason: this.redact(u.closeReason) } : {}),
            ...(closeError ? { error: errorText(closeError, this.tokensSeen) } : {}),
          });
          this.log('warn', `[${this.hub}] ${cause.cause}`);
          delayMs = retryDelay(delays, retryIndex++);
        }
      } else {
        cause = outcome.failure;
        if (cause.kind === 'unauthorized' && !refreshedAfterAuth) {
          refreshedAfterAuth = true;
          const refreshed = await this.tryRefresh();
          if (this.run !== run) return;
          if (!refreshed) return this.fail({ ...cause, cause: `${cause.cause}; the token could not be refreshed` });
          delayMs = 0; // the refresh is the cure: retry at once
        } else if (isTerminal(cause.kind)) {
          const suffix = cause.kind === 'unauthorized' ? ' even after a token refresh' : '';
          return this.fail({ ...cause, cause: `${cause.cause}${suffix}` });
        } else {
          delayMs = retryDelay(delays, retryIndex++);
        }
      }
      const next = attempt + 1;
      this.setState({ kind: 'reconnecting', attempt: next, delayMs, nextAttemptAt: new Date(this.now() + delayMs), cause });
      this.recordStep({ kind: 'reconnecting', attempt: next, delayMs, cause });
      await this.delay.wait(delayMs);
    }
  }

  private async tryRefresh(): Promise<boolean> {
    this.recordStep({ kind: 'note', text: 'the hub answered 401: refreshing the token' });
    try {
      this.rememberToken(await this.opts.tokens.refresh(`the ${this.hub} hub answered 401`));
      return true;
    } catch (error) {
      this.log('warn', `[${this.hub}] token refresh failed: ${errorText(error, this.tokensSeen)}`);
      return false;
    }
  }

  private rememberToken(token: string): void {
    if (!token || this.tokensSeen.includes(token)) return;
    this.tokensSeen.push(token);
    if (this.tokensSeen.length > 8) this.tokensSeen.shift();
  }

  private async connectOnce(run: number, attempt: number, reconnect: boolean, downSince: number | undefined): Promise<Outcome> {
    this.setState({ kind: 'connecting', attempt });
    this.recordStep({ kind: 'attempt', attempt, url: this.redact(this.opts.url), transport: this.opts.tokenTransport });
    let token: string;
    try {
      token = await this.opts.tokens.getToken();
    } catch (error) {
      return this.run === run ? { kind: 'failed', failure: this.classify({ phase: 'token', error }) } : { kind: 'stopped' };
    }
    if (this.run !== run) return { kind: 'stopped' };
    this.rememberToken(token);
    const connectAttempt = new ConnectAttempt({
      url: this.opts.url,
      token,
      transport: this.opts.tokenTransport,
      skipNegotiation: this.opts.skipNegotiation,
      keepAliveIntervalMs: this.opts.keepAliveIntervalMs,
      serverTimeoutMs: this.opts.serverTimeoutMs,
      upgradeTimeoutMs: this.opts.upgradeTimeoutMs,
      logger: signalrLogger(`[${this.hub}]`, this.log, this.logEnabled, this.opts.traceLibrary),
      now: () => this.now(),
      eventNames: this.hub === 'user' ? USER_EVENT_NAMES : MARKET_EVENT_NAMES,
      onInvocation: (target, args) => this.onInvocation(target, args),
      onRecords: (count, at) => {
        this.messages += count;
        this.lastMessageAt = at;
      },
      frames: this.frameSink,
      redact: (text) => this.redact(text),
    });
    this.current = connectAttempt;
    const result = await connectAttempt.start();
    if (this.run !== run) return { kind: 'stopped' };
    for (const step of connectAttempt.steps(result)) this.recordStep(step);
    if (!result.ok) {
      this.current = undefined;
      await connectAttempt.stop(this.opts.stopTimeoutMs);
      const failure = this.classify(connectAttempt.evidence(result.error, connectAttempt.failedPhase()));
      this.log('info', `[${this.hub}] attempt ${attempt} failed: ${failure.cause}`);
      return this.run === run ? { kind: 'failed', failure } : { kind: 'stopped' };
    }
    this.generation++;
    this.connectionId = connectAttempt.connectionId;
    this.connectedSince = this.now();
    if (reconnect) this.reconnects++;
    const downMs = reconnect && downSince !== undefined ? this.now() - downSince : 0;
    this.setState({ kind: 'connected', connectionId: this.connectionId, since: new Date(this.connectedSince) });
    if (reconnect) this.recordStep({ kind: 'reconnected', downMs, ...(this.connectionId ? { connectionId: this.connectionId } : {}) });
    this.log('info', `[${this.hub}] connected${reconnect ? ` after ${downMs} ms down` : ''}`);
    this.connectEmitter.fire({ connectionId: this.connectionId, generation: this.generation, reconnect, downMs });
    this.settleWaiters();
    return { kind: 'connected', attempt: connectAttempt };
  }

  /** Every server invocation goes through the parser; a failure is counted, never thrown into the client. */
  private onInvocation(target: string, args: unknown[]): void {
    try {
      const parsed = parseHubInvocation(this.hub, target, args);
      if (!parsed.ok) return this.noteParseFailure(target, parsed.kind, parsed.reason);
      for (const event of parsed.events) {
        this.events++;
        this.eventEmitter.fire(event);
      }
    } catch (error) {
      this.noteParseFailure(target, 'exception', errorText(error, this.tokensSeen));
    }
  }

  private noteParseFailure(target: string, kind: string, reason: string): void {
    const key = `${target}/${kind}`;
    const count = (this.parseFailures.get(key) ?? 0) + 1;
    this.parseFailures.set(key, count);
    if (count > 1) return;
    const text = this.redact(reason);
    this.recordStep({ kind: 'parse-failure', event: target, reason: text, count });
    this.log('warn', `[${this.hub}] could not parse ${target}: ${text}`);
  }
}
