/**
 * Holds the JWT for REST and both hubs. Reads `exp`, refreshes through Auth/validate before expiry
 * (an unref'd timer, and getToken() inside the refresh window), signs in again with the API key
 * when validate refuses, and shares one in-flight refresh among concurrent callers. When no token
 * can be had it fires onDidFail and getToken() rejects with a HubError 'token-unavailable'.
 * The token itself never reaches the timeline or an error text.
 */
import { HubError, isTerminal, type HubFailure } from '../errors/hubError';
import type { GatewayApi } from '../gateway/types';
import type { TokenSourceApi } from '../monitor/types';
import type { TimelineStep } from '../timeline/types';
import { systemClock, type Clock } from '../util/clock';
import { Emitter, type Disposable } from '../util/emitter';
import { redact } from '../util/redact';
import { readJwtExpiry } from './jwt';
import { isRejection, loginRejected, notSignedIn, refreshUnreachable, sessionExpired } from './tokenFailure';

/** Runs `callback` after `ms` of clock time; disposing cancels it. */
export type SetTimer = (callback: () => void, ms: number) => Disposable;

/** The default timer: real time, unref'd so a pending refresh never keeps the process alive. */
export const realTimer: SetTimer = (callback, ms) => {
  const timer = setTimeout(callback, ms);
  timer.unref();
  return { dispose: () => clearTimeout(timer) };
};

export interface TokenSourceOptions {
  readonly gateway: GatewayApi;
  readonly token?: string;
  readonly credentials?: { readonly userName: string; readonly apiKey: string };
  /** Refresh this long before `exp`. Default: 10 % of the token's lifetime, between 5 s and 30 min. */
  readonly refreshBeforeMs?: number;
  readonly clock?: Clock;
  /** Schedules the proactive refresh in `clock` time; a test moving the clock fast passes its own. */
  readonly setTimer?: SetTimer;
  readonly record?: (step: TimelineStep) => void;
}

const MAX_LEAD_MS = 30 * 60_000;
const MIN_LEAD_MS = 5_000;
/** setTimeout overflows above 2^31-1 ms: long waits are chained. */
const MAX_TIMER_MS = 24 * 3600_000;
const MAX_RETRY_MS = 30_000;

export class TokenSource implements TokenSourceApi, Disposable {
  private token: string | undefined;
  private expiry: Date | undefined;
  private receivedAt = 0;
  /** A token a successful refresh did not extend: do not refresh it again in a loop. */
  private notExtended: string | undefined;
  /** After a failed refresh, getToken() leaves retrying to the timer until then. */
  private retryNotBefore = 0;
  private inflight: Promise<string> | undefined;
  private failure: HubError | undefined;
  private timer: Disposable | undefined;
  private disposed = false;
  private readonly clock: Clock;
  private readonly changed = new Emitter<{ expiresAt: Date | undefined }>();
  private readonly failed = new Emitter<HubFailure>();

  readonly onDidChangeToken = this.changed.event;
  readonly onDidFail = this.failed.event;

  constructor(private readonly opts: TokenSourceOptions) {
    this.clock = opts.clock ?? systemClock;
    if (opts.token !== undefined && opts.token.trim().length > 0) this.accept(opts.token, false);
  }

  get expiresAt(): Date | undefined {
    return this.expiry;
  }

  /** The token to store (e.g. in SecretStorage); undefined when signed out. */
  currentToken(): string | undefined {
    return this.token;
  }

  /** Replaces the token (e.g. a pasted one) and clears a previous failure. */
  setToken(token: string): void {
    if (token.trim() === this.token && this.failure === undefined) return; // already held: no change event
    this.accept(token, false);
  }

  async getToken(): Promise<string> {
    if (this.disposed) throw new HubError({ kind: 'token-unavailable', cause: 'the monitor was stopped', fix: 'start it again' });
    if (this.inflight !== undefined) return this.inflight;
    if (this.failure !== undefined) throw this.failure;
    const token = this.token;
    if (token === undefined) {
      if (this.opts.credentials !== undefined) return this.refresh('sign-in');
      throw new HubError(notSignedIn());
    }
    const now = this.clock.now();
    const expired = this.expiry !== undefined && now >= this.expiry.getTime();
    // Inside the window but a refresh just failed (gateway unreachable): the retry timer owns it.
    if (!expired && (!this.inWindow() || token === this.notExtended || now < this.retryNotBefore)) return token;
    if (expired) this.record({ kind: 'token', action: 'expired', expiresAt: this.expiry });
    try {
      return await this.refresh(expired ? 'expired' : 'expiring');
    } catch (error) {
      // Still valid and the gateway was merely unreachable: keep serving the current token.
      if (!expired && error instanceof HubError && !isTerminal(error.kind) && this.token === token) return token;
      throw error;
    }
  }

  /**
   * Forces a refresh (validate, then sign-in with the key); concurrent calls share one request.
   * After a terminal failure it rejects with that failure without asking again (one 401 per hub
   * must not re-ask the gateway nor fire onDidFail twice); setToken() clears it.
   */
  refresh(reason: string): Promise<string> {
    if (this.disposed) return Promise.reject(new HubError({ kind: 'token-unavailable', cause: 'the monitor was stopped', fix: 'start it again' }));
    if (this.inflight === undefined && this.failure !== undefined) return Promise.reject(this.failure);
    if (this.inflight === undefined) {
      const pending = this.doRefresh(reason);
      this.inflight = pending;
      const clear = (): void => {
        if (this.inflight === pending) this.inflight = undefined;
      };
      pending.then(clear, clear);
    }
    return this.inflight;
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.changed.dispose();
    this.failed.dispose();
  }

  private async doRefresh(reason: string): Promise<string> {
    const { gateway, credentials } = this.opts;
    const secrets = this.secrets();
    let rejection: unknown;
    const current = this.token;
    if (current !== undefined) {
      const started = this.clock.now();
      try {
        const next = await gateway.validate(current);
        const extended = this.accept(next, true);
        this.record({ kind: 'token', action: extended ? 'refreshed' : 'validate', ms: this.clock.now() - started, expiresAt: this.expiry });
        return next;
      } catch (error) {
        this.record({ kind: 'token', action: 'refresh-failed', ms: this.clock.now() - started, error: `validate (${reason}): ${redact(errorText(error), secrets)}` });
        if (!isRejection(error)) throw this.transient(error);
        rejection = error;
      }
    }
    if (credentials === undefined) {
      throw this.terminal(rejection === undefined ? notSignedIn() : sessionExpired(rejection, secrets));
    }
    const started = this.clock.now();
    try {
      const next = await gateway.loginKey(credentials.userName, credentials.apiKey);
      this.accept(next, false);
      this.record({ kind: 'token', action: 'login', ms: this.clock.now() - started, expiresAt: this.expiry });
      return next;
    } catch (error) {
      this.record({ kind: 'token', action: 'refresh-failed', ms: this.clock.now() - started, error: `login (${reason}): ${redact(errorText(error), secrets)}` });
      if (!isRejection(error)) throw this.transient(error);
      throw this.terminal(loginRejected(error, secrets));
    }
  }

  /** Stores a token; returns whether it extends the previous expiry. */
  private accept(raw: string, fromRefresh: boolean): boolean {
    const previous = this.expiry;
    const token = raw.trim();
    if (this.disposed) return false;
    this.token = token;
    this.expiry = readJwtExpiry(token);
    this.receivedAt = this.clock.now();
    this.failure = undefined;
    this.retryNotBefore = 0;
    const extended = previous === undefined || this.expiry === undefined || this.expiry.getTime() > previous.getTime();
    this.notExtended = fromRefresh && !extended ? token : undefined;
    this.changed.fire({ expiresAt: this.expiry });
    this.schedule(this.notExtended === undefined ? undefined : this.retryDelay());
    return extended;
  }

  private transient(error: unknown): HubError {
    if (this.token !== undefined) {
      const delay = this.retryDelay();
      this.retryNotBefore = this.clock.now() + delay;
      this.schedule(delay);
    }
    return new HubError(refreshUnreachable(error, this.secrets()));
  }

  private terminal(failure: HubFailure): HubError {
    const error = new HubError(failure);
    this.failure = error;
    this.clearTimer();
    this.failed.fire(failure);
    return error;
  }

  /** How long before exp the refresh window opens: never more than half the lifetime. */
  private leadMs(): number {
    if (this.expiry === undefined) return 0;
    const lifetime = Math.max(0, this.expiry.getTime() - this.receivedAt);
    const lead = this.opts.refreshBeforeMs ?? Math.min(MAX_LEAD_MS, Math.max(MIN_LEAD_MS, lifetime / 10));
    return Math.min(lead, lifetime / 2);
  }

  private inWindow(): boolean {
    return this.expiry !== undefined && this.clock.now() >= this.expiry.getTime() - this.leadMs();
  }

  private retryDelay(): number {
    const left = this.expiry === undefined ? MAX_RETRY_MS : this.expiry.getTime() - this.clock.now();
    return Math.min(MAX_RETRY_MS, Math.max(1_000, left / 4));
  }

  /** Arms the proactive refresh at exp − lead (or after `delayMs`). */
  private schedule(delayMs?: number): void {
    this.clearTimer();
    if (this.disposed || this.expiry === undefined) return;
    const due = delayMs ?? this.expiry.getTime() - this.leadMs() - this.clock.now();
    this.timer = (this.opts.setTimer ?? realTimer)(() => this.onTimer(), Math.min(MAX_TIMER_MS, Math.max(0, due)));
  }

  private onTimer(): void {
    this.timer = undefined;
    if (this.disposed || this.failure !== undefined) return;
    if (!this.inWindow() && this.token !== this.notExtended) {
      this.schedule(); // a chained long wait
      return;
    }
    // Failures are already recorded, retried or reported through onDidFail.
    this.refresh('scheduled').catch(() => undefined);
  }

  private clearTimer(): void {
    this.timer?.dispose();
    this.timer = undefined;
  }

  private secrets(): string[] {
    const out: string[] = [];
    if (this.token !== undefined) out.push(this.token);
    if (this.opts.credentials !== undefined) out.push(this.opts.credentials.apiKey);
    return out;
  }

  private record(step: TimelineStep): void {
    this.opts.record?.(step);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
