import vscode = require('vscode');
// A named import: @vscode/l10n-dev finds l10n.t calls through it (not through import-equals).
import { l10n } from 'vscode';
import type { HubClient } from '../../core/monitor/types';
import { formatEntry } from '../core';
import type { Services } from '../services';
import { describe } from '../status/statusModel';
import { registerSafeCommand } from '../util/notify';
import { Command } from '../commandIds';

/** A redacted plain-text report: versions, profile, state, subscriptions, problems, last 200 timeline lines. */
export function diagnosticSummary(s: Services, extensionVersion: string): string {
  const now = Date.now();
  const snap = s.controller.snapshot();
  const m = s.controller.monitor;
  const lines: string[] = [
    '# Hub Monitor diagnostic summary',
    `time: ${new Date(now).toISOString()}`,
    `extension: ${extensionVersion} · VS Code ${vscode.version} · ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} · node ${process.version} · ${process.platform}`,
    `profile: ${snap.profile.id} (${snap.profile.name}) api ${snap.profile.apiUrl} user ${snap.profile.userHubUrl} market ${snap.profile.marketHubUrl} transport ${snap.profile.tokenTransport} skipNegotiation ${snap.profile.skipNegotiation}`,
    `auth: ${snap.auth}${snap.authFailure ? ` (${snap.authFailure})` : ''}${m?.tokens.expiresAt ? ` · token expires ${m.tokens.expiresAt.toISOString()}` : ''}`,
    `demo gateway: ${s.demo.running ? `running on port ${s.demo.listeningPort}` : 'stopped'}`,
  ];
  for (const hub of m ? [m.user, m.market] : []) lines.push(...hubLines(hub, now));
  if (s.profiles.problems.length > 0) lines.push('settings problems:', ...s.profiles.problems.map((p) => `  ${p}`));
  const timeline = m ? m.timeline.recent(200).map((e) => formatEntry(e)) : [...s.log.timelineLines(200)];
  lines.push(`timeline (last ${timeline.length}):`, ...timeline.map((l) => `  ${l}`));
  return s.log.redact(lines.join('\n'));
}

function hubLines(hub: HubClient, now: number): string[] {
  const st = hub.stats;
  return [
    `${hub.hub} hub: ${describe(hub.state, now)} · connection ${st.connectionId ?? '-'} · messages ${st.messages} · events ${st.events} · reconnects ${st.reconnects}`,
    ...hub.subscriptions.list().map((sub) => `  ${sub.key}: ${sub.status.kind === 'failed' ? `failed (${sub.status.error})` : sub.status.kind} · ${sub.events} events`),
  ];
}

/** hubmon.copyDiagnostics: to the clipboard; returns the text (for the tests). */
export function registerDiagnosticsCommands(s: Services, extensionVersion: string): vscode.Disposable[] {
  return [
    registerSafeCommand(Command.copyDiagnostics, s.notifier, async () => {
      const text = diagnosticSummary(s, extensionVersion);
      await vscode.env.clipboard.writeText(text);
      void vscode.window.setStatusBarMessage(`$(copy) ${l10n.t('Hub Monitor: diagnostic summary copied (no secrets; it names your profile, accounts and contracts)')}`, 4000);
      return text;
    }),
  ];
}
