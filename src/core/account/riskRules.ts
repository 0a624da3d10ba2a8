/**
 * The prop-firm risk rules the monitor watches (it only warns; it never acts on an account).
 *
 * - dailyLoss: used = max(0, −net today); distance = limit − used.
 * - maxLoss: used = max(0, reference − equity), equity = balance + unrealized, distance = limit − used.
 *   Static: reference = the balance at the start of the trading day first seen by this monitor.
 *   Trailing: reference = the highest end-of-day balance seen (each trading day's start-of-day
 *   balance, i.e. the previous day's closing balance, including the first day's), so the floor
 *   (reference − limit) only moves up. On the first day both modes give used = max(0, −net).
 * - maxPosition: used = open contracts across the account (Σ sizes); breached only above the limit.
 * A loss rule is breached once distance ≤ 0 and stays breached until the next trading day; any rule
 * is in warning once used ≥ warnAt × limit (default 0.8).
 */
import { cleanMoney } from './pnl';

export type RiskRuleName = 'dailyLoss' | 'maxLoss' | 'maxPosition';
export type RiskStateKind = 'ok' | 'warning' | 'breached';

export interface RiskLimits {
  /** Money; absent = the rule is off. */
  readonly dailyLoss?: number;
  readonly maxLoss?: number;
  /** maxLoss trails the highest end-of-day balance. */
  readonly trailing?: boolean;
  /** Contracts across the account. */
  readonly maxPosition?: number;
  /** Fraction of a limit used that turns a rule to warning; default 0.8. */
  readonly warnAt?: number;
}

export interface RiskState {
  readonly rule: RiskRuleName;
  readonly limit: number;
  readonly used: number;
  readonly distance: number;
  readonly state: RiskStateKind;
}

export interface RiskInput {
  readonly netPnl: number;
  /** balance + unrealized. */
  readonly equity: number;
  /** The maxLoss reference balance (static or trailing, see above). */
  readonly maxLossReference: number;
  readonly openContracts: number;
}

export const DEFAULT_WARN_AT = 0.8;

/** Rule states in a fixed order (dailyLoss, maxLoss, maxPosition); `latched` holds today's breaches. */
export function evaluateRisk(limits: RiskLimits, input: RiskInput, latched: ReadonlySet<RiskRuleName>): RiskState[] {
  const warnAt = limits.warnAt ?? DEFAULT_WARN_AT;
  const out: RiskState[] = [];
  const loss = (rule: RiskRuleName, limit: number, used: number): RiskState => {
    const distance = cleanMoney(limit - used);
    const state: RiskStateKind = distance <= 0 || latched.has(rule) ? 'breached' : used >= warnAt * limit ? 'warning' : 'ok';
    return { rule, limit, used, distance, state };
  };
  if (limits.dailyLoss !== undefined) out.push(loss('dailyLoss', limits.dailyLoss, cleanMoney(Math.max(0, -input.netPnl))));
  if (limits.maxLoss !== undefined) out.push(loss('maxLoss', limits.maxLoss, cleanMoney(Math.max(0, input.maxLossReference - input.equity))));
  if (limits.maxPosition !== undefined) {
    const limit = limits.maxPosition;
    const used = input.openContracts;
    const state: RiskStateKind = used > limit ? 'breached' : used >= warnAt * limit && used > 0 ? 'warning' : 'ok';
    out.push({ rule: 'maxPosition', limit, used, distance: limit - used, state });
  }
  return out;
}

/** Checks limits from settings or the command line; returns one line naming the problem, or undefined. */
export function validateLimits(limits: RiskLimits): string | undefined {
  for (const [name, value] of [['daily loss limit', limits.dailyLoss], ['max loss limit', limits.maxLoss]] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) return `the ${name} must be a positive amount of money, not ${value}`;
  }
  if (limits.maxPosition !== undefined && !(Number.isInteger(limits.maxPosition) && limits.maxPosition > 0)) {
    return `the max position must be a positive whole number of contracts, not ${limits.maxPosition}`;
  }
  if (limits.warnAt !== undefined && !(limits.warnAt > 0 && limits.warnAt <= 1)) return `the warning threshold must be a fraction above 0 and at most 1, not ${limits.warnAt}`;
  return undefined;
}
