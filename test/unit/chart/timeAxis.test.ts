// The chart's time axis: bars sit at the exchange timestamp the prints carry, labelled in each
// hubmon.chart.timeZone setting, in both DST states; the daily break and the weekend make no bars
// (the chart's axis is by bar, so the bars either side are neighbours, not a flat line apart).
import assert from 'node:assert/strict';
import { CandleAggregator } from '../../../src/core/chart/candles';
import { TIMEFRAME_MS, TIMEFRAMES } from '../../../src/shared/chartProtocol';
import { CHART_TIME_ZONE_SETTINGS, chartTime, chartTimeZone, clockFormatter, isChartTimeZoneSetting } from '../../../src/shared/chartTime';

const MIN = 60_000;
/** 08:30 at the exchange (CME, Chicago) in winter (CST, UTC-6) and summer (CDT, UTC-5). */
const OPEN = { winter: Date.UTC(2026, 0, 15, 14, 30), summer: Date.UTC(2026, 6, 15, 13, 30) };
/** Wall clock of 08:30 Chicago in each setting's zone (local is this machine's, checked apart). */
const WALL: Record<'exchange' | 'America/New_York' | 'UTC', Record<keyof typeof OPEN, string>> = {
  exchange: { winter: '08:30:00', summer: '08:30:00' },
  'America/New_York': { winter: '09:30:00', summer: '09:30:00' },
  UTC: { winter: '14:30:00', summer: '13:30:00' },
};

const two = (n: number): string => String(n).padStart(2, '0');
const localWall = (ms: number): string => {
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
};

/** The bar a print stamped `at` lands in, as the page draws it: its chart time. */
function barTimeOf(at: number, timeframeMs = MIN): number {
  const a = new CandleAggregator(timeframeMs);
  a.addTrade(at, 5000, 1);
  return chartTime(a.candles()[0].t);
}

describe('chart time axis', () => {
  it('maps every setting to its zone: local (this machine), exchange (Chicago), New York, UTC; anything else is not a setting', () => {
    assert.deepEqual(CHART_TIME_ZONE_SETTINGS.map(chartTimeZone), [undefined, 'America/Chicago', 'America/New_York', 'UTC']);
    assert.ok(CHART_TIME_ZONE_SETTINGS.every(isChartTimeZoneSetting));
    for (const bad of ['Europe/London', 'chicago', 3, undefined]) assert.equal(isChartTimeZoneSetting(bad), false, String(bad));
  });

  for (const season of ['winter', 'summer'] as const) {
    it(`${season}: a print at 08:30:17 exchange time sits in the 08:30 bar, labelled in every zone setting`, () => {
      const at = OPEN[season] + 17_000;
      const time = barTimeOf(at);
      assert.equal(time, OPEN[season] / 1000, 'the bar is not at the print’s own (exchange) minute');
      for (const setting of ['exchange', 'America/New_York', 'UTC'] as const) {
        assert.equal(clockFormatter(chartTimeZone(setting))(time), WALL[setting][season], setting);
      }
      assert.equal(clockFormatter(chartTimeZone('local'))(time), localWall(OPEN[season]), 'local');
      // A quote's exchange time keeps its milliseconds: the point is not moved to a whole second.
      assert.equal(clockFormatter('America/Chicago')(chartTime(at + 250)), '08:30:17');
    });
  }

  it('every timeframe’s bars start on the exchange’s wall clock in both DST states (an hour bar at 08:00 Chicago)', () => {
    for (const season of ['winter', 'summer'] as const) {
      for (const tf of TIMEFRAMES) {
        const label = clockFormatter('America/Chicago')(barTimeOf(OPEN[season] + 17_000, TIMEFRAME_MS[tf]));
        const expected = { '1s': '08:30:17', '5s': '08:30:15', '1m': '08:30:00', '5m': '08:30:00', '15m': '08:30:00', '1h': '08:00:00' }[tf];
        assert.equal(label, expected, `${season} ${tf}`);
      }
    }
  });

  it('the daily break and the weekend make no bars: the last bar before and the first after are neighbours', () => {
    // Thursday 2026-11-19 and Friday 11-20 close at 16:00 Chicago (CST, 22:00Z); Thursday reopens 17:00 (23:00Z), Friday's on Sunday 11-22.
    const thuClose = Date.UTC(2026, 10, 19, 22, 0);
    const friClose = Date.UTC(2026, 10, 20, 22, 0);
    const sunOpen = Date.UTC(2026, 10, 22, 23, 0);
    const a = new CandleAggregator(MIN);
    // History up to each close (quote-driven last minute included), live from each open.
    a.seed([1, 2].map((i) => ({ t: thuClose - i * MIN, o: 1, h: 2, l: 1, c: 2, v: 3 })).reverse());
    a.addQuote(friClose - 30_000, 4);
    for (const at of [thuClose + 3_600_000 + 5000, friClose - 61_000, sunOpen + 1000, sunOpen + MIN + 1000]) a.addTrade(at, 3, 1);
    const labels = a.candles().map((b) => new Date(b.t).toISOString().slice(5, 16));
    assert.deepEqual(labels, ['11-19T21:58', '11-19T21:59', '11-19T23:00', '11-20T21:58', '11-20T21:59', '11-22T23:00', '11-22T23:01']);
  });
});
