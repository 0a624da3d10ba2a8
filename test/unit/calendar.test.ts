import assert from 'node:assert/strict';
import { globexSession, newYorkTime } from '../../src/core/market/calendar';
import { feedHealth } from '../../src/core/market/feedHealth';

describe('CME Globex calendar', () => {
  const cases: [string, boolean, RegExp][] = [
    ['2026-11-22T22:59:00Z', false, /weekend/], // Sunday 17:59 New York (EST, UTC-5)
    ['2026-11-22T23:00:00Z', true, /open/], // Sunday 18:00 New York: the week opens
    ['2026-11-24T22:30:00Z', false, /daily break/], // Tuesday 17:30 New York
    ['2026-11-24T23:00:00Z', true, /open/], // Tuesday 18:00 New York
    ['2026-11-27T21:59:00Z', true, /open/], // Friday 16:59 New York
    ['2026-11-27T22:00:00Z', false, /weekend/], // Friday 17:00 New York
    ['2026-11-28T15:00:00Z', false, /weekend/], // Saturday
    ['2026-07-15T21:30:00Z', false, /daily break/], // Wednesday 17:30 New York in summer time (EDT, UTC-4)
    ['2026-07-15T20:30:00Z', true, /open/], // Wednesday 16:30 EDT
  ];
  for (const [iso, open, description] of cases) {
    it(`${iso} is ${open ? 'open' : 'closed'}`, () => {
      const session = globexSession(Date.parse(iso));
      assert.equal(session.open, open);
      assert.match(session.description, description);
    });
  }

  it('reads New York wall time across daylight saving', () => {
    assert.deepEqual(newYorkTime(Date.parse('2026-01-05T14:30:00Z')), { weekday: 1, minutes: 9 * 60 + 30 });
    assert.deepEqual(newYorkTime(Date.parse('2026-07-06T13:30:00Z')), { weekday: 1, minutes: 9 * 60 + 30 });
  });
});

describe('feed health', () => {
  const openNow = Date.parse('2026-11-18T17:00:00Z');
  const closedNow = Date.parse('2026-11-21T17:00:00Z');
  it('is live within the threshold', () => {
    assert.equal(feedHealth({ lastAt: openNow - 1000, now: openNow, staleAfterMs: 5000, feed: 'market' }).kind, 'live');
  });
  it('is stale when the market is open and quotes stop', () => {
    const h = feedHealth({ lastAt: openNow - 60_000, now: openNow, staleAfterMs: 5000, feed: 'market' });
    assert.equal(h.kind, 'stale');
  });
  it('is "market closed", not stale, at the weekend', () => {
    const h = feedHealth({ lastAt: closedNow - 60_000, now: closedNow, staleAfterMs: 5000, feed: 'market' });
    assert.equal(h.kind, 'market-closed');
  });
  it('calls a silent user feed quiet, and a hub without even pings stale whatever the calendar', () => {
    assert.equal(feedHealth({ lastAt: undefined, now: openNow, staleAfterMs: 5000, feed: 'user' }).kind, 'quiet');
    assert.equal(feedHealth({ lastAt: closedNow - 90_000, now: closedNow, staleAfterMs: 30_000, feed: 'hub' }).kind, 'stale');
  });
});
