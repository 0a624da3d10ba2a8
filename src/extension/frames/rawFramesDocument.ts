import vscode = require('vscode');
import type { HubKind } from '../../core/hub/types';
import type { LabelledFrame } from '../../core/recording/rawFrameLog';
import type { MonitorExtras } from '../session/monitorExtras';
import { Disposable } from '../util/disposable';

export const FRAMES_SCHEME = 'hubmon-frames';
const HUB_TITLE: Record<HubKind, string> = { user: 'User Hub', market: 'Market Hub' };
/** A record's JSON is cut here in the document (depth snapshots run to tens of KB). */
const MAX_LINE_JSON = 400;

export function framesUri(hub: HubKind): vscode.Uri {
  return vscode.Uri.from({ scheme: FRAMES_SCHEME, path: `/${HUB_TITLE[hub]} frames.log`, query: hub });
}

function hubOfUri(uri: vscode.Uri): HubKind | undefined {
  return uri.query === 'user' || uri.query === 'market' ? uri.query : undefined;
}

/** The document text: one line per SignalR record, newest last, already redacted by the frame log. */
export function formatFrames(hub: HubKind, frames: readonly LabelledFrame[] | undefined): string {
  const head = [`# ${HUB_TITLE[hub]}: the last ${frames?.length ?? 0} raw WebSocket frames (→ sent, ← received), secrets redacted`];
  if (!frames) return [...head, '(not signed in: no connection)'].join('\n') + '\n';
  const lines = [...head];
  for (const f of frames) {
    const time = new Date(f.at).toISOString().slice(11, 23);
    const arrow = f.direction === 'out' ? '→' : '←';
    if (f.records.length === 0) lines.push(`${time} ${arrow} (empty frame, ${f.length} chars)`);
    for (const r of f.records) {
      const json = r.text.length > MAX_LINE_JSON ? `${r.text.slice(0, MAX_LINE_JSON)}…` : r.text;
      lines.push(`${time} ${arrow} ${r.summary.padEnd(36)} ${json}`);
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * hubmon-frames: read-only documents, one per hub. Refreshed from the frame log's throttled
 * onDidAppend (at most four times a second), and only while the document is visible.
 */
export class RawFramesProvider extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private watch: vscode.Disposable | undefined;

  constructor(private readonly extras: MonitorExtras, controllerChanged: vscode.Event<unknown>) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(FRAMES_SCHEME, this));
    this._register(controllerChanged(() => this.rewatch()));
    this._register({ dispose: () => this.watch?.dispose() });
    this.rewatch();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const hub = hubOfUri(uri);
    if (!hub) return `Unknown raw frame document ${uri.toString()}: use "Hub Monitor: Show Raw Frames".\n`;
    return formatFrames(hub, this.extras.frames?.entries(hub));
  }

  private rewatch(): void {
    this.watch?.dispose();
    this.watch = this.extras.frames?.onDidAppend(({ hub }) => {
      const uri = framesUri(hub);
      if (vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === uri.toString())) this.changed.fire(uri);
    });
    for (const hub of ['user', 'market'] as const) this.changed.fire(framesUri(hub));
  }
}
