// Record a real session (subscribe, events, a drop and a reconnect) and replay the file into a fresh
// simulator and a fresh monitor: the decoded events are the same sequence. Loopback only.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GatewayEvent } from '../../src/core/events/types';
import type { EngineMonitor } from '../../src/core/monitor/monitor';
import { DEMO_API_KEY } from '../../src/core/profiles';
import { recordMonitor } from '../../src/core/recording/recorder';
import { parseRecording, readRecording, RecordingError } from '../../src/core/recording/recordingFile';
import { recordedSubscriptions, replay, replayFrames } from '../../src/core/recording/replay';
import type { Recording } from '../../src/core/recording/types';
import { ACCOUNT_ID, CONTRACT_ID, demoTokens, monitorFor, startSim, until, waitFor, type SimContext } from './hubHarness.test';

const SUBSCRIPTIONS = [
  ['user', 'SubscribeAccounts', undefined],
  ['user', 'SubscribeOrders', ACCOUNT_ID],
  ['user', 'SubscribePositions', ACCOUNT_ID],
  ['user', 'SubscribeTrades', ACCOUNT_ID],
  ['market', 'SubscribeContractQuotes', CONTRACT_ID],
  ['market', 'SubscribeContractTrades', CONTRACT_ID],
] as const;

/** What a view shows of an event: name, contract and the decoded data (Dates included). */
type Seen = { name: string; contractId: string | undefined; data: unknown };
const seen = (e: GatewayEvent): Seen => ({ name: e.name, contractId: e.hub === 'market' ? e.contractId : undefined, data: e.data });

function collect(monitor: EngineMonitor): { user: Seen[]; market: Seen[] } {
  const out = { user: [] as Seen[], market: [] as Seen[] };
  monitor.user.onEvent((e) => out.user.push(seen(e)));
  monitor.market.onEvent((e) => out.market.push(seen(e)));
  return out;
}

/** A last event per hub, so "everything before it arrived" has an event to wait for. */
function sendSentinels(ctx: SimContext): void {
  ctx.sim.faults.sendInvocation('user', 'GatewayUserAccount', [{ id: 999, name: 'SENTINEL', balance: 1, canTrade: false, isVisible: false }]);
  ctx.sim.faults.sendInvocation('market', 'GatewayQuote', [CONTRACT_ID, { symbol: 'SENTINEL', lastPrice: 1 }]);
}
const sentinelsIn = (events: { user: Seen[]; market: Seen[] }) =>
  events.user.some((e) => JSON.stringify(e.data).includes('SENTINEL')) && events.market.some((e) => JSON.stringify(e.data).includes('SENTINEL'));

describe('Session recording and replay', function () {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'hubmon-rec-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a recorded session (subscribe, events, drop, reconnect) replays to the same events; no secret in the file', async function () {
    this.timeout(30_000);
    const file = join(dir, 'session.jsonl');
    // 1. Record against one simulator.
    const a = await startSim();
    const tokensA = demoTokens(a);
    const monitorA = monitorFor(a, tokensA, { skipNegotiation: false });
    const recorder = recordMonitor(monitorA, file, { secrets: () => [DEMO_API_KEY] });
    const original = collect(monitorA);
    let tokensUsed: string[] = [];
    try {
      await monitorA.connect();
      for (const [hub, method, arg] of SUBSCRIPTIONS) await monitorA.hubClient(hub).subscriptions.add(method, arg);
      a.sim.tickMarket();
      a.sim.placeOrder(ACCOUNT_ID, CONTRACT_ID, 'Bid', 1);
      await until('events before the drop', () => original.user.length >= 3 && original.market.length >= 2);
      const reconnected = Promise.all([
        waitFor('user reconnect', monitorA.user.onDidReconnect, () => true),
        waitFor('market reconnect', monitorA.market.onDidReconnect, () => true),
      ]);
      a.sim.faults.dropAll();
      await reconnected;
      a.sim.tickMarket();
      a.sim.placeOrder(ACCOUNT_ID, CONTRACT_ID, 'Ask', 1);
      sendSentinels(a);
      await until('both sentinels', () => sentinelsIn(original));
      tokensUsed = [await tokensA.getToken()];
    } finally {
      await monitorA.disconnect();
      recorder.dispose();
      monitorA.dispose();
      tokensA.dispose();
      await a.sim.stop();
    }

    const text = readFileSync(file, 'utf8');
    for (const token of tokensUsed) assert.ok(!text.includes(token), 'no token in the recording');
    assert.ok(!/eyJ[\w-]+\.[\w-]+\./.test(text), 'no JWT in the recording');
    assert.ok(!text.includes(DEMO_API_KEY), 'no API key in the recording');
    assert.ok(!/access_token=(?!«redacted»)/.test(text), 'no access_token= value');
    assert.ok(!/[?&]id=(?!«redacted»)/.test(text), 'no connection token (id=)');
    const recording = readRecording(file);
    assert.equal(recording.header.profile, 'test simulator');
    const timelineKinds = recording.lines.flatMap((l) => (l.type === 'timeline' ? [l.kind] : []));
    for (const kind of ['connected', 'subscribe', 'close', 'reconnecting', 'reconnected', 'resubscribe', 'stopped'] as const) {
      assert.ok(timelineKinds.includes(kind), `timeline ${kind} recorded`);
    }
    assert.ok(recording.lines.some((l) => l.type === 'frame' && l.direction === 'out' && l.text.startsWith('{"protocol":"json"')), 'handshakes recorded');
    assert.deepEqual(
      recordedSubscriptions(recording).map((s) => [s.hub, s.method, s.arg]),
      SUBSCRIPTIONS.map(([hub, method, arg]) => [hub, method, arg]),
    );

    // 2. Replay into a fresh simulator and a fresh monitor, subscribed the same way.
    const replayed = await replayInto(recording, 20);
    assert.ok(original.user.length > 5 && original.market.length > 3, `a real session: ${original.user.length} user, ${original.market.length} market events`);
    assert.deepEqual(replayed.user, original.user);
    assert.deepEqual(replayed.market, original.market);
  });

  it('replays the shipped example recording (media/examples/demo-session.jsonl) to parseable events', async function () {
    this.timeout(20_000);
    const recording = readRecording(join(__dirname, '../../../media/examples/demo-session.jsonl'));
    const expected = replayFrames(recording).reduce((n, f) => n + f.events, 0);
    assert.ok(expected > 20, `the example has events (${expected})`);
    assert.ok(recording.lines.some((l) => l.type === 'timeline' && l.kind === 'reconnected'), 'the example shows a drop and a reconnect');
    const events = await replayInto(recording, Infinity, expected);
    assert.equal(events.user.length + events.market.length, expected);
  });

  it('replay keeps the recorded order of frames and timeline lines, skips non-events, and stops on abort', async () => {
    const recording = parseRecording(
      [
        JSON.stringify({ type: 'header', version: 1, profile: 'p', startedAt: new Date(0).toISOString(), tool: 'hubmon' }),
        JSON.stringify({ type: 'frame', t: 0, hub: 'user', direction: 'in', text: '{}\x1e' }),
        JSON.stringify({ type: 'timeline', t: 5, hub: 'user', kind: 'connected', line: 'connected' }),
        JSON.stringify({ type: 'frame', t: 10, hub: 'market', direction: 'in', text: '{"type":6}\x1e{"type":1,"target":"GatewayQuote","arguments":["C",{}]}\x1e{"type":3,"invocationId":"0"}\x1e' }),
        JSON.stringify({ type: 'frame', t: 12, hub: 'user', direction: 'out', text: '{"type":1,"target":"GatewayUserAccount","arguments":[]}\x1e' }),
        JSON.stringify({ type: 'timeline', t: 20, hub: 'market', kind: 'close', line: 'closed' }),
        JSON.stringify({ type: 'frame', t: 30, hub: 'user', direction: 'in', text: '{"type":7,"error":"bye"}\x1e' }),
        JSON.stringify({ type: 'frame', t: 60, hub: 'user', direction: 'in', text: '{"type":1,"target":"GatewayUserAccount","arguments":[{}]}\x1e' }),
      ].join('\n'),
    );
    const order: string[] = [];
    const target = { sendRaw: (hub: string, text: string) => order.push(`${hub} ${text}`) };
    const result = await replay(recording, target, { speed: 10, onTimeline: (l) => order.push(`timeline ${l.line}`) });
    assert.deepEqual(order, [
      'timeline connected',
      'market {"type":1,"target":"GatewayQuote","arguments":["C",{}]}\x1e',
      'timeline closed',
      'user {"type":1,"target":"GatewayUserAccount","arguments":[{}]}\x1e',
    ]);
    assert.deepEqual(result, { frames: 2, events: 2, aborted: false });

    const abort = new AbortController();
    order.length = 0;
    const slow = replay(recording, { sendRaw: (_hub, text) => (order.push(text), abort.abort()) }, { speed: 0.001, signal: abort.signal });
    assert.deepEqual(await slow, { frames: 1, events: 1, aborted: true }, 'aborted while waiting ~50 s for the next frame');
    await assert.rejects(replay(recording, target, { speed: 0 }), /Replay speed must be a number above 0/);
  });

  it('a malformed recording gives one clear line naming the line number', () => {
    const header = JSON.stringify({ type: 'header', version: 1, profile: 'p', startedAt: new Date(0).toISOString(), tool: 'hubmon' });
    const frame = JSON.stringify({ type: 'frame', t: 1, hub: 'user', direction: 'in', text: '{"type":6}\x1e' });
    const cases: [string, RegExp][] = [
      [`${header}\n${frame}\n{not json\n`, /:3: not a JSON line/],
      [`${header}\n\n${frame}\n${JSON.stringify({ type: 'frame', t: 2, hub: 'both', direction: 'in', text: '' })}\n`, /:4: frame "hub" is the string "both", expected "user" or "market"/],
      [`${header}\n${JSON.stringify({ type: 'timeline', t: -1, kind: 'note', line: 'x' })}\n`, /:2: "t" is number -1/],
      [`${header}\n${JSON.stringify({ type: 'timeline', t: 1, kind: 'nope', line: 'x' })}\n`, /:2: timeline "kind" is the string "nope"/],
      [`${header}\n[1,2]\n`, /:2: expected a JSON object, got an array of 2/],
      [`${header}\n${JSON.stringify({ type: 'video' })}\n`, /:2: unknown line type the string "video"/],
      [`${frame}\n`, /:1: the first line is not a recording header/],
      [`${header.replace('"version":1', '"version":2')}\n`, /:1: recording version number 2, this Hub Monitor reads version 1/],
      ['\n\n', /the file is empty/],
    ];
    cases.forEach(([content, pattern], i) => {
      const file = join(dir, `bad${i}.jsonl`);
      writeFileSync(file, content);
      assert.throws(
        () => readRecording(file),
        (e: unknown) => e instanceof RecordingError && pattern.test(e.message) && e.message.startsWith(file) && !e.message.includes('\n'),
        `case ${i}: ${pattern}`,
      );
    });
    assert.throws(() => readRecording(join(dir, 'missing.jsonl')), (e: unknown) => e instanceof RecordingError && /Cannot read the recording .*missing\.jsonl/.test(e.message));
  });

  it('a write failure stops the recording with one line through onError', async () => {
    const ctx = await startSim();
    const tokens = demoTokens(ctx);
    const monitor = monitorFor(ctx, tokens);
    const sub = join(dir, 'gone');
    const errors: string[] = [];
    assert.throws(() => recordMonitor(monitor, join(sub, 'x.jsonl')), /Cannot write the recording .*x\.jsonl: .*ENOENT.*Pick a folder/);
    const file = join(dir, 'vanishing.jsonl');
    const recorder = recordMonitor(monitor, file, { onError: (m) => errors.push(m), flushMs: 10 });
    rmSync(file);
    // A directory where the file was: the append fails.
    mkdirSync(file);
    await monitor.connect();
    await until('the write error', () => errors.length > 0);
    assert.equal(recorder.isRecording, false);
    assert.match(errors[0], /^Recording to .*vanishing\.jsonl stopped: .*Check the disk/);
    assert.equal(errors.length, 1);
    recorder.dispose();
    monitor.dispose();
    tokens.dispose();
    await ctx.sim.stop();
  });
});

/** A fresh simulator + monitor subscribed as recorded; plays the recording; returns the decoded events. */
async function replayInto(recording: Recording, speed: number, expectedEvents?: number): Promise<{ user: Seen[]; market: Seen[] }> {
  const b = await startSim();
  const tokens = demoTokens(b);
  const monitor = monitorFor(b, tokens);
  const events = collect(monitor);
  try {
    await monitor.connect();
    for (const s of recordedSubscriptions(recording)) await monitor.hubClient(s.hub).subscriptions.add(s.method, s.arg);
    const result = await replay(recording, b.sim.faults, { speed });
    assert.equal(result.aborted, false);
    if (expectedEvents === undefined) await until('both replayed sentinels', () => sentinelsIn(events), 10_000);
    else await until(`${expectedEvents} replayed events`, () => events.user.length + events.market.length >= expectedEvents, 10_000);
    const failures = [...monitor.user.connection.parseFailureCounts, ...monitor.market.connection.parseFailureCounts];
    assert.deepEqual(failures, [], 'every replayed event parsed');
    return events;
  } finally {
    monitor.dispose();
    tokens.dispose();
    await b.sim.stop();
  }
}
