/** `hubmon watch` risk options: --daily-loss-limit, --max-loss-limit [--trailing], --max-position, --warn-at. */
import { validateLimits, type RiskLimits } from '../../core/account/riskRules';
import { UsageError } from '../args';

export const ACCOUNT_OPTIONS = {
  'daily-loss-limit': { type: 'string' },
  'max-loss-limit': { type: 'string' },
  trailing: { type: 'boolean' },
  'max-position': { type: 'string' },
  'warn-at': { type: 'string' },
} as const;

export interface AccountValues {
  readonly 'daily-loss-limit'?: string;
  readonly 'max-loss-limit'?: string;
  readonly trailing?: boolean;
  readonly 'max-position'?: string;
  readonly 'warn-at'?: string;
}

function number(value: string | undefined, option: string, what: string): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  if (!(n > 0)) throw new UsageError(`${option} takes ${what}, not '${value}'`);
  return n;
}

/** The limits the options ask for (all off when none is given); bad values are UsageErrors. */
export function resolveAccountLimits(v: AccountValues, accounts: readonly number[]): RiskLimits {
  const limits: RiskLimits = {
    dailyLoss: number(v['daily-loss-limit'], '--daily-loss-limit', 'a positive amount of money like 1000'),
    maxLoss: number(v['max-loss-limit'], '--max-loss-limit', 'a positive amount of money like 2000'),
    trailing: v.trailing === true,
    maxPosition: number(v['max-position'], '--max-position', 'a positive whole number of contracts'),
    warnAt: number(v['warn-at'], '--warn-at', 'a fraction like 0.8'),
  };
  const given = Object.keys(ACCOUNT_OPTIONS).some((key) => v[key as keyof AccountValues] !== undefined);
  if (given && accounts.length === 0) throw new UsageError('the risk options need --account ID (the account they watch)');
  if (limits.trailing && limits.maxLoss === undefined) throw new UsageError('--trailing needs --max-loss-limit (it makes that limit trail)');
  const problem = validateLimits(limits);
  if (problem) throw new UsageError(problem.replace('the max position', '--max-position').replace('the warning threshold', '--warn-at'));
  return limits;
}
