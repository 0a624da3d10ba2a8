import assert from 'node:assert/strict';
import { tradingDayStart } from '../../../src/core/account/tradingDay';

describe('trading day (18:00 New York)', () => {
  const cases: [string, string, string][] = [
    // Summer time (EDT, UTC-4): 18:00 New York is 22:00 UTC.
    ['Wednesday 17:59:59 EDT belongs to the day that opened Tuesday 18:00', '2026-07-15T21:59:59Z', '2026-07-14T22:00:00.000Z'],
    ['Wednesday 18:00 EDT opens a new day', '2026-07-15T22:00:00Z', '2026-07-15T22:00:00.000Z'],
    // Standard time (EST, UTC-5): 18:00 New York is 23:00 UTC.
    ['Tuesday 17:59:59 EST belongs to the day that opened Monday 18:00', '2026-11-24T22:59:59Z', '2026-11-23T23:00:00.000Z'],
    ['Tuesday 18:00 EST opens a new day', '2026-11-24T23:00:00Z', '2026-11-24T23:00:00.000Z'],
    // No session opens Friday or Saturday evening: the weekend is still Friday's session.
    ['Friday 18:30 EST is still Friday\'s session (opened Thursday 18:00)', '2026-11-27T23:30:00Z', '2026-11-26T23:00:00.000Z'],
    ['Saturday is still Friday\'s session', '2026-11-28T15:00:00Z', '2026-11-26T23:00:00.000Z'],
    ['Sunday 18:00 EST opens Monday\'s session', '2026-11-29T23:00:00Z', '2026-11-29T23:00:00.000Z'],
    ['Monday noon belongs to the session opened Sunday 18:00', '2026-11-30T17:00:00Z', '2026-11-29T23:00:00.000Z'],
    // The day daylight saving starts (Sunday 8 March 2026): the previous session opened in EST.
    ['DST Sunday 17:59 EDT is still Friday\'s session (opened Thursday 18:00 EST)', '2026-03-08T21:59:00Z', '2026-03-05T23:00:00.000Z'],
    ['DST Sunday 18:00 EDT opens the week', '2026-03-08T22:00:00Z', '2026-03-08T22:00:00.000Z'],
    // The day it ends (Sunday 1 November 2026).
    ['DST-end Monday 10:00 EST belongs to Sunday 18:00 EST', '2026-11-02T15:00:00Z', '2026-11-01T23:00:00.000Z'],
  ];
  for (const [name, at, expected] of cases) {
    it(name, () => assert.equal(new Date(tradingDayStart(Date.parse(at))).toISOString(), expected));
  }
});
