import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import vscode = require('vscode');
// A named import: @vscode/l10n-dev finds l10n.t calls through it (not through import-equals).
import { l10n } from 'vscode';
import { readRecording } from '../../core/recording/recordingFile';
import { recordedSubscriptions, replay, type ReplayResult } from '../../core/recording/replay';
import type { Recording } from '../../core/recording/types';
import { startDemo } from '../commands/demoCommands';
import type { Services } from '../services';
import { errorLine } from '../util/errors';
import { registerSafeCommand } from '../util/notify';
import { Command } from '../commandIds';

export const EXAMPLE_RECORDING = ['media', 'examples', 'demo-session.jsonl'] as const;

/** { file, speed } from the tests; speed: a number > 0, or "max" / Infinity for as fast as possible. */
function parseReplayArgs(arg: unknown): { file?: string; speed?: number } {
  if (arg === undefined) return {};
  if (typeof arg === 'string' && arg) return { file: arg };
  const bad = (): never => {
    throw new Error('Replay Recording takes a file path or { file, speed } (speed: 1, 10, … or "max").');
  };
  if (typeof arg !== 'object' || arg === null) return bad();
  const a = arg as Record<string, unknown>;
  const file = a.file === undefined ? undefined : typeof a.file === 'string' && a.file ? a.file : bad();
  const speed = a.speed === undefined ? undefined : a.speed === 'max' ? Infinity : typeof a.speed === 'number' && a.speed > 0 ? a.speed : bad();
  return { file, speed };
}

async function pickFile(example: vscode.Uri): Promise<string | undefined> {
  const items: { label: string; detail?: string; file?: string }[] = [{ label: `$(folder-opened) ${l10n.t('Open a recording…')}`, detail: l10n.t('A .jsonl file written by "Hub Monitor: Record Session"') }];
  if (existsSync(example.fsPath)) items.push({ label: `$(play) ${l10n.t('Example: demo session')}`, detail: l10n.t('A short recording shipped with the extension'), file: example.fsPath });
  const picked = await vscode.window.showQuickPick(items, { title: l10n.t('Hub Monitor: Replay Recording'), placeHolder: l10n.t('Which recording?') });
  if (!picked) return undefined;
  if (picked.file) return picked.file;
  const uris = await vscode.window.showOpenDialog({ title: 'Hub Monitor: Replay Recording', canSelectMany: false, filters: { 'Hub Monitor recording': ['jsonl'] }, openLabel: 'Replay' });
  return uris?.[0]?.fsPath;
}

async function pickSpeed(): Promise<number | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: '1×', detail: l10n.t('At the recorded pace'), speed: 1 },
      { label: '10×', detail: l10n.t('Ten times faster'), speed: 10 },
      { label: l10n.t('As fast as possible'), speed: Infinity },
    ],
    { title: l10n.t('Hub Monitor: Replay Recording'), placeHolder: l10n.t('Speed') },
  );
  return picked?.speed;
}

/** The demo gateway running, the demo profile active, signed in and connected. */
async function ensureDemo(s: Services): Promise<void> {
  const snap = s.controller.snapshot();
  const ready = s.demo.running && snap.profile.id === 'demo' && snap.user?.kind === 'connected' && snap.market?.kind === 'connected';
  if (!ready) await startDemo(s);
}

/** Subscribes the demo monitor the way the recorded client was subscribed, so the views count the same events. */
async function subscribeLikeRecording(s: Services, recording: Recording): Promise<void> {
  for (const sub of recordedSubscriptions(recording)) {
    try {
      await s.controller.subscribe(sub.method, sub.arg);
    } catch (error) {
      s.log.warn('replay', `the recording's ${sub.method}${sub.arg === undefined ? '' : `(${sub.arg})`} could not be subscribed on the demo gateway: ${errorLine(error)}`);
    }
  }
}

/** hubmon.replay: plays a recording through the demo gateway into the views; returns what was sent. */
export function registerReplayCommand(s: Services, extensionUri: vscode.Uri): vscode.Disposable[] {
  const example = vscode.Uri.joinPath(extensionUri, ...EXAMPLE_RECORDING);
  return [
    registerSafeCommand(Command.replay, s.notifier, async (arg?: unknown): Promise<ReplayResult | undefined> => {
      const args = parseReplayArgs(arg);
      const file = args.file ?? (await pickFile(example));
      if (!file) return undefined;
      // Parsed once, here: a bad file is one line naming the line number, before anything starts.
      const recording = readRecording(file);
      const speed = args.speed ?? (await pickSpeed());
      if (speed === undefined) return undefined;
      await ensureDemo(s);
      await subscribeLikeRecording(s, recording);
      const sim = s.demo.simulator;
      if (!sim) throw new Error('The demo gateway stopped before the replay began: run "Hub Monitor: Start Demo Gateway" and replay again.');
      const name = basename(file);
      const pace = Number.isFinite(speed) ? `${speed}×` : 'as fast as possible';
      s.controller.record(undefined, { kind: 'note', text: `replay of ${name} (recorded ${recording.header.startedAt} on ${recording.header.profile}) at ${pace} started` });
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Hub Monitor: replaying ${name} (${pace})`, cancellable: true },
        (_progress, token) => {
          const abort = new AbortController();
          const sub = token.onCancellationRequested(() => abort.abort());
          return replay(recording, { sendRaw: (hub, text) => sim.faults.sendRaw(hub, text) }, {
            speed,
            signal: abort.signal,
            onTimeline: (line) => s.log.info('replay', `recorded +${(line.t / 1000).toFixed(1)} s ${line.line}`),
          }).finally(() => sub.dispose());
        },
      );
      const done = `replay of ${name} ${result.aborted ? 'stopped' : 'finished'}: ${result.events} events in ${result.frames} frames`;
      s.controller.record(undefined, { kind: 'note', text: done });
      void s.notifier.info(`Hub Monitor: ${done}.`);
      return result;
    }),
  ];
}
