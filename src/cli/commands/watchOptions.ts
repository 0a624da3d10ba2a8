/** `hubmon watch` options: parsed once, validated, and resolved into a connection and subscriptions. */
import { parseAccountId, parseContractId, parseDelays, parseOptions, parseSeconds } from '../args';
import { CONNECTION_OPTIONS, resolveConnection, type Connection } from '../connectionOptions';
import { parseMetricsAddress, type MetricsAddress } from '../metrics/metricsAddress';
import { withTokenFile } from '../tokenFile';

import type { RiskLimits } from '../../core/account/riskRules';
import { ACCOUNT_OPTIONS, resolveAccountLimits } from './accountOptions';

export const WATCH_OPTIONS = {
  ...CONNECTION_OPTIONS,
  ...ACCOUNT_OPTIONS,
  account: { type: 'string', multiple: true },
  contract: { type: 'string', multiple: true },
  'reconnect-delays': { type: 'string' },
  duration: { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  metrics: { type: 'string' },
  'token-file': { type: 'string' },
} as const;

export interface WatchOptions extends Connection {
  readonly accounts: readonly number[];
  readonly contracts: readonly string[];
  readonly json: boolean;
  readonly verbose: boolean;
  readonly durationMs: number | undefined;
  readonly retryDelaysMs: number[] | undefined;
  readonly metrics: MetricsAddress | undefined;

  /** Risk limits for the watched accounts (all off unless given). */
  readonly limits: RiskLimits;
}

export function resolveWatchOptions(args: readonly string[], env: Readonly<Record<string, string | undefined>>): WatchOptions {
  const v = parseOptions(args, WATCH_OPTIONS);
  const accounts = unique((v.account ?? []).map((a) => parseAccountId(a)));
  return {
    ...resolveConnection(v, withTokenFile(env, v['token-file'])),
    accounts,
    limits: resolveAccountLimits(v, accounts),
    contracts: unique((v.contract ?? []).map((c) => parseContractId(c))),
    json: v.json === true,
    verbose: v.verbose === true,
    durationMs: v.duration === undefined ? undefined : Math.round(parseSeconds(v.duration, '--duration') * 1000),
    retryDelaysMs: v['reconnect-delays'] === undefined ? undefined : parseDelays(v['reconnect-delays']),
    metrics: v.metrics === undefined ? undefined : parseMetricsAddress(v.metrics),
  };
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
