/**
 * The CME Globex futures schedule, which the ProjectX gateway's contracts follow: open Sunday 18:00 to
 * Friday 17:00 New York time, with a daily break from 17:00 to 18:00. Used so the views say "market
 * closed" instead of "stale" when quotes stop because nothing trades. Exchange holidays are not modelled.
 */
export interface MarketSession {
  readonly open: boolean;
  /** One line for the views, e.g. "market closed (daily break until 18:00 New York)". */
  readonly description: string;
}

// Made on first use: building a time-zone formatter loads ICU's zone data (~25 ms), which activation
// should not pay for. One formatter for every New York reading (this schedule, the trading day).
let newYorkFormat: Intl.DateTimeFormat | undefined;
function newYork(): Intl.DateTimeFormat {
  return (newYorkFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/New_York',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    weekday: 'short',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }));
}
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall clock in New York at an instant, daylight saving included (month 1-12, weekday 0 = Sunday). */
export interface NewYorkWallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
}

export function newYorkWallClock(at: number): NewYorkWallClock {
  const clock = { year: 0, month: 0, day: 0, weekday: 0, hour: 0, minute: 0 };
  for (const part of newYork().formatToParts(at)) {
    if (part.type === 'weekday') clock.weekday = WEEKDAYS.indexOf(part.value);
    else if (part.type === 'year' || part.type === 'month' || part.type === 'day' || part.type === 'hour' || part.type === 'minute') clock[part.type] = Number(part.value);
  }
  return clock;
}

/** Weekday (0 = Sunday) and minutes since midnight in New York, daylight saving included. */
export function newYorkTime(at: number): { weekday: number; minutes: number } {
  const { weekday, hour, minute } = newYorkWallClock(at);
  return { weekday, minutes: hour * 60 + minute };
}

const BREAK_START = 17 * 60;
const REOPEN = 18 * 60;

export function globexSession(at: number): MarketSession {
  const { weekday, minutes } = newYorkTime(at);
  if (weekday === 6) return { open: false, description: 'market closed (weekend; reopens Sunday 18:00 New York)' };
  if (weekday === 0 && minutes < REOPEN) return { open: false, description: 'market closed (weekend; reopens Sunday 18:00 New York)' };
  if (weekday === 5 && minutes >= BREAK_START) return { open: false, description: 'market closed (weekend; reopens Sunday 18:00 New York)' };
  if (minutes >= BREAK_START && minutes < REOPEN) return { open: false, description: 'market closed (daily break until 18:00 New York)' };
  return { open: true, description: 'market open' };
}
