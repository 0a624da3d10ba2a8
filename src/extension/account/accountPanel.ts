/**
 * "Hub Monitor: Show Account": one compact panel per account (figures, rules, positions and the
 * intraday net P&L line), same CSP, nonce and resource rules as the quote chart; brought back after
 * a reload by its serializer from the saved account id. Only display figures are posted.
 */
import vscode = require('vscode');
import { Command } from '../commandIds';
import { parseAccountFromWebview, parseAccountPanelState, type AccountToWebview } from '../../shared/accountProtocol';
import { chartPanelOptions } from '../chart/chartPanel';
import { Disposable } from '../util/disposable';
import type { OutputLog } from '../log/outputLog';
import { registerSafeCommand, type Notifier } from '../util/notify';
import type { AccountSession } from './accountSession';
import { accountHtml } from './accountHtml';
import { accountPanelView, type PnlHistory } from './pnlHistory';

export const ACCOUNT_VIEW_TYPE = 'hubmon.account';
export const SHOW_ACCOUNT = Command.showAccount;

export class AccountPanels extends Disposable {
  private readonly panels = new Map<number, { panel: vscode.WebviewPanel; listeners: vscode.Disposable[] }>();

  constructor(private readonly extensionUri: vscode.Uri, private readonly session: AccountSession, private readonly history: PnlHistory, private readonly log: OutputLog, notifier: Notifier) {
    super();
    this._register(registerSafeCommand(SHOW_ACCOUNT, notifier, (arg: unknown) => this.show(arg)));
    this._register(vscode.window.registerWebviewPanelSerializer(ACCOUNT_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => {
        const parsed = parseAccountPanelState(state);
        if (parsed.ok) this.bind(panel, parsed.value.accountId);
        else panel.dispose();
      },
    }));
    this._register(session.onDidChange((s) => this.post(s.accountId)));
    this._register({ dispose: () => [...this.panels.values()].forEach((p) => p.panel.dispose()) });
  }

  /** The open panels' account ids (the tests read it). */
  get open(): number[] {
    return [...this.panels.keys()];
  }

  /** arg: an account id, a tree node or {accountId}; else the first monitored account. */
  show(arg?: unknown): number {
    const given = typeof arg === 'number' ? arg : typeof arg === 'object' && arg !== null ? (arg as { accountId?: unknown }).accountId : undefined;
    const accountId = typeof given === 'number' ? given : this.session.accounts[0];
    if (accountId === undefined) throw new Error('No account is monitored: run "Hub Monitor: Subscribe to Account" first.');
    const open = this.panels.get(accountId);
    if (open) {
      open.panel.reveal();
      return accountId;
    }
    const panel = vscode.window.createWebviewPanel(ACCOUNT_VIEW_TYPE, `Account ${accountId}`, { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, chartPanelOptions(this.extensionUri));
    this.bind(panel, accountId);
    return accountId;
  }

  private bind(panel: vscode.WebviewPanel, accountId: number): void {
    this.panels.get(accountId)?.panel.dispose();
    const webview = panel.webview;
    webview.options = chartPanelOptions(this.extensionUri);
    const asset = (name: string): string => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', name)).toString();
    const listeners = [
      webview.onDidReceiveMessage((raw: unknown) => {
        const m = parseAccountFromWebview(raw);
        if (!m.ok) return this.log.warn('account', `ignored a message from the account panel: ${m.error}`);
        if (m.value.type === 'ready') this.post(accountId);
        else this.log.warn('account', `account panel: ${m.value.text}`);
      }),
      panel.onDidChangeViewState(() => panel.visible && this.post(accountId)),
      panel.onDidDispose(() => {
        listeners.forEach((l) => l.dispose());
        if (this.panels.get(accountId)?.panel === panel) this.panels.delete(accountId);
      }),
    ];
    this.panels.set(accountId, { panel, listeners });
    webview.html = accountHtml({ cspSource: webview.cspSource, script: asset('account.js'), style: asset('account.css'), codicons: asset('codicon.css') });
  }

  private post(accountId: number): void {
    const open = this.panels.get(accountId);
    if (!open || !open.panel.visible) return;
    const s = this.session.snapshot(accountId);
    open.panel.title = s?.name ? `Account ${s.name}` : `Account ${accountId}`;
    const message: AccountToWebview = s
      ? { type: 'account', view: accountPanelView(s, (id) => this.session.contract(id), this.history.points(accountId)) }
      : { type: 'noAccount', text: `Account ${accountId} is not monitored now: subscribe to it to see its figures.` };
    open.panel.webview.postMessage(message).then(undefined, (error: unknown) => this.log.warn('account', `could not post to the account panel: ${String(error)}`));
  }
}
