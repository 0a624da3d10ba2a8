import type * as vscode from 'vscode';
import type { AccountViews } from './account/index';
import type { SecretStore } from './auth/secretStore';
import type { MonitorController } from './controller/monitorController';
import type { DemoGateway } from './demo/demoGateway';
import type { FeedHealthModel } from './health/feedHealthModel';
import type { OutputLog } from './log/outputLog';
import type { ProfileStore } from './profiles/profileStore';
import type { SessionRecording } from './recording/sessionRecording';
import type { MonitorExtras } from './session/monitorExtras';
import type { StatusBar } from './status/statusBar';
import type { HubTreeProvider } from './tree/hubTreeProvider';
import type { Notifier } from './util/notify';
import type { ShiftClock } from './util/shiftClock';

/**
 * What activate() returns in test mode only (ExtensionMode.Test): the in-host tests' handle. It
 * reaches SecretStorage, so it must never be exported otherwise (see publicApi.ts exportsFor).
 */
export interface HubMonitorApi {
  readonly controller: MonitorController;
  readonly profiles: ProfileStore;
  readonly secrets: SecretStore;
  readonly demo: DemoGateway;
  readonly tree: HubTreeProvider;
  readonly status: StatusBar;
  readonly log: OutputLog;
  readonly notifier: Notifier;
  readonly globalState: vscode.Memento;
  readonly workspaceState: vscode.Memento;
  /** The views' wall clock: tests move it (market calendar, staleness). */
  readonly clock: ShiftClock;
  readonly health: FeedHealthModel;
  /** The active monitor's raw frame log and account resync. */
  readonly extras: MonitorExtras;
  readonly recording: SessionRecording;
  /** The account model, its tree rows, P&L status item and notifications. */
  readonly account: AccountViews;
  /** The extension's log folder; the output channel's file lives beside it. */
  readonly logUri: vscode.Uri;
  /** Resolves when activation's own start-up work (auto-connect, demo auto-start) is done. */
  readonly ready: Promise<void>;
}
