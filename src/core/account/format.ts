/** Display helpers for account figures: money to 2 decimals with separators, prices to the tick's digits. */
import type { Contract } from '../gateway/types';
import { tickDecimals } from '../market/tickFormat';

// Built on first use: activation should not pay for ICU formatters.
let moneyFormat: Intl.NumberFormat | undefined;

/** 1025 → "1,025.00"; with `signed`, "+1,025.00" / "-12.50" (zero stays unsigned). */
export function formatMoney(value: number, signed = false): string {
  const text = (moneyFormat ??= new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })).format(Math.abs(value));
  const rounded = Math.round(Math.abs(value) * 100);
  if (rounded === 0) return text;
  if (value < 0) return `-${text}`;
  return signed ? `+${text}` : text;
}

/** The digits a tick size needs (0.25 → 2, 0.01 → 2, 0.1 → 1, 1 → 0; 2 while it is unknown). */
export function priceDecimals(tickSize: number | undefined): number {
  return tickDecimals(tickSize ?? Number.NaN);
}

/** An account figure's price (an average price may sit between ticks): not rounded, only given the tick's digits. */
export function formatPrice(price: number, tickSize: number | undefined): string {
  return price.toFixed(priceDecimals(tickSize));
}

/**
 * "ES Z26" from the contract's name (ESZ6: the root before its month code and year digit) and the
 * id's last segment (Z26); without facts, the id's last two segments ("EP Z26").
 */
export function contractLabel(contractId: string, contract?: Pick<Contract, 'name'>): string {
  const segments = contractId.split('.');
  const expiry = segments[segments.length - 1] ?? contractId;
  const root = contract && contract.name.length > 2 ? contract.name.slice(0, -2) : segments[segments.length - 2];
  return root === undefined ? contractId : `${root} ${expiry}`;
}
