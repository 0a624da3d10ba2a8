import type { GatewayEventName } from '../events/types';
import type { HubKind } from './types';

/** A documented Subscribe method: its hub, argument, unsubscribe twin and the events it produces. */
export interface SubscribeMethod {
  readonly method: string;
  readonly unsubscribe: string;
  readonly hub: HubKind;
  /** 'none' for SubscribeAccounts; account ids are integers (a string fails on the server). */
  readonly arg: 'none' | 'accountId' | 'contractId';
  readonly events: readonly GatewayEventName[];
  readonly label: string;
}

export const SUBSCRIBE_METHODS: readonly SubscribeMethod[] = [
  { method: 'SubscribeAccounts', unsubscribe: 'UnsubscribeAccounts', hub: 'user', arg: 'none', events: ['GatewayUserAccount'], label: 'Accounts' },
  { method: 'SubscribeOrders', unsubscribe: 'UnsubscribeOrders', hub: 'user', arg: 'accountId', events: ['GatewayUserOrder'], label: 'Orders' },
  { method: 'SubscribePositions', unsubscribe: 'UnsubscribePositions', hub: 'user', arg: 'accountId', events: ['GatewayUserPosition'], label: 'Positions' },
  { method: 'SubscribeTrades', unsubscribe: 'UnsubscribeTrades', hub: 'user', arg: 'accountId', events: ['GatewayUserTrade'], label: 'Trades' },
  { method: 'SubscribeContractQuotes', unsubscribe: 'UnsubscribeContractQuotes', hub: 'market', arg: 'contractId', events: ['GatewayQuote'], label: 'Quotes' },
  { method: 'SubscribeContractTrades', unsubscribe: 'UnsubscribeContractTrades', hub: 'market', arg: 'contractId', events: ['GatewayTrade'], label: 'Trades' },
  { method: 'SubscribeContractMarketDepth', unsubscribe: 'UnsubscribeContractMarketDepth', hub: 'market', arg: 'contractId', events: ['GatewayDepth'], label: 'Depth' },
];

export function findSubscribeMethod(method: string): SubscribeMethod | undefined {
  return SUBSCRIBE_METHODS.find((m) => m.method === method);
}

/** The account subscriptions a user means by "subscribe to account N". */
export const ACCOUNT_METHODS = ['SubscribeAccounts', 'SubscribeOrders', 'SubscribePositions', 'SubscribeTrades'] as const;
/** The market subscriptions a user means by "subscribe to contract X". */
export const CONTRACT_METHODS = ['SubscribeContractQuotes', 'SubscribeContractTrades', 'SubscribeContractMarketDepth'] as const;
