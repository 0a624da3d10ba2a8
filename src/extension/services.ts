import type { SecretStore } from './auth/secretStore';
import type { MonitorController } from './controller/monitorController';
import type { DemoGateway } from './demo/demoGateway';
import type { FeedHealthModel } from './health/feedHealthModel';
import type { OutputLog } from './log/outputLog';
import type { ProfileStore } from './profiles/profileStore';
import type { MonitorExtras } from './session/monitorExtras';
import type { HubTreeModel } from './tree/hubTreeModel';
import type { Notifier } from './util/notify';

/** The long-lived objects activate() builds; command registrars receive what they need from here. */
export interface Services {
  readonly controller: MonitorController;
  readonly profiles: ProfileStore;
  readonly secrets: SecretStore;
  readonly demo: DemoGateway;
  readonly log: OutputLog;
  readonly notifier: Notifier;
  readonly tree: HubTreeModel;
  /** Stale / market-closed judgement (its clock is the tests' handle on time). */
  readonly health: FeedHealthModel;
  /** Per-monitor raw frame log and account resync. */
  readonly extras: MonitorExtras;
}
