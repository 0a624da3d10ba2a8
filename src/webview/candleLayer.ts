/**
 * The candle mode's series on the shared chart: OHLC candlesticks over the prices, their volume
 * in the lower pane (never drawn over the prices). Up and down bars differ by fill as well as
 * colour (hollow up, filled down), so they read without colour too.
 */
import {
  CandlestickSeries,
  HistogramSeries,
  type CandlestickData,
  type HistogramData,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { CandlePoint, Timeframe } from '../shared/chartProtocol';
import { chartTime } from '../shared/chartTime';
import type { ChartTheme } from './theme';

const toTime = (ms: number): UTCTimestamp => chartTime(ms) as UTCTimestamp;

export class CandleLayer {
  private readonly series: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private bars: CandlePoint[] = [];
  private theme: ChartTheme;
  private shown = false;
  private frame: Timeframe | undefined;

  constructor(chart: IChartApi, theme: ChartTheme, volumePane: number) {
    this.theme = theme;
    this.series = chart.addSeries(CandlestickSeries, { visible: false, title: 'OHLC', priceLineVisible: true });
    this.volume = chart.addSeries(HistogramSeries, { visible: false, priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false, title: 'Volume' }, volumePane);
    this.applyTheme(theme);
  }

  /** The candlestick series (the position and order lines hang on it in candle mode). */
  get priceSeries(): ISeriesApi<'Candlestick'> {
    return this.series;
  }

  get count(): number {
    return this.bars.length;
  }

  get timeframe(): Timeframe | undefined {
    return this.frame;
  }

  /** Oldest to newest bar start in minutes (0 when empty): the UI test checks the hour of history. */
  get spanMinutes(): number {
    return this.bars.length ? (this.bars[this.bars.length - 1].t - this.bars[0].t) / 60_000 : 0;
  }

  /** Newest bar start in seconds (0 when empty). */
  get newest(): number {
    const last = this.bars.at(-1);
    return last ? last.t / 1000 : 0;
  }

  setVisible(visible: boolean): void {
    this.shown = visible;
    this.series.applyOptions({ visible });
    this.volume.applyOptions({ visible });
    // Hidden candles hold no data: their bar times would otherwise widen the lines' time axis.
    this.redraw();
  }

  setPrecision(precision: number): void {
    this.series.applyOptions({ priceFormat: { type: 'price', precision, minMove: 1 / 10 ** precision } });
  }

  /** All bars (replace) or the bars that changed, each either the newest or an update of a kept one. */
  apply(timeframe: Timeframe, bars: readonly CandlePoint[], replace: boolean): void {
    if (replace || timeframe !== this.frame) {
      this.frame = timeframe;
      this.bars = [...bars].sort((a, b) => a.t - b.t);
      this.redraw();
      return;
    }
    let reorder = false;
    for (const bar of bars) {
      const last = this.bars.at(-1);
      if (!last || bar.t > last.t) {
        this.bars.push(bar);
        this.update(bar);
      } else if (bar.t === last.t) {
        this.bars[this.bars.length - 1] = bar;
        this.update(bar);
      } else {
        // A late print changed an older bar: the series can only update its newest bar in place.
        const i = this.bars.findIndex((b) => b.t === bar.t);
        if (i >= 0) this.bars[i] = bar;
        else this.bars.push(bar);
        reorder = true;
      }
    }
    if (reorder) {
      this.bars.sort((a, b) => a.t - b.t);
      this.redraw();
    }
  }

  applyTheme(theme: ChartTheme): void {
    this.theme = theme;
    // Up: hollow body with a coloured border; down: filled. Shape tells them apart, colour adds to it.
    this.series.applyOptions({
      upColor: 'rgba(0,0,0,0)',
      borderUpColor: theme.buy,
      wickUpColor: theme.buy,
      downColor: theme.sell,
      borderDownColor: theme.sell,
      wickDownColor: theme.sell,
    });
    if (this.shown) this.redraw();
  }

  private candle(b: CandlePoint): CandlestickData {
    return { time: toTime(b.t), open: b.o, high: b.h, low: b.l, close: b.c };
  }

  private volumeBar(b: CandlePoint): HistogramData {
    const color = b.c >= b.o ? this.theme.buy : this.theme.sell;
    return { time: toTime(b.t), value: b.v, color };
  }

  private update(bar: CandlePoint): void {
    if (!this.shown) return;
    this.series.update(this.candle(bar));
    this.volume.update(this.volumeBar(bar));
  }

  private redraw(): void {
    const bars = this.shown ? this.bars : [];
    this.series.setData(bars.map((b) => this.candle(b)));
    this.volume.setData(bars.map((b) => this.volumeBar(b)));
  }
}
