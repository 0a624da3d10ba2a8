import { formatMoney, formatPrice, contractLabel } from '../../core/account/format';
import type { AccountSnapshot } from '../../core/account/types';
import type { Disposable } from '../../core/util/emitter';
import { MAX_PNL_POINTS, type AccountPanelView, type PnlPoint } from '../../shared/accountProtocol';
import { RULE_NAMES, ruleText, worstState, type ContractFacts } from '../tree/accountViews';

/** A session's worth of seconds (23 h) at one point a second. */
const MAX_KEPT = 23 * 3600;

/**
 * Net P&L per account since the extension started watching it (one point per second at most, the
 * last value of the second wins), restarted when the trading day rolls over: the panel's line.
 */
export class PnlHistory implements Disposable {
  private readonly lines = new Map<number, { dayStart: number; points: PnlPoint[] }>();
  private readonly listener: Disposable;

  constructor(source: { onDidChange(listener: (s: AccountSnapshot) => void): Disposable }, private readonly now: () => number = Date.now) {
    this.listener = source.onDidChange((s) => this.add(s));
  }

  add(s: AccountSnapshot): void {
    let line = this.lines.get(s.accountId);
    if (!line || line.dayStart !== s.tradingDayStart) {
      line = { dayStart: s.tradingDayStart, points: [] };
      this.lines.set(s.accountId, line);
    }
    const time = Math.floor(this.now() / 1000);
    const last = line.points[line.points.length - 1];
    if (last && last.time >= time) line.points[line.points.length - 1] = { time: last.time, value: s.netPnl };
    else line.points.push({ time, value: s.netPnl });
    if (line.points.length > MAX_KEPT) line.points.splice(0, line.points.length - MAX_KEPT);
  }

  /** At most MAX_PNL_POINTS, evenly thinned, always ending with the latest. */
  points(accountId: number): PnlPoint[] {
    const all = this.lines.get(accountId)?.points ?? [];
    if (all.length <= MAX_PNL_POINTS) return [...all];
    const step = all.length / (MAX_PNL_POINTS - 1);
    const out: PnlPoint[] = [];
    for (let i = 0; i < MAX_PNL_POINTS - 1; i++) out.push(all[Math.floor(i * step)]);
    out.push(all[all.length - 1]);
    return out;
  }

  dispose(): void {
    this.listener.dispose();
  }
}

/** The panel's figures: the tree's texts, display-ready (nothing but figures crosses to the webview). */
export function accountPanelView(s: AccountSnapshot, facts: ContractFacts, points: readonly PnlPoint[]): AccountPanelView {
  return {
    accountId: s.accountId,
    title: s.name ? `${s.name} (${s.accountId})` : `Account ${s.accountId}`,
    balance: formatMoney(s.balance),
    net: formatMoney(s.netPnl, true),
    realized: formatMoney(s.realizedPnl, true),
    fees: formatMoney(s.fees),
    unrealized: formatMoney(s.unrealizedPnl, true),
    worst: worstState(s.risk) ?? 'none',
    rules: s.risk.map((r) => ({ name: RULE_NAMES[r.rule], text: ruleText(r), state: r.state })),
    positions: s.positions.map((p) => {
      const c = facts(p.contractId);
      return {
        contract: contractLabel(p.contractId, c),
        side: String(p.type),
        size: p.size,
        averagePrice: formatPrice(p.averagePrice, c?.tickSize),
        mark: p.markPrice === null ? '–' : formatPrice(p.markPrice, c?.tickSize),
        unrealized: formatMoney(p.unrealizedPnl, true),
      };
    }),
    points,
  };
}
