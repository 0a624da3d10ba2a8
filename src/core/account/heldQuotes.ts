/**
 * The quote subscriptions the account model owns: one SubscribeContractQuotes per held contract,
 * counted across accounts, released when no account holds the contract any more. A subscription the
 * user made before the model needed it is not the model's: it is never removed here. The counting
 * across owners (the model, views, the user) is the subscription set's owner registry.
 */
import type { SubscriptionSet } from '../monitor/types';
import { ownersOf } from '../subscriptions/subscriptionOwners';
import { subscriptionKey } from '../subscriptions/subscriptionSet';

const QUOTES = 'SubscribeContractQuotes';
const OWNER = 'account model';

export class HeldQuotes {
  /** contractId → account ids holding it. */
  private readonly holders = new Map<string, Set<number>>();
  constructor(private readonly subscriptions: SubscriptionSet) {}

  /** The accounts holding a contract (the quote fan-out), or undefined: a quote that costs nothing. */
  holdersOf(contractId: string): ReadonlySet<number> | undefined {
    return this.holders.get(contractId);
  }

  /** Sets which contracts one account holds now; subscribes the new ones and releases the dropped ones. */
  update(accountId: number, held: readonly string[]): void {
    const now = new Set(held);
    for (const [contractId, accounts] of this.holders) {
      if (accounts.has(accountId) && !now.has(contractId)) {
        accounts.delete(accountId);
        if (accounts.size === 0) this.release(contractId);
      }
    }
    for (const contractId of now) {
      let accounts = this.holders.get(contractId);
      if (!accounts) {
        accounts = new Set();
        this.holders.set(contractId, accounts);
        this.acquire(contractId);
      }
      accounts.add(accountId);
    }
  }

  dispose(): void {
    for (const contractId of [...this.holders.keys()]) this.release(contractId);
  }

  private acquire(contractId: string): void {
    // The outcome shows in the subscription set like any other; nothing to await here.
    ownersOf(this.subscriptions).acquire(OWNER, QUOTES, contractId).catch(() => undefined);
  }

  private release(contractId: string): void {
    this.holders.delete(contractId);
    ownersOf(this.subscriptions).release(OWNER, subscriptionKey(QUOTES, contractId)).catch(() => undefined);
  }
}
