/**
 * The trading day, as prop firms count "today": it starts at 18:00 New York time (the CME Globex
 * reopen) on a Sunday through Thursday evening. No session opens on a Friday or Saturday evening, so
 * from Friday 18:00 until Sunday 18:00 it is still Friday's session (which began Thursday 18:00).
 * Daylight saving is handled by asking the time-zone database, never by a fixed offset.
 */
import { newYorkWallClock as wallClock } from '../market/calendar';

const SESSION_OPEN_HOUR = 18;
const DAY_MS = 86_400_000;

/** The instant of 18:00 New York on a calendar date (New York is UTC-4 in summer, UTC-5 in winter). */
function sessionOpenOn(year: number, month: number, day: number): number {
  for (const offsetHours of [4, 5]) {
    const at = Date.UTC(year, month - 1, day, SESSION_OPEN_HOUR + offsetHours);
    const wall = wallClock(at);
    if (wall.hour === SESSION_OPEN_HOUR && wall.day === day) return at;
  }
  // Unreachable for America/New_York (transitions happen at 02:00); fall back to standard time.
  return Date.UTC(year, month - 1, day, SESSION_OPEN_HOUR + 5);
}

/** The start (epoch ms) of the trading day that contains `at`. */
export function tradingDayStart(at: number): number {
  const wall = wallClock(at);
  // The calendar date (as a UTC-noon anchor, free of DST) whose 18:00 opened the current session.
  let anchor = Date.UTC(wall.year, wall.month - 1, wall.day, 12) - (wall.hour < SESSION_OPEN_HOUR ? DAY_MS : 0);
  // Friday (5) and Saturday (6) evenings open nothing.
  while (new Date(anchor).getUTCDay() === 5 || new Date(anchor).getUTCDay() === 6) anchor -= DAY_MS;
  const date = new Date(anchor);
  return sessionOpenOn(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** True when `a` and `b` fall in the same trading day. */
export function sameTradingDay(a: number, b: number): boolean {
  return tradingDayStart(a) === tradingDayStart(b);
}
