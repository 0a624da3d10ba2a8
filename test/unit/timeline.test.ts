import assert from 'node:assert/strict';
import { LAST_PARSE_FAILURE_MILESTONE, MAX_UNKNOWN_EVENT_NAMES, ParseFailureLog } from '../../src/core/hub/parseFailureLog';
import { formatEntry, formatStep } from '../../src/core/timeline/format';
import { Timeline } from '../../src/core/timeline/timeline';
import type { TimelineEntry, TimelineStep } from '../../src/core/timeline/types';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2lnbmF0dXJl';
const at = new Date(2025, 0, 2, 12, 0, 1, 234); // local time: formatEntry prints local wall-clock time

function entry(step: TimelineStep, hub: 'user' | 'market' | 'both' = 'market'): TimelineEntry {
  return hub === 'both' ? { at, step } : { at, hub, step };
}

describe('Timeline ring buffer', () => {
  it('keeps the newest entries up to its capacity, oldest first', () => {
    let now = 0;
    const timeline = new Timeline({ capacity: 3, clock: { now: () => now } });
    for (let i = 1; i <= 5; i++) {
      now = i;
      timeline.record('user', { kind: 'note', text: `n${i}` });
    }
    const texts = timeline.recent().map((e) => (e.step.kind === 'note' ? e.step.text : ''));
    assert.deepEqual(texts, ['n3', 'n4', 'n5']);
    assert.deepEqual(timeline.recent(2).map((e) => e.at.getTime()), [4, 5]);
    assert.equal(timeline.recent(0).length, 0);
  });

  it('fires onEntry per record; a throwing listener does not stop the others', () => {
    const errors: unknown[] = [];
    const timeline = new Timeline({ onListenerError: (e) => errors.push(e) });
    const seen: string[] = [];
    timeline.onEntry(() => {
      throw new Error('boom');
    });
    const sub = timeline.onEntry((e) => seen.push(e.hub ?? 'both'));
    timeline.record(undefined, { kind: 'token', action: 'refreshed' });
    timeline.recorder('market')({ kind: 'note', text: 'x' });
    sub.dispose();
    timeline.record('user', { kind: 'note', text: 'y' });
    assert.deepEqual(seen, ['both', 'market']);
    assert.equal(errors.length, 3);
  });
});

describe('formatEntry', () => {
  const cases: [TimelineStep, string][] = [
    [{ kind: 'attempt', attempt: 2, url: 'http://127.0.0.1:47017/hubs/market', transport: 'both' }, '12:00:01.234 [market] attempt 2 ws://127.0.0.1:47017/hubs/market (token: both)'],
    [{ kind: 'upgrade', status: 401, ms: 12, error: 'Unexpected server response: 401' }, '12:00:01.234 [market] upgrade failed HTTP 401 in 12 ms'],
    [{ kind: 'upgrade', ms: 3, error: 'ECONNREFUSED' }, '12:00:01.234 [market] upgrade failed ECONNREFUSED in 3 ms'],
    [{ kind: 'upgrade', status: 101, ms: 4 }, '12:00:01.234 [market] upgrade HTTP 101 in 4 ms'],
    [{ kind: 'negotiate', status: 200, ms: 7 }, '12:00:01.234 [market] negotiate HTTP 200 in 7 ms'],
    [{ kind: 'handshake', ms: 2 }, '12:00:01.234 [market] handshake ok in 2 ms'],
    [{ kind: 'connected', connectionId: 'abc', ms: 20 }, '12:00:01.234 [market] connected (id abc) in 20 ms'],
    [{ kind: 'reconnecting', attempt: 3, delayMs: 5000, cause: { kind: 'dropped', cause: 'the connection dropped (1006)', fix: 'wait' } }, '12:00:01.234 [market] reconnecting attempt 3 in 5000 ms: the connection dropped (1006)'],
    [{ kind: 'resubscribe', index: 1, total: 4, method: 'SubscribeContractQuotes', arg: 'CON.F.US.EP.U25', ms: 5 }, '12:00:01.234 [market] resubscribe 1 of 4 SubscribeContractQuotes(CON.F.US.EP.U25) in 5 ms'],
    [{ kind: 'subscribe', method: 'SubscribeContractQuotes', arg: 'X', ms: 10000, error: 'no reply within 10 s' }, '12:00:01.234 [market] subscribe SubscribeContractQuotes(X) failed in 10000 ms: no reply within 10 s'],
    [{ kind: 'close', intended: true }, '12:00:01.234 [market] closed on purpose'],
    [{ kind: 'close', intended: false, code: 1006 }, '12:00:01.234 [market] connection closed 1006'],
    [{ kind: 'parse-failure', event: 'GatewayQuote', reason: 'data is not an object', count: 1 }, '12:00:01.234 [market] could not parse GatewayQuote (1×): data is not an object'],
    [{ kind: 'stopped', ms: 3.6 }, '12:00:01.234 [market] stopped in 4 ms'],
  ];
  for (const [step, line] of cases) {
    it(line.slice(22), () => assert.equal(formatEntry(entry(step)), line));
  }

  it('an entry for both hubs has no hub tag', () => {
    assert.equal(formatEntry(entry({ kind: 'token', action: 'refreshed', ms: 30 }, 'both')), '12:00:01.234 token refreshed in 30 ms');
  });

  it('a token expiry is relative to the entry, so a 24 h token does not read as a time of today', () => {
    const later = (ms: number) => new Date(at.getTime() + ms);
    const minute = 60_000;
    const line = (expiresAt: Date, action: 'login' | 'expired' = 'login') => formatEntry(entry({ kind: 'token', action, ms: 30, expiresAt }, 'both'));
    assert.equal(line(later(24 * 60 * minute - minute)), '12:00:01.234 token login in 30 ms (expires in 23 h 59 min)');
    assert.equal(line(later(3 * 24 * 60 * minute + 2 * 60 * minute)), '12:00:01.234 token login in 30 ms (expires in 3 d 2 h)');
    assert.equal(line(later(59 * minute + 59_000)), '12:00:01.234 token login in 30 ms (expires in 59 min)');
    assert.equal(line(later(42_000)), '12:00:01.234 token login in 30 ms (expires in 42 s)');
    assert.equal(line(later(-5 * minute), 'expired'), '12:00:01.234 token expired in 30 ms (expired 5 min ago)');
    // Without an entry time there is nothing to be relative to: an ISO date-time.
    assert.equal(formatStep({ kind: 'token', action: 'refreshed', expiresAt: new Date(Date.UTC(2025, 0, 3, 12, 0, 1)) }), 'token refreshed (expires 2025-01-03T12:00:01Z)');
  });

  it('redacts tokens, access_token query values and given secrets', () => {
    const line = formatEntry(entry({ kind: 'attempt', attempt: 1, url: `http://h/hubs/user?access_token=${JWT}`, transport: 'query' }));
    assert.ok(!line.includes(JWT), line);
    assert.ok(!formatEntry(entry({ kind: 'note', text: 'key my-api-key-123' }), ['my-api-key-123']).includes('my-api-key-123'));
  });

  it('formats every step kind on one line', () => {
    const steps: TimelineStep[] = [
      { kind: 'failed', cause: { kind: 'unauthorized', cause: 'the server rejected the token (HTTP 401)', fix: 'sign in again' } },
      { kind: 'reconnected', downMs: 120 },
      { kind: 'unsubscribe', method: 'UnsubscribeTrades', arg: 123, ms: 3 },
      { kind: 'resync', downMs: 100, positions: 1, orders: 2 },
      { kind: 'token', action: 'refresh-failed', error: 'validate: 401' },
    ];
    const lines = steps.map((s) => formatStep(s));
    assert.deepEqual(lines, [
      'failed: the server rejected the token (HTTP 401). Fix: sign in again',
      'reconnected after 120 ms down',
      'unsubscribe UnsubscribeTrades(123) in 3 ms',
      'resync after 100 ms down: 1 positions, 2 orders',
      'token refresh-failed: validate: 401',
    ]);
  });
});

describe('parse-failure lines (ParseFailureLog)', () => {
  function log(): { failures: ParseFailureLog; steps: TimelineStep[]; warnings: string[] } {
    const steps: TimelineStep[] = [];
    const warnings: string[] = [];
    const failures = new ParseFailureLog({ record: (s) => steps.push(s), warn: (t) => warnings.push(t), redact: (t) => t.replaceAll(JWT, '***') });
    return { failures, steps, warnings };
  }

  it('a kind gets a line at 1, 10, 100, … 10^6 with the running count, and never more than 7', () => {
    const { failures, steps, warnings } = log();
    for (let i = 0; i < 2 * LAST_PARSE_FAILURE_MILESTONE; i++) failures.note('GatewayQuote', 'not-object', 'data is not an object');
    failures.note('GatewayTrade', 'not-array', 'not an array');
    const counts = (event: string) => steps.flatMap((s) => (s.kind === 'parse-failure' && s.event === event ? [s.count] : []));
    assert.deepEqual(counts('GatewayQuote'), [1, 10, 100, 1000, 10_000, 100_000, 1_000_000]);
    assert.deepEqual(counts('GatewayTrade'), [1]);
    assert.equal(failures.total, 2 * LAST_PARSE_FAILURE_MILESTONE + 1);
    assert.equal(failures.snapshot().get('GatewayQuote/not-object'), 2 * LAST_PARSE_FAILURE_MILESTONE);
    assert.equal(warnings[1], 'could not parse GatewayQuote (10×): data is not an object');
  });

  it('unknown events: one line per name, names cleaned and redacted, distinct names capped', () => {
    const { failures, steps } = log();
    failures.noteUnknownEvent('gatewaysomethingnew');
    failures.noteUnknownEvent('gatewaysomethingnew');
    failures.noteUnknownEvent(`evil\n${JWT}`);
    for (let i = 0; i < MAX_UNKNOWN_EVENT_NAMES + 10; i++) failures.noteUnknownEvent(`made-up-${i}`);
    const events = steps.flatMap((s) => (s.kind === 'parse-failure' ? [s.event] : []));
    assert.equal(events.length, MAX_UNKNOWN_EVENT_NAMES, 'one per name up to the cap');
    assert.deepEqual(events.slice(0, 2), ['gatewaysomethingnew', 'evil?***']);
    assert.equal(steps.filter((s) => s.kind === 'note').length, 1, 'one line says further names are only counted');
    assert.equal(failures.snapshot().get('unknown-event:gatewaysomethingnew'), 2);
    assert.equal(failures.snapshot().get('unknown-event:*'), 12);
    assert.equal(failures.total, MAX_UNKNOWN_EVENT_NAMES + 13);
  });
});
