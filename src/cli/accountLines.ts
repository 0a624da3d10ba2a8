/**
 * `hubmon watch --account`: the `account` JSON line (the contract other tools rely on; numbers in
 * full precision, enums by the reference's names) and the human line for each change of an account.
 */
import { contractLabel, formatMoney, formatPrice } from '../core/account/format';
import type { RiskRuleName } from '../core/account/riskRules';
import type { AccountSnapshot } from '../core/account/types';
import type { Contract } from '../core/gateway/types';

export interface AccountLine {
  readonly kind: 'account';
  readonly accountId: number;
  readonly name: string;
  readonly balance: number;
  readonly canTrade: boolean;
  readonly realizedPnl: number;
  readonly fees: number;
  readonly unrealizedPnl: number;
  readonly netPnl: number;
  readonly positions: readonly object[];
  readonly workingOrders: readonly object[];
  readonly risk: readonly object[];
}

export function accountLine(s: AccountSnapshot): AccountLine {
  return {
    kind: 'account',
    accountId: s.accountId,
    name: s.name,
    balance: s.balance,
    canTrade: s.canTrade,
    realizedPnl: s.realizedPnl,
    fees: s.fees,
    unrealizedPnl: s.unrealizedPnl,
    netPnl: s.netPnl,
    positions: s.positions.map((p) => ({ contractId: p.contractId, type: p.type, size: p.size, averagePrice: p.averagePrice, markPrice: p.markPrice, unrealizedPnl: p.unrealizedPnl })),
    workingOrders: s.workingOrders.map((o) => ({ id: o.id, contractId: o.contractId, side: o.side, type: o.type, size: o.size, limitPrice: o.limitPrice, status: o.status })),
    risk: s.risk.map((r) => ({ rule: r.rule, limit: r.limit, used: r.used, distance: r.distance, state: r.state })),
  };
}

const RULE_WORDS: Record<RiskRuleName, string> = { dailyLoss: 'daily loss', maxLoss: 'max loss', maxPosition: 'max position' };

/** `ES Z26 long 2 @ 5000.00  mark 5010.25  uPnL +1,025.00 · net today +1,622.90 · daily loss 0 % used` */
export function accountHumanLine(s: AccountSnapshot, contract: (id: string) => Contract | undefined): string {
  const positions = s.positions.map((p) => {
    const facts = contract(p.contractId);
    const side = p.type === 'Long' ? 'long' : p.type === 'Short' ? 'short' : String(p.type).toLowerCase();
    const mark = p.markPrice === null ? 'mark –' : `mark ${formatPrice(p.markPrice, facts?.tickSize)}`;
    return `${contractLabel(p.contractId, facts)} ${side} ${p.size} @ ${formatPrice(p.averagePrice, facts?.tickSize)}  ${mark}  uPnL ${formatMoney(p.unrealizedPnl, true)}`;
  });
  const rules = s.risk.map((r) => {
    const used = r.limit > 0 ? Math.round((100 * r.used) / r.limit) : 0;
    const text = r.rule === 'maxPosition' ? `${RULE_WORDS[r.rule]} ${r.used}/${r.limit}` : `${RULE_WORDS[r.rule]} ${used} % used`;
    return r.state === 'ok' ? text : `${text} (${r.state.toUpperCase()})`;
  });
  return [...(positions.length > 0 ? positions : ['flat']), `net today ${formatMoney(s.netPnl, true)}`, ...rules].join(' · ');
}
