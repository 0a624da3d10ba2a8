/**
 * One depth ladder tab: owns its SubscribeContractMarketDepth (one owner among the tree, the user and
 * other views; the last release unsubscribes), feeds the contract's GatewayDepth into a
 * LadderCoalescer and posts its visible window (≤ 30/s) to the page.
 */
import vscode = require('vscode');
import { LadderCoalescer } from '../../core/market/ladderCoalescer';
import type { Monitor } from '../../core/monitor/types';
import { ownersOf } from '../../core/subscriptions/subscriptionOwners';
import { subscriptionKey } from '../../core/subscriptions/subscriptionSet';
import { parseFromLadder, type ToLadder } from '../../shared/ladderProtocol';
import { errorLine } from '../util/errors';
import { ladderHtml } from './ladderHtml';

export const LADDER_VIEW_TYPE = 'hubmon.depthLadder';
const DEPTH = 'SubscribeContractMarketDepth';
let panelSeq = 0;

export function ladderPanelOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')], retainContextWhenHidden: false };
}

export class LadderPanel implements vscode.Disposable {
  private readonly owner = `depth ladder ${++panelSeq}`;
  private readonly disposables: vscode.Disposable[] = [];
  private binding: { monitor: Monitor; coalescer: LadderCoalescer | undefined; events: vscode.Disposable } | undefined;
  private disposed = false;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri, readonly contractId: string, private readonly log: (text: string) => void) {
    const webview = panel.webview;
    webview.options = ladderPanelOptions(extensionUri);
    const asset = (name: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
    panel.title = `Depth ${contractId}`;
    this.disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => {
        const m = parseFromLadder(raw);
        if (!m.ok) return this.log(`ignored a ladder message: ${m.error}`);
        if (m.value.type === 'recentre') this.binding?.coalescer?.recentre();
        else this.binding?.coalescer?.flush();
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    webview.html = ladderHtml({ cspSource: webview.cspSource, script: asset('ladder.js'), style: asset('ladder.css') });
  }

  /** Binds to a monitor (or none): releases the old subscription, acquires on the new hub. */
  bind(monitor: Monitor | undefined): void {
    if (this.binding?.monitor === monitor) return;
    this.unbind();
    if (!monitor) {
      this.post({ type: 'notice', level: 'warning', text: 'Not connected: sign in (Hub Monitor: Sign In) or start the demo gateway.' });
      return;
    }
    const binding: NonNullable<LadderPanel['binding']> = { monitor, coalescer: undefined, events: { dispose: () => undefined } };
    this.binding = binding;
    void this.start(binding);
  }

  private async start(b: NonNullable<LadderPanel['binding']>): Promise<void> {
    try {
      const token = await b.monitor.tokens.getToken();
      const tickSize = (await b.monitor.gateway.contractById(token, this.contractId))?.tickSize ?? 0;
      if (this.binding !== b) return;
      const coalescer = new LadderCoalescer({ tickSize, post: (s) => this.post({ type: 'window', contractId: this.contractId, window: s }) });
      b.coalescer = coalescer;
      b.events = b.monitor.market.onEvent((e) => {
        if (e.name === 'GatewayDepth' && e.contractId === this.contractId) coalescer.onDepth(e.data);
      });
      const info = await ownersOf(b.monitor.market.subscriptions).acquire(this.owner, DEPTH, this.contractId);
      if (info.status.kind === 'failed') this.post({ type: 'notice', level: 'error', text: `Depth for ${this.contractId} failed: ${info.status.error}` });
    } catch (error) {
      this.post({ type: 'notice', level: 'error', text: `Depth ladder for ${this.contractId}: ${errorLine(error)}` });
    }
  }

  private unbind(): void {
    const b = this.binding;
    if (!b) return;
    this.binding = undefined;
    b.events.dispose();
    b.coalescer?.dispose();
    ownersOf(b.monitor.market.subscriptions).release(this.owner, subscriptionKey(DEPTH, this.contractId)).catch((error: unknown) => this.log(`releasing depth ${this.contractId}: ${errorLine(error)}`));
  }

  private post(message: ToLadder): void {
    if (this.disposed) return;
    this.panel.webview.postMessage(message).then(undefined, (error: unknown) => this.log(`could not post to the ladder: ${String(error)}`));
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unbind();
    this.disposables.forEach((d) => d.dispose());
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
    this.panel.dispose();
  }
}
