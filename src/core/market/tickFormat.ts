/** Prices as the exchange quotes them: rounded to the contract's tick and shown with its decimals. */

/** Decimals a tick size needs: 0.25 → 2, 0.03125 → 5, 1 → 0, 0.1 → 1. */
export function tickDecimals(tickSize: number): number {
  if (!Number.isFinite(tickSize) || tickSize <= 0) return 2;
  for (let d = 0; d <= 8; d++) {
    const scaled = tickSize * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return 8;
}

/** "—" for no price; to the tick when it is known, else as the gateway sent it. */
export function formatPrice(price: number | undefined, tickSize: number | undefined): string {
  if (price === undefined || !Number.isFinite(price)) return '—';
  if (tickSize === undefined || !Number.isFinite(tickSize) || tickSize <= 0) return String(price);
  const ticks = Math.round(price / tickSize);
  return (ticks * tickSize).toFixed(tickDecimals(tickSize));
}
