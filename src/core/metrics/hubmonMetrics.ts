/**
 * The metrics of one monitor in one prom-client registry: the hub collectors, the per-account
 * metrics (once a source is registered), Node's process metrics, and the health verdict behind
 * /healthz. Transport-free: the CLI serves `text()` over HTTP.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { TokenSourceApi } from '../monitor/types';
import { systemClock, type Clock } from '../util/clock';
import type { Disposable } from '../util/emitter';
import { AccountMetrics, type AccountMetricsSource } from './accountMetrics';
import { HubMetrics, type MetricsHub } from './hubMetrics';

/** A hub connecting or reconnecting for this long turns /healthz to 503. */
export const HEALTH_GRACE_MS = 60_000;

export interface HubmonMetricsOptions {
  readonly hubs: readonly MetricsHub[];
  readonly tokens: TokenSourceApi;
  readonly clock?: Clock;
  /** Node's process_* and nodejs_* metrics beside ours (default true). */
  readonly processMetrics?: boolean;
}

export type Health = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export class HubmonMetrics implements Disposable {
  readonly registry = new Registry();
  private readonly hubMetrics: HubMetrics;
  private readonly accounts: AccountMetrics;
  private readonly clock: Clock;

  constructor(opts: HubmonMetricsOptions) {
    this.clock = opts.clock ?? systemClock;
    if (opts.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
    this.hubMetrics = new HubMetrics({ registry: this.registry, hubs: opts.hubs, tokens: opts.tokens, clock: this.clock });
    this.accounts = new AccountMetrics(this.registry);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  /** Adds the six hubmon_account_* metrics fed by `source`; disposing the last source removes them. */
  addAccountSource(source: AccountMetricsSource): Disposable {
    return this.accounts.addSource(source);
  }

  /** Healthy while every hub is connected, or connecting/reconnecting for less than HEALTH_GRACE_MS. */
  health(): Health {
    for (const [hub, tracker] of this.hubMetrics.trackers) {
      if (tracker.kind === 'failed') return { ok: false, reason: `the ${hub} hub failed` };
      const outageMs = tracker.currentOutageMs();
      if (outageMs >= HEALTH_GRACE_MS) return { ok: false, reason: `the ${hub} hub has not been connected for ${Math.round(outageMs / 1000)} s` };
    }
    return { ok: true };
  }

  dispose(): void {
    this.hubMetrics.dispose();
    this.registry.clear();
  }
}
