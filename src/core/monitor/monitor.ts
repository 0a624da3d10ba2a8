/** Both hubs of one profile, the REST client and the shared timeline, behind the Monitor contract. */
import { GatewayClient } from '../gateway/gatewayClient';
import type { GatewayApi } from '../gateway/types';
import { SubscribedHub } from '../hub/subscribedHub';
import type { LogEnabled, LogFn } from '../hub/hubLogger';
import type { HubKind, TokenTransport } from '../hub/types';
import type { Profile } from '../profiles';
import { Timeline } from '../timeline/timeline';
import type { Clock } from '../util/clock';
import type { Monitor, TimelineSource, TokenSourceApi } from './types';

export interface MonitorOptions {
  readonly profile: Profile;
  readonly tokens: TokenSourceApi;
  /** Defaults to a GatewayClient on profile.apiUrl. */
  readonly gateway?: GatewayApi;
  readonly retryDelaysMs?: readonly number[];
  /** Overrides the profile's token transport. */
  readonly tokenTransport?: TokenTransport;
  /** Overrides the profile's skipNegotiation. */
  readonly skipNegotiation?: boolean;
  readonly keepAliveIntervalMs?: number;
  readonly serverTimeoutMs?: number;
  readonly upgradeTimeoutMs?: number;
  readonly invokeTimeoutMs?: number;
  readonly log?: LogFn;
  /** Asked before a log line is built or redacted (e.g. only with a "verbose" setting); default every level. */
  readonly logEnabled?: LogEnabled;
  readonly clock?: Clock;
  /** A timeline to share (e.g. one the TokenSource already records into); default a new one. */
  readonly timeline?: Timeline;
}

export interface EngineMonitor extends Monitor {
  readonly timeline: TimelineSource & Timeline;
  readonly user: SubscribedHub;
  readonly market: SubscribedHub;
  hubClient(hub: HubKind): SubscribedHub;
}

export function createMonitor(opts: MonitorOptions): EngineMonitor {
  const { profile } = opts;
  const timeline = opts.timeline ?? new Timeline({ clock: opts.clock });
  const gateway = opts.gateway ?? new GatewayClient(profile.apiUrl);
  const client = (hub: HubKind): SubscribedHub =>
    new SubscribedHub({
      hub,
      url: hub === 'user' ? profile.userHubUrl : profile.marketHubUrl,
      tokens: opts.tokens,
      tokenTransport: opts.tokenTransport ?? profile.tokenTransport,
      skipNegotiation: opts.skipNegotiation ?? profile.skipNegotiation,
      retryDelaysMs: opts.retryDelaysMs,
      keepAliveIntervalMs: opts.keepAliveIntervalMs,
      serverTimeoutMs: opts.serverTimeoutMs,
      upgradeTimeoutMs: opts.upgradeTimeoutMs,
      invokeTimeoutMs: opts.invokeTimeoutMs,
      record: timeline.recorder(hub),
      log: opts.log,
      logEnabled: opts.logEnabled,
      clock: opts.clock,
    });
  const user = client('user');
  const market = client('market');
  let disposed = false;

  return {
    profile,
    gateway,
    tokens: opts.tokens,
    user,
    market,
    timeline,
    hubClient: (hub) => (hub === 'user' ? user : market),
    async connect() {
      // Both start at once; the first terminal HubError rejects (the other keeps its own state).
      await Promise.all([user.start(), market.start()]);
    },
    async disconnect() {
      await Promise.all([user.stop(), market.stop()]);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      user.dispose();
      market.dispose();
      // A timeline handed in belongs to the caller.
      if (!opts.timeline) timeline.dispose();
    },
  };
}
