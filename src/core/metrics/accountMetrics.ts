/**
 * Per-account metrics (label `account`, the account id): P&L, open positions and the distance to
 * each loss rule. The data comes from an AccountMetricsSource (the account model); until one is
 * registered the six metrics are absent from the registry, not zero.
 */
import { Gauge, type Registry } from 'prom-client';
import type { Disposable } from '../util/emitter';

export type RuleName = 'dailyLoss' | 'maxLoss' | 'maxPosition';
export type RuleState = 'ok' | 'warning' | 'breached';
export interface AccountMetricsSnapshot { readonly accountId: number; readonly name: string; readonly netPnl: number; readonly realizedPnl: number; readonly unrealizedPnl: number; readonly openPositions: number; readonly risk: readonly { readonly rule: RuleName; readonly distance: number; readonly state: RuleState }[] }
export interface AccountMetricsSource { accountMetrics(): readonly AccountMetricsSnapshot[] }

export const ACCOUNT_METRIC_NAMES = [
  'hubmon_account_net_pnl',
  'hubmon_account_realized_pnl',
  'hubmon_account_unrealized_pnl',
  'hubmon_account_open_positions',
  'hubmon_account_rule_distance',
  'hubmon_account_rule_state',
] as const;

export const RULE_STATES: readonly RuleState[] = ['ok', 'warning', 'breached'];

type AccountGauges = readonly Gauge[];

/** Registers the account gauges on the first source and removes them with the last one. */
export class AccountMetrics {
  private readonly sources = new Set<AccountMetricsSource>();
  private gauges: AccountGauges | undefined;

  constructor(private readonly registry: Registry) {}

  addSource(source: AccountMetricsSource): Disposable {
    this.sources.add(source);
    this.gauges ??= this.createGauges();
    return {
      dispose: () => {
        if (!this.sources.delete(source) || this.sources.size > 0 || !this.gauges) return;
        for (const name of ACCOUNT_METRIC_NAMES) this.registry.removeSingleMetric(name);
        this.gauges = undefined;
      },
    };
  }

  /** Every account of every source, read once per scrape (the first source wins a duplicated id). */
  private snapshots(): AccountMetricsSnapshot[] {
    const byId = new Map<number, AccountMetricsSnapshot>();
    for (const source of this.sources) {
      for (const snap of source.accountMetrics()) if (!byId.has(snap.accountId)) byId.set(snap.accountId, snap);
    }
    return [...byId.values()];
  }

  private createGauges(): AccountGauges {
    const registers = [this.registry];
    // Each gauge reads the sources itself, so a gauge collected alone is never stale.
    const read = (): AccountMetricsSnapshot[] => this.snapshots();
    const perAccount = (name: string, help: string, value: (s: AccountMetricsSnapshot) => number): Gauge =>
      new Gauge({
        name,
        help,
        labelNames: ['account'],
        registers,
        collect() {
          this.reset();
          for (const s of read()) this.set({ account: String(s.accountId) }, value(s));
        },
      });
    return [
      perAccount('hubmon_account_net_pnl', 'Net profit and loss of the account (realized + unrealized).', (s) => s.netPnl),
      perAccount('hubmon_account_realized_pnl', 'Realized profit and loss of the account today.', (s) => s.realizedPnl),
      perAccount('hubmon_account_unrealized_pnl', 'Unrealized profit and loss of the open positions.', (s) => s.unrealizedPnl),
      perAccount('hubmon_account_open_positions', 'Number of open positions.', (s) => s.openPositions),
      new Gauge({
        name: 'hubmon_account_rule_distance',
        help: 'Distance to the rule limit, in the rule unit (currency for loss rules, contracts for maxPosition); 0 or below means breached.',
        labelNames: ['account', 'rule'],
        registers,
        collect() {
          this.reset();
          for (const s of read()) for (const r of s.risk) this.set({ account: String(s.accountId), rule: r.rule }, r.distance);
        },
      }),
      new Gauge({
        name: 'hubmon_account_rule_state',
        help: 'Rule state: 1 for the current state (ok, warning, breached), 0 for the others.',
        labelNames: ['account', 'rule', 'state'],
        registers,
        collect() {
          this.reset();
          for (const s of read()) {
            for (const r of s.risk) for (const state of RULE_STATES) this.set({ account: String(s.accountId), rule: r.rule, state }, r.state === state ? 1 : 0);
          }
        },
      }),
    ];
  }
}
