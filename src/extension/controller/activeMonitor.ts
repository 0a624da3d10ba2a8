import type * as vscode from 'vscode';
import type { Monitor } from '../../core/monitor/types';
import type { Profile } from '../../core/profiles';
import { tapPings } from '../../core/timeline/pingTap';
import type { StoredCredentials } from '../auth/secretStore';
import { createMonitor, GatewayClient, Timeline, TokenSource } from '../core';
import type { OutputLog } from '../log/outputLog';
import type { ProfileStore } from '../profiles/profileStore';
import { errorLine } from '../util/errors';

/** The engine of the signed-in profile and the listeners the controller hung on it. */
export interface ActiveMonitor {
  readonly profile: Profile;
  readonly monitor: Monitor;
  readonly tokens: TokenSource;
  readonly timeline: Timeline;
  readonly listeners: vscode.Disposable[];
}

/**
 * Wires the core engine (gateway client, token source, timeline, monitor) for stored credentials.
 * Separate from the controller: pure construction and disposal, no queueing or auth state.
 * The timeline's log listener is the first entry of `listeners`.
 */
export function buildActiveMonitor(profile: Profile, creds: StoredCredentials, profiles: ProfileStore, log: OutputLog): ActiveMonitor {
  log.rememberSecret(creds.token);
  log.rememberSecret(creds.apiKey);
  const gateway = new GatewayClient(profile.apiUrl);
  const credentials = creds.userName && creds.apiKey ? { userName: creds.userName, apiKey: creds.apiKey } : undefined;
  // One timeline for the token source and both hubs, so token refreshes appear in the log too.
  const timeline = new Timeline();
  const tokens = new TokenSource({ gateway, token: creds.token, credentials, record: timeline.recorder(undefined) });
  const settings = profiles.settings;
  const monitor = createMonitor({
    profile,
    tokens,
    gateway,
    timeline,
    retryDelaysMs: settings.reconnectDelaysMs,
    tokenTransport: profile.tokenTransport,
    skipNegotiation: profile.skipNegotiation,
    log: (level, message) => log.engine(level, message),
    // The engine's own lines reach the log only in verbose mode: don't build (and redact) them otherwise.
    logEnabled: () => profiles.settings.logDetail === 'verbose',
  });
  const listeners: vscode.Disposable[] = [monitor.timeline.onEntry((entry) => log.timeline(profile.id, entry))];
  // Pings are timeline lines only at the verbose level (read when the monitor is built): the tap costs a redaction per frame.
  if (settings.logDetail === 'verbose') listeners.push(tapPings([monitor.user, monitor.market], (hub, step) => timeline.record(hub, step)));
  return { profile, monitor, tokens, timeline, listeners };
}

/** Disconnects (bounded by the engine) and disposes the engine; the caller has disposed the listeners. */
export async function closeActiveMonitor(active: ActiveMonitor, log: OutputLog): Promise<void> {
  try {
    await active.monitor.disconnect();
  } catch (error) {
    log.warn('monitor', `disconnect: ${errorLine(error)}`);
  }
  active.monitor.dispose();
  active.tokens.dispose();
  active.timeline.dispose();
}
