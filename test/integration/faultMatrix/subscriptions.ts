// What the user has subscribed on each hub in every fault scenario and every soak cycle.
import type { HubKind } from '../../../src/core/hub/types';
import { subscriptionKey } from '../../../src/core/subscriptions/subscriptionSet';

const ACCOUNT = 123;
const ES = 'CON.F.US.EP.U25';
const NQ = 'CON.F.US.NQ.U25';

export const SUBSCRIPTIONS: Readonly<Record<HubKind, readonly (readonly [string, (number | string)?])[]>> = {
  user: [['SubscribeAccounts'], ['SubscribeOrders', ACCOUNT], ['SubscribePositions', ACCOUNT], ['SubscribeTrades', ACCOUNT]],
  market: [['SubscribeContractQuotes', ES], ['SubscribeContractTrades', ES], ['SubscribeContractMarketDepth', NQ]],
};

export function expectedKeys(hub: HubKind): string[] {
  return SUBSCRIPTIONS[hub].map(([method, arg]) => subscriptionKey(method, arg));
}
