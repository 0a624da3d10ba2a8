/**
 * What a user would otherwise script: the @microsoft/signalr client on both hubs with a no-op quote
 * handler, automatic reconnect at once, and the subscriptions re-invoked in onreconnected.
 */
import { HttpTransportType, HubConnectionBuilder, LogLevel, type HubConnection } from '@microsoft/signalr';
import { epochNow } from '../protocol';
import { sentAtOf, type LatencyProbe, type Reconnecting, type Target } from './types';

interface Sub {
  readonly method: string;
  readonly arg: string | number | undefined;
}

function build(url: string, token: string): HubConnection {
  return new HubConnectionBuilder()
    .withUrl(url, { skipNegotiation: true, transport: HttpTransportType.WebSockets, accessTokenFactory: () => token })
    .withAutomaticReconnect([0, 0, 250, 1000])
    .configureLogging(LogLevel.None)
    .build();
}

export class BareSignalrReceiver implements Reconnecting {
  readonly name = 'bare' as const;
  events = 0;
  probe: LatencyProbe | undefined;
  private readonly user: HubConnection;
  private readonly market: HubConnection;
  private readonly userSubs: Sub[];
  private readonly marketSubs: Sub[];
  private recoveredListener: ((hub: HubConnection) => void) | undefined;

  constructor(target: Target, token: string) {
    this.user = build(target.urls.userHubUrl, token);
    this.market = build(target.urls.marketHubUrl, token);
    const account = target.accountId;
    this.userSubs = [
      { method: 'SubscribeAccounts', arg: undefined },
      ...['SubscribeOrders', 'SubscribePositions', 'SubscribeTrades'].map((method) => ({ method, arg: account })),
    ];
    this.marketSubs = target.contracts.map((c) => ({ method: 'SubscribeContractQuotes', arg: c }));
    this.market.on('GatewayQuote', (_contractId: unknown, quote: unknown) => {
      this.events++;
      const probe = this.probe;
      if (probe) {
        const at = epochNow();
        probe(sentAtOf(quote), at);
      }
    });
    for (const [hub, subs] of [[this.user, this.userSubs], [this.market, this.marketSubs]] as const) {
      hub.onreconnected(() => {
        subscribeAll(hub, subs).then(
          () => this.recoveredListener?.(hub),
          () => undefined,
        );
      });
    }
  }

  async connect(): Promise<void> {
    await Promise.all([this.user.start().then(() => subscribeAll(this.user, this.userSubs)), this.market.start().then(() => subscribeAll(this.market, this.marketSubs))]);
  }

  recovered(): Promise<number> {
    return new Promise((resolve) => {
      const pending = new Set([this.user, this.market]);
      this.recoveredListener = (hub) => {
        pending.delete(hub);
        if (pending.size > 0) return;
        this.recoveredListener = undefined;
        resolve(epochNow());
      };
    });
  }

  async close(): Promise<void> {
    await Promise.all([this.user.stop(), this.market.stop()]);
  }
}

function subscribeAll(hub: HubConnection, subs: readonly Sub[]): Promise<unknown> {
  return Promise.all(subs.map((s) => (s.arg === undefined ? hub.invoke(s.method) : hub.invoke(s.method, s.arg))));
}
