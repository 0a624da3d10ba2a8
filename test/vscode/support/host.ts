// Shared by the in-host suites: the extension's test API and a polling wait.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HubMonitorApi } from '../../../src/extension/api';

export const EXTENSION_ID = 'hubmon.topstepx-hub-monitor';

/** Set by the untrusted run's runner (test/vscode/untrusted.ts): its workspace must not be trusted. */
export const UNTRUSTED_RUN = 'HUBMON_UNTRUSTED_RUN';

/** Activates the extension (once) and waits for its start-up work. */
export async function activateApi(): Promise<HubMonitorApi> {
  const ext = vscode.extensions.getExtension<HubMonitorApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  await api.ready;
  return api;
}

/** Resolves once `check` holds (polled every 100 ms); rejects naming `what` after `timeoutMs`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
