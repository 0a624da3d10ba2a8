/**
 * The account monitor's view of one contract as the chart's read-only price lines, vscode-free:
 * the open position's average price and each working order's price (limit orders at their limit,
 * stop orders at their trigger). Market orders have no price to draw; a flat position draws none.
 */
import { enumCode, OrderSide, OrderType, PositionType } from '../events/enums';
import type { AccountSnapshot, OrderView, PositionView } from '../account/types';
import { MAX_PRICE_LINES, type PriceLine } from '../../shared/chartProtocol';

/** Short order-type tags, as a platform's DOM shows them. */
const TYPE_TAG: Readonly<Record<string, string>> = {
  Limit: 'LMT', StopLimit: 'STP LMT', Stop: 'STP', TrailingStop: 'TRAIL', JoinBid: 'LMT', JoinAsk: 'LMT',
};

function positionLine(p: PositionView, prefix: string): PriceLine | undefined {
  const code = enumCode(PositionType, p.type);
  const side = code === PositionType.indexOf('Long') ? 'long' : code === PositionType.indexOf('Short') ? 'short' : undefined;
  if (!side || !(p.size > 0) || !Number.isFinite(p.averagePrice)) return undefined;
  return { kind: 'position', side, size: p.size, price: p.averagePrice, label: `${prefix}${side === 'long' ? 'Long' : 'Short'} ${p.size}` };
}

/** The price an order rests at: its stop trigger for stop types, else its limit. */
function orderPrice(o: OrderView): number | null {
  const type = OrderType[enumCode(OrderType, o.type)] as string | undefined;
  if (type === 'Stop' || type === 'StopLimit' || type === 'TrailingStop') return o.stopPrice ?? o.limitPrice;
  return o.limitPrice ?? o.stopPrice;
}

function orderLine(o: OrderView, prefix: string): PriceLine | undefined {
  const price = orderPrice(o);
  const sideCode = enumCode(OrderSide, o.side);
  if (price === null || !Number.isFinite(price) || !(o.size > 0) || (sideCode !== 0 && sideCode !== 1)) return undefined;
  // OrderSide: Bid (0) buys, Ask (1) sells.
  const side = sideCode === 0 ? 'buy' : 'sell';
  const tag = TYPE_TAG[OrderType[enumCode(OrderType, o.type)] ?? ''] ?? 'ORD';
  return { kind: 'order', id: o.id, side, size: o.size, price, label: `${prefix}${side === 'buy' ? 'Buy' : 'Sell'} ${o.size} ${tag}` };
}

/**
 * Every price line for `contractId` across the given account snapshots, position first then orders
 * by price (highest first). With more than one account the labels name the account.
 */
export function accountPriceLines(snapshots: readonly AccountSnapshot[], contractId: string): PriceLine[] {
  const lines: PriceLine[] = [];
  for (const s of snapshots) {
    const prefix = snapshots.length > 1 ? `${s.name || s.accountId}: ` : '';
    const own: PriceLine[] = [];
    for (const p of s.positions) {
      const line = p.contractId === contractId ? positionLine(p, prefix) : undefined;
      if (line) own.push(line);
    }
    const orders = s.workingOrders.flatMap((o) => {
      const line = o.contractId === contractId ? orderLine(o, prefix) : undefined;
      return line ? [line] : [];
    });
    lines.push(...own, ...orders.sort((a, b) => b.price - a.price));
  }
  return lines.slice(0, MAX_PRICE_LINES);
}

/** True when two line sets draw the same (the host posts only changes). */
export function samePriceLines(a: readonly PriceLine[], b: readonly PriceLine[]): boolean {
  return a.length === b.length && a.every((l, i) => JSON.stringify(l) === JSON.stringify(b[i]));
}
