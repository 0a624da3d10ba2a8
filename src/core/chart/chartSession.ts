/**
 * One chart panel's conversation with its webview, vscode-free: waits for `ready`, sends a full
 * snapshot on ready / becoming visible / contract switch / resume, then deltas only while visible
 * and not paused (hidden webviews drop messages). Every incoming message is validated; rejects
 * are logged and ignored. The extension adapts a WebviewPanel to this; the UI test drives it too.
 */
import type { Disposable } from '../util/emitter';
import type { ChartMode, ContractOption, FeedInfo, FeedStatus, NoticeMessage, PriceLine, Timeframe, ToWebview } from '../../shared/chartProtocol';
import { CHART_WINDOWS, DEFAULT_TIMEFRAME } from '../../shared/chartProtocol';
import { parseFromWebview } from '../../shared/chartValidate';
import { samePriceLines } from './accountPriceLines';
import type { ChartFeed, FeedBatch } from './chartFeed';
import type { BarSource } from './historyLoader';
import { chartTitle } from './chartTitle';
import { LiveCandles } from './liveCandles';

export interface ChartSessionDeps {
  /** Delivers to the webview; must not throw (the adapter catches a failed post). */
  post(message: ToWebview): void;
  /** The active monitor's feed; undefined while signed out / no monitor. */
  feed(): ChartFeed | undefined;
  /** Contracts the picker offers (the market hub's quote subscriptions). */
  contracts(): ContractOption[];
  historySeconds(): number;
  log(level: 'info' | 'warn', text: string): void;
  /** The user picked another contract in the page (already validated against contracts()). */
  onDidSelectContract(contractId: string): void;
  /** What to tell the user when there is no feed (e.g. "Not signed in: run ..."). */
  noFeedNotice(): string;
  /** The gateway's History/retrieveBars for candles; undefined when not signed in. */
  bars?(): BarSource | undefined;
  /** The tab title changed ("ES Z26 · 1 min"). */
  setTitle?(title: string): void;
  /** IANA zone for the time axis (undefined: this machine's). */
  timeZone?(): string | undefined;
  /** History answer timeout (ms); the chart runs live-only after it. */
  historyTimeoutMs?: number;
  /** The account monitor's position and working-order lines for a contract ([] without one). */
  priceLines?(contractId: string): PriceLine[];
  /** The page's ladder button: open the depth ladder for this contract. */
  openLadder?(contractId: string): void;
}

export interface ChartView {
  readonly windowSeconds?: number;
  readonly mode?: ChartMode;
  readonly timeframe?: Timeframe;
}

const OFFLINE: FeedInfo = { status: 'offline', coalesced: 0 };

export class ChartSession implements Disposable {
  private ready = false;
  private visible = true;
  private paused = false;
  private watching: Disposable | undefined;
  private statusWatch: Disposable | undefined;
  private lastStatus: FeedStatus | undefined;
  private readonly statusTimer: ReturnType<typeof setInterval>;
  private disposed = false;
  private notice: NoticeMessage | undefined;
  private windowSeconds: number;
  private chartMode: ChartMode;
  private chartTimeframe: Timeframe;
  private candles: LiveCandles | undefined;
  /** "History unavailable: …" for the current candles, repeated after every snapshot. */
  private historyLine: string | undefined;
  private title: string | undefined;
  /** The price lines the page last received (posted again only when they change). */
  private sentLines: PriceLine[] = [];

  constructor(private readonly deps: ChartSessionDeps, private current: string | undefined, view: ChartView = {}) {
    this.windowSeconds = view.windowSeconds ?? CHART_WINDOWS[1];
    // A new chart opens as candles with an hour of history, as a trader expects.
    this.chartMode = view.mode ?? 'candles';
    this.chartTimeframe = view.timeframe ?? DEFAULT_TIMEFRAME;
    // Stale detection needs a clock tick: re-check once a second, post only on change.
    this.statusTimer = setInterval(() => this.postStatusIfChanged(), 1000);
    this.statusTimer.unref?.();
    this.rebind();
  }

  get contractId(): string | undefined {
    return this.current;
  }

  get window(): number {
    return this.windowSeconds;
  }

  get mode(): ChartMode {
    return this.chartMode;
  }

  get timeframe(): Timeframe {
    return this.chartTimeframe;
  }

  /** The candles' history state (undefined in lines mode): for tests and the status line. */
  get historyState(): LiveCandles['historyState'] | undefined {
    return this.candles?.historyState;
  }

  /** Called when the monitor (and so the feed) changed: watch the new feed and resend everything. */
  rebind(): void {
    this.watching?.dispose();
    this.statusWatch?.dispose();
    this.watching = this.statusWatch = undefined;
    const feed = this.deps.feed();
    if (feed && this.current) {
      const contractId = this.current;
      this.watching = feed.watch(contractId, (batch) => this.onBatch(batch));
    }
    if (feed) this.statusWatch = feed.onDidChangeStatus(() => this.postStatusIfChanged());
    this.restartCandles();
    this.sendSnapshot();
  }

  /** Candles need their own history and raw tap: (re)started on contract, feed or timeframe change. */
  private restartCandles(): void {
    this.candles?.dispose();
    this.candles = undefined;
    this.historyLine = undefined;
    const feed = this.deps.feed();
    const contractId = this.current;
    if (!feed || !contractId || this.chartMode !== 'candles') return;
    const candles: LiveCandles = new LiveCandles({
      contractId,
      timeframe: this.chartTimeframe,
      tap: (listener) => feed.tap(contractId, listener),
      source: this.deps.bars?.(),
      timeoutMs: this.deps.historyTimeoutMs,
      onHistory: ({ line }) => {
        if (candles !== this.candles) return;
        if (line) {
          this.historyLine = line;
          this.deps.log('warn', `${contractId}: ${line}`);
          this.showNotice('warning', line);
        }
        this.postCandles(true);
      },
    });
    this.candles = candles;
  }

  private postCandles(replace: boolean): void {
    const candles = this.candles;
    if (!candles || !this.current || !this.ready || !this.visible || this.disposed) return;
    if (!replace && this.paused) return;
    const bars = replace ? candles.candles() : candles.takeChanged();
    if (!replace && bars.length === 0) return;
    this.deps.post({ type: 'candles', contractId: this.current, timeframe: candles.timeframe, replace, bars });
  }

  setVisible(visible: boolean): void {
    const became = visible && !this.visible;
    this.visible = visible;
    if (became) this.sendSnapshot();
  }

  /** Switches the panel to another contract (from the page's picker or the Open command). */
  setContract(contractId: string): void {
    if (contractId === this.current) return;
    this.current = contractId;
    this.rebind();
  }

  /** Offers a fresh contract list to the picker (subscriptions changed). */
  refreshContracts(): void {
    if (this.ready) this.deps.post({ type: 'contracts', contracts: this.contractOptions() });
  }

  /** A line above the chart until the next snapshot (or for as long as there is no feed). */
  showNotice(level: NoticeMessage['level'], text: string): void {
    this.notice = { type: 'notice', level, text };
    if (this.ready) this.deps.post(this.notice);
  }

  handleMessage(raw: unknown): void {
    const parsed = parseFromWebview(raw);
    if (!parsed.ok) {
      this.deps.log('warn', `rejected a message from the chart webview: ${parsed.error}`);
      return;
    }
    const m = parsed.value;
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.sendSnapshot();
        break;
      case 'selectContract':
        if (!this.contractOptions().some((c) => c.id === m.contractId)) {
          this.deps.log('warn', `rejected a chart contract switch to ${m.contractId}: not among the subscribed contracts`);
          return;
        }
        this.setContract(m.contractId);
        this.deps.onDidSelectContract(m.contractId);
        break;
      case 'setWindow':
        this.windowSeconds = m.seconds;
        break;
      case 'setChartMode': {
        const changed = m.mode !== this.chartMode || m.timeframe !== this.chartTimeframe;
        this.chartMode = m.mode;
        this.chartTimeframe = m.timeframe;
        if (changed) {
          this.updateTitle(undefined);
          this.restartCandles();
          this.postCandles(true);
        }
        break;
      }
      case 'setPaused':
        this.paused = m.paused;
        if (!m.paused) this.sendSnapshot();
        break;
      case 'openLadder':
        if (this.current) this.deps.openLadder?.(this.current);
        break;
      case 'webviewError':
        this.deps.log('warn', `chart webview: ${m.text}`);
        break;
    }
  }

  /** Re-reads the account's lines for this contract; posts them when they changed (or `force`). */
  refreshPriceLines(force = false): void {
    if (!this.ready || !this.visible || this.disposed || !this.current) return;
    const lines = this.deps.priceLines?.(this.current) ?? [];
    if (!force && samePriceLines(lines, this.sentLines)) return;
    this.sentLines = lines;
    this.deps.post({ type: 'priceLines', contractId: this.current, lines });
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.statusTimer);
    this.candles?.dispose();
    this.watching?.dispose();
    this.statusWatch?.dispose();
  }

  private contractOptions(): ContractOption[] {
    const list = this.deps.contracts();
    if (this.current && !list.some((c) => c.id === this.current)) list.unshift({ id: this.current, label: this.current });
    return list;
  }

  private feedInfo(): FeedInfo {
    const feed = this.deps.feed();
    return feed && this.current ? feed.feedInfo(this.current) : OFFLINE;
  }

  private sendSnapshot(): void {
    if (!this.ready || !this.visible || this.disposed) return;
    const feed = this.deps.feed();
    const snap = feed && this.current ? feed.snapshot(this.current) : { quotes: [], trades: [], header: {} };
    const info = this.feedInfo();
    this.lastStatus = info.status;
    this.updateTitle(snap.header.symbolName);
    if (feed) this.notice = undefined;
    this.deps.post({
      type: 'snapshot',
      contractId: this.current,
      contracts: this.contractOptions(),
      windowSeconds: this.windowSeconds,
      historySeconds: this.deps.historySeconds(),
      paused: this.paused,
      mode: this.chartMode,
      timeframe: this.chartTimeframe,
      timeZone: this.deps.timeZone?.(),
      ...snap,
      feed: info,
    });
    // A snapshot clears the page's notice; repeat the one that still applies.
    if (!feed) this.notice = { type: 'notice', level: 'warning', text: this.deps.noFeedNotice() };
    if (!this.notice && this.historyLine) this.notice = { type: 'notice', level: 'warning', text: this.historyLine };
    if (this.notice) this.deps.post(this.notice);
    this.postCandles(true);
    this.refreshPriceLines(true);
  }

  private onBatch(batch: FeedBatch): void {
    if (!this.ready || !this.visible || this.paused || this.disposed) return;
    const feed = this.feedInfo();
    this.lastStatus = feed.status;
    this.updateTitle(batch.header.symbolName);
    this.deps.post({ type: 'delta', contractId: batch.contractId, quotes: batch.quotes, trades: batch.trades, header: batch.header, feed });
    this.postCandles(false);
  }

  private updateTitle(symbolName: string | undefined): void {
    const name = symbolName ?? (this.current ? this.deps.feed()?.header(this.current).symbolName : undefined);
    const title = chartTitle(this.current, name, this.chartMode, this.chartTimeframe);
    if (title === this.title) return;
    this.title = title;
    this.deps.setTitle?.(title);
  }

  private postStatusIfChanged(): void {
    if (!this.ready || !this.visible || this.disposed) return;
    const feed = this.feedInfo();
    if (feed.status === this.lastStatus) return;
    this.lastStatus = feed.status;
    this.deps.post({ type: 'status', feed });
  }
}
