import vscode = require('vscode');
import { Command } from '../commandIds';
import { formatMoney } from '../../core/account/format';
import type { AccountSnapshot } from '../../core/account/types';
import type { AccountSession } from '../account/accountSession';
import { RULE_NAMES, ruleText, worstState } from '../tree/accountViews';
import { Disposable } from '../util/disposable';

export const ACCOUNT_STATUS_ITEM_ID = 'hubmon.accountStatus';

/** What the item shows (the in-host tests read it). */
export interface AccountStatusView {
  readonly text: string;
  readonly background: string | undefined;
  readonly tooltip: string;
}

export function accountStatusView(s: AccountSnapshot): AccountStatusView {
  const worst = worstState(s.risk);
  const rules = s.risk.length === 0 ? ['No loss limits set (hubmon.risk).'] : s.risk.map((r) => `- ${RULE_NAMES[r.rule]}: ${ruleText(r)}`);
  return {
    text: `$(graph-line) ${formatMoney(s.netPnl, true)}`,
    background: worst === 'breached' ? 'statusBarItem.errorBackground' : worst === 'warning' ? 'statusBarItem.warningBackground' : undefined,
    tooltip: [`**${s.name || `Account ${s.accountId}`}**: net P&L today ${formatMoney(s.netPnl, true)}, balance ${formatMoney(s.balance)}`, '', ...rules].join('\n'),
  };
}

/**
 * Net P&L today of the first monitored account, beside the hub state; colored by its worst rule
 * state. Shown while an account is monitored and `hubmon.statusBar.showPnl` is on (default).
 */
export class AccountStatusItem extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private current: AccountStatusView | undefined;

  constructor(private readonly session: AccountSession) {
    super();
    // Priority just below the hub item (50) puts it right beside it.
    this.item = this._register(vscode.window.createStatusBarItem(ACCOUNT_STATUS_ITEM_ID, vscode.StatusBarAlignment.Left, 49));
    this.item.name = 'Hub Monitor: Account P&L';
    this.item.command = Command.showAccount;
    this._register(session.onDidChange((s) => s.accountId === session.accounts[0] && this.render()));
    this._register(session.onDidChangeAccounts(() => this.render()));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('hubmon.statusBar.showPnl') && this.render()));
    this.render();
  }

  /** What the item shows now; undefined while hidden. */
  get view(): AccountStatusView | undefined {
    return this.current;
  }

  private render(): void {
    if (this.isDisposed) return;
    const id = this.session.accounts[0];
    const snapshot = id === undefined ? undefined : this.session.snapshot(id);
    const show = vscode.workspace.getConfiguration('hubmon').get<boolean>('statusBar.showPnl', true) !== false;
    if (!snapshot || !show) {
      this.current = undefined;
      this.item.hide();
      return;
    }
    const view = accountStatusView(snapshot);
    this.current = view;
    this.item.text = view.text;
    this.item.backgroundColor = view.background ? new vscode.ThemeColor(view.background) : undefined;
    this.item.tooltip = new vscode.MarkdownString(view.tooltip);
    this.item.show();
  }
}
