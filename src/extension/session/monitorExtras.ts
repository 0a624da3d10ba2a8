import vscode = require('vscode');
import type { Monitor } from '../../core/monitor/types';
import { RawFrameLog } from '../../core/recording/rawFrameLog';
import { AccountResync, type ResyncResult } from '../../core/resync/accountResync';
import type { MonitorController } from '../controller/monitorController';
import type { OutputLog } from '../log/outputLog';
import type { HubTreeModel } from '../tree/hubTreeModel';
import { Disposable } from '../util/disposable';
import { errorLine } from '../util/errors';

/** Frames kept per hub for the raw frame view. */
export const FRAME_LOG_CAPACITY = 200;

interface PerMonitor {
  readonly monitor: Monitor;
  readonly frames: RawFrameLog;
  readonly resync: AccountResync;
  readonly loaded: Set<number>;
  readonly listeners: vscode.Disposable[];
}

/**
 * What lives beside each monitor: the raw frame log of both hubs and the account resync (REST
 * refresh of open positions and orders after every reconnect, with the gap in the log).
 */
export class MonitorExtras extends Disposable {
  private current: PerMonitor | undefined;
  private readonly resynced = this._register(new vscode.EventEmitter<ResyncResult>());
  /** Fires after each resync (the tests wait on it). */
  readonly onDidResync = this.resynced.event;

  constructor(private readonly controller: MonitorController, private readonly log: OutputLog, private readonly tree: HubTreeModel) {
    super();
    this._register(controller.onDidChangeMonitor((m) => this.bind(m)));
    this._register({ dispose: () => this.bind(undefined) });
    this.bind(controller.monitor);
  }

  get frames(): RawFrameLog | undefined {
    return this.current?.frames;
  }

  get resync(): AccountResync | undefined {
    return this.current?.resync;
  }

  private bind(monitor: Monitor | undefined): void {
    const old = this.current;
    if (old?.monitor === monitor) return;
    this.current = undefined;
    if (old) {
      for (const l of old.listeners) l.dispose();
      old.resync.dispose();
      old.frames.dispose();
    }
    this.tree.setOpenCounts(undefined);
    if (!monitor || this.isDisposed) return;
    const frames = new RawFrameLog({ capacity: FRAME_LOG_CAPACITY, secrets: () => this.log.secretList(), notifyIntervalMs: 250 });
    const resync = new AccountResync({ user: monitor.user, gateway: monitor.gateway, tokens: monitor.tokens, record: (step) => this.controller.record('user', step) });
    const per: PerMonitor = { monitor, frames, resync, loaded: new Set(), listeners: [] };
    per.listeners.push(
      frames.attach(monitor.user),
      frames.attach(monitor.market),
      resync.onDidResync((r) => this.onResync(r)),
      // The first look at an account's open positions/orders; later ones come from events and resyncs.
      monitor.user.subscriptions.onDidChange((info) => {
        if (info.status.kind === 'active' && typeof info.arg === 'number' && !per.loaded.has(info.arg)) void this.loadAccount(per, info.arg);
      }),
    );
    this.current = per;
    this.tree.setOpenCounts({
      openPositions: (id) => resync.state.openPositions(id).length,
      openOrders: (id) => resync.state.openOrders(id).length,
    });
  }

  private async loadAccount(per: PerMonitor, accountId: number): Promise<void> {
    per.loaded.add(accountId);
    try {
      const token = await per.monitor.tokens.getToken();
      const [positions, orders] = await Promise.all([per.monitor.gateway.openPositions(token, accountId), per.monitor.gateway.openOrders(token, accountId)]);
      if (this.current !== per) return;
      per.resync.state.replace(accountId, positions, orders);
      this.tree.invalidate();
    } catch (error) {
      per.loaded.delete(accountId);
      this.log.warn('resync', `could not load the open positions and orders of account ${accountId}: ${errorLine(error)}`);
    }
  }

  private onResync(r: ResyncResult): void {
    const gap = `disconnected ${(r.downMs / 1000).toFixed(1)} s`;
    if (r.error) {
      this.log.warn('resync', `${gap}; resync failed: ${r.error}. Positions and orders may be out of date until the next reconnect.`);
    } else {
      this.log.info('resync', `${gap}; resynced ${plural(r.positions, 'position')}, ${plural(r.orders, 'order')} (${plural(r.accounts.length, 'account')})`);
    }
    this.tree.invalidate();
    this.resynced.fire(r);
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
