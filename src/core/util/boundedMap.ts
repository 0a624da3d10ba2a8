/**
 * A Map that keeps at most `limit` keys, dropping the least recently set one first. For anything
 * keyed by what a server sends (contract ids in quotes, account ids, event names): a server that
 * invents keys forever costs `limit` entries, not memory until the process dies.
 */
export const MAX_CONTRACT_KEYS = 500;
/** Accounts whose open positions and orders are kept (a trader has a handful). */
export const MAX_ACCOUNT_KEYS = 200;
/** Open positions or open orders kept per account (far past any real book of working orders). */
export const MAX_OPEN_ITEMS_PER_ACCOUNT = 5_000;

export class BoundedMap<K, V> extends Map<K, V> {
  constructor(readonly limit: number) {
    super();
    if (!(limit >= 1)) throw new RangeError(`BoundedMap limit must be at least 1 (got ${limit})`);
  }

  override set(key: K, value: V): this {
    // Re-inserting moves the key to the newest end, so a key in steady use is never the one dropped.
    if (super.has(key)) super.delete(key);
    else if (this.size >= this.limit) super.delete(super.keys().next().value as K);
    return super.set(key, value);
  }
}
