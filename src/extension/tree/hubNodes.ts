import { findSubscribeMethod } from '../../core/hub/methods';
import type { HubKind } from '../../core/hub/types';
import type { SubscriptionInfo } from '../../core/monitor/types';
import type { AccountNode } from './accountNodes';

export type DetailField = 'state' | 'connectionId' | 'since' | 'rate' | 'lastMessage';

export const DETAIL_FIELDS: readonly DetailField[] = ['state', 'connectionId', 'since', 'rate', 'lastMessage'];

/** Tree elements: stable objects (one per id) so a node can be refreshed on its own. */
export type HubNode =
  | { readonly kind: 'profile'; readonly id: string }
  | { readonly kind: 'hub'; readonly id: string; readonly hub: HubKind }
  | { readonly kind: 'detail'; readonly id: string; readonly hub: HubKind; readonly field: DetailField }
  | {
      readonly kind: 'subscription';
      readonly id: string;
      readonly hub: HubKind;
      readonly key: string;
      /** Set on market subscriptions: the chart command and "copy id" read it. */
      readonly contractId?: string;
      readonly accountId?: number;
    }
  | AccountNode;

const subscriptionId = (hub: HubKind, key: string): string => `${hub}/sub/${key}`;

/**
 * Node identity: one object per id for as long as the monitor lives. Separate from the model's
 * state because VS Code refreshes a row by object identity, whatever the row shows.
 */
export class NodeCache {
  private readonly nodes = new Map<string, HubNode>();

  profile(): HubNode {
    return this.node({ kind: 'profile', id: 'profile' });
  }

  hub(hub: HubKind): HubNode {
    return this.node({ kind: 'hub', id: hub, hub });
  }

  detail(hub: HubKind, field: DetailField): HubNode {
    return this.node({ kind: 'detail', id: `${hub}/${field}`, hub, field });
  }

  subscription(info: Pick<SubscriptionInfo, 'hub' | 'key' | 'method' | 'arg'>): HubNode {
    const known = findSubscribeMethod(info.method);
    return this.node({
      kind: 'subscription',
      id: subscriptionId(info.hub, info.key),
      hub: info.hub,
      key: info.key,
      ...(known?.arg === 'contractId' && typeof info.arg === 'string' ? { contractId: info.arg } : {}),
      ...(known?.arg === 'accountId' && typeof info.arg === 'number' ? { accountId: info.arg } : {}),
    });
  }

  hasSubscription(hub: HubKind, key: string): boolean {
    return this.nodes.has(subscriptionId(hub, key));
  }

  forgetSubscription(hub: HubKind, key: string): void {
    this.nodes.delete(subscriptionId(hub, key));
  }

  clear(): void {
    this.nodes.clear();
  }

  private node<T extends HubNode>(fresh: T): T {
    const existing = this.nodes.get(fresh.id);
    if (existing) return existing as T;
    this.nodes.set(fresh.id, fresh);
    return fresh;
  }
}
