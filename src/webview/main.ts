/**
 * The quote chart page: validates every host message, applies snapshots and deltas, keeps the
 * header's quote age ticking locally, and saves only UI choices (contract, window) for reloads.
 */
import { TIMEFRAME_LABELS, type ChartMode, type FeedInfo, type PriceLine, type QuotePoint, type SnapshotMessage, type Timeframe, type ToWebview } from '../shared/chartProtocol';
import { parseToWebview } from '../shared/chartValidate';
import { ChartView } from './chartView';
import { Header } from './header';
import { readTheme, watchTheme } from './theme';
import { post, saveState } from './vscodeApi';

interface PageState {
  contractId: string | undefined;
  windowSeconds: number;
  historySeconds: number;
  paused: boolean;
  feed: FeedInfo;
  /** performance.now() when `feed.ageMs` was measured by the host. */
  feedAt: number;
  points: number;
  mode: ChartMode;
  timeframe: Timeframe;
  precision: number;
}

const page: PageState = { contractId: undefined, windowSeconds: 300, historySeconds: 300, paused: false, feed: { status: 'waiting', coalesced: 0 }, feedAt: 0, points: 0, mode: 'candles', timeframe: '1m', precision: 2 };

window.addEventListener('error', (e) => post({ type: 'webviewError', text: String(e.message) }));
window.addEventListener('unhandledrejection', (e) => post({ type: 'webviewError', text: String(e.reason) }));

const header = new Header({
  selectContract: (contractId) => contractId !== page.contractId && post({ type: 'selectContract', contractId }),
  setWindow: (seconds) => {
    page.windowSeconds = seconds;
    chart.setWindow(seconds);
    persist();
    post({ type: 'setWindow', seconds });
  },
  togglePause: () => {
    page.paused = !page.paused;
    header.setPaused(page.paused);
    header.setFeed(page.feed, page.paused);
    post({ type: 'setPaused', paused: page.paused });
  },
  resetZoom: () => chart.resetZoom(),
  setChartMode: (mode, timeframe) => {
    if (mode === page.mode && timeframe === page.timeframe) return;
    showMode(mode, timeframe);
    persist();
    post({ type: 'setChartMode', mode, timeframe });
  },
  openLadder: () => post({ type: 'openLadder' }),
});
const notice = document.createElement('div');
notice.className = 'notice';
notice.hidden = true;
notice.setAttribute('role', 'status');
notice.setAttribute('aria-live', 'polite');
const container = document.createElement('div');
container.className = 'chart';
container.setAttribute('role', 'img');
document.body.append(header.root, notice, container);

const chart = new ChartView(container, readTheme(), (following) => header.setFollowing(following));
header.setFollowing(true);
watchTheme((theme) => {
  chart.applyTheme(theme);
  document.body.dataset.chartBackground = theme.background;
});
document.body.dataset.chartBackground = readTheme().background;

function persist(): void {
  if (page.contractId) saveState({ v: 1, contractId: page.contractId, windowSeconds: page.windowSeconds, mode: page.mode, timeframe: page.timeframe });
}

function showMode(mode: ChartMode, timeframe: Timeframe): void {
  page.mode = mode;
  page.timeframe = timeframe;
  header.setChartMode(mode, timeframe);
  chart.setMode(mode);
  describeChart();
  document.body.dataset.mode = mode;
  document.body.dataset.timeframe = timeframe;
}

/** The canvas' accessible name: what is drawn, and the account's lines (read by the UI test too). */
function describeChart(): void {
  const what = page.mode === 'candles' ? `${TIMEFRAME_LABELS[page.timeframe]} candles with volume` : 'bid, ask and last prices with buy and sell volume';
  const lines = chart.priceLines.describe(page.precision);
  container.setAttribute('aria-label', `Price chart of ${page.contractId ?? 'no contract'}: ${what}${lines ? `; ${lines}` : ''}`);
  document.body.dataset.priceLines = lines;
}

function setPriceLines(lines: readonly PriceLine[]): void {
  chart.priceLines.set(lines);
  describeChart();
}

/** Decimals to show: as many as the prices use (ticks like 0.25 or 0.0001), 2 to 6. */
function precisionOf(quotes: readonly QuotePoint[]): number {
  let decimals = 2;
  for (const q of quotes.slice(-200)) {
    for (const v of [q.last, q.bid, q.ask]) {
      if (v === undefined) continue;
      const frac = String(Number(v.toFixed(6))).split('.')[1];
      decimals = Math.max(decimals, frac ? frac.length : 0);
    }
  }
  return Math.min(decimals, 6);
}

function setFeed(feed: FeedInfo): void {
  page.feed = feed;
  page.feedAt = performance.now();
  header.setFeed(feed, page.paused);
  header.setAge(feed.ageMs);
}

function publishCounts(): void {
  // Read by the UI test inside the iframe: how much is drawn.
  document.body.dataset.points = String(chart.pointCount);
  document.body.dataset.candles = String(chart.candles.count);
  document.body.dataset.candleSpanMinutes = String(chart.candles.spanMinutes);
}

function applySnapshot(m: SnapshotMessage): void {
  page.contractId = m.contractId;
  page.windowSeconds = m.windowSeconds;
  page.historySeconds = m.historySeconds;
  page.paused = m.paused;
  header.setContracts(m.contracts, m.contractId);
  header.setWindows(m.historySeconds, m.windowSeconds);
  header.setPaused(m.paused);
  showMode(m.mode, m.timeframe);
  chart.setTimeZone(m.timeZone);
  const precision = precisionOf(m.quotes);
  page.precision = precision;
  // A new contract's lines follow in their own message; the old contract's go now.
  if (m.contractId !== document.body.dataset.contract) chart.priceLines.set([]);
  header.setPrecision(precision);
  chart.setPrecision(precision);
  header.setQuote(m.header);
  setFeed(m.feed);
  chart.setWindow(m.windowSeconds);
  chart.setData(m.quotes, m.trades, m.historySeconds);
  document.title = m.contractId ?? 'Quote chart';
  document.body.dataset.contract = m.contractId ?? '';
  notice.hidden = m.contractId !== undefined;
  if (!m.contractId) notice.textContent = 'No contract selected: pick one above.';
  persist();
  publishCounts();
}

function onMessage(m: ToWebview): void {
  switch (m.type) {
    case 'snapshot':
      applySnapshot(m);
      break;
    case 'delta':
      if (m.contractId !== page.contractId || page.paused) return;
      chart.append(m.quotes, m.trades);
      header.setQuote(m.header);
      setFeed(m.feed);
      publishCounts();
      break;
    case 'candles':
      if (m.contractId !== page.contractId || m.timeframe !== page.timeframe || (page.paused && !m.replace)) return;
      chart.setCandles(m.timeframe, m.bars, m.replace);
      publishCounts();
      break;
    case 'priceLines':
      if (m.contractId === page.contractId) setPriceLines(m.lines);
      break;
    case 'status':
      setFeed(m.feed);
      break;
    case 'contracts':
      header.setContracts(m.contracts, page.contractId);
      break;
    case 'notice':
      notice.hidden = false;
      notice.dataset.level = m.level;
      notice.textContent = m.text;
      break;
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = parseToWebview(event.data);
  if (parsed.ok) onMessage(parsed.value);
  else post({ type: 'webviewError', text: `rejected a host message: ${parsed.error}` });
});

// The quote age keeps counting between host messages.
setInterval(() => {
  if (page.feed.ageMs !== undefined) header.setAge(page.feed.ageMs + performance.now() - page.feedAt);
}, 250);

post({ type: 'ready' });
document.body.dataset.ready = 'true';
