import { homedir } from 'node:os';
import { join } from 'node:path';
import vscode = require('vscode');
// A named import: @vscode/l10n-dev finds l10n.t calls through it (not through import-equals).
import { l10n } from 'vscode';
import { recordMonitor, type SessionRecorder } from '../../core/recording/recorder';
import type { Services } from '../services';
import { Disposable } from '../util/disposable';
import { registerSafeCommand } from '../util/notify';
import { Command, ContextKey } from '../commandIds';

export interface RecordingResult {
  readonly file: string;
  readonly lines: number;
}

/**
 * "Record Session": the active monitor's raw frames and timeline into a JSONL file, redacted as
 * written. A status bar dot shows it is on; a profile switch or sign-out ends it.
 */
export class SessionRecording extends Disposable {
  private recorder: SessionRecorder | undefined;
  private readonly item: vscode.StatusBarItem;

  constructor(private readonly s: Services) {
    super();
    this.item = this._register(vscode.window.createStatusBarItem('hubmon.recording', vscode.StatusBarAlignment.Left, 49));
    this.item.name = 'Hub Monitor recording';
    this.item.text = '$(circle-filled) REC';
    this.item.color = new vscode.ThemeColor('errorForeground');
    this.item.command = Command.stopRecording;
    this.item.tooltip = 'Hub Monitor is recording raw frames and the timeline. Click to stop.';
    this._register(s.controller.onDidChangeMonitor(() => {
      if (this.recorder) void this.stopAndReport('the profile changed or you signed out');
    }));
    this._register({ dispose: () => this.stop() });
    this.setContext(false);
  }

  get recording(): boolean {
    return this.recorder?.isRecording ?? false;
  }

  start(file: string): string {
    const m = this.s.controller.monitor;
    if (!m) throw new Error(`Not signed in to ${this.s.controller.profile.name}: nothing to record. Run "Hub Monitor: Sign In" (or "Start Demo Gateway") first.`);
    if (this.recorder?.isRecording) throw new Error(`Already recording to ${this.recorder.file}: run "Hub Monitor: Stop Recording" first.`);
    this.recorder = recordMonitor(m, file, {
      secrets: () => this.s.log.secretList(),
      onError: (message) => {
        this.finish();
        void this.s.notifier.error(message);
      },
    });
    this.s.log.info('recording', `recording ${m.profile.name} to ${file}`);
    this.item.show();
    this.setContext(true);
    return file;
  }

  /** Stops and writes what is left; undefined when nothing was recording. */
  stop(): RecordingResult | undefined {
    const r = this.recorder;
    if (!r) return undefined;
    r.dispose();
    this.finish();
    this.s.log.info('recording', `recorded ${r.lineCount} lines to ${r.file}`);
    return { file: r.file, lines: r.lineCount };
  }

  private async stopAndReport(why: string): Promise<void> {
    const done = this.stop();
    if (done) await this.s.notifier.info(`Recording stopped (${why}): ${done.lines} lines in ${done.file}.`);
  }

  private finish(): void {
    this.recorder = undefined;
    this.item.hide();
    this.setContext(false);
  }

  private setContext(on: boolean): void {
    void vscode.commands.executeCommand('setContext', ContextKey.recording, on);
  }
}

function fileArg(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg) return arg;
  const f = typeof arg === 'object' && arg !== null ? (arg as { file?: unknown }).file : undefined;
  return typeof f === 'string' && f ? f : undefined;
}

/** hubmon.startRecording (arg: a file path or { file }), hubmon.stopRecording. */
export function registerRecordingCommands(s: Services, recording: SessionRecording): vscode.Disposable[] {
  return [
    registerSafeCommand(Command.startRecording, s.notifier, async (arg?: unknown): Promise<string | undefined> => {
      if (arg !== undefined && !fileArg(arg)) throw new Error('Record Session takes a file path (or { file }).');
      let file = fileArg(arg);
      if (!file) {
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? homedir();
        const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
        const uri = await vscode.window.showSaveDialog({
          // Said where the file is chosen: the recording holds account data (never a key or token).
          title: l10n.t('Hub Monitor: Record Session (holds your account data, no keys or tokens)'),
          defaultUri: vscode.Uri.file(join(folder, `hubmon-${stamp}.jsonl`)),
          filters: { 'Hub Monitor recording': ['jsonl'] },
          saveLabel: 'Record',
        });
        file = uri?.fsPath;
      }
      if (!file) return undefined;
      recording.start(file);
      void vscode.window.setStatusBarMessage(`$(circle-filled) ${l10n.t('Hub Monitor: recording (secrets removed)')}`, 3000);
      return file;
    }),
    registerSafeCommand(Command.stopRecording, s.notifier, (): RecordingResult | undefined => {
      const done = recording.stop();
      if (!done) throw new Error('Not recording: run "Hub Monitor: Record Session" first.');
      void s.notifier.info(`Recorded ${done.lines} lines to ${done.file}. It holds your account data (accounts, balances, orders, positions) but no key or token: share it with care; anyone can play it with "Hub Monitor: Replay Recording".`);
      return done;
    }),
  ];
}
