/**
 * What the user wants subscribed on one hub, keyed "Method:arg". Each entry is invoked at most once
 * per connection (a generation number), in registration order after every (re)connect, with a
 * timeout: no doubled Subscribe calls when add() races a reconnect.
 */
import { errorText, invokeTimeoutFailure } from '../errors/classify';
import type { GatewayEvent } from '../events/types';
import { findSubscribeMethod, SUBSCRIBE_METHODS, type SubscribeMethod } from '../hub/methods';
import type { HubKind } from '../hub/types';
import type { SubscriptionInfo, SubscriptionSet, SubscriptionStatus } from '../monitor/types';
import type { TimelineStep } from '../timeline/types';
import { systemClock, type Clock } from '../util/clock';
import { Emitter, type Disposable } from '../util/emitter';

/** The part of a hub session the subscriptions need. */
export interface SubscriptionInvoker {
  readonly isConnected: boolean;
  readonly connectionGeneration: number;
  invoke(method: string, args: readonly unknown[], generation?: number): Promise<unknown>;
}

export interface SubscriptionSetOptions {
  readonly hub: HubKind;
  readonly invoker: SubscriptionInvoker;
  readonly record?: (step: TimelineStep) => void;
  /** Default 10 s. */
  readonly invokeTimeoutMs?: number;
  readonly clock?: Clock;
  readonly onListenerError?: (error: unknown) => void;
}

interface Entry {
  readonly key: string;
  readonly method: SubscribeMethod;
  readonly arg: number | string | undefined;
  status: SubscriptionStatus;
  events: number;
  lastEventAt: number | undefined;
  /** The connection generation this entry was last invoked on (0 = never). */
  generation: number;
  inFlight: Promise<void> | undefined;
}

/** The stable key of a subscription, e.g. "SubscribeTrades:123" or "SubscribeAccounts". */
export function subscriptionKey(method: string, arg?: number | string): string {
  return arg === undefined ? method : `${method}:${arg}`;
}

/** Checks method, hub and argument; account ids become integers ("123" → 123). Throws one clear line. */
export function normalizeSubscription(hub: HubKind, method: string, arg?: number | string): { method: SubscribeMethod; arg: number | string | undefined } {
  const m = findSubscribeMethod(method);
  if (!m) throw new Error(`Unknown subscribe method "${method}": use one of ${SUBSCRIBE_METHODS.map((x) => x.method).join(', ')}.`);
  if (m.hub !== hub) throw new Error(`${method} belongs to the ${m.hub} hub, not the ${hub} hub.`);
  if (m.arg === 'none') {
    if (arg !== undefined) throw new Error(`${method} takes no argument.`);
    return { method: m, arg: undefined };
  }
  if (m.arg === 'accountId') {
    const id = typeof arg === 'string' && /^\s*\d+\s*$/.test(arg) ? Number(arg) : arg;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
      throw new Error(`${method} needs an integer account id, got ${JSON.stringify(arg)}: pick an account from the account list.`);
    }
    return { method: m, arg: id };
  }
  if (typeof arg !== 'string' || arg.trim() === '') {
    throw new Error(`${method} needs a contract id like "CON.F.US.EP.U25", got ${JSON.stringify(arg)}.`);
  }
  return { method: m, arg: arg.trim() };
}

/** Which Subscribe methods produce each event, computed once. */
const METHODS_BY_EVENT: ReadonlyMap<string, readonly SubscribeMethod[]> = (() => {
  const map = new Map<string, SubscribeMethod[]>();
  for (const m of SUBSCRIBE_METHODS) for (const name of m.events) map.set(name, [...(map.get(name) ?? []), m]);
  return map;
})();

/** The subscription argument an event belongs to (market: the hub's contractId; user: accountId). */
function eventArg(event: GatewayEvent): number | string | undefined {
  if (event.hub === 'market') return event.contractId;
  switch (event.name) {
    case 'GatewayUserPosition':
    case 'GatewayUserOrder':
    case 'GatewayUserTrade':
      return event.data.accountId;
    default:
      return undefined;
  }
}

export class HubSubscriptionSet implements SubscriptionSet, Disposable {
  private readonly entries = new Map<string, Entry>();
  /** method → arg → entry: noteEvent finds an entry without building a key string. */
  private readonly byMethod = new Map<string, Map<number | string | undefined, Entry>>();
  private readonly changeEmitter: Emitter<SubscriptionInfo>;
  private readonly removeEmitter: Emitter<string>;
  private readonly clock: Clock;
  private readonly timeoutMs: number;

  constructor(private readonly opts: SubscriptionSetOptions) {
    this.clock = opts.clock ?? systemClock;
    this.timeoutMs = opts.invokeTimeoutMs ?? 10_000;
    this.changeEmitter = new Emitter(opts.onListenerError);
    this.removeEmitter = new Emitter(opts.onListenerError);
  }

  readonly onDidChange = (listener: (info: SubscriptionInfo) => void): Disposable => this.changeEmitter.event(listener);
  readonly onDidRemove = (listener: (key: string) => void): Disposable => this.removeEmitter.event(listener);

  async add(method: string, arg?: number | string): Promise<SubscriptionInfo> {
    const normalized = normalizeSubscription(this.opts.hub, method, arg);
    const key = subscriptionKey(normalized.method.method, normalized.arg);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { key, method: normalized.method, arg: normalized.arg, status: { kind: 'pending' }, events: 0, lastEventAt: undefined, generation: 0, inFlight: undefined };
      this.entries.set(key, entry);
      this.index(entry, true);
      this.changed(entry);
    }
    if (this.opts.invoker.isConnected) {
      // A failed entry is retried by an explicit add; otherwise at most one invoke per connection.
      const retry = entry.status.kind === 'failed' && !entry.inFlight;
      await this.ensureInvoked(entry, this.opts.invoker.connectionGeneration, retry, undefined);
    }
    return this.info(entry);
  }

  async remove(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.index(entry, false);
    this.removeEmitter.fire(key);
    if (entry.inFlight) await entry.inFlight;
    const invoker = this.opts.invoker;
    const generation = invoker.connectionGeneration;
    if (!invoker.isConnected || entry.generation !== generation || entry.status.kind !== 'active') return;
    const started = this.clock.now();
    const error = await this.call(entry.method.unsubscribe, entry, generation);
    this.record({ kind: 'unsubscribe', method: entry.method.unsubscribe, ...argOf(entry), ms: this.clock.now() - started, ...(error ? { error } : {}) });
  }

  list(): readonly SubscriptionInfo[] {
    return [...this.entries.values()].map((e) => this.info(e));
  }

  /** Re-invokes every entry in registration order on connection `generation`. */
  async resubscribeAll(generation: number): Promise<void> {
    const entries = [...this.entries.values()];
    for (let i = 0; i < entries.length; i++) {
      if (this.opts.invoker.connectionGeneration !== generation || !this.opts.invoker.isConnected) return;
      await this.ensureInvoked(entries[i], generation, false, { index: i + 1, total: entries.length });
    }
  }

  /** The connection is gone: active subscriptions wait for the next connect. */
  markDisconnected(): void {
    for (const entry of this.entries.values()) {
      if (entry.status.kind === 'active') {
        entry.status = { kind: 'pending' };
        this.changed(entry);
      }
    }
  }

  /**
   * Counts an event against the subscription(s) that produce it, at `at` (the time its message
   * arrived). Hot path (every quote): two map lookups per producing method (one or two), no
   * allocation, no clock read, no onDidChange; views read the counts through list().
   */
  noteEvent(event: GatewayEvent, at: number = this.clock.now()): void {
    const methods = METHODS_BY_EVENT.get(event.name);
    if (!methods || this.entries.size === 0) return;
    const arg = eventArg(event);
    for (const m of methods) {
      const entry = this.byMethod.get(m.method)?.get(m.arg === 'none' ? undefined : arg);
      if (!entry) continue;
      entry.events++;
      entry.lastEventAt = at;
    }
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.removeEmitter.dispose();
  }

  private async ensureInvoked(entry: Entry, generation: number, retry: boolean, resubscribe: { index: number; total: number } | undefined): Promise<void> {
    if (entry.generation === generation && !retry) {
      if (entry.inFlight) await entry.inFlight;
      return;
    }
    entry.generation = generation;
    const run = this.invokeEntry(entry, generation, resubscribe);
    entry.inFlight = run;
    try {
      await run;
    } finally {
      if (entry.inFlight === run) entry.inFlight = undefined;
    }
  }

  private async invokeEntry(entry: Entry, generation: number, resubscribe: { index: number; total: number } | undefined): Promise<void> {
    if (entry.status.kind !== 'pending') {
      entry.status = { kind: 'pending' };
      this.changed(entry);
    }
    const started = this.clock.now();
    const error = await this.call(entry.method.method, entry, generation);
    const ms = this.clock.now() - started;
    const lost = this.opts.invoker.connectionGeneration !== generation || !this.opts.invoker.isConnected;
    if (error === undefined) entry.status = { kind: 'active', since: new Date(this.clock.now()) };
    else entry.status = lost ? { kind: 'pending' } : { kind: 'failed', error };
    const errorPart = error ? { error: lost ? `${error} (connection lost; retried on reconnect)` : error } : {};
    if (resubscribe) {
      this.record({ kind: 'resubscribe', index: resubscribe.index, total: resubscribe.total, method: entry.method.method, ...argOf(entry), ms, ...errorPart });
    } else {
      this.record({ kind: 'subscribe', method: entry.method.method, ...argOf(entry), ms, ...errorPart });
    }
    if (this.entries.get(entry.key) === entry) this.changed(entry);
  }

  /** Invokes with the timeout; resolves with the error text, or undefined on success. */
  private async call(method: string, entry: Entry, generation: number): Promise<string | undefined> {
    const args = entry.arg === undefined ? [] : [entry.arg];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(invokeTimeoutFailure(method, this.timeoutMs).cause), this.timeoutMs);
    });
    const invoked = this.opts.invoker.invoke(method, args, generation).then(
      () => undefined,
      (error: unknown) => errorText(error) || 'the server returned an error',
    );
    try {
      return await Promise.race([invoked, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private index(entry: Entry, add: boolean): void {
    const name = entry.method.method;
    let byArg = this.byMethod.get(name);
    if (add) {
      if (!byArg) this.byMethod.set(name, (byArg = new Map()));
      byArg.set(entry.arg, entry);
    } else if (byArg?.get(entry.arg) === entry) {
      byArg.delete(entry.arg);
    }
  }

  private record(step: TimelineStep): void {
    try {
      this.opts.record?.(step);
    } catch (error) {
      this.opts.onListenerError?.(error);
    }
  }

  private changed(entry: Entry): void {
    this.changeEmitter.fire(this.info(entry));
  }

  private info(entry: Entry): SubscriptionInfo {
    return {
      key: entry.key,
      hub: this.opts.hub,
      method: entry.method.method,
      arg: entry.arg,
      status: entry.status,
      events: entry.events,
      lastEventAt: entry.lastEventAt === undefined ? undefined : new Date(entry.lastEventAt),
    };
  }
}

function argOf(entry: Entry): { arg?: number | string } {
  return entry.arg === undefined ? {} : { arg: entry.arg };
}
