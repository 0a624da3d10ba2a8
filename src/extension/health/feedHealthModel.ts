import type { HubKind } from '../../core/hub/types';
import { feedHealth, type FeedHealth } from '../../core/market/feedHealth';
import type { HubClient, Monitor, SubscriptionInfo } from '../../core/monitor/types';
import type { ShiftClock } from '../util/shiftClock';

export interface HealthThresholds {
  /** Quotes of a subscribed contract. */
  readonly staleAfterMs: number;
  /** Any message on a connected hub (pings included). */
  readonly hubStaleAfterMs: number;
}

/** What the status bar needs: which feeds are stale, or why the market is silent. */
export interface HealthSummary {
  /** e.g. "Market Hub silent for 25 s", "CON.F.US.EP.U25 silent for 12 s". */
  readonly stale: readonly string[];
  /** Set when a quote feed is silent because the market is closed. */
  readonly closed: string | undefined;
}

const HUB_NAMES: Record<HubKind, string> = { user: 'User Hub', market: 'Market Hub' };

/**
 * Live / stale / market-closed / quiet per hub and per subscription, from the engine's counters and
 * the CME Globex calendar (src/core/market). vscode-free; the tree and the status bar read it.
 */
export class FeedHealthModel {
  constructor(
    private readonly monitor: () => Monitor | undefined,
    private readonly thresholds: () => HealthThresholds,
    readonly clock: ShiftClock,
  ) {}

  /** Undefined unless the hub is connected (a dropped hub shows its state instead). */
  hub(client: HubClient): FeedHealth | undefined {
    if (client.state.kind !== 'connected') return undefined;
    const last = client.stats.lastMessageAt ?? client.stats.connectedSince;
    return this.judge(last, this.thresholds().hubStaleAfterMs, 'hub');
  }

  /** Quotes subscriptions follow the market calendar; account subscriptions may be quiet; others are not judged. */
  subscription(client: HubClient, info: SubscriptionInfo): FeedHealth | undefined {
    if (client.state.kind !== 'connected' || info.status.kind !== 'active') return undefined;
    const last = info.lastEventAt ?? info.status.since;
    if (info.method === 'SubscribeContractQuotes') return this.judge(last, this.thresholds().staleAfterMs, 'market');
    if (client.hub === 'user') return this.judge(last, this.thresholds().staleAfterMs, 'user');
    return undefined;
  }

  summary(): HealthSummary {
    const m = this.monitor();
    const stale: string[] = [];
    let closed: string | undefined;
    for (const client of m ? [m.user, m.market] : []) {
      const h = this.hub(client);
      if (h?.kind === 'stale') stale.push(`${HUB_NAMES[client.hub]} ${h.description}`);
      for (const info of client.subscriptions.list()) {
        const s = info.method === 'SubscribeContractQuotes' ? this.subscription(client, info) : undefined;
        if (s?.kind === 'stale') stale.push(`${String(info.arg)} quotes ${s.description}`);
        else if (s?.kind === 'market-closed') closed ??= s.description;
      }
    }
    return { stale, closed };
  }

  private judge(lastAt: Date | undefined, staleAfterMs: number, feed: 'market' | 'user' | 'hub'): FeedHealth {
    const at = lastAt === undefined ? undefined : this.clock.shifted(lastAt.getTime());
    return feedHealth({ lastAt: at, now: this.clock.now(), staleAfterMs, feed });
  }
}

/** A short word for a row's description: "live" is not shown (the default). */
export function healthWord(h: FeedHealth | undefined): string | undefined {
  if (!h) return undefined;
  switch (h.kind) {
    case 'live':
      return undefined;
    case 'stale':
      return `stale (${h.description})`;
    case 'market-closed':
      return h.description;
    case 'quiet':
      return 'quiet';
  }
}
