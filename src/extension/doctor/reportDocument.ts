/**
 * Diagnose reports as read-only documents (hubmon-report:/…md, so Markdown highlighting and "Open
 * Preview" work and nothing asks to be saved), with "Copy Report" and "Save Report As…" commands for
 * the report in front (editor title) or the latest one.
 */
import { homedir } from 'node:os';
import vscode = require('vscode');
import { Command } from '../commandIds';
import { Disposable } from '../util/disposable';
import type { Notifier } from '../util/notify';
import { registerSafeCommand } from '../util/notify';

export const REPORT_SCHEME = 'hubmon-report';
/** Reports kept for reopened documents; older ones say to run Diagnose again. */
const KEEP = 10;

export class DiagnoseReports extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly reports = new Map<string, string>();
  private latest: vscode.Uri | undefined;
  private count = 0;

  constructor(notifier: Notifier) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this));
    this._register(registerSafeCommand(Command.copyReport, notifier, async (arg?: unknown) => {
      const { text } = this.pick(arg);
      await vscode.env.clipboard.writeText(text);
      void vscode.window.setStatusBarMessage('$(copy) Hub Monitor: report copied', 3000);
    }));
    // Argument (tests): a target file Uri; otherwise a save dialog.
    this._register(registerSafeCommand(Command.saveReport, notifier, async (arg?: unknown) => {
      const { uri, text } = this.pick(arg instanceof vscode.Uri ? undefined : arg);
      const target = arg instanceof vscode.Uri ? arg : await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir()), uri.path.split('/').pop() ?? 'hubmon-report.md'), filters: { Markdown: ['md'] }, title: 'Save Diagnose Report As' });
      if (!target) return undefined;
      await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
      return target;
    }));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.reports.get(uri.toString()) ?? 'This report is no longer kept: run "Hub Monitor: Diagnose Connection" again.\n';
  }

  /** Stores the (already redacted) Markdown and shows it read-only; returns its Uri. */
  async show(profileName: string, markdown: string): Promise<vscode.Uri> {
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/Diagnose ${profileName.replace(/[\\/]/g, '-')} ${stamp} (${++this.count}).md` });
    this.reports.set(uri.toString(), markdown);
    while (this.reports.size > KEEP) this.reports.delete(this.reports.keys().next().value ?? '');
    this.latest = uri;
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
    return uri;
  }

  /** The report a command means: its Uri argument (editor title), the active editor's, else the latest. */
  private pick(arg: unknown): { uri: vscode.Uri; text: string } {
    const active = vscode.window.activeTextEditor?.document.uri;
    const candidates = [arg instanceof vscode.Uri ? arg : undefined, active?.scheme === REPORT_SCHEME ? active : undefined, this.latest];
    for (const uri of candidates) {
      const text = uri ? this.reports.get(uri.toString()) : undefined;
      if (uri && text !== undefined) return { uri, text };
    }
    throw new Error('No Diagnose report to use: run "Hub Monitor: Diagnose Connection" first.');
  }
}
