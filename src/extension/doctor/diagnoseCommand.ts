import vscode = require('vscode');
import { formatReportMarkdown, summaryLine } from '../../core/doctor/report';
import type { DoctorReport } from '../../core/doctor/types';
import type { HubKind } from '../../core/hub/types';
import { GatewayClient } from '../core';
import type { Services } from '../services';
import { registerSafeCommand } from '../util/notify';
import { Command } from '../commandIds';
import { DiagnoseReports } from './reportDocument';

/** What hubmon.diagnose accepts (tests, other extensions); anything else is refused in one line. */
export interface DiagnoseArgs {
  readonly contractId?: string;
  readonly hubs?: readonly HubKind[];
  readonly timeoutMs?: number;
  readonly firstEventMs?: number;
}

export function parseDiagnoseArgs(arg: unknown): DiagnoseArgs {
  if (arg === undefined || arg === null) return {};
  const bad = (what: string): never => {
    throw new Error(`Diagnose Connection: ${what}. Pass { contractId?, hubs?: ["user"|"market"], timeoutMs?, firstEventMs? } or nothing.`);
  };
  if (typeof arg !== 'object') bad(`the argument is a ${typeof arg}`);
  const a = arg as Record<string, unknown>;
  const ms = (key: string): number | undefined => {
    const v = a[key];
    if (v === undefined) return undefined;
    return typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= 120_000 ? v : bad(`"${key}" must be milliseconds from 1 to 120000`);
  };
  const contractId = a.contractId === undefined ? undefined : typeof a.contractId === 'string' && a.contractId ? a.contractId : bad('"contractId" must be a contract id string');
  let hubs: HubKind[] | undefined;
  if (a.hubs !== undefined) {
    if (!Array.isArray(a.hubs) || a.hubs.length === 0 || !a.hubs.every((h) => h === 'user' || h === 'market')) bad('"hubs" must list "user" and/or "market"');
    hubs = a.hubs as HubKind[];
  }
  return { contractId, hubs, timeoutMs: ms('timeoutMs'), firstEventMs: ms('firstEventMs') };
}

/** The contract the doctor subscribes to: the argument, else the first subscribed one (any market subscription); else the doctor asks the gateway. */
function defaultContract(s: Services): string | undefined {
  const sub = s.controller.monitor?.market.subscriptions.list().find((x) => typeof x.arg === 'string' && x.arg.length > 0);
  return typeof sub?.arg === 'string' ? sub.arg : undefined;
}

async function currentToken(s: Services, profileId: string): Promise<string | undefined> {
  const m = s.controller.monitor;
  if (m) {
    try {
      return await m.tokens.getToken();
    } catch {
      // Fall through to the stored token: the doctor then says what the gateway thinks of it.
    }
  }
  return (await s.secrets.get(profileId)).token;
}

/**
 * hubmon.diagnose: runs the connection doctor on its own connection (the monitor keeps running),
 * shows each step as it completes (Cancel stops it), opens the report read-only and returns it
 * (undefined when cancelled).
 */
export function registerDiagnoseCommand(s: Services): vscode.Disposable[] {
  const reports = new DiagnoseReports(s.notifier);
  return [
    reports,
    registerSafeCommand(Command.diagnose, s.notifier, async (arg?: unknown): Promise<DoctorReport | undefined> => {
      const args = parseDiagnoseArgs(arg);
      // The stored token goes only where origin binding allows (the monitor's URLs, or asked once).
      const profile = await s.controller.trustedProfile();
      const token = await currentToken(s, profile.id);
      s.log.rememberSecret(token);
      const gateway = s.controller.monitor?.gateway ?? new GatewayClient(profile.apiUrl);
      // Loaded on first use: the doctor's raw sockets (ws) need not load when the extension activates.
      const { runDoctor } = await import('../../core/doctor/doctor');
      const abort = new AbortController();
      let report: DoctorReport;
      try {
        report = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Hub Monitor: diagnosing ${profile.name}`, cancellable: true },
          (progress, cancel) => {
            cancel.onCancellationRequested(() => abort.abort(new DiagnoseCancelled()));
            return runDoctor({
              profile,
              token,
              gateway,
              contractId: args.contractId ?? defaultContract(s),
              hubs: args.hubs,
              timeoutMs: args.timeoutMs,
              firstEventMs: args.firstEventMs,
              signal: abort.signal,
              onStep: (step) => {
                const line = s.log.redact(`${step.title}: ${step.verdict}${step.ms > 0 ? ` (${step.ms.toFixed(0)} ms)` : ''}`);
                s.log.info('doctor', `${line}${step.cause ? ` — ${s.log.redact(step.cause)}` : ''}`);
                progress.report({ message: line, increment: 100 / 14 });
              },
            });
          },
        );
      } catch (error) {
        if (!(error instanceof DiagnoseCancelled)) throw error;
        s.log.info('doctor', 'cancelled');
        void vscode.window.setStatusBarMessage('$(circle-slash) Hub Monitor: Diagnose cancelled', 4000);
        return undefined;
      }
      const markdown = s.log.redact(formatReportMarkdown(report));
      await reports.show(profile.name, markdown);
      const summary = `Diagnose ${profile.name}: ${summaryLine(report)}`;
      const copy = 'Copy Report';
      const save = 'Save As…';
      const shown = report.firstFailure ? s.notifier.error(summary, copy, save) : s.notifier.info(summary, copy, save);
      void shown.then((choice) => (choice === copy ? vscode.commands.executeCommand(Command.copyReport) : choice === save ? vscode.commands.executeCommand(Command.saveReport) : undefined)).then(undefined, () => undefined);
      return report;
    }),
  ];
}

/** The reason a cancelled run rejects with (told apart from a doctor failure). */
class DiagnoseCancelled extends Error {
  constructor() {
    super('Diagnose was cancelled');
  }
}
