/**
 * Who holds each server subscription of one hub: views (a chart, a ladder), the account model and the
 * user are separate owners of the same "Method:arg" subscription, counted here. The first owner adds
 * it to the hub's SubscriptionSet (one Subscribe), the last release removes it (one Unsubscribe). A
 * subscription that was in the set before any owner acquired it (the user's own, from the tree or the
 * saved list) belongs to the user: releasing owners never removes it.
 *
 * One registry per SubscriptionSet (ownersOf), so every part of the host counts against the same table.
 */
import type { SubscriptionInfo, SubscriptionSet } from '../monitor/types';
import { subscriptionKey } from './subscriptionSet';

interface Holding {
  readonly owners: Set<string>;
  /** True when an owner's acquire added it to the set (so the last release removes it). */
  readonly ours: boolean;
}

export class SubscriptionOwners {
  private readonly holdings = new Map<string, Holding>();

  constructor(private readonly subscriptions: SubscriptionSet) {}

  /**
   * `owner` holds Method:arg; subscribes when it is new to the set. Resolves with the set's info (its
   * status says whether the server acknowledged); rejects with one line for a bad method or argument.
   */
  async acquire(owner: string, method: string, arg?: number | string): Promise<SubscriptionInfo> {
    const key = subscriptionKey(method, typeof arg === 'string' ? arg.trim() : arg);
    let holding = this.holdings.get(key);
    if (!holding) {
      holding = { owners: new Set(), ours: !this.subscriptions.list().some((s) => s.key === key) };
      this.holdings.set(key, holding);
    }
    holding.owners.add(owner);
    try {
      return await this.subscriptions.add(method, arg);
    } catch (error) {
      // A bad argument: nothing was added, so nobody holds it.
      holding.owners.delete(owner);
      if (holding.owners.size === 0 && this.holdings.get(key) === holding) this.holdings.delete(key);
      throw error;
    }
  }

  /** `owner` lets go of `key`; the last owner's release unsubscribes (unless the user held it first). */
  async release(owner: string, key: string): Promise<void> {
    const holding = this.holdings.get(key);
    if (!holding || !holding.owners.delete(owner) || holding.owners.size > 0) return;
    this.holdings.delete(key);
    if (holding.ours) await this.subscriptions.remove(key);
  }

  /** The owners of a key (the tree shows them), empty when none of ours. */
  ownersOf(key: string): readonly string[] {
    return [...(this.holdings.get(key)?.owners ?? [])];
  }
}

const registries = new WeakMap<SubscriptionSet, SubscriptionOwners>();

/** The one owner registry of a subscription set (created on first use). */
export function ownersOf(subscriptions: SubscriptionSet): SubscriptionOwners {
  let owners = registries.get(subscriptions);
  if (!owners) registries.set(subscriptions, (owners = new SubscriptionOwners(subscriptions)));
  return owners;
}
