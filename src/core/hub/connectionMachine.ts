/**
 * The one owner of a hub connection's state machine: disconnected → connecting → connected →
 * reconnecting … and failed. Every try (the first start, a reconnect after a drop, a server Close
 * with or without allowReconnect, a silent server) is a fresh ConnectAttempt with the current
 * token. A 401 gets one token refresh; terminal failures (401 a refresh did not cure, 403, 404, no
 * token) end in `failed`; an intended stop ends in `disconnected`, never `failed`. It tells what
 * happens through its own events (state, connect, failure, events with their message time, frames).
 */
import { classifyFailure, errorText, type FailureEvidence } from '../errors/classify';
import { HubError, isTerminal, type HubFailure } from '../errors/hubError';
import { MARKET_EVENT_NAMES, USER_EVENT_NAMES } from '../events/types';
import type { RawFrame } from '../recording/types';
import type { TimelineStep } from '../timeline/types';
import { Emitter, type Disposable } from '../util/emitter';
import { ConnectAttempt } from './connectAttempt';
import { connectionWriters, resolveConnectionConfig, type ConnectionConfig, type HubConnectionOptions } from './connectionOptions';
import { HubInbound } from './hubInbound';
import { signalrLogger, type LogEnabled, type LogFn } from './hubLogger';
import { ParseFailureLog } from './parseFailureLog';
import { retryDelay, WakeableDelay } from './retrySchedule';
import { SeenTokens } from './seenTokens';
import type { FrameSink } from './tokenWebSocket';
import type { HubEventListener, HubKind, HubState, HubStats } from './types';

/** A connection up this long counts as stable: the next drop starts the retry delays afresh. */
export const STABLE_CONNECTION_MS = 5_000;

export interface ConnectInfo {
  readonly connectionId: string | undefined;
  /** Increments with every successful connect; invocations belong to one generation. */
  readonly generation: number;
  readonly reconnect: boolean;
  readonly downMs: number;
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: HubError) => void;
}

type Outcome = { readonly kind: 'connected'; readonly attempt: ConnectAttempt } | { readonly kind: 'failed'; readonly failure: HubFailure } | { readonly kind: 'stopped' };

/** The live connection's facts for the stats; cleared when it goes. */
interface LiveConnection {
  readonly connectionId: string | undefined;
  readonly since: number;
}

export class HubConnectionMachine implements Disposable {
  readonly hub: HubKind;
  private readonly cfg: ConnectionConfig;
  private readonly tokens = new SeenTokens();
  private readonly log: LogFn;
  private readonly logEnabled: LogEnabled;
  private readonly record: (step: TimelineStep) => void;
  private readonly parseFailures: ParseFailureLog;
  private readonly inbound: HubInbound;
  private readonly frames: FrameSink;
  private readonly stateEmitter: Emitter<HubState>;
  private readonly connectEmitter: Emitter<ConnectInfo>;
  private readonly failEmitter: Emitter<HubFailure>;
  private readonly frameEmitter: Emitter<RawFrame>;
  private readonly delay = new WakeableDelay();
  private currentState: HubState = { kind: 'disconnected' };
  private disposed = false;
  private waiters: Waiter[] = [];
  /** Bumped by every launch and stop: a loop whose number is stale ends at its next await. */
  private run = 0;
  private running = false;
  private attemptNow: ConnectAttempt | undefined;
  private forceReconnect = false;
  private generation = 0;
  private live: LiveConnection | undefined;
  private reconnects = 0;

  constructor(options: HubConnectionOptions) {
    this.hub = options.hub;
    this.cfg = resolveConnectionConfig(options);
    ({ log: this.log, logEnabled: this.logEnabled, record: this.record } = connectionWriters(options, this.tokens));
    const onListenerError = (error: unknown) => this.log('warn', `[${this.hub}] a listener threw: ${errorText(error, this.tokens.list)}`);
    this.stateEmitter = new Emitter(onListenerError);
    this.connectEmitter = new Emitter(onListenerError);
    this.failEmitter = new Emitter(onListenerError);
    const frames = (this.frameEmitter = new Emitter(onListenerError));
    const { hub, tokens } = this;
    this.frames = {
      get listening() {
        return frames.size > 0;
      },
      emit: (direction, text, at) => frames.fire({ at, hub, direction, text: tokens.redact(text) }),
    };
    this.parseFailures = new ParseFailureLog({ record: this.record, warn: (text) => this.log('warn', `[${hub}] ${text}`), redact: tokens.redact });
    this.inbound = new HubInbound({ hub, parseFailures: this.parseFailures, tokens, clock: this.cfg.clock, onListenerError });
  }

  readonly onDidChangeState = (listener: (state: HubState) => void): Disposable => this.stateEmitter.event(listener);
  /** Every parsed event with the time its message arrived (epoch ms; no clock read per event). */
  readonly onEvent = (listener: HubEventListener): Disposable => this.inbound.onEvent(listener);
  /** Fires after each successful connect, before start() waiters resume. */
  readonly onDidConnect = (listener: (info: ConnectInfo) => void): Disposable => this.connectEmitter.event(listener);
  /** Fires when the machine gives up (the state is then `failed`). */
  readonly onDidFail = (listener: (cause: HubFailure) => void): Disposable => this.failEmitter.event(listener);
  /** Every raw WebSocket message in and out, redacted with every token this connection used; free while nobody listens. */
  readonly onFrame = (listener: (frame: RawFrame) => void): Disposable => this.frameEmitter.event(listener);

  get state(): HubState {
    return this.currentState;
  }

  /** Increments with every successful connect. */
  get connectionGeneration(): number {
    return this.generation;
  }

  get isConnected(): boolean {
    return this.currentState.kind === 'connected';
  }

  get stats(): HubStats {
    const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));
    return {
      messages: this.inbound.messages,
      events: this.inbound.events,
      lastMessageAt: date(this.inbound.lastMessageAt),
      lastEventAt: date(this.inbound.lastEventAt),
      connectedSince: date(this.live?.since),
      connectionId: this.live?.connectionId,
      reconnects: this.reconnects,
      parseFailures: this.parseFailures.total,
    };
  }

  /** How many invocations could not be read, by "Target/kind" or "unknown-event:<name>". */
  get parseFailureCounts(): ReadonlyMap<string, number> {
    return this.parseFailures.snapshot();
  }

  /** Redacts a text with every token this connection used. */
  redact(text: string): string {
    return this.tokens.redact(text);
  }

  /** Resolves once connected (or stopped on purpose first); rejects with HubError when it gives up. */
  start(): Promise<void> {
    if (this.disposed) return Promise.reject(new Error(`The ${this.hub} hub connection was disposed; create a new monitor.`));
    if (this.currentState.kind === 'connected') return Promise.resolve();
    const connected = this.waitForConnect();
    if (!this.running) this.launch();
    return connected;
  }

  /** Drops the current connection (or skips the pending delay) and reconnects; never rejects. */
  async reconnectNow(): Promise<void> {
    if (this.disposed) return;
    const settled = this.waitForConnect().catch(() => undefined);
    if (!this.running) {
      this.launch();
    } else if (this.currentState.kind === 'reconnecting') {
      this.delay.wake();
    } else if (this.currentState.kind === 'connected' && this.attemptNow) {
      this.forceReconnect = true;
      void this.attemptNow.stop(this.cfg.stopTimeoutMs);
    }
    await settled;
  }

  /** Always settles within about stopTimeoutMs; an intended stop is never a failure. */
  async stop(): Promise<void> {
    const startedAt = this.cfg.clock.now();
    const wasActive = this.running;
    this.run++;
    this.running = false;
    this.delay.wake();
    const attempt = this.attemptNow;
    this.attemptNow = undefined;
    if (attempt) {
      await attempt.stop(this.cfg.stopTimeoutMs);
      this.record({ kind: 'close', intended: true });
    }
    if (wasActive) this.record({ kind: 'stopped', ms: this.cfg.clock.now() - startedAt });
    this.live = undefined;
    this.setState({ kind: 'disconnected' });
    this.settleWaiters();
  }

  /** Invokes a hub method on the live connection of `generation` (rejects when that one is gone). */
  invoke(method: string, args: readonly unknown[], generation = this.generation): Promise<unknown> {
    const attempt = this.attemptNow;
    if (!attempt || this.currentState.kind !== 'connected' || generation !== this.generation) {
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
        this.connectEmitter.dispose();
        this.failEmitter.dispose();
        this.frameEmitter.dispose();
        this.inbound.dispose();
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
    this.currentState = state;
    this.stateEmitter.fire(state);
  }

  private now(): number {
    return this.cfg.clock.now();
  }

  private classify(evidence: FailureEvidence): HubFailure {
    return classifyFailure(evidence, this.tokens.list);
  }

  private launch(): void {
    this.running = true;
    const run = ++this.run;
    this.runLoop(run).catch((error: unknown) => {
      // A bug in the loop must still end in a visible state, never an unhandled rejection.
      if (this.run !== run) return;
      this.giveUp(classifyFailure({ phase: 'connected', error }, this.tokens.list));
    });
  }

  private giveUp(cause: HubFailure): void {
    this.running = false;
    this.record({ kind: 'failed', cause });
    this.log('error', `[${this.hub}] ${cause.cause}. ${cause.fix}`);
    this.setState({ kind: 'failed', cause });
    this.failEmitter.fire(cause);
    this.settleWaiters(new HubError(cause));
  }

  private async runLoop(run: number): Promise<void> {
    const delays = this.cfg.retryDelaysMs;
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
        this.attemptNow = undefined;
        downSince = this.now();
        this.live = undefined;
        const forced = this.forceReconnect;
        this.forceReconnect = false;
        if (forced) {
          cause = { kind: 'dropped', cause: 'reconnect requested', fix: 'none needed: reconnecting now' };
          this.record({ kind: 'close', intended: true, reason: 'reconnect requested' });
          delayMs = 0;
        } else {
          cause = this.classify(outcome.attempt.evidence(closeError, 'connected'));
          this.recordClose(outcome.attempt, closeError);
          this.log('warn', `[${this.hub}] ${cause.cause}`);
          delayMs = retryDelay(delays, retryIndex++);
        }
      } else {
        cause = outcome.failure;
        if (cause.kind === 'unauthorized' && !refreshedAfterAuth) {
          refreshedAfterAuth = true;
          const refreshed = await this.tryRefresh();
          if (this.run !== run) return;
          if (!refreshed) return this.giveUp({ ...cause, cause: `${cause.cause}; the token could not be refreshed` });
          delayMs = 0; // the refresh is the cure: retry at once
          cause = { ...cause, fix: 'the token was refreshed; retrying now' };
        } else if (isTerminal(cause.kind)) {
          const suffix = cause.kind === 'unauthorized' ? ' even after a token refresh' : '';
          return this.giveUp({ ...cause, cause: `${cause.cause}${suffix}` });
        } else {
          delayMs = retryDelay(delays, retryIndex++);
        }
      }
      const next = attempt + 1;
      this.setState({ kind: 'reconnecting', attempt: next, delayMs, nextAttemptAt: new Date(this.now() + delayMs), cause });
      this.record({ kind: 'reconnecting', attempt: next, delayMs, cause });
      await this.delay.wait(delayMs);
    }
  }

  private recordClose(attempt: ConnectAttempt, closeError: Error | undefined): void {
    const u = attempt.upgrade;
    this.record({
      kind: 'close',
      intended: false,
      ...(u.closeCode !== undefined ? { code: u.closeCode } : {}),
      ...(u.closeReason ? { reason: this.tokens.redact(u.closeReason) } : {}),
      ...(closeError ? { error: errorText(closeError, this.tokens.list) } : {}),
    });
  }

  private async tryRefresh(): Promise<boolean> {
    this.record({ kind: 'note', text: 'the hub answered 401: refreshing the token' });
    try {
      this.tokens.remember(await this.cfg.tokens.refresh(`the ${this.hub} hub answered 401`));
      return true;
    } catch (error) {
      this.log('warn', `[${this.hub}] token refresh failed: ${errorText(error, this.tokens.list)}`);
      return false;
    }
  }

  private newAttempt(token: string): ConnectAttempt {
    const { cfg } = this;
    return new ConnectAttempt({
      url: cfg.url,
      token,
      transport: cfg.tokenTransport,
      skipNegotiation: cfg.skipNegotiation,
      keepAliveIntervalMs: cfg.keepAliveIntervalMs,
      serverTimeoutMs: cfg.serverTimeoutMs,
      upgradeTimeoutMs: cfg.upgradeTimeoutMs,
      logger: signalrLogger(`[${cfg.hub}]`, this.log, this.logEnabled, cfg.traceLibrary),
      now: () => this.now(),
      eventNames: cfg.hub === 'user' ? USER_EVENT_NAMES : MARKET_EVENT_NAMES,
      inbound: this.inbound,
      frames: this.frames,
      redact: this.tokens.redact,
    });
  }

  private async connectOnce(run: number, attempt: number, reconnect: boolean, downSince: number | undefined): Promise<Outcome> {
    const { cfg } = this;
    this.setState({ kind: 'connecting', attempt });
    this.record({ kind: 'attempt', attempt, url: this.tokens.redact(cfg.url), transport: cfg.tokenTransport });
    let token: string;
    try {
      token = await cfg.tokens.getToken();
    } catch (error) {
      return this.run === run ? { kind: 'failed', failure: this.classify({ phase: 'token', error }) } : { kind: 'stopped' };
    }
    if (this.run !== run) return { kind: 'stopped' };
    this.tokens.remember(token);
    const connectAttempt = (this.attemptNow = this.newAttempt(token));
    const result = await connectAttempt.start();
    if (this.run !== run) return { kind: 'stopped' };
    for (const step of connectAttempt.steps(result)) this.record(step);
    if (!result.ok) {
      this.attemptNow = undefined;
      await connectAttempt.stop(cfg.stopTimeoutMs);
      const failure = this.classify(connectAttempt.evidence(result.error, connectAttempt.failedPhase()));
      this.log('info', `[${cfg.hub}] attempt ${attempt} failed: ${failure.cause}`);
      return this.run === run ? { kind: 'failed', failure } : { kind: 'stopped' };
    }
    this.generation++;
    const connectionId = connectAttempt.connectionId;
    const since = this.now();
    this.live = { connectionId, since };
    if (reconnect) this.reconnects++;
    const downMs = reconnect && downSince !== undefined ? this.now() - downSince : 0;
    this.setState({ kind: 'connected', connectionId, since: new Date(since) });
    if (reconnect) this.record({ kind: 'reconnected', downMs, ...(connectionId ? { connectionId } : {}) });
    this.log('info', `[${cfg.hub}] connected${reconnect ? ` after ${downMs} ms down` : ''}`);
    this.connectEmitter.fire({ connectionId, generation: this.generation, reconnect, downMs });
    this.settleWaiters();
    return { kind: 'connected', attempt: connectAttempt };
  }
}
