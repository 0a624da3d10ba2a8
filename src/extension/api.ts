import type * as vscode from 'vscode';
import type { SecretStore } from './auth/secretStore';
import type { MonitorController } from './controller/monitorController';
import type { DemoGateway } from './demo/demoGateway';
import type { OutputLog } from './log/outputLog';
import type { ProfileStore } from './profiles/profileStore';
import type { StatusBar } from './status/statusBar';
import type { HubTreeProvider } from './tree/hubTreeProvider';
import type { Notifier } from './util/notify';

/**
 * What activate() returns: a small handle for the in-host tests (and nothing secret by itself:
 * secrets are reached only through SecretStorage, exactly as the extension reaches them).
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
  /** The extension's log folder; the output channel's file lives beside it. */
  readonly logUri: vscode.Uri;
  /** Resolves when activation's own start-up work (auto-connect, demo auto-start) is done. */
  readonly ready: Promise<void>;
}
