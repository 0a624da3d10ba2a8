/**
 * The chart's time axis, DOM-free so the unit tests check exactly what the page uses. Bars and
 * points sit at the exchange timestamp they carry (epoch ms → the chart library's UTC seconds); only
 * the labels are read in the chosen zone. The chart's axis is by bar index, so periods without
 * data (the daily break, the weekend) take no room: the bars either side are neighbours.
 */

/** What hubmon.chart.timeZone may say, and the IANA zone each means (local: this machine's, undefined). */
export const CHART_TIME_ZONE_SETTINGS = ['local', 'exchange', 'America/New_York', 'UTC'] as const;
export type ChartTimeZoneSetting = (typeof CHART_TIME_ZONE_SETTINGS)[number];
/** CME Globex runs on Chicago time. */
export const EXCHANGE_TIME_ZONE = 'America/Chicago';

/** The IANA zone of a setting value; undefined (local) for `local` and for anything unknown. */
export function chartTimeZone(setting: unknown): string | undefined {
  if (setting === 'exchange') return EXCHANGE_TIME_ZONE;
  if (setting === 'America/New_York' || setting === 'UTC') return setting;
  return undefined;
}

export function isChartTimeZoneSetting(v: unknown): v is ChartTimeZoneSetting {
  return CHART_TIME_ZONE_SETTINGS.includes(v as ChartTimeZoneSetting);
}

/** Epoch ms → the chart library's time (UTC seconds, fractional for sub-second quotes). */
export function chartTime(ms: number): number {
  return ms / 1000;
}

/** The chart time's wall clock in `timeZone` (undefined: this machine's zone), "HH:MM:SS" as a trader reads it. */
export function clockFormatter(timeZone: string | undefined): (time: number) => string {
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return (time) => fmt.format(new Date(time * 1000));
}
