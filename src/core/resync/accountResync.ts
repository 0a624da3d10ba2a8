/**
 * Resync after a reconnect: events sent while the user hub was down are lost for good, so after every
 * reconnect the open positions and orders of each subscribed account are fetched through REST
 * (Position/searchOpen, Order/searchOpen), the state is replaced, and the gap is logged.
 */
import { errorText } from '../errors/classify';
import type { GatewayApi } from '../gateway/types';
import type { TokenProvider } from '../hub/types';
import type { HubClient } from '../monitor/types';
import type { TimelineStep } from '../timeline/types';
import { Emitter, type Disposable } from '../util/emitter';
import { AccountState } from './accountState';

export interface ResyncResult {
  readonly downMs: number;
  readonly accounts: readonly number[];
  readonly positions: number;
  readonly orders: number;
  readonly error?: string;
}

export interface AccountResyncOptions {
  readonly user: HubClient;
  readonly gateway: GatewayApi;
  readonly tokens: TokenProvider;
  readonly record?: (step: TimelineStep) => void;
}

/** The account ids the user hub's subscriptions name (SubscribeOrders/Positions/Trades take one each). */
export function subscribedAccounts(user: HubClient): number[] {
  const ids = new Set<number>();
  for (const s of user.subscriptions.list()) if (typeof s.arg === 'number') ids.add(s.arg);
  return [...ids];
}

export class AccountResync implements Disposable {
  readonly state = new AccountState();
  private readonly resynced = new Emitter<ResyncResult>();
  readonly onDidResync = this.resynced.event;
  private readonly subscriptions: Disposable[];

  constructor(private readonly opts: AccountResyncOptions) {
    this.subscriptions = [
      opts.user.onEvent((event) => this.state.apply(event)),
      opts.user.onDidReconnect(({ downMs }) => {
        void this.resync(downMs);
      }),
    ];
  }

  /** Fetches every subscribed account's open positions and orders; never rejects. */
  async resync(downMs: number): Promise<ResyncResult> {
    const accounts = subscribedAccounts(this.opts.user);
    let positions = 0;
    let orders = 0;
    let result: ResyncResult;
    try {
      const token = await this.opts.tokens.getToken();
      for (const accountId of accounts) {
        const [p, o] = await Promise.all([this.opts.gateway.openPositions(token, accountId), this.opts.gateway.openOrders(token, accountId)]);
        this.state.replace(accountId, p, o);
        positions += p.length;
        orders += o.length;
      }
      result = { downMs, accounts, positions, orders };
    } catch (error) {
      result = { downMs, accounts, positions, orders, error: errorText(error) };
    }
    this.opts.record?.({ kind: 'resync', downMs, positions: result.positions, orders: result.orders, ...(result.error ? { error: result.error } : {}) });
    this.resynced.fire(result);
    return result;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.resynced.dispose();
  }
}
