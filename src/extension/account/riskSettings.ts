import vscode = require('vscode');
import { validateLimits, type RiskLimits } from '../../core/account/riskRules';

/** One entry of `hubmon.risk`: the limits of a profile, or of one account of it. */
export interface RiskEntry {
  readonly profile: string;
  readonly accountId: number | undefined;
  readonly limits: RiskLimits;
}

/**
 * Reads `hubmon.risk` (application-scoped, read from the user settings only like the profiles, so a
 * workspace cannot loosen a trader's limits). A bad entry is skipped with one line naming it and the fix.
 */
export function readRiskSettings(): { entries: RiskEntry[]; problems: string[] } {
  const inspected = vscode.workspace.getConfiguration('hubmon').inspect<unknown>('risk');
  return parseRiskSettings(inspected?.globalValue ?? []);
}

export function parseRiskSettings(value: unknown): { entries: RiskEntry[]; problems: string[] } {
  const entries: RiskEntry[] = [];
  const problems: string[] = [];
  if (!Array.isArray(value)) return { entries, problems: ['Setting hubmon.risk is invalid (expected a list of {profile, accountId, dailyLossLimit, ...} entries); no limits are watched. Fix it in Settings.'] };
  value.forEach((raw: unknown, index) => {
    const bad = (why: string): void => void problems.push(`Setting hubmon.risk[${index}] is invalid (${why}); that entry is ignored. Fix it in Settings.`);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return bad('expected an object');
    const e = raw as Record<string, unknown>;
    if (typeof e.profile !== 'string' || e.profile.trim() === '') return bad('"profile" must be a profile id such as "demo"');
    if (e.accountId !== undefined && !(Number.isInteger(e.accountId) && (e.accountId as number) > 0)) return bad(`"accountId" must be a whole account id, not ${JSON.stringify(e.accountId)}`);
    for (const key of ['dailyLossLimit', 'maxLossLimit', 'maxPosition', 'warnAt'] as const) {
      if (e[key] !== undefined && typeof e[key] !== 'number') return bad(`"${key}" must be a number, not ${JSON.stringify(e[key])}`);
    }
    if (e.trailing !== undefined && typeof e.trailing !== 'boolean') return bad('"trailing" must be true or false');
    const limits: RiskLimits = {
      dailyLoss: e.dailyLossLimit as number | undefined,
      maxLoss: e.maxLossLimit as number | undefined,
      trailing: e.trailing as boolean | undefined,
      maxPosition: e.maxPosition as number | undefined,
      warnAt: e.warnAt as number | undefined,
    };
    const problem = validateLimits(limits);
    if (problem) return bad(problem);
    entries.push({ profile: e.profile, accountId: e.accountId as number | undefined, limits });
  });
  return { entries, problems };
}

/** The limits of an account: its own entry, else its profile's entry without accountId, else none. */
export function limitsFor(entries: readonly RiskEntry[], profileId: string, accountId: number): RiskLimits {
  const own = entries.find((e) => e.profile === profileId && e.accountId === accountId);
  return (own ?? entries.find((e) => e.profile === profileId && e.accountId === undefined))?.limits ?? {};
}
