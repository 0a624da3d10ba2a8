import * as vscode from 'vscode';
import type { MonitorController } from '../controller/monitorController';
import { Disposable } from '../util/disposable';
import { statusView, type StatusView } from './statusModel';

export const STATUS_ITEM_ID = 'hubmon.status';

/** The one status bar item: both hubs at a glance; click opens the actions quick pick. */
export class StatusBar extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private ticker: NodeJS.Timeout | undefined;
  private current: StatusView | undefined;

  constructor(private readonly controller: MonitorController) {
    super();
    this.item = this._register(vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Left, 50));
    this.item.name = 'Hub Monitor';
    this.item.command = 'hubmon.showActions';
    this._register(controller.onDidChange(() => this.render()));
    this._register({ dispose: () => this.setTicking(false) });
    this.render();
    this.item.show();
  }

  /** What the item shows now (for the in-host tests). */
  get view(): StatusView {
    return this.current ?? statusView(this.controller.snapshot(), Date.now());
  }

  private render(): void {
    if (this.isDisposed) return;
    const view = statusView(this.controller.snapshot(), Date.now());
    this.current = view;
    this.item.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip.join('\n\n'), true);
    this.item.tooltip = tooltip;
    this.item.backgroundColor = view.background ? new vscode.ThemeColor(`statusBarItem.${view.background}Background`) : undefined;
    this.item.color = view.color ? new vscode.ThemeColor(view.color) : undefined;
    this.item.accessibilityInformation = { label: view.text.replace(/\$\([^)]+\)\s*/g, ''), role: 'button' };
    this.setTicking(view.ticking);
  }

  /** A one-second countdown only while a hub is waiting to reconnect. */
  private setTicking(on: boolean): void {
    if (on && !this.ticker) {
      this.ticker = setInterval(() => this.render(), 1000);
      this.ticker.unref();
    } else if (!on && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }
}
