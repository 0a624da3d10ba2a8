// Pings on the verbose timeline: a real client and the simulator, loopback, with short keep-alives.
import assert from 'node:assert/strict';
import type { TokenSource } from '../../src/core/auth/tokenSource';
import { formatStep } from '../../src/core/timeline/format';
import { countPings, tapPings } from '../../src/core/timeline/pingTap';
import { Timeline } from '../../src/core/timeline/timeline';
import type { TimelineStep } from '../../src/core/timeline/types';
import { Emitter } from '../../src/core/util/emitter';
import type { RawFrame } from '../../src/core/recording/types';
import { CONTRACT_ID, demoTokens, hubClient, startSim, until, type SimContext } from './hubHarness.test';

type PingStep = Extract<TimelineStep, { kind: 'ping' }>;

describe('Ping tap: keep-alive pings on the verbose timeline', function () {
  let ctx: SimContext;
  let tokens: TokenSource;
  let timeline: Timeline;

  beforeEach(async () => {
    ctx = await startSim({ keepAliveIntervalMs: 100 });
    tokens = demoTokens(ctx);
    timeline = new Timeline();
  });
  afterEach(async () => {
    tokens.dispose();
    timeline.dispose();
    await ctx.sim.stop();
  });

  it('records pings sent and received with the interval since the previous one, and none after dispose', async () => {
    const client = hubClient(ctx, 'market', tokens, timeline, { keepAliveIntervalMs: 150 });
    const tap = tapPings([client], (hub, step) => timeline.record(hub, step));
    await client.start();
    await client.subscriptions.add('SubscribeContractQuotes', CONTRACT_ID);
    ctx.sim.tickMarket();
    const pings = (direction: PingStep['direction']): PingStep[] =>
      timeline.recent().flatMap((e) => (e.step.kind === 'ping' && e.step.direction === direction && e.hub === 'market' ? [e.step] : []));
    await until('two pings each way', () => pings('received').length >= 2 && pings('sent').length >= 2, 5000);
    tap.dispose();
    for (const direction of ['received', 'sent'] as const) {
      const [first, second] = pings(direction);
      assert.equal(first.sinceLastMs, undefined, 'the first has no interval');
      assert.ok(second.sinceLastMs !== undefined && second.sinceLastMs >= 0, JSON.stringify(second));
      assert.match(formatStep(second), new RegExp(`^ping ${direction}, \\d+\\.\\d s after the previous$`));
    }
    assert.match(formatStep(pings('received')[0]), /^ping received \(the first seen\)$/);
    const count = timeline.recent().filter((e) => e.step.kind === 'ping').length;
    let later = 0;
    const raw = client.onFrame((f) => (later += countPings(f)));
    await until('another ping on the wire after dispose', () => later > 0, 5000);
    raw.dispose();
    assert.equal(timeline.recent().filter((e) => e.step.kind === 'ping').length, count, 'disposed: no more ping steps');
    await client.stop();
  });

  it('counts only Ping records: not a depth item of type 6, not an event, several in one frame', () => {
    const frame = (text: string, direction: 'in' | 'out' = 'in'): RawFrame => ({ at: 0, hub: 'market', direction, text });
    assert.equal(countPings(frame('{"type":6}\x1e')), 1);
    assert.equal(countPings(frame('{"type":6}\x1e{"type":6}\x1e', 'out')), 2);
    assert.equal(countPings(frame('{"type":1,"target":"GatewayDepth","arguments":["C",[{"type":6,"price":1}]]}\x1e')), 0);
    assert.equal(countPings(frame('{"type":6}')), 0, 'an unterminated record is not a message');
    const source = new Emitter<RawFrame>();
    const steps: TimelineStep[] = [];
    const tap = tapPings([{ onFrame: (l) => source.event(l) }], (_hub, step) => steps.push(step));
    source.fire({ at: 1000, hub: 'user', direction: 'in', text: '{"type":6}\x1e' });
    source.fire({ at: 1500, hub: 'user', direction: 'out', text: '{"type":6}\x1e' });
    source.fire({ at: 16_000, hub: 'user', direction: 'in', text: '{"type":6}\x1e' });
    tap.dispose();
    source.fire({ at: 31_000, hub: 'user', direction: 'in', text: '{"type":6}\x1e' });
    assert.deepEqual(steps, [
      { kind: 'ping', direction: 'received' },
      { kind: 'ping', direction: 'sent' },
      { kind: 'ping', direction: 'received', sinceLastMs: 15_000 },
    ]);
  });
});
