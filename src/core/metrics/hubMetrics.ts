/**
 * The hub collectors: state, reconnects, attempts, message age, downtime, events, parse failures,
 * subscriptions, quote age, event delay, token expiry and market hours. Counters on the event path
 * are plain numbers (the flood path pays one increment); prom-client sees them when scraped.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { GatewayEvent } from '../events/types';
import { globexSession } from '../market/calendar';
import type { HubKind } from '../hub/types';
import type { HubClient, TokenSourceApi } from '../monitor/types';
import type { Clock } from '../util/clock';
import type { Disposable } from '../util/emitter';
import { gatewayTimeMs } from './eventTime';
import { HUB_STATES, HubTracker } from './hubTracker';

/** Seconds: 0.5 ms to 10 s, roughly ×2.5 apart (sub-millisecond local feeds to multi-second lag). */
export const EVENT_DELAY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const MAX_QUOTE_CONTRACTS = 1000;

/** What the metrics read from one hub: the HubClient contract plus its connection's parse-failure counts (the engine's SubscribedHub). */
export interface MetricsHub extends HubClient {
  /** Counts by "Target/kind" or "unknown-event:<name>" (the engine's ParseFailureLog keys). */
  readonly connection: { readonly parseFailureCounts: ReadonlyMap<string, number> };
}

export interface HubMetricsOptions {
  readonly registry: Registry;
  readonly hubs: readonly MetricsHub[];
  readonly tokens: TokenSourceApi;
  readonly clock: Clock;
}

/** "GatewayQuote/invalid" → GatewayQuote; "unknown-event:Foo" → Foo. */
function parseFailureEvent(key: string): string {
  if (key.startsWith('unknown-event:')) return key.slice('unknown-event:'.length);
  const slash = key.lastIndexOf('/');
  return slash < 0 ? key : key.slice(0, slash);
}

/** Adds to a counter what a monotonic source gained since the last scrape. */
class DeltaFeed {
  private readonly reported = new Map<string, number>();
  feed(key: string, total: number, inc: (delta: number) => void): void {
    const delta = total - (this.reported.get(key) ?? 0);
    if (delta <= 0) return;
    this.reported.set(key, total);
    inc(delta);
  }
}

export class HubMetrics implements Disposable {
  readonly trackers = new Map<HubKind, HubTracker>();
  private readonly listeners: Disposable[] = [];
  private readonly eventCounts = new Map<HubKind, Map<string, number>>();
  private readonly lastQuoteMs = new Map<string, number>();
  private readonly startedMs: number;

  constructor(private readonly opts: HubMetricsOptions) {
    const { registry, hubs, clock } = opts;
    const now = (): number => clock.now();
    this.startedMs = now();
    const registers = [registry];
    const seconds = (ms: number): number => Math.max(0, ms) / 1000;

    const up = new Gauge({ name: 'hubmon_hub_up', help: '1 while the hub is connected, else 0.', labelNames: ['hub'], registers });
    const state = new Gauge({ name: 'hubmon_hub_state', help: '1 for the hub\'s current state, 0 for the others.', labelNames: ['hub', 'state'], registers });
    const reconnectFeed = new DeltaFeed();
    new Counter({
      name: 'hubmon_hub_reconnects_total',
      help: 'Completed reconnects.',
      labelNames: ['hub'],
      registers,
      collect() {
        // The session counts a reconnect as it reports `connected`, so hub_up and this move together.
        for (const client of hubs) {
          this.inc({ hub: client.hub }, 0);
          reconnectFeed.feed(client.hub, client.stats.reconnects, (d) => this.inc({ hub: client.hub }, d));
        }
      },
    });
    const attempts = new Counter({
      name: 'hubmon_hub_connect_attempts_total',
      help: 'Connection attempts, first and reconnect alike, by outcome (ok or the error kind).',
      labelNames: ['hub', 'outcome'],
      registers,
    });
    const delay = new Histogram({
      name: 'hubmon_event_delay_seconds',
      help: 'Gateway timestamp to receipt, for events whose payload carries a timestamp (includes clock skew; negative delays count as 0).',
      labelNames: ['hub'],
      buckets: EVENT_DELAY_BUCKETS,
      registers,
    });
    const showState = (hub: HubKind, kind: string): void => {
      up.set({ hub }, kind === 'connected' ? 1 : 0);
      for (const s of HUB_STATES) state.set({ hub, state: s }, s === kind ? 1 : 0);
    };

    for (const client of hubs) {
      const hub = client.hub;
      const tracker = new HubTracker(client.state, now, (outcome) => attempts.inc({ hub, outcome }));
      this.trackers.set(hub, tracker);
      const counts = new Map<string, number>();
      this.eventCounts.set(hub, counts);
      const hubDelay = delay.labels({ hub });
      showState(hub, client.state.kind);
      this.listeners.push(
        client.onDidChangeState((s) => {
          tracker.update(s);
          showState(hub, s.kind);
        }),
        client.onEvent((event) => this.onEvent(event, counts, hubDelay)),
      );
    }

    // eslint-disable-next-line @typescript-eslint/no-this-alias -- collect callbacks get the metric as `this`
    const self = this;
    // Collect-time values: read at scrape, nothing to do on the event path.
    const eventFeed = new DeltaFeed();
    new Counter({
      name: 'hubmon_events_total',
      help: 'Events dispatched, by event name.',
      labelNames: ['hub', 'event'],
      registers,
      collect() {
        for (const [hub, counts] of self.eventCounts) for (const [event, n] of counts) eventFeed.feed(`${hub}\0${event}`, n, (d) => this.inc({ hub, event }, d));
      },
    });
    const failureFeed = new DeltaFeed();
    new Counter({
      name: 'hubmon_parse_failures_total',
      help: 'Payloads that could not be parsed (and events without a handler), by event name.',
      labelNames: ['hub', 'event'],
      registers,
      collect() {
        for (const client of hubs) {
          const byEvent = new Map<string, number>();
          for (const [key, n] of client.connection.parseFailureCounts) byEvent.set(parseFailureEvent(key), (byEvent.get(parseFailureEvent(key)) ?? 0) + n);
          for (const [event, n] of byEvent) failureFeed.feed(`${client.hub}\0${event}`, n, (d) => this.inc({ hub: client.hub, event }, d));
        }
      },
    });
    new Gauge({
      name: 'hubmon_hub_last_message_age_seconds',
      help: 'Seconds since the hub\'s last frame (pings included); since start while none arrived.',
      labelNames: ['hub'],
      registers,
      collect() {
        for (const client of hubs) this.set({ hub: client.hub }, seconds(now() - (client.stats.lastMessageAt?.getTime() ?? self.startedMs)));
      },
    });
    const downFeed = new DeltaFeed();
    new Counter({
      name: 'hubmon_hub_downtime_seconds_total',
      help: 'Seconds the hub spent not connected since start.',
      labelNames: ['hub'],
      registers,
      collect() {
        for (const [hub, tracker] of self.trackers) {
          this.inc({ hub }, 0);
          downFeed.feed(hub, seconds(tracker.downMs()), (d) => this.inc({ hub }, d));
        }
      },
    });
    new Gauge({
      name: 'hubmon_subscription_active',
      help: '1 while the subscription is acknowledged, else 0; arg is empty for methods without an argument.',
      labelNames: ['hub', 'method', 'arg'],
      registers,
      collect() {
        this.reset();
        for (const client of hubs) {
          for (const info of client.subscriptions.list()) this.set({ hub: client.hub, method: info.method, arg: info.arg === undefined ? '' : String(info.arg) }, info.status.kind === 'active' ? 1 : 0);
        }
      },
    });
    new Gauge({
      name: 'hubmon_quote_age_seconds',
      help: 'Seconds since the newest quote of a subscribed contract was received; since start while none arrived.',
      labelNames: ['contract'],
      registers,
      collect() {
        this.reset();
        for (const contract of self.subscribedContracts()) this.set({ contract }, seconds(now() - (self.lastQuoteMs.get(contract) ?? self.startedMs)));
      },
    });
    new Gauge({
      name: 'hubmon_token_expiry_seconds',
      help: 'Seconds until the session token expires; absent while its expiry cannot be read.',
      registers,
      collect() {
        const expiresAt = opts.tokens.expiresAt;
        if (expiresAt !== undefined) this.set((expiresAt.getTime() - now()) / 1000);
        // A label-less gauge always has a value; removing it is how it stays absent rather than 0.
        else this.remove();
      },
    });
    new Gauge({
      name: 'hubmon_market_open',
      help: '1 while the CME Globex session is open (Sunday 18:00 to Friday 17:00 New York, daily break 17:00-18:00), else 0.',
      registers,
      collect() {
        this.set(globexSession(now()).open ? 1 : 0);
      },
    });
  }

  private onEvent(event: GatewayEvent, counts: Map<string, number>, hubDelay: { observe(v: number): void }): void {
    counts.set(event.name, (counts.get(event.name) ?? 0) + 1);
    const received = Date.now();
    // Capped: a server pushing quotes for contracts nobody subscribed must not grow the map forever.
    if (event.name === 'GatewayQuote' && (this.lastQuoteMs.size < MAX_QUOTE_CONTRACTS || this.lastQuoteMs.has(event.contractId))) {
      this.lastQuoteMs.set(event.contractId, this.opts.clock.now());
    }
    const sent = gatewayTimeMs(event);
    if (sent !== undefined && Number.isFinite(sent)) hubDelay.observe(Math.max(0, received - sent) / 1000);
  }

  /** Contracts subscribed on the market hub: the only contract labels ever exported (bounded). */
  private subscribedContracts(): Set<string> {
    const contracts = new Set<string>();
    for (const client of this.opts.hubs) {
      if (client.hub !== 'market') continue;
      for (const info of client.subscriptions.list()) if (typeof info.arg === 'string') contracts.add(info.arg);
    }
    return contracts;
  }

  dispose(): void {
    for (const listener of this.listeners.splice(0)) listener.dispose();
  }
}
