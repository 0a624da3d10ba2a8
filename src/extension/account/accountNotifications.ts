import vscode = require('vscode');
import { Command } from '../commandIds';
import { contractLabel, formatMoney, formatPrice } from '../../core/account/format';
import type { RiskRuleName, RiskStateKind } from '../../core/account/riskRules';
import type { AccountSnapshot } from '../../core/account/types';
import { RULE_NAMES, ruleText } from '../tree/accountViews';
import { Disposable } from '../util/disposable';
import type { Notifier } from '../util/notify';
import type { AccountSession } from './accountSession';

export type AccountNoticeKind = 'orderFilled' | 'ruleWarning' | 'ruleBreached';

interface Seen {
  readonly trades: Set<number>;
  readonly filledOrders: Set<number>;
  readonly rules: Map<RiskRuleName, RiskStateKind>;
}

/**
 * Opt-in notifications (`hubmon.notify.*`, off by default), one per event: an order's first fill
 * (later partial fills of the same order stay quiet), a rule entering warning (once per transition),
 * a rule entering breached (an error notification with an action, which VS Code keeps until
 * dismissed). The first snapshot of an account is the baseline: what was already true is not news.
 */
export class AccountNotifications extends Disposable {
  private readonly seen = new Map<number, Seen>();
  private readonly notices: { kind: AccountNoticeKind; text: string }[] = [];

  constructor(private readonly session: AccountSession, private readonly notifier: Notifier) {
    super();
    this._register(session.onDidChange((s) => this.onSnapshot(s)));
    this._register(session.onDidChangeAccounts(() => this.seen.clear()));
  }

  /** Every notification shown (the in-host tests count them). */
  get shown(): readonly { kind: AccountNoticeKind; text: string }[] {
    return this.notices;
  }

  private onSnapshot(s: AccountSnapshot): void {
    const seen = this.seen.get(s.accountId);
    if (!seen) {
      this.seen.set(s.accountId, {
        trades: new Set(s.trades.map((t) => t.id)),
        filledOrders: new Set(s.trades.map((t) => t.orderId)),
        rules: new Map(s.risk.map((r) => [r.rule, r.state])),
      });
      return;
    }
    const who = s.name || `account ${s.accountId}`;
    for (const t of s.trades) {
      if (seen.trades.has(t.id)) continue;
      seen.trades.add(t.id);
      if (t.voided || seen.filledOrders.has(t.orderId)) continue;
      seen.filledOrders.add(t.orderId);
      const side = t.side === 'Bid' || t.side === 0 ? 'Buy' : 'Sell';
      const label = t.contractId === undefined ? '' : ` ${contractLabel(t.contractId, this.session.contract(t.contractId))}`;
      const price = formatPrice(t.price, t.contractId === undefined ? undefined : this.session.contract(t.contractId)?.tickSize);
      this.show('orderFilled', `${who}: order ${t.orderId} filled: ${side} ${t.size}${label} @ ${price}`);
    }
    for (const r of s.risk) {
      const before = seen.rules.get(r.rule);
      seen.rules.set(r.rule, r.state);
      if (before === r.state) continue;
      if (r.state === 'warning') this.show('ruleWarning', `${who}: ${RULE_NAMES[r.rule]} warning: ${ruleText(r)}`);
      if (r.state === 'breached') this.show('ruleBreached', `${who}: ${RULE_NAMES[r.rule]} BREACHED (net today ${formatMoney(s.netPnl, true)}): ${ruleText(r)}`);
    }
  }

  private show(kind: AccountNoticeKind, text: string): void {
    if (vscode.workspace.getConfiguration('hubmon').get<boolean>(`notify.${kind}`, false) !== true) return;
    this.notices.push({ kind, text });
    if (this.notices.length > 100) this.notices.shift();
    // An error with an action stays until dismissed: a breach must not slide away unseen.
    const shown = kind === 'ruleBreached' ? this.notifier.error(text, 'Show Account') : this.notifier.info(text);
    void shown.then((choice) => {
      if (choice === 'Show Account') void vscode.commands.executeCommand(Command.showAccount);
    });
  }
}
