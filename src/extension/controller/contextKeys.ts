import vscode = require('vscode');
import type { DemoGateway } from '../demo/demoGateway';
import { Disposable } from '../util/disposable';
import type { MonitorController } from './monitorController';

/** The when-clause keys: hubmon.signedIn (welcome view, menus), hubmon.connected, hubmon.demoRunning. */
export class ContextKeys extends Disposable {
  private last = new Map<string, boolean>();

  constructor(controller: MonitorController, demo: DemoGateway) {
    super();
    const update = (): void => {
      const s = controller.snapshot();
      this.set('hubmon.signedIn', s.auth === 'signed-in');
      this.set('hubmon.connected', s.user?.kind === 'connected' || s.market?.kind === 'connected');
      this.set('hubmon.demoRunning', demo.running);
    };
    this._register(controller.onDidChange(update));
    this._register(demo.onDidChange(update));
    update();
  }

  private set(key: string, value: boolean): void {
    if (this.last.get(key) === value) return;
    this.last.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }
}
