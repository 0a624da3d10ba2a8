/**
 * The P&L formulas, exactly as the README states them. Money is computed in floating point and then
 * cleaned of binary noise (8 decimals, far below a cent); it is rounded to 2 decimals only for display.
 */
import type { PositionTypeValue } from '../events/enums';
import type { UserTrade } from '../events/types';
import type { Quote } from '../events/types';

/** Removes float noise such as 1024.9999999999998 without rounding anything a human would see. */
export function cleanMoney(value: number): number {
  const cleaned = Math.round(value * 1e8) / 1e8;
  return cleaned === 0 ? 0 : cleaned; // no -0 in JSON or display
}

/** +1 for Long, -1 for Short, 0 for an undefined side (counts nothing). */
export function sideSign(type: PositionTypeValue): 1 | -1 | 0 {
  return type === 'Long' || type === 1 ? 1 : type === 'Short' || type === 2 ? -1 : 0;
}

/** unrealized = (mark − averagePrice) / tickSize × tickValue × size, signed by the side. */
export function unrealizedPnl(type: PositionTypeValue, size: number, averagePrice: number, mark: number, tickSize: number, tickValue: number): number {
  if (!(tickSize > 0)) return 0;
  return cleanMoney((((mark - averagePrice) / tickSize) * tickValue * size * sideSign(type)));
}

/** The mark: the last trade price, else the best bid/ask mid, else undefined (no quote yet). */
export function markPrice(quote: Pick<Quote, 'lastPrice' | 'bestBid' | 'bestAsk'>): number | undefined {
  if (quote.lastPrice !== undefined) return quote.lastPrice;
  if (quote.bestBid !== undefined && quote.bestAsk !== undefined) return (quote.bestBid + quote.bestAsk) / 2;
  return undefined;
}

export interface DayTotals {
  /** Σ profitAndLoss of today's non-voided trades (half-turns count 0). */
  readonly realizedPnl: number;
  /** Σ fees of today's non-voided trades, opening ones included. */
  readonly fees: number;
}

export function dayTotals(trades: Iterable<UserTrade>): DayTotals {
  let realized = 0;
  let fees = 0;
  for (const t of trades) {
    if (t.voided) continue;
    realized += t.profitAndLoss ?? 0;
    fees += t.fees;
  }
  return { realizedPnl: cleanMoney(realized), fees: cleanMoney(fees) };
}

/** net today = realized − fees + unrealized. */
export function netPnl(realized: number, fees: number, unrealized: number): number {
  return cleanMoney(realized - fees + unrealized);
}
