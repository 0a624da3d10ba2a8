import vscode = require('vscode');
import type { MonitorController } from '../controller/monitorController';
import { ContractDetails } from '../contracts/contractDetails';
import { Disposable } from '../util/disposable';
import { HubTreeModel, type HubNode } from './hubTreeModel';

export const HUB_VIEW_ID = 'hubmon.hubs';

/** Maps the model to VS Code's tree; ticks ages once a second only while the view is visible. */
export class HubTreeProvider extends Disposable implements vscode.TreeDataProvider<HubNode> {
  private readonly changed = this._register(new vscode.EventEmitter<HubNode | HubNode[] | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly model = this._register(new HubTreeModel());
  readonly view: vscode.TreeView<HubNode>;
  private ticker: NodeJS.Timeout | undefined;

  constructor(controller: MonitorController) {
    super();
    this._register(this.model.onDidChange((nodes) => this.changed.fire(nodes ? [...nodes] : undefined)));
    const details = this._register(new ContractDetails(() => controller.monitor));
    this.model.setContractDetails(details);
    this.model.setMonitor(controller.monitor);
    this._register(controller.onDidChangeMonitor((m) => {
      this.model.setMonitor(m);
      this.updateTicker();
    }));
    this.view = this._register(vscode.window.createTreeView(HUB_VIEW_ID, { treeDataProvider: this, showCollapseAll: false }));
    this._register(this.view.onDidChangeVisibility(() => this.updateTicker()));
    this._register({ dispose: () => this.stopTicker() });
    this.updateTicker();
  }

  getTreeItem(node: HubNode): vscode.TreeItem {
    const v = this.model.view(node);
    const item = new vscode.TreeItem(v.label, v.collapsible === 'expanded' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = v.description;
    this.model.rendered(node, v);
    item.contextValue = v.contextValue;
    if (v.icon) item.iconPath = new vscode.ThemeIcon(v.icon.id, v.icon.color ? new vscode.ThemeColor(v.icon.color) : undefined);
    return item;
  }

  /** Markdown tooltips, built on hover (fresh figures, no cost per refresh). */
  resolveTreeItem(item: vscode.TreeItem, node: HubNode): vscode.TreeItem {
    const tooltip = this.model.view(node).tooltip;
    if (tooltip) item.tooltip = new vscode.MarkdownString(tooltip, true);
    return item;
  }

  getChildren(node?: HubNode): HubNode[] {
    return this.model.children(node);
  }

  getParent(node: HubNode): HubNode | undefined {
    return this.model.parent(node);
  }

  private updateTicker(): void {
    if (this.view.visible && this.model.roots().length > 0) {
      if (!this.ticker) {
        this.ticker = setInterval(() => this.model.tick(), 1000);
        this.ticker.unref();
      }
    } else {
      this.stopTicker();
    }
  }

  private stopTicker(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
  }
}
