import type * as vscode from 'vscode';
import type { MonitorController } from '../controller/monitorController';
import type { OutputLog } from '../log/outputLog';
import { AccountStatusItem } from '../status/accountStatusItem';
import { AccountTree } from '../tree/accountNodes';
import type { HubTreeModel } from '../tree/hubTreeModel';
import { Disposable } from '../util/disposable';
import type { Notifier } from '../util/notify';
import { AccountNotifications } from './accountNotifications';
import { AccountPanels } from './accountPanel';
import { AccountSession } from './accountSession';
import { PnlHistory } from './pnlHistory';

/**
 * The VS Code side of the account model: the session following the active monitor, its rows in the
 * hub tree, the P&L status bar item and the opt-in notifications. The tests reach them through here.
 */
export class AccountViews extends Disposable {
  readonly session: AccountSession;
  readonly tree: AccountTree;
  readonly status: AccountStatusItem;
  readonly notifications: AccountNotifications;
  readonly history: PnlHistory;
  readonly panels: AccountPanels;

  constructor(extensionUri: vscode.Uri, controller: MonitorController, hubTree: HubTreeModel, log: OutputLog, notifier: Notifier) {
    super();
    this.session = this._register(new AccountSession(controller, log, notifier));
    this.tree = this._register(new AccountTree(this.session));
    hubTree.setAccountTree(this.tree);
    this._register({ dispose: () => hubTree.setAccountTree(undefined) });
    this.status = this._register(new AccountStatusItem(this.session));
    this.notifications = this._register(new AccountNotifications(this.session, notifier));
    this.history = this._register(new PnlHistory(this.session));
    this.panels = this._register(new AccountPanels(extensionUri, this.session, this.history, log, notifier));
  }
}
