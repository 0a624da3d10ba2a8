/** REST payloads of the ProjectX Gateway, parsed at the boundary (see projectx-gateway.md). */
import type { UserAccount } from '../events/types';

/** Account/search returns the same shape the user hub's GatewayUserAccount carries. */
export type Account = UserAccount;

export interface Contract {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly tickSize: number;
  readonly tickValue: number;
  readonly activeContract: boolean;
  readonly symbolId: string | undefined;
}

export type { UserOrder as Order, UserPosition as Position } from '../events/types';

/** The gateway REST surface a monitor uses. Errors are `GatewayError` (see gateway/gatewayError.ts). */
export interface GatewayApi {
  loginKey(userName: string, apiKey: string): Promise<string>;
  /** Returns the new token. */
  validate(token: string): Promise<string>;
  searchAccounts(token: string, onlyActiveAccounts?: boolean): Promise<Account[]>;
  searchContracts(token: string, searchText: string, live?: boolean): Promise<Contract[]>;
  contractById(token: string, contractId: string): Promise<Contract | undefined>;
  openPositions(token: string, accountId: number): Promise<import('../events/types').UserPosition[]>;
  openOrders(token: string, accountId: number): Promise<import('../events/types').UserOrder[]>;
  /** Trade/search from `start` (to `end`, default now). */
  searchTrades(token: string, accountId: number, start: Date, end?: Date): Promise<import('../events/types').UserTrade[]>;
  /** History/retrieveBars, bars oldest first (optional: test doubles may leave it out). */
  retrieveBars?(token: string, request: import('./historyBars').RetrieveBarsRequest): Promise<import('./historyBars').HistoryBar[]>;
}
