import vscode = require('vscode');
import { AccountMonitor } from '../../core/account/accountMonitor';
import type { AccountSnapshot } from '../../core/account/types';
import type { Contract } from '../../core/gateway/types';
import type { Monitor } from '../../core/monitor/types';
import type { MonitorController } from '../controller/monitorController';
import type { OutputLog } from '../log/outputLog';
import { Disposable } from '../util/disposable';
import type { Notifier } from '../util/notify';
import { limitsFor, readRiskSettings, type RiskEntry } from './riskSettings';

/**
 * The account model of the active monitor: one AccountMonitor for the accounts the user hub is
 * subscribed to (orders, positions or trades of an account id), rebuilt when that set changes or the
 * monitor is replaced, with the limits of `hubmon.risk` for the monitor's profile.
 */
export class AccountSession extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<AccountSnapshot>());
  /** A new snapshot of one account (coalesced by the core, ≤ 4 a second per account). */
  readonly onDidChange = this.changed.event;
  private readonly accountsChanged = this._register(new vscode.EventEmitter<void>());
  /** The set of monitored accounts changed (or the model was replaced). */
  readonly onDidChangeAccounts = this.accountsChanged.event;
  private monitor: Monitor | undefined;
  private model: AccountMonitor | undefined;
  private accountIds: number[] = [];
  private monitorListeners: vscode.Disposable[] = [];
  private modelListener: { dispose(): void } | undefined;
  private risk: RiskEntry[] = [];

  constructor(private readonly controller: MonitorController, private readonly log: OutputLog, private readonly notifier: Notifier) {
    super();
    this.readRisk();
    this._register(controller.onDidChangeMonitor((m) => this.bind(m)));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('hubmon.risk')) this.readRisk();
    }));
    this._register({ dispose: () => this.bind(undefined) });
    this.bind(controller.monitor);
  }

  /** The monitored accounts, in subscription order. */
  get accounts(): readonly number[] {
    return this.accountIds;
  }

  snapshot(accountId: number): AccountSnapshot | undefined {
    return this.model?.snapshot(accountId);
  }

  contract(contractId: string): Contract | undefined {
    return this.model?.contract(contractId);
  }

  private bind(monitor: Monitor | undefined): void {
    if (monitor === this.monitor && monitor !== undefined) return;
    for (const l of this.monitorListeners) l.dispose();
    this.monitorListeners = [];
    this.monitor = this.isDisposed ? undefined : monitor;
    if (this.monitor) {
      const subs = this.monitor.user.subscriptions;
      this.monitorListeners.push(subs.onDidChange(() => this.follow()), subs.onDidRemove(() => this.follow()));
    }
    this.follow(true);
  }

  /** Rebuilds the model when the subscribed accounts differ from the modelled ones. */
  private follow(force = false): void {
    const m = this.monitor;
    const ids = m ? [...new Set(m.user.subscriptions.list().flatMap((s) => (typeof s.arg === 'number' ? [s.arg] : [])))] : [];
    if (!force && ids.length === this.accountIds.length && ids.every((id, i) => id === this.accountIds[i])) return;
    this.modelListener?.dispose();
    this.model?.dispose();
    this.model = undefined;
    this.accountIds = ids;
    if (m && ids.length > 0) {
      const model = new AccountMonitor({
        user: m.user, market: m.market, gateway: m.gateway, tokens: m.tokens, accounts: ids,
        record: (step) => this.controller.record('user', step),
        onListenerError: (error) => this.log.warn('account', `a view failed on an account update: ${String(error)}`),
      });
      for (const id of ids) model.setLimits(limitsFor(this.risk, m.profile.id, id), id);
      this.model = model;
      this.modelListener = model.onDidChange((s) => this.changed.fire(s));
      void model.seed();
    }
    this.accountsChanged.fire();
  }

  /** Bad entries are skipped with one line each; the good ones apply at once. */
  private readRisk(): void {
    const { entries, problems } = readRiskSettings();
    this.risk = entries;
    for (const p of problems) void this.notifier.error(p);
    const m = this.monitor;
    if (m) for (const id of this.accountIds) this.model?.setLimits(limitsFor(entries, m.profile.id, id), id);
  }
}
