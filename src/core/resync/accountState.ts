import type { GatewayEvent, UserOrder, UserPosition } from '../events/types';
import { BoundedMap, MAX_ACCOUNT_KEYS, MAX_OPEN_ITEMS_PER_ACCOUNT } from '../util/boundedMap';

const OPEN_ORDER_STATUSES = new Set<unknown>(['Open', 'Pending', 'PendingCancellation', 'Suspended']);

/**
 * Open positions and orders per account, kept from the user hub's events and replaced wholesale by a
 * REST resync after a reconnect (events sent while the socket was down are lost for good). Keyed by
 * what the server sends, so bounded: MAX_ACCOUNT_KEYS accounts, MAX_OPEN_ITEMS_PER_ACCOUNT items each.
 */
export class AccountState {
  private readonly positions = new BoundedMap<number, Map<string, UserPosition>>(MAX_ACCOUNT_KEYS);
  private readonly orders = new BoundedMap<number, Map<number, UserOrder>>(MAX_ACCOUNT_KEYS);

  apply(event: GatewayEvent): boolean {
    if (event.name === 'GatewayUserPosition') {
      const p = event.data;
      const key = p.contractId ?? `position:${p.id}`;
      const byContract = this.bucket(this.positions, p.accountId);
      // A closed position is not documented; clients treat size 0 (or a removal) as closed.
      if (p.size === 0 || event.action === 'removed') byContract.delete(key);
      else byContract.set(key, p);
      return true;
    }
    if (event.name === 'GatewayUserOrder') {
      const o = event.data;
      const byId = this.bucket(this.orders, o.accountId);
      if (OPEN_ORDER_STATUSES.has(o.status) && event.action !== 'removed') byId.set(o.id, o);
      else byId.delete(o.id);
      return true;
    }
    return false;
  }

  replace(accountId: number, positions: readonly UserPosition[], orders: readonly UserOrder[]): void {
    this.positions.set(accountId, fill(new BoundedMap(MAX_OPEN_ITEMS_PER_ACCOUNT), positions.map((p) => [p.contractId ?? `position:${p.id}`, p])));
    this.orders.set(accountId, fill(new BoundedMap(MAX_OPEN_ITEMS_PER_ACCOUNT), orders.map((o) => [o.id, o])));
  }

  openPositions(accountId: number): UserPosition[] {
    return [...(this.positions.get(accountId)?.values() ?? [])];
  }

  openOrders(accountId: number): UserOrder[] {
    return [...(this.orders.get(accountId)?.values() ?? [])];
  }

  private bucket<K, V>(map: Map<number, Map<K, V>>, accountId: number): Map<K, V> {
    let inner = map.get(accountId);
    if (!inner) map.set(accountId, (inner = new BoundedMap<K, V>(MAX_OPEN_ITEMS_PER_ACCOUNT)));
    return inner;
  }
}

function fill<K, V>(map: Map<K, V>, entries: readonly (readonly [K, V])[]): Map<K, V> {
  for (const [key, value] of entries) map.set(key, value);
  return map;
}
