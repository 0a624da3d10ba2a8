import type * as vscode from 'vscode';
import { findSubscribeMethod } from '../../core/hub/methods';
import type { Monitor } from '../../core/monitor/types';
import type { OutputLog } from '../log/outputLog';
import { errorLine } from '../util/errors';
import { SubscriptionStore, type SavedSubscription } from './subscriptionStore';

/**
 * Keeps a profile's subscriptions in globalState in step with its monitor: restores them before a
 * connect and saves every change. Separate from the controller because it only needs a monitor and
 * a profile id; which monitor is current stays the controller's business (the isCurrent check).
 */
export class SubscriptionSync {
  private readonly store: SubscriptionStore;

  constructor(
    globalState: vscode.Memento,
    private readonly log: OutputLog,
  ) {
    this.store = new SubscriptionStore(globalState);
  }

  saved(profileId: string): SavedSubscription[] {
    return this.store.load(profileId);
  }

  /** Re-adds the saved subscriptions to the monitor; failures are logged, never thrown. */
  restore(profileId: string, monitor: Monitor): void {
    for (const saved of this.store.load(profileId)) {
      const known = findSubscribeMethod(saved.method);
      if (!known) continue;
      // Not awaited: add() registers now and the engine (re-)invokes on every connect.
      monitor.hubClient(known.hub).subscriptions.add(saved.method, saved.arg).catch((error: unknown) => {
        this.log.warn('subscriptions', `restoring ${saved.method} failed: ${errorLine(error)}`);
      });
    }
  }

  /** Saves the monitor's subscriptions on every add, update and removal while isCurrent() holds. */
  follow(profileId: string, monitor: Monitor, isCurrent: () => boolean): vscode.Disposable[] {
    const persist = (): void => {
      if (isCurrent()) this.persist(profileId, monitor);
    };
    return [monitor.user, monitor.market].flatMap((hub) => [hub.subscriptions.onDidChange(persist), hub.subscriptions.onDidRemove(persist)]);
  }

  private persist(profileId: string, monitor: Monitor): void {
    const all = [...monitor.user.subscriptions.list(), ...monitor.market.subscriptions.list()];
    this.store.save(profileId, all.map((s) => ({ method: s.method, arg: s.arg }))).then(undefined, (error: unknown) => {
      this.log.warn('subscriptions', `could not save the subscriptions: ${errorLine(error)}`);
    });
  }
}
