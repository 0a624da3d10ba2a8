import vscode = require('vscode');
import type { MonitorController } from '../controller/monitorController';
import type { FeedHealthModel } from '../health/feedHealthModel';
import { Disposable } from '../util/disposable';
import { statusView, type StatusView } from './statusModel';
import { Command } from '../commandIds';

export const STATUS_ITEM_ID = 'hubmon.status';

/** The one status bar item: both hubs at a glance; click opens the actions quick pick. */
export class StatusBar extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private ticker: NodeJS.Timeout | undefined;
  private healthTicker: NodeJS.Timeout | undefined;
  private current: StatusView | undefined;
  private shown = false;

  /**
   * @param showWhenSignedOut hubmon.statusBar.showWhenSignedOut, read on every render.
   * @param onDidChangeSettings re-render when it changes.
   */
  constructor(
    private readonly controller: MonitorController,
    private readonly health?: FeedHealthModel,
    private readonly showWhenSignedOut: () => boolean = () => true,
    onDidChangeSettings?: vscode.Event<void>,
  ) {
    super();
    this.item = this._register(vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Left, 50));
    this.item.name = 'Hub Monitor';
    this.item.command = Command.showActions;
    this._register(controller.onDidChange(() => this.render()));
    if (onDidChangeSettings) this._register(onDidChangeSettings(() => this.render()));
    this._register({ dispose: () => this.setTicking(false) });
    this._register({ dispose: () => this.setHealthTicking(false) });
    this.render();
  }

  /** Whether the item is on screen now (for the in-host tests). */
  get visible(): boolean {
    return this.shown;
  }

  /** What the item shows now (for the in-host tests): re-rendered, so staleness is current. */
  get view(): StatusView {
    this.render();
    return this.current ?? statusView(this.controller.snapshot(), Date.now(), this.health?.summary());
  }

  private render(): void {
    if (this.isDisposed) return;
    const snap = this.controller.snapshot();
    const view = statusView(snap, Date.now(), this.health?.summary());
    // Staleness moves with the clock: re-judge every 2 s while a hub is connected.
    this.setHealthTicking(this.health !== undefined && (snap.user?.kind === 'connected' || snap.market?.kind === 'connected'));
    this.setShown(!view.quiet || this.showWhenSignedOut());
    if (this.current && sameView(this.current, view)) return;
    this.current = view;
    this.item.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip.join('\n\n'), true);
    this.item.tooltip = tooltip;
    this.item.backgroundColor = view.background ? new vscode.ThemeColor(`statusBarItem.${view.background}Background`) : undefined;
    this.item.color = view.color ? new vscode.ThemeColor(view.color) : undefined;
    this.item.accessibilityInformation = { label: view.text.replace(/\$\([^)]+\)\s*/g, ''), role: 'button' };
    this.setTicking(view.ticking);
  }

  private setShown(on: boolean): void {
    if (on === this.shown) return;
    this.shown = on;
    if (on) this.item.show();
    else this.item.hide();
  }

  private setHealthTicking(on: boolean): void {
    this.healthTicker = toggleInterval(this.healthTicker, on, 2000, () => this.render());
  }

  /** A one-second countdown only while a hub is waiting to reconnect. */
  private setTicking(on: boolean): void {
    this.ticker = toggleInterval(this.ticker, on, 1000, () => this.render());
  }
}

function sameView(a: StatusView, b: StatusView): boolean {
  return a.text === b.text && a.background === b.background && a.color === b.color && a.ticking === b.ticking && a.quiet === b.quiet && a.tooltip.join('\n') === b.tooltip.join('\n');
}

/** Starts (unref'd) or clears an interval; returns the timer now running, if any. */
function toggleInterval(timer: NodeJS.Timeout | undefined, on: boolean, ms: number, tick: () => void): NodeJS.Timeout | undefined {
  if (on && !timer) {
    const t = setInterval(tick, ms);
    t.unref();
    return t;
  }
  if (!on && timer) clearInterval(timer);
  return on ? timer : undefined;
}
