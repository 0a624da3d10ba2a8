/**
 * What happens to the demo account's resting limit order on each round: a buy limit fills once the ask
 * comes down to it, a sell limit once the bid comes up to it, at the limit price, often only partly
 * (the rest stays working); an order untouched for MAX_ROUNDS rounds is cancelled.
 */
import type { Prng } from '../prng';
import type { Touch } from './quoteSource';

export const MAX_ROUNDS = 3;

export type RestingDecision =
  | { readonly kind: 'wait' }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'fill'; readonly size: number; readonly price: number };

export interface RestingOrder {
  /** 0 Bid (buy), 1 Ask (sell). */
  readonly side: number;
  readonly size: number;
  readonly fillVolume: number;
  readonly limitPrice: number | null;
}

export function workRestingOrder(order: RestingOrder, touch: Touch, rounds: number, rng: Prng): RestingDecision {
  const remaining = order.size - order.fillVolume;
  const limit = order.limitPrice;
  if (limit === null || remaining <= 0) return { kind: 'cancel' };
  const touched = order.side === 0 ? touch.ask <= limit : touch.bid >= limit;
  if (touched) return { kind: 'fill', size: remaining > 1 && rng.chance(0.5) ? rng.int(1, remaining - 1) : remaining, price: limit };
  return rounds >= MAX_ROUNDS ? { kind: 'cancel' } : { kind: 'wait' };
}
