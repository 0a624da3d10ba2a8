/**
 * The lightweight-charts canvas: last as a line, bid/ask as step lines, trades as a volume
 * histogram colored by the dominant side. Keeps its own data bounded to the history window and
 * follows the chosen time window until the user zooms or scrolls (reset zoom follows again).
 */
import {
  ColorType,
  createChart,
  HistogramSeries,
  LineSeries,
  LineStyle,
  LineType,
  type DeepPartial,
  type ChartOptions,
  type HistogramData,
  type IChartApi,
  type ISeriesApi,
  type LineData,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { CandlePoint, ChartMode, QuotePoint, Timeframe, TradePoint } from '../shared/chartProtocol';
import { chartTime, clockFormatter as wallClock } from '../shared/chartTime';
import { CandleLayer } from './candleLayer';
import { PriceLinesLayer } from './priceLines';
import type { ChartTheme } from './theme';

type LineKey = 'last' | 'bid' | 'ask';
const LINE_KEYS: readonly LineKey[] = ['last', 'bid', 'ask'];

const toTime = (ms: number): UTCTimestamp => chartTime(ms) as UTCTimestamp;

/** Volume (trades or candles) lives in its own pane below the prices, never over them. */
const VOLUME_PANE = 1;

/** Wall-clock time in the chosen zone (undefined: this machine's), as a trader reads it. */
export function clockFormatter(timeZone: string | undefined): (time: Time) => string {
  const label = wallClock(timeZone);
  return (time) => label(time as number);
}

function alpha(color: string, a: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (!hex) return color;
  return `${color}${Math.round(a * 255).toString(16).padStart(2, '0')}`;
}

/** TradingView's attribution (Apache-2.0 NOTICE of lightweight-charts): a link to tradingview.com. */
function attribution(): HTMLAnchorElement {
  const a = document.createElement('a');
  a.className = 'attribution';
  a.href = 'https://www.tradingview.com/';
  a.textContent = 'Charting by TradingView';
  a.title = 'TradingView Lightweight Charts™, Copyright (c) TradingView, Inc., Apache License 2.0';
  return a;
}

export class ChartView {
  private readonly chart: IChartApi;
  private readonly lines: Record<LineKey, ISeriesApi<'Line'>>;
  /** Trade volume: buys above the zero line, sells below it, so the side reads without colour. */
  private readonly volume: ISeriesApi<'Histogram'>;
  private readonly sellVolume: ISeriesApi<'Histogram'>;
  private sellData: HistogramData[] = [];
  private lineData: Record<LineKey, LineData[]> = { last: [], bid: [], ask: [] };
  private volumeData: HistogramData[] = [];
  private trades: TradePoint[] = [];
  private theme: ChartTheme;
  private historyMs = 300_000;
  private windowMs = 300_000;
  private following = true;
  private lastFollowAt = 0;
  private mode: ChartMode = 'lines';
  private clockLabel = clockFormatter(undefined);
  readonly candles: CandleLayer;
  readonly priceLines: PriceLinesLayer;

  constructor(container: HTMLElement, theme: ChartTheme, private readonly onFollowChange: (following: boolean) => void) {
    this.theme = theme;
    this.chart = createChart(container, { autoSize: true, ...this.chartOptions(theme) });
    const line = { lineWidth: 1 as const, priceLineVisible: false, lastValueVisible: true, crosshairMarkerRadius: 3 };
    this.lines = {
      last: this.chart.addSeries(LineSeries, { ...line, lineWidth: 2, title: 'Last', priceLineVisible: true }),
      // Told apart by line style and label as well as colour: last solid, bid dashed, ask dotted.
      bid: this.chart.addSeries(LineSeries, { ...line, lineType: LineType.WithSteps, lineStyle: LineStyle.Dashed, title: 'Bid' }),
      ask: this.chart.addSeries(LineSeries, { ...line, lineType: LineType.WithSteps, lineStyle: LineStyle.Dotted, title: 'Ask' }),
    };
    const histogram = { priceFormat: { type: 'volume' as const }, lastValueVisible: false, priceLineVisible: false };
    this.volume = this.chart.addSeries(HistogramSeries, { ...histogram, title: 'Buys' }, VOLUME_PANE);
    this.sellVolume = this.chart.addSeries(HistogramSeries, { ...histogram, title: 'Sells' }, VOLUME_PANE);
    this.candles = new CandleLayer(this.chart, theme, VOLUME_PANE);
    // On both price series: whichever mode is shown draws them (a hidden series draws none).
    this.priceLines = new PriceLinesLayer([this.lines.last, this.candles.priceSeries], theme);
    this.chart.panes()[VOLUME_PANE]?.setHeight(70);
    this.applyTheme(theme);
    container.append(attribution());
    // A wheel or drag means the user wants to look around: stop following until reset.
    for (const event of ['wheel', 'pointerdown'] as const) container.addEventListener(event, () => this.setFollowing(false), { passive: true });
  }

  /** Points drawn across all series (the UI test watches it grow). */
  get pointCount(): number {
    return LINE_KEYS.reduce((n, k) => n + this.lineData[k].length, 0) + this.volumeData.length + this.sellData.length;
  }

  setPrecision(precision: number): void {
    const priceFormat = { type: 'price' as const, precision, minMove: 1 / 10 ** precision };
    for (const k of LINE_KEYS) this.lines[k].applyOptions({ priceFormat });
    this.candles.setPrecision(precision);
  }

  /** Lines (bid/ask/last + trade volume) or candles (OHLC + volume); the other set is hidden. */
  setMode(mode: ChartMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    for (const k of LINE_KEYS) this.lines[k].applyOptions({ visible: mode === 'lines' });
    this.volume.applyOptions({ visible: mode === 'lines' });
    this.sellVolume.applyOptions({ visible: mode === 'lines' });
    this.candles.setVisible(mode === 'candles');
    this.redraw();
  }

  setCandles(timeframe: Timeframe, bars: readonly CandlePoint[], replace: boolean): void {
    this.candles.apply(timeframe, bars, replace);
    if (this.mode === 'candles' && this.following && (replace || performance.now() - this.lastFollowAt > 250)) this.follow();
  }

  /** The time axis and crosshair in this IANA zone (undefined: local). */
  setTimeZone(timeZone: string | undefined): void {
    this.clockLabel = clockFormatter(timeZone);
    this.chart.applyOptions({ timeScale: { tickMarkFormatter: this.clockLabel }, localization: { timeFormatter: this.clockLabel } });
  }

  setData(quotes: readonly QuotePoint[], trades: readonly TradePoint[], historySeconds: number): void {
    this.historyMs = historySeconds * 1000;
    for (const k of LINE_KEYS) this.lineData[k] = quotes.flatMap((q) => (q[k] === undefined ? [] : [{ time: toTime(q.t), value: q[k] }]));
    this.trades = [...trades];
    this.rebuildVolume();
    this.redraw();
  }

  append(quotes: readonly QuotePoint[], trades: readonly TradePoint[]): void {
    for (const q of quotes) {
      for (const k of LINE_KEYS) {
        const value = q[k];
        if (value === undefined) continue;
        const point = { time: toTime(q.t), value };
        this.lineData[k].push(point);
        if (this.mode === 'lines') this.lines[k].update(point);
      }
    }
    for (const t of trades) {
      const [buy, sell] = this.volumeBars(t);
      this.trades.push(t);
      this.volumeData.push(buy);
      this.sellData.push(sell);
      if (this.mode !== 'lines') continue;
      this.volume.update(buy);
      this.sellVolume.update(sell);
    }
    this.trimIfOver();
    if (this.following && performance.now() - this.lastFollowAt > 250) this.follow();
  }

  applyTheme(theme: ChartTheme): void {
    this.theme = theme;
    this.chart.applyOptions(this.chartOptions(theme));
    this.lines.last.applyOptions({ color: theme.last });
    this.lines.bid.applyOptions({ color: theme.bid });
    this.lines.ask.applyOptions({ color: theme.ask });
    this.rebuildVolume();
    this.redraw();
    this.candles.applyTheme(theme);
    this.priceLines.applyTheme(theme);
  }

  setWindow(seconds: number): void {
    this.windowMs = seconds * 1000;
    this.setFollowing(true);
  }

  resetZoom(): void {
    this.chart.priceScale('right').applyOptions({ autoScale: true });
    this.setFollowing(true);
  }

  dispose(): void {
    this.chart.remove();
  }

  private setFollowing(following: boolean): void {
    if (following) this.follow();
    if (following === this.following) return;
    this.following = following;
    this.onFollowChange(following);
  }

  /** Shows the last `windowMs` of data, ending at the newest point. */
  private follow(): void {
    this.lastFollowAt = performance.now();
    if (this.mode === 'candles') {
      // The newest bars, as many as fit comfortably (the window picker is for lines).
      const count = this.candles.count;
      if (count > 0) this.chart.timeScale().setVisibleLogicalRange({ from: Math.max(0, count - 90), to: count + 2 });
      return;
    }
    const newest = Math.max(...LINE_KEYS.map((k) => (this.lineData[k].at(-1)?.time as number | undefined) ?? 0), (this.volumeData.at(-1)?.time as number | undefined) ?? 0);
    if (newest === 0) return;
    this.chart.timeScale().setVisibleRange({ from: (newest - this.windowMs / 1000) as UTCTimestamp, to: newest as UTCTimestamp });
  }

  private redraw(): void {
    // Only the shown mode's series hold data: a hidden series' points would still widen the time axis.
    const shown = this.mode === 'lines';
    for (const k of LINE_KEYS) this.lines[k].setData(shown ? this.lineData[k] : []);
    this.volume.setData(shown ? this.volumeData : []);
    this.sellVolume.setData(shown ? this.sellData : []);
    if (this.following) this.follow();
  }

  /** The host bounds its history; the page does too, trimming in one go once 25% over. */
  private trimIfOver(): void {
    const newest = (this.lineData.last.at(-1)?.time as number | undefined) ?? (this.volumeData.at(-1)?.time as number | undefined);
    if (newest === undefined) return;
    const cutoff = newest - this.historyMs / 1000;
    const oldest = Math.min(...LINE_KEYS.map((k) => (this.lineData[k][0]?.time as number | undefined) ?? Infinity));
    if (oldest >= cutoff - (this.historyMs / 1000) * 0.25) return;
    for (const k of LINE_KEYS) this.lineData[k] = this.lineData[k].filter((p) => (p.time as number) >= cutoff);
    this.trades = this.trades.filter((t) => t.t / 1000 >= cutoff);
    this.rebuildVolume();
    this.redraw();
  }

  private rebuildVolume(): void {
    const bars = this.trades.map((t) => this.volumeBars(t));
    this.volumeData = bars.map(([buy]) => buy);
    this.sellData = bars.map(([, sell]) => sell);
  }

  /** A batch's buy volume up, its sell volume down (negative), each in its side's colour. */
  private volumeBars(t: TradePoint): [HistogramData, HistogramData] {
    const time = toTime(t.t);
    return [
      { time, value: t.buyVolume, color: alpha(this.theme.buy, 0.6) },
      { time, value: -t.sellVolume, color: alpha(this.theme.sell, 0.6) },
    ];
  }

  private chartOptions(theme: ChartTheme): DeepPartial<ChartOptions> {
    return {
      layout: {
        background: { type: ColorType.Solid, color: theme.background },
        textColor: theme.foreground,
        fontFamily: theme.fontFamily,
        fontSize: theme.fontSize,
        // The built-in logo injects an inline <style> our CSP blocks; the page shows the same
        // attribution link itself (see attribution() below), as the library's licence allows.
        attributionLogo: false,
      },
      grid: { vertLines: { color: alpha(theme.grid, 0.5) }, horzLines: { color: alpha(theme.grid, 0.5) } },
      rightPriceScale: { borderColor: theme.border },
      timeScale: { borderColor: theme.border, timeVisible: true, secondsVisible: true, tickMarkFormatter: this.clockLabel, rightOffset: 3 },
      localization: { timeFormatter: this.clockLabel },
      // Reduced motion: no kinetic scrolling after a drag or swipe.
      kineticScroll: { mouse: false, touch: !window.matchMedia('(prefers-reduced-motion: reduce)').matches },
      crosshair: { vertLine: { labelBackgroundColor: theme.border }, horzLine: { labelBackgroundColor: theme.border } },
    };
  }
}
