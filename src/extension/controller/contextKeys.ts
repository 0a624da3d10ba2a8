import vscode = require('vscode');
import type { Monitor } from '../../core/monitor/types';
import { ContextKey } from '../commandIds';
import type { DemoGateway } from '../demo/demoGateway';
import { Disposable } from '../util/disposable';
import type { MonitorController } from './monitorController';

/**
 * The when-clause keys the welcome view, the view menus and the palette share (ids in commandIds.ts):
 * signed in, a hub connected, a connection running, the demo running, any subscription.
 */
export class ContextKeys extends Disposable {
  private last = new Map<string, boolean>();
  private watched: vscode.Disposable[] = [];

  constructor(controller: MonitorController, demo: DemoGateway) {
    super();
    const update = (): void => {
      const s = controller.snapshot();
      const hubs = [s.user?.kind, s.market?.kind];
      this.set(ContextKey.signedIn, s.auth === 'signed-in');
      this.set(ContextKey.connected, hubs.includes('connected'));
      this.set(ContextKey.connectionActive, hubs.some((k) => k === 'connected' || k === 'connecting' || k === 'reconnecting'));
      this.set(ContextKey.demoRunning, demo.running);
      this.set(ContextKey.hasSubscriptions, hasSubscriptions(controller.monitor));
    };
    this._register(controller.onDidChange(update));
    this._register(demo.onDidChange(update));
    this._register(controller.onDidChangeMonitor(() => this.watch(controller.monitor, update)));
    this._register({ dispose: () => this.watch(undefined, update) });
    this.watch(controller.monitor, update);
    update();
  }

  /** Follows the monitor's subscription lists (added and removed), not its event flood. */
  private watch(monitor: Monitor | undefined, update: () => void): void {
    for (const d of this.watched) d.dispose();
    this.watched = [];
    if (!monitor) return;
    const onList = (): void => this.set(ContextKey.hasSubscriptions, hasSubscriptions(monitor));
    for (const hub of [monitor.user, monitor.market]) {
      this.watched.push(hub.subscriptions.onDidChange(() => {
        if (this.last.get(ContextKey.hasSubscriptions) !== true) onList();
      }));
      this.watched.push(hub.subscriptions.onDidRemove(onList));
    }
    update();
  }

  private set(key: string, value: boolean): void {
    if (this.last.get(key) === value) return;
    this.last.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }
}

function hasSubscriptions(monitor: Monitor | undefined): boolean {
  return monitor !== undefined && (monitor.user.subscriptions.list().length > 0 || monitor.market.subscriptions.list().length > 0);
}
