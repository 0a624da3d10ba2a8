/**
 * The account's read-only price lines on the chart: the open position's average price (solid,
 * thick) and each working order's price (dashed), each with its label on the line and the price on
 * the axis. Buy and sell read from the label as well as the colour; the whole set is replaced on
 * every update, so a filled or cancelled order's line disappears with it.
 */
import { LineStyle, type IPriceLine, type ISeriesApi, type SeriesType } from 'lightweight-charts';
import type { PriceLine } from '../shared/chartProtocol';
import type { ChartTheme } from './theme';

export class PriceLinesLayer {
  private lines: readonly PriceLine[] = [];
  private drawn: { series: ISeriesApi<SeriesType>; line: IPriceLine }[] = [];

  constructor(private readonly series: readonly ISeriesApi<SeriesType>[], private theme: ChartTheme) {}

  get count(): number {
    return this.lines.length;
  }

  /** "Long 2 at 5000.25; Buy 1 LMT at 4990.00" for the canvas' accessible name and the UI test. */
  describe(precision: number): string {
    return this.lines.map((l) => `${l.label} at ${l.price.toFixed(precision)}`).join('; ');
  }

  set(lines: readonly PriceLine[]): void {
    this.lines = lines;
    this.redraw();
  }

  applyTheme(theme: ChartTheme): void {
    this.theme = theme;
    this.redraw();
  }

  private color(line: PriceLine): string {
    if (line.kind === 'position') return this.theme.last;
    return line.side === 'buy' ? this.theme.buy : this.theme.sell;
  }

  private redraw(): void {
    for (const { series, line } of this.drawn) series.removePriceLine(line);
    this.drawn = [];
    for (const line of this.lines) {
      const options = {
        price: line.price,
        color: this.color(line),
        lineWidth: line.kind === 'position' ? (2 as const) : (1 as const),
        lineStyle: line.kind === 'position' ? LineStyle.Solid : LineStyle.Dashed,
        axisLabelVisible: true,
        title: line.label,
      };
      for (const series of this.series) this.drawn.push({ series, line: series.createPriceLine(options) });
    }
  }
}
