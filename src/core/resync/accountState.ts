import type { GatewayEvent, UserOrder, UserPosition } from '../events/types';

const OPEN_ORDER_STATUSES = new Set<unknown>(['Open', 'Pending', 'PendingCancellation', 'Suspended']);

/**
 * Open positions and orders per account, kept from the user hub's events and replaced wholesale by a
 * REST resync after a reconnect (events sent while the socket was down are lost for good).
 */
export class AccountState {
  private readonly positions = new Map<number, Map<string, UserPosition>>();
  private readonly orders = new Map<number, Map<number, UserOrder>>();

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
    this.positions.set(accountId, new Map(positions.map((p) => [p.contractId ?? `position:${p.id}`, p])));
    this.orders.set(accountId, new Map(orders.map((o) => [o.id, o])));
  }

  openPositions(accountId: number): UserPosition[] {
    return [...(this.positions.get(accountId)?.values() ?? [])];
  }

  openOrders(accountId: number): UserOrder[] {
    return [...(this.orders.get(accountId)?.values() ?? [])];
  }

  private bucket<K, V>(map: Map<number, Map<K, V>>, accountId: number): Map<K, V> {
    let inner = map.get(accountId);
    if (!inner) map.set(accountId, (inner = new Map()));
    return inner;
  }
}
