import vscode = require('vscode');
import type { HubStateKind } from '../core/hub/types';
import type { AuthState, MonitorController } from './controller/monitorController';

/** One snapshot of the monitor, as other extensions see it: plain data, no tokens, no objects. */
export interface HubMonitorState {
  readonly profile: { readonly id: string; readonly name: string };
  readonly auth: AuthState;
  /** Undefined while signed out (no monitor). */
  readonly user: HubStateKind | undefined;
  readonly market: HubStateKind | undefined;
}

/**
 * What other extensions get from `getExtension('hubmon.topstepx-hub-monitor').exports` (apiVersion 1):
 * the hub states and an event when they change. Deliberately small and read-only: no controller,
 * no secret store, no memento, nothing that leads to a key or token.
 */
export interface HubMonitorPublicApi {
  readonly apiVersion: 1;
  state(): HubMonitorState;
  readonly onDidChangeState: vscode.Event<HubMonitorState>;
}

/** Builds the public API; the emitter is owned by the returned disposable. */
export function createPublicApi(controller: MonitorController): { api: HubMonitorPublicApi; disposable: vscode.Disposable } {
  const state = (): HubMonitorState => {
    const s = controller.snapshot();
    // Fresh frozen copies: a caller can neither mutate ours nor reach the profile's URLs from here.
    return Object.freeze({
      profile: Object.freeze({ id: s.profile.id, name: s.profile.name }),
      auth: s.auth,
      user: s.user?.kind,
      market: s.market?.kind,
    });
  };
  const emitter = new vscode.EventEmitter<HubMonitorState>();
  const listener = controller.onDidChange(() => emitter.fire(state()));
  // Only the event function leaves, bound, so the emitter (and its listener list) stays private.
  const onDidChangeState: vscode.Event<HubMonitorState> = (listenerFn, thisArgs, disposables) => emitter.event(listenerFn, thisArgs, disposables);
  const api: HubMonitorPublicApi = Object.freeze({ apiVersion: 1 as const, state, onDidChangeState });
  return { api, disposable: vscode.Disposable.from(listener, emitter) };
}

/**
 * activate()'s return value: the in-host tests' handle only when VS Code runs the extension in test
 * mode (extensionTestsPath); for everyone else, the public API. The handle reaches SecretStorage.
 */
export function exportsFor<T>(context: vscode.ExtensionContext, testHandle: () => T, api: HubMonitorPublicApi): T | HubMonitorPublicApi {
  return context.extensionMode === vscode.ExtensionMode.Test ? testHandle() : api;
}
