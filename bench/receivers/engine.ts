/**
 * Our engine as the extension runs it: a Monitor (both hubs, real TokenSource and GatewayClient,
 * subscriptions) plus the ChartFeed (coalescer + series store) with one "panel" per contract, each
 * counting the batches it would post to its webview.
 */
import { TokenSource } from '../../src/core/auth/tokenSource';
import { ChartFeed } from '../../src/core/chart/chartFeed';
import { GatewayClient } from '../../src/core/gateway/gatewayClient';
import { createMonitor, type EngineMonitor } from '../../src/core/monitor/monitor';
import type { HubClient } from '../../src/core/monitor/types';
import type { Profile } from '../../src/core/profiles';
import type { Disposable } from '../../src/core/util/emitter';
import { epochNow } from '../protocol';
import { FrameTap } from './frameTap';
import type { LatencyProbe, Reconnecting, Target } from './types';

export class EngineReceiver implements Reconnecting {
  readonly name = 'ours' as const;
  events = 0;
  /** Batches each contract's panel received (what it would post to its webview). */
  readonly batches = new Map<string, number>();
  /** Public for the account phase, which puts the account model beside the receiver. */
  readonly monitor: EngineMonitor;
  readonly tokens: TokenSource;
  private readonly feed: ChartFeed;
  private readonly disposables: Disposable[] = [];
  private tap: FrameTap | undefined;
  private latencyProbe: LatencyProbe | undefined;

  constructor(private readonly target: Target, token: string) {
    const { urls } = target;
    const profile: Profile = {
      id: 'bench',
      name: 'Bench gateway',
      apiUrl: urls.restUrl,
      userHubUrl: urls.userHubUrl,
      marketHubUrl: urls.marketHubUrl,
      tokenTransport: 'both',
      skipNegotiation: true,
    };
    const gateway = new GatewayClient(urls.restUrl);
    this.tokens = new TokenSource({ gateway, token, credentials: { userName: target.userName, apiKey: target.apiKey } });
    this.monitor = createMonitor({ profile, tokens: this.tokens, gateway });
    this.feed = new ChartFeed(this.monitor.market, { historySeconds: 300 });
    for (const contractId of target.contracts) {
      this.batches.set(contractId, 0);
      this.disposables.push(this.feed.watch(contractId, () => this.batches.set(contractId, (this.batches.get(contractId) ?? 0) + 1)));
    }
    this.disposables.push(
      this.monitor.market.onEvent((event) => {
        if (event.name !== 'GatewayQuote') return;
        this.events++;
        const probe = this.latencyProbe;
        if (probe && this.tap) {
          const at = epochNow();
          probe(this.tap.sentAt(), at);
        }
      }),
    );
  }

  /** The monitor, for phases that attach to it (the metrics cost). */
  get engine(): EngineMonitor {
    return this.monitor;
  }

  get probe(): LatencyProbe | undefined {
    return this.latencyProbe;
  }

  set probe(probe: LatencyProbe | undefined) {
    this.latencyProbe = probe;
    if (probe && !this.tap) this.tap = new FrameTap();
    if (!probe && this.tap) {
      this.tap.dispose();
      this.tap = undefined;
    }
  }

  /** Subscriptions are registered first (as the extension restores them), then both hubs connect. */
  async connect(): Promise<void> {
    const { user, market } = this.monitor;
    const adds: Promise<unknown>[] = [user.subscriptions.add('SubscribeAccounts')];
    for (const method of ['SubscribeOrders', 'SubscribePositions', 'SubscribeTrades']) adds.push(user.subscriptions.add(method, this.target.accountId));
    for (const c of this.target.contracts) adds.push(market.subscriptions.add('SubscribeContractQuotes', c));
    await Promise.all(adds);
    const acked = Promise.all([allActive(user), allActive(market)]);
    await this.monitor.connect();
    await acked;
  }

  recovered(): Promise<number> {
    const { user, market } = this.monitor;
    const once = (hub: HubClient) =>
      new Promise<void>((resolve) => {
        const d = hub.onDidReconnect(() => {
          d.dispose();
          resolve();
        });
      });
    return Promise.all([once(user).then(() => allActive(user)), once(market).then(() => allActive(market))]).then(() => epochNow());
  }

  async close(): Promise<void> {
    this.probe = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.feed.dispose();
    await this.monitor.disconnect();
    this.monitor.dispose();
    this.tokens.dispose();
  }
}

/** Resolves once every subscription of the hub is active (at once when they already are). */
function allActive(hub: HubClient): Promise<void> {
  const done = () => hub.subscriptions.list().every((s) => s.status.kind === 'active');
  if (done()) return Promise.resolve();
  return new Promise((resolve) => {
    const d = hub.subscriptions.onDidChange(() => {
      if (!done()) return;
      d.dispose();
      resolve();
    });
  });
}
