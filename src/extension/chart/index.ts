/**
 * The quote chart feature: the `hubmon.openQuoteChart` command, the panel serializer that brings
 * charts back after a reload, and one ChartFeed on the active monitor's market hub shared by all
 * open panels (created with the first panel, dropped with the last or when the monitor changes).
 */
import vscode = require('vscode');
import type { AccountSnapshot } from '../../core/account/types';
import { accountPriceLines } from '../../core/chart/accountPriceLines';
import { ChartFeed, type ChartFeedOptions } from '../../core/chart/chartFeed';
import type { ChartView } from '../../core/chart/chartSession';
import type { BarSource } from '../../core/chart/historyLoader';
import type { Monitor } from '../../core/monitor/types';
import { redact } from '../../core/util/redact';
import { chartTimeZone, isChartTimeZoneSetting } from '../../shared/chartTime';
import { parsePanelState } from '../../shared/chartValidate';
import { errorLine } from '../util/errors';
import { CHART_VIEW_TYPE, ChartPanel, createChartPanel, type PanelDeps } from './chartPanel';
import { contractFromArg, ensureChartSubscriptions, subscribedContracts } from './contracts';
import { pickContracts, RecentContracts } from '../contracts/contractPicker';
import { Command } from '../commandIds';

export interface QuoteChartDeps {
  monitor(): Monitor | undefined;
  onDidChangeMonitor: vscode.Event<Monitor | undefined>;
  log: vscode.LogOutputChannel;
  /** Market calendar, clock and stale threshold for the feed status (the extension's health settings). */
  feedOptions?: () => Pick<ChartFeedOptions, 'calendar' | 'clock' | 'staleAfterMs'>;
  /** The account monitor (AccountSession): its positions and working orders become price lines. */
  account?: AccountLineSource;
}

/** What the chart reads of the account monitor. */
export interface AccountLineSource {
  readonly accounts: readonly number[];
  snapshot(accountId: number): AccountSnapshot | undefined;
  readonly onDidChange: vscode.Event<AccountSnapshot>;
  readonly onDidChangeAccounts: vscode.Event<void>;
}

export const OPEN_QUOTE_CHART = Command.openQuoteChart;
const DEFAULT_HISTORY = 300;

class QuoteCharts implements vscode.Disposable {
  private readonly panels = new Set<ChartPanel>();
  private feed: ChartFeed | undefined;
  private feedMonitor: Monitor | undefined;
  private monitorWatch: vscode.Disposable[] = [];
  private history = DEFAULT_HISTORY;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly recent: RecentContracts;

  constructor(private readonly context: vscode.ExtensionContext, private readonly deps: QuoteChartDeps) {
    this.readHistorySetting();
    this.recent = new RecentContracts(context.globalState);
    const refreshLines = (): void => this.panels.forEach((p) => p.session.refreshPriceLines());
    if (deps.account) this.disposables.push(deps.account.onDidChange(refreshLines), deps.account.onDidChangeAccounts(refreshLines));
    this.disposables.push(
      vscode.commands.registerCommand(OPEN_QUOTE_CHART, (arg: unknown) => this.open(arg)),
      vscode.window.registerWebviewPanelSerializer(CHART_VIEW_TYPE, { deserializeWebviewPanel: (panel, state) => this.restore(panel, state) }),
      deps.onDidChangeMonitor(() => this.onMonitorChanged()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        // The next snapshot carries the zone: resend to every panel.
        if (e.affectsConfiguration('hubmon.chart.timeZone')) this.panels.forEach((p) => p.session.rebind());
        if (!e.affectsConfiguration('hubmon.chart.historySeconds')) return;
        this.readHistorySetting();
        this.feed?.setHistorySeconds(this.history);
      }),
    );
  }

  log(level: 'info' | 'warn', text: string): void {
    this.deps.log[level](redact(`[chart] ${text}`));
  }

  private readHistorySetting(): void {
    const raw = vscode.workspace.getConfiguration('hubmon.chart').get<unknown>('historySeconds', DEFAULT_HISTORY);
    const ok = typeof raw === 'number' && Number.isFinite(raw) && raw >= 10 && raw <= 3600;
    if (!ok) this.log('warn', `hubmon.chart.historySeconds must be a number of seconds from 10 to 3600 (got ${JSON.stringify(raw)}); using ${DEFAULT_HISTORY}. Fix it in Settings.`);
    this.history = ok ? Math.round(raw) : DEFAULT_HISTORY;
  }

  /** The shared feed on the active monitor, created on demand while a panel is open. */
  private currentFeed(): ChartFeed | undefined {
    const monitor = this.deps.monitor();
    if (monitor !== this.feedMonitor) this.dropFeed();
    if (!monitor || this.panels.size === 0) return undefined;
    if (!this.feed) {
      this.feedMonitor = monitor;
      this.feed = new ChartFeed(monitor.market, { historySeconds: this.history, ...this.deps.feedOptions?.() });
      const refresh = (): void => this.panels.forEach((p) => p.session.refreshContracts());
      this.monitorWatch = [monitor.market.subscriptions.onDidChange(refresh), monitor.market.subscriptions.onDidRemove(refresh)];
    }
    return this.feed;
  }

  private dropFeed(): void {
    this.monitorWatch.forEach((d) => d.dispose());
    this.monitorWatch = [];
    this.feed?.dispose();
    this.feed = this.feedMonitor = undefined;
  }

  private onMonitorChanged(): void {
    this.dropFeed();
    for (const panel of this.panels) {
      panel.session.rebind();
      this.subscribe(panel);
    }
  }

  private panelDeps(): PanelDeps {
    return {
      feed: () => this.currentFeed(),
      contracts: () => subscribedContracts(this.deps.monitor(), (id) => this.feed?.header(id).symbolName),
      historySeconds: () => this.history,
      log: (level, text) => this.log(level, text),
      noFeedNotice: () => 'Not connected: sign in (Hub Monitor: Sign In) or start the demo gateway (Hub Monitor: Start Demo Gateway).',
      onDidSelectContract: (panel) => this.subscribe(panel),
      bars: () => this.barSource(),
      timeZone: () => this.timeZone(),
      priceLines: (contractId) => this.priceLines(contractId),
      openLadder: (contractId) => void vscode.commands.executeCommand(Command.openDepthLadder, contractId).then(undefined, (error: unknown) => this.log('warn', `opening the depth ladder for ${contractId} failed: ${errorLine(error)}`)),
    };
  }

  /** The monitored accounts' position and working-order lines for a contract. */
  private priceLines(contractId: string): ReturnType<typeof accountPriceLines> {
    const account = this.deps.account;
    if (!account) return [];
    const snapshots = account.accounts.flatMap((id) => account.snapshot(id) ?? []);
    return accountPriceLines(snapshots, contractId);
  }

  /** hubmon.chart.timeZone as an IANA zone: local (undefined), exchange (Chicago), New York or UTC. */
  private timeZone(): string | undefined {
    const raw = vscode.workspace.getConfiguration('hubmon.chart').get<unknown>('timeZone', 'local');
    if (isChartTimeZoneSetting(raw)) return chartTimeZone(raw);
    this.log('warn', `hubmon.chart.timeZone must be local, exchange, America/New_York or UTC (got ${JSON.stringify(raw)}); using local. Fix it in Settings.`);
    return undefined;
  }

  /** History/retrieveBars with the monitor's current token (undefined while signed out). */
  private barSource(): BarSource | undefined {
    const monitor = this.deps.monitor();
    const gateway = monitor?.gateway;
    if (!monitor || !gateway?.retrieveBars) return undefined;
    return async (request) => gateway.retrieveBars!(await monitor.tokens.getToken(), request);
  }

  private adopt(webviewPanel: vscode.WebviewPanel, contractId: string | undefined, view?: ChartView): ChartPanel {
    const panel = new ChartPanel(webviewPanel, this.context.extensionUri, this.panelDeps(), contractId, view);
    this.panels.add(panel);
    panel.onDidDispose(() => {
      this.panels.delete(panel);
      if (this.panels.size === 0) this.dropFeed();
    });
    // The feed exists only once a panel does: bind now that this one is counted.
    panel.session.rebind();
    this.subscribe(panel);
    return panel;
  }

  /** Makes sure the panel's contract has quote and trade subscriptions; tells the page if not. */
  private subscribe(panel: ChartPanel): void {
    const monitor = this.deps.monitor();
    const contractId = panel.contractId;
    if (!monitor || !contractId) return;
    ensureChartSubscriptions(monitor, contractId).then(
      (failure) => {
        if (!failure) return;
        this.log('warn', failure);
        panel.session.showNotice('error', `${failure}. Check the contract id, or see Hub Monitor: Show Timeline.`);
      },
      (error: unknown) => this.log('warn', `subscribing ${contractId} for the chart failed: ${errorLine(error)}`),
    );
  }

  async open(arg: unknown): Promise<void> {
    const parsed = contractFromArg(arg);
    if (parsed.error) {
      void vscode.window.showErrorMessage(`Open Quote Chart: ${parsed.error}.`);
      return;
    }
    const monitor = this.deps.monitor();
    let ids = parsed.contractId ? [parsed.contractId] : undefined;
    if (!ids) {
      if (!monitor) {
        void vscode.window.showWarningMessage('Open Quote Chart: not connected. Sign in (Hub Monitor: Sign In) or start the demo gateway first.');
        return;
      }
      try {
        const subscribed = subscribedContracts(monitor).map((c) => c.id);
        ids = await pickContracts(monitor, this.recent, { title: 'Open Quote Chart', placeholder: 'Contract to chart: type to search (the chart subscribes its quotes and trades)', subscribed, offerAll: true });
      } catch (error) {
        void vscode.window.showErrorMessage(`Open Quote Chart: ${errorLine(error)}`);
        return;
      }
    }
    for (const id of ids ?? []) {
      const existing = [...this.panels].find((p) => p.contractId === id);
      if (existing) existing.show(id);
      else this.adopt(createChartPanel(this.context.extensionUri), id);
    }
  }

  private async restore(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const parsed = parsePanelState(state);
    if (!parsed.ok) {
      this.log('warn', `could not restore a quote chart: ${parsed.error}`);
      const panel = this.adopt(webviewPanel, undefined);
      panel.session.showNotice('warning', 'This chart could not be restored: run Hub Monitor: Open Quote Chart.');
      return;
    }
    this.adopt(webviewPanel, parsed.value.contractId, parsed.value);
  }

  dispose(): void {
    for (const panel of [...this.panels]) panel.dispose();
    this.dropFeed();
    this.disposables.forEach((d) => d.dispose());
  }
}

/** Registers the Open Quote Chart command and the chart panel serializer; dispose undoes both. */
export function registerQuoteChart(context: vscode.ExtensionContext, deps: QuoteChartDeps): vscode.Disposable {
  return new QuoteCharts(context, deps);
}
