/**
 * One quote chart editor tab: a WebviewPanel (scripts on, context not retained, resources only
 * from dist/webview) adapted to the vscode-free ChartSession that speaks the protocol.
 */
import vscode = require('vscode');
import { ChartSession, type ChartSessionDeps, type ChartView } from '../../core/chart/chartSession';
import { chartTitle } from '../../core/chart/chartTitle';
import { chartHtml } from './chartHtml';

export const CHART_VIEW_TYPE = 'hubmon.quoteChart';

export type PanelDeps = Omit<ChartSessionDeps, 'post' | 'onDidSelectContract'> & {
  onDidSelectContract(panel: ChartPanel, contractId: string): void;
};

export function chartPanelOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
    // Off on purpose: the page is rebuilt from a snapshot when it becomes visible again.
    retainContextWhenHidden: false,
  };
}

export function createChartPanel(extensionUri: vscode.Uri, column?: vscode.ViewColumn): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(CHART_VIEW_TYPE, 'Quote Chart', { viewColumn: column ?? vscode.ViewColumn.Active, preserveFocus: false }, chartPanelOptions(extensionUri));
}

export class ChartPanel implements vscode.Disposable {
  readonly session: ChartSession;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  private disposed = false;

  constructor(readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri, deps: PanelDeps, contractId: string | undefined, view?: ChartView) {
    const webview = panel.webview;
    webview.options = chartPanelOptions(extensionUri);
    const asset = (name: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
    this.session = new ChartSession({
      ...deps,
      post: (message) => {
        if (this.disposed) return;
        webview.postMessage(message).then(undefined, (error: unknown) => deps.log('warn', `could not post to the chart webview: ${String(error)}`));
      },
      setTitle: (title) => {
        if (!this.disposed) this.panel.title = title;
      },
      onDidSelectContract: (id) => {
        this.updateTitle();
        deps.onDidSelectContract(this, id);
      },
    }, contractId, view);
    this.updateTitle();
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => this.session.handleMessage(m)),
      panel.onDidChangeViewState((e) => this.session.setVisible(e.webviewPanel.visible)),
      panel.onDidDispose(() => this.dispose()),
    );
    webview.html = chartHtml({ cspSource: webview.cspSource, script: asset('main.js'), style: asset('style.css'), codicons: asset('codicon.css') });
  }

  get contractId(): string | undefined {
    return this.session.contractId;
  }

  show(contractId: string): void {
    this.session.setContract(contractId);
    this.updateTitle();
    this.panel.reveal();
  }

  private updateTitle(): void {
    this.panel.title = chartTitle(this.contractId, undefined, this.session.mode, this.session.timeframe);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.session.dispose();
    for (const d of this.disposables) d.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
    this.panel.dispose();
  }
}
