/** How the account rows look (vscode-free): labels and descriptions from one AccountSnapshot. */
import { contractLabel, formatMoney, formatPrice } from '../../core/account/format';
import type { RiskRuleName, RiskState, RiskStateKind } from '../../core/account/riskRules';
import type { AccountSnapshot, OrderView, PositionView } from '../../core/account/types';
import type { UserTrade } from '../../core/events/types';
import type { Contract } from '../../core/gateway/types';
import type { NodeView } from './nodeViews';

export type ContractFacts = (contractId: string) => Contract | undefined;

export const RULE_NAMES: Record<RiskRuleName, string> = { dailyLoss: 'Daily loss limit', maxLoss: 'Max loss limit', maxPosition: 'Max position' };

/** Icon and theme color per rule state (the color ids are VS Code theme colors). */
export const STATE_ICONS: Record<RiskStateKind, { readonly id: string; readonly color: string }> = {
  ok: { id: 'pass', color: 'testing.iconPassed' },
  warning: { id: 'warning', color: 'list.warningForeground' },
  breached: { id: 'error', color: 'list.errorForeground' },
};

const STATE_RANK: Record<RiskStateKind, number> = { ok: 0, warning: 1, breached: 2 };

/** The worst state of an account's rules; undefined when no rule is configured. */
export function worstState(risk: readonly RiskState[]): RiskStateKind | undefined {
  return risk.reduce<RiskStateKind | undefined>((worst, r) => (worst === undefined || STATE_RANK[r.state] > STATE_RANK[worst] ? r.state : worst), undefined);
}

/** "ok · 1,000.00 left (0 % used)" / "breached · 2 over 1 contract" */
export function ruleText(r: RiskState): string {
  if (r.rule === 'maxPosition') return `${r.state} · ${r.used} of ${r.limit} contracts`;
  const percent = r.limit > 0 ? Math.round((100 * r.used) / r.limit) : 0;
  return `${r.state} · ${formatMoney(r.distance)} left of ${formatMoney(r.limit)} (${percent} % used)`;
}

export function netText(s: AccountSnapshot): string {
  return `${formatMoney(s.netPnl, true)} (realized ${formatMoney(s.realizedPnl, true)}, fees ${formatMoney(s.fees)}, unrealized ${formatMoney(s.unrealizedPnl, true)})`;
}

export function accountView(s: AccountSnapshot): NodeView {
  const worst = worstState(s.risk);
  return {
    label: s.name ? `${s.name} (${s.accountId})` : `Account ${s.accountId}`,
    description: `${formatMoney(s.balance)} · net ${formatMoney(s.netPnl, true)}`,
    tooltip: `Account ${s.accountId}${s.canTrade ? '' : ' (cannot trade)'}\nBalance ${formatMoney(s.balance)}\nNet P&L today ${netText(s)}${s.risk.map((r) => `\n${RULE_NAMES[r.rule]}: ${ruleText(r)}`).join('')}`,
    icon: worst ? { id: 'account', color: worst === 'ok' ? undefined : STATE_ICONS[worst].color } : { id: 'account' },
    contextValue: 'account',
    collapsible: 'expanded',
  };
}

export function balanceView(s: AccountSnapshot): NodeView {
  return { label: 'Balance', description: formatMoney(s.balance), icon: { id: 'credit-card' }, contextValue: 'accountFigure', collapsible: 'none' };
}

export function netView(s: AccountSnapshot): NodeView {
  return { label: 'Net P&L today', description: netText(s), icon: { id: 'graph-line' }, contextValue: 'accountFigure', collapsible: 'none' };
}

export function ruleView(r: RiskState): NodeView {
  return { label: RULE_NAMES[r.rule], description: ruleText(r), icon: STATE_ICONS[r.state], contextValue: `accountRule.${r.state}`, collapsible: 'none' };
}

export function groupView(label: string, count: number): NodeView {
  return { label, description: String(count), contextValue: 'accountGroup', collapsible: count > 0 ? 'expanded' : 'none' };
}

export function positionView(p: PositionView, facts: ContractFacts): NodeView {
  const c = facts(p.contractId);
  const mark = p.markPrice === null ? 'mark –' : `mark ${formatPrice(p.markPrice, c?.tickSize)}`;
  return {
    label: contractLabel(p.contractId, c),
    description: `${String(p.type)} ${p.size} @ ${formatPrice(p.averagePrice, c?.tickSize)} · ${mark} · uPnL ${formatMoney(p.unrealizedPnl, true)}`,
    tooltip: `${p.contractId}${c ? ` (${c.description})` : ''}`,
    icon: { id: p.type === 'Short' ? 'arrow-down' : 'arrow-up' },
    contextValue: 'accountPosition',
    collapsible: 'none',
  };
}

const SIDE_WORDS: Record<string, string> = { Bid: 'Buy', Ask: 'Sell', '0': 'Buy', '1': 'Sell' };

export function orderView(o: OrderView, facts: ContractFacts): NodeView {
  const c = facts(o.contractId);
  const price = o.limitPrice ?? o.stopPrice;
  return {
    label: contractLabel(o.contractId, c),
    description: `${SIDE_WORDS[String(o.side)] ?? String(o.side)} ${String(o.type)} ${o.size}${price === null ? '' : ` @ ${formatPrice(price, c?.tickSize)}`} · ${String(o.status)}`,
    tooltip: `Order ${o.id} on ${o.contractId}`,
    icon: { id: 'clock' },
    contextValue: 'accountOrder',
    collapsible: 'none',
  };
}

export function tradeView(t: UserTrade, facts: ContractFacts): NodeView {
  const c = t.contractId === undefined ? undefined : facts(t.contractId);
  const time = t.creationTimestamp ? t.creationTimestamp.toISOString().slice(11, 19) : '--:--:--';
  const pnl = t.profitAndLoss === null ? 'open' : `P&L ${formatMoney(t.profitAndLoss, true)}`;
  return {
    label: `${time} ${t.contractId === undefined ? '' : contractLabel(t.contractId, c)}`.trim(),
    description: `${SIDE_WORDS[String(t.side)] ?? String(t.side)} ${t.size} @ ${formatPrice(t.price, c?.tickSize)} · ${pnl}${t.voided ? ' · voided' : ''}`,
    tooltip: `Trade ${t.id} (order ${t.orderId}), fees ${formatMoney(t.fees)}; time in UTC`,
    icon: { id: 'arrow-swap' },
    contextValue: 'accountTrade',
    collapsible: 'none',
  };
}
