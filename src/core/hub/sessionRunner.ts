/**
 * The retry loop of one hub session: every attempt (the first start, a reconnect after a drop, a
 * server Close with or without allowReconnect, a silent server) builds a fresh ConnectAttempt with
 * the current token. A 401 gets one token refresh; terminal failures (401 a refresh did not cure,
 * 403, 404, no token) end the loop through `failed`. HubSession is the public facade around it.
 */
import { classifyFailure, errorText, type FailureEvidence } from '../errors/classify';
import { isTerminal, type HubFailure } from '../errors/hubError';
import { MARKET_EVENT_NAMES, USER_EVENT_NAMES } from '../events/types';
import type { TimelineStep } from '../timeline/types';
import type { Clock } from '../util/clock';
import { ConnectAttempt } from './connectAttempt';
import { signalrLogger, type LogEnabled, type LogFn } from './hubLogger';
import { retryDelay, WakeableDelay } from './retrySchedule';
import type { SessionCounters } from './sessionCounters';
import type { FrameSink } from './tokenWebSocket';
import type { HubKind, HubState, TokenProvider, TokenTransport } from './types';

/** A connection up this long counts as stable: the next drop starts the retry delays afresh. */
export const STABLE_CONNECTION_MS = 5_000;

export interface ConnectInfo {
  readonly connectionId: string | undefined;
  /** Increments with every successful connect; invocations belong to one generation. */
  readonly generation: number;
  readonly reconnect: boolean;
  readonly downMs: number;
}

/** The session options with every default filled in. */
export interface RunnerConfig {
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

/** What the loop needs from the session facade. */
export interface RunnerHooks {
  readonly counters: SessionCounters;
  /** Every token this session used (shared with the facade, which redacts with it). */
  readonly tokensSeen: string[];
  readonly frames: FrameSink;
  readonly log: LogFn;
  readonly logEnabled: LogEnabled;
  record(step: TimelineStep): void;
  redact(text: string): string;
  setState(state: HubState): void;
  onInvocation(target: string, args: unknown[]): void;
  onUnknownEvent(name: string): void;
  /** A successful connect (counters updated), before start() waiters resume. */
  connected(info: ConnectInfo): void;
  /** The loop gave up: a terminal failure, or a bug in the loop. */
  failed(cause: HubFailure): void;
}

type Outcome = { readonly kind: 'connected'; readonly attempt: ConnectAttempt } | { readonly kind: 'failed'; readonly failure: HubFailure } | { readonly kind: 'stopped' };

export class SessionRunner {
  private readonly delay = new WakeableDelay();
  private run = 0;
  private running = false;
  private attemptNow: ConnectAttempt | undefined;
  private forceReconnect = false;
  private connectGeneration = 0;

  constructor(
    private readonly cfg: RunnerConfig,
    private readonly hooks: RunnerHooks,
  ) {}

  /** True while the loop runs (connecting, connected or waiting to retry). */
  get active(): boolean {
    return this.running;
  }

  get generation(): number {
    return this.connectGeneration;
  }

  /** The attempt being made or the live connection. */
  get current(): ConnectAttempt | undefined {
    return this.attemptNow;
  }

  launch(): void {
    this.running = true;
    const run = ++this.run;
    this.runLoop(run).catch((error: unknown) => {
      // A bug in the loop must still end in a visible state, never an unhandled rejection.
      if (this.run !== run) return;
      this.giveUp(classifyFailure({ phase: 'connected', error }, this.hooks.tokensSeen));
    });
  }

  /** Ends the loop (any pending delay too); hands back the attempt in flight for the caller to stop. */
  cancel(): ConnectAttempt | undefined {
    this.run++;
    this.running = false;
    this.delay.wake();
    const attempt = this.attemptNow;
    this.attemptNow = undefined;
    return attempt;
  }

  /** Skips the pending retry delay. */
  wake(): void {
    this.delay.wake();
  }

  /** Drops the live connection on purpose; the loop reconnects at once. */
  dropAndReconnect(): void {
    if (!this.attemptNow) return;
    this.forceReconnect = true;
    void this.attemptNow.stop(this.cfg.stopTimeoutMs);
  }

  private now(): number {
    return this.cfg.clock.now();
  }

  private giveUp(cause: HubFailure): void {
    this.running = false;
    this.hooks.failed(cause);
  }

  private classify(evidence: FailureEvidence): HubFailure {
    return classifyFailure(evidence, this.hooks.tokensSeen);
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
        this.hooks.counters.clearConnection();
        const forced = this.forceReconnect;
        this.forceReconnect = false;
        if (forced) {
          cause = { kind: 'dropped', cause: 'reconnect requested', fix: 'none needed: reconnecting now' };
          this.hooks.record({ kind: 'close', intended: true, reason: 'reconnect requested' });
          delayMs = 0;
        } else {
          cause = this.classify(outcome.attempt.evidence(closeError, 'connected'));
          this.recordClose(outcome.attempt, closeError);
          this.hooks.log('warn', `[${this.cfg.hub}] ${cause.cause}`);
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
      this.hooks.setState({ kind: 'reconnecting', attempt: next, delayMs, nextAttemptAt: new Date(this.now() + delayMs), cause });
      this.hooks.record({ kind: 'reconnecting', attempt: next, delayMs, cause });
      await this.delay.wait(delayMs);
    }
  }

  private recordClose(attempt: ConnectAttempt, closeError: Error | undefined): void {
    const u = attempt.upgrade;
    this.hooks.record({
      kind: 'close',
      intended: false,
      ...(u.closeCode !== undefined ? { code: u.closeCode } : {}),
      ...(u.closeReason ? { reason: this.hooks.redact(u.closeReason) } : {}),
      ...(closeError ? { error: errorText(closeError, this.hooks.tokensSeen) } : {}),
    });
  }

  private async tryRefresh(): Promise<boolean> {
    this.hooks.record({ kind: 'note', text: 'the hub answered 401: refreshing the token' });
    try {
      this.rememberToken(await this.cfg.tokens.refresh(`the ${this.cfg.hub} hub answered 401`));
      return true;
    } catch (error) {
      this.hooks.log('warn', `[${this.cfg.hub}] token refresh failed: ${errorText(error, this.hooks.tokensSeen)}`);
      return false;
    }
  }

  private rememberToken(token: string): void {
    const seen = this.hooks.tokensSeen;
    if (!token || seen.includes(token)) return;
    seen.push(token);
    if (seen.length > 8) seen.shift();
  }

  private newAttempt(token: string): ConnectAttempt {
    const { cfg, hooks } = this;
    const counters = hooks.counters;
    return new ConnectAttempt({
      url: cfg.url,
      token,
      transport: cfg.tokenTransport,
      skipNegotiation: cfg.skipNegotiation,
      keepAliveIntervalMs: cfg.keepAliveIntervalMs,
      serverTimeoutMs: cfg.serverTimeoutMs,
      upgradeTimeoutMs: cfg.upgradeTimeoutMs,
      logger: signalrLogger(`[${cfg.hub}]`, hooks.log, hooks.logEnabled, cfg.traceLibrary),
      now: () => this.now(),
      eventNames: cfg.hub === 'user' ? USER_EVENT_NAMES : MARKET_EVENT_NAMES,
      onInvocation: hooks.onInvocation,
      onUnknownEvent: hooks.onUnknownEvent,
      onRecords: (count, at) => {
        counters.messages += count;
        counters.lastMessageAt = at;
      },
      frames: hooks.frames,
      redact: hooks.redact,
    });
  }

  private async connectOnce(run: number, attempt: number, reconnect: boolean, downSince: number | undefined): Promise<Outcome> {
    const { cfg, hooks } = this;
    hooks.setState({ kind: 'connecting', attempt });
    hooks.record({ kind: 'attempt', attempt, url: hooks.redact(cfg.url), transport: cfg.tokenTransport });
    let token: string;
    try {
      token = await cfg.tokens.getToken();
    } catch (error) {
      return this.run === run ? { kind: 'failed', failure: this.classify({ phase: 'token', error }) } : { kind: 'stopped' };
    }
    if (this.run !== run) return { kind: 'stopped' };
    this.rememberToken(token);
    const connectAttempt = (this.attemptNow = this.newAttempt(token));
    const result = await connectAttempt.start();
    if (this.run !== run) return { kind: 'stopped' };
    for (const step of connectAttempt.steps(result)) hooks.record(step);
    if (!result.ok) {
      this.attemptNow = undefined;
      await connectAttempt.stop(cfg.stopTimeoutMs);
      const failure = this.classify(connectAttempt.evidence(result.error, connectAttempt.failedPhase()));
      hooks.log('info', `[${cfg.hub}] attempt ${attempt} failed: ${failure.cause}`);
      return this.run === run ? { kind: 'failed', failure } : { kind: 'stopped' };
    }
    this.connectGeneration++;
    const counters = hooks.counters;
    const connectionId = (counters.connectionId = connectAttempt.connectionId);
    const since = (counters.connectedSince = this.now());
    if (reconnect) counters.reconnects++;
    const downMs = reconnect && downSince !== undefined ? this.now() - downSince : 0;
    hooks.setState({ kind: 'connected', connectionId, since: new Date(since) });
    if (reconnect) hooks.record({ kind: 'reconnected', downMs, ...(connectionId ? { connectionId } : {}) });
    hooks.log('info', `[${cfg.hub}] connected${reconnect ? ` after ${downMs} ms down` : ''}`);
    hooks.connected({ connectionId, generation: this.connectGeneration, reconnect, downMs });
    return { kind: 'connected', attempt: connectAttempt };
  }
}
