// The fuzz campaign: 10,000+ generated payloads (test/support/payloadFuzzer.ts) sent by the real
// simulator over loopback, many records per WebSocket message, into the real @microsoft/signalr
// client inside createMonitor's hub sessions. Reproduce a failure with FUZZ_SEED=<seed>.
import assert from 'node:assert/strict';
import type { TokenSource } from '../../src/core/auth/tokenSource';
import type { GatewayEvent } from '../../src/core/events/types';
import type { SubscribedHub } from '../../src/core/hub/subscribedHub';
import type { HubKind } from '../../src/core/hub/types';
import { createMonitor, type EngineMonitor } from '../../src/core/monitor/monitor';
import { Timeline } from '../../src/core/timeline/timeline';
import type { TimelineEntry } from '../../src/core/timeline/types';
import { contractOf, firstItem, PayloadFuzzer, RS, SPECS, tagOf, type FuzzKind, type FuzzPayload } from '../support/payloadFuzzer';
import { demoTokens, startSim, until, type SimContext } from './hubHarness.test';

const PAYLOADS = 10_000;
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed2025);
/** Records per WebSocket message and its byte budget (a 1 MB record still goes alone). */
const BATCH_RECORDS = 250;
const BATCH_BYTES = 256 * 1024;
const HUBS: readonly HubKind[] = ['user', 'market'];

interface Delivered {
  readonly tag: number;
  readonly event: GatewayEvent;
}

interface Rig {
  ctx: SimContext;
  tokens: TokenSource;
  monitor: EngineMonitor;
  entries: TimelineEntry[];
  logs: string[];
  delivered: Record<HubKind, Delivered[]>;
  processErrors: string[];
  dispose(): Promise<void>;
}

async function rig(): Promise<Rig> {
  const ctx = await startSim();
  const tokens = demoTokens(ctx);
  const timeline = new Timeline();
  const entries: TimelineEntry[] = [];
  timeline.onEntry((e) => entries.push(e));
  const logs: string[] = [];
  const monitor = createMonitor({ profile: ctx.profile, tokens, timeline, retryDelaysMs: [0], log: (level, message) => logs.push(`${level} ${message}`) });
  const delivered: Record<HubKind, Delivered[]> = { user: [], market: [] };
  for (const hub of HUBS) {
    monitor.hubClient(hub).onEvent((event) => {
      const tag = tagOf(event);
      if (tag !== undefined) delivered[hub].push({ tag, event });
    });
  }
  const processErrors: string[] = [];
  const onRejection = (reason: unknown): void => void processErrors.push(`unhandledRejection: ${String(reason)}`);
  const onException = (error: Error): void => void processErrors.push(`uncaughtException: ${error.message}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  await monitor.connect();
  return {
    ctx, tokens, monitor, entries, logs, delivered, processErrors,
    async dispose() {
      await monitor.disconnect();
      monitor.dispose();
      tokens.dispose();
      timeline.dispose();
      await ctx.sim.stop();
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}

/** Sends a frame the client rejects and waits for the session's own reconnect. */
async function sendFatal(r: Rig, hub: HubKind, text: string): Promise<void> {
  const session = r.monitor.hubClient(hub).connection;
  const generation = session.connectionGeneration;
  r.ctx.sim.faults.sendRaw(hub, text);
  await until(`the ${hub} hub to reconnect after a rejected frame (seed ${SEED})`, () => session.connectionGeneration > generation && session.state.kind === 'connected');
}

function expectedTags(payloads: readonly FuzzPayload[], hub: HubKind): number[] {
  return payloads.flatMap((p) => (p.hub === hub && p.expect.outcome === 'events' ? p.expect.tags : []));
}

function firstDifference(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** The payload that carries a tag, for failure messages. */
function describePayload(payloads: readonly FuzzPayload[], tag: number | undefined): string {
  const p = payloads.find((x) => x.expect.outcome === 'events' && tag !== undefined && x.expect.tags.includes(tag));
  return p ? `${p.kind} ${p.record.slice(0, 300)}` : 'no payload';
}

function parseFailureTotals(clients: readonly SubscribedHub[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const c of clients) for (const [key, n] of c.connection.parseFailureCounts) totals.set(`${c.hub}:${key}`, n);
  return totals;
}

describe('fuzz: generated payloads through the real hub sessions', function () {
  this.timeout(60_000);
  let r: Rig | undefined;
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') console.log(`    fuzz seed: ${SEED} (rerun with FUZZ_SEED=${SEED})`);
    await r?.dispose();
    r = undefined;
  });

  it(`${PAYLOADS.toLocaleString('en')} payloads: no crash, each failure kind counted and reported once, every good event delivered in order`, async () => {
    r = await rig();
    const fuzzer = new PayloadFuzzer(SEED);
    const payloads = fuzzer.generate(PAYLOADS);
    // The last payload of each hub is a known-good sentinel: once it arrives, everything before was handled.
    for (const spec of [SPECS[3], SPECS[4]]) payloads.push(fuzzer.good(spec));

    const batches: Record<HubKind, string[]> = { user: [], market: [] };
    const bytes: Record<HubKind, number> = { user: 0, market: 0 };
    const flush = (hub: HubKind): void => {
      if (batches[hub].length > 0) r?.ctx.sim.faults.sendRaw(hub, batches[hub].join(''));
      batches[hub] = [];
      bytes[hub] = 0;
    };
    const fatal: Record<HubKind, number> = { user: 0, market: 0 };
    for (const p of payloads) {
      if (p.expect.outcome === 'protocol-error') {
        flush(p.hub);
        fatal[p.hub]++;
        await sendFatal(r, p.hub, p.record);
        continue;
      }
      batches[p.hub].push(p.record);
      bytes[p.hub] += p.record.length;
      if (batches[p.hub].length >= BATCH_RECORDS || bytes[p.hub] >= BATCH_BYTES) flush(p.hub);
    }
    for (const hub of HUBS) flush(hub);

    const rig_ = r;
    for (const hub of HUBS) {
      const want = expectedTags(payloads, hub);
      await until(`${want.length} good ${hub} events (got ${rig_.delivered[hub].length}; seed ${SEED})`, () => rig_.delivered[hub].length >= want.length, 15_000);
      const got = rig_.delivered[hub].map((d) => d.tag);
      const at = firstDifference(got, want);
      assert.ok(at < 0, `${hub}: every good event in order, nothing else; first difference at #${at}: got ${got[at]}, want ${want[at]} from ${describePayload(payloads, want[at] ?? got[at])} (seed ${SEED})`);
    }

    // What the accepted oddities became: unknown enums stay numbers, numeric strings become numbers, nulls defaults.
    const byTag = new Map<number, GatewayEvent>();
    for (const hub of HUBS) for (const d of r.delivered[hub]) if (!byTag.has(d.tag)) byTag.set(d.tag, d.event);
    for (const p of payloads) {
      if (p.expect.outcome !== 'events' || p.expect.tags.length === 0) continue;
      const event = byTag.get(p.expect.tags[0]);
      assert.ok(event, `event ${p.expect.tags[0]} (seed ${SEED})`);
      const action = event.hub === 'user' && event.name !== 'GatewayLogout' ? event.action : undefined;
      assert.equal(action, p.expect.action, `${p.kind} ${event.name}: action (seed ${SEED})`);
      const item = firstItem(event) as Record<string, unknown>;
      for (const [field, value] of Object.entries(p.expect.fields ?? {})) {
        assert.deepEqual(item[field], value, `${p.kind} ${event.name}.${field} (seed ${SEED})`);
      }
    }

    // Every failure counted under its kind, exactly as often as sent.
    const want = new Map<string, number>();
    const count = (key: string): void => {
      want.set(key, (want.get(key) ?? 0) + 1);
    };
    for (const p of payloads) {
      if (p.expect.outcome === 'parse-failure') count(`${p.hub}:${p.expect.key}`);
      else if (p.expect.outcome === 'ignored' && p.expect.unknownEvent) count(`${p.hub}:unknown-event:${p.expect.unknownEvent}`);
    }
    const clients = HUBS.map((hub) => r?.monitor.hubClient(hub)).filter((c): c is SubscribedHub => c !== undefined);
    const got = parseFailureTotals(clients);
    assert.deepEqual([...got].sort(), [...want].sort(), `parse-failure counts by kind (seed ${SEED})`);

    // …and each kind reported in the timeline once, then again only at 10, 100, 1000… with the
    // running count: never once per payload; each as one short clean line.
    const steps = r.entries.flatMap((e) => (e.step.kind === 'parse-failure' ? [{ hub: e.hub, ...e.step }] : []));
    const milestones = (total: number): number[] => [1, 10, 100, 1000, 10_000].filter((m) => m <= total);
    const stepCounts = new Map<string, number[]>();
    for (const s of steps) {
      const key = `${s.hub}:${s.event}`;
      stepCounts.set(key, [...(stepCounts.get(key) ?? []), s.count]);
    }
    const wantSteps = new Map<string, number[]>();
    for (const [key, total] of want) {
      // Parser kinds are "Target/Target:field" and their lines name the target; an event without a handler
      // ("hub:unknown-event:<name>") gets one line naming it, however often it comes.
      const unknown = /^(\w+):unknown-event:(.*)$/.exec(key);
      const lineKey = unknown ? `${unknown[1]}:${unknown[2]}` : key.slice(0, key.indexOf('/'));
      wantSteps.set(lineKey, [...(wantSteps.get(lineKey) ?? []), ...(unknown ? [1] : milestones(total))]);
    }
    const sorted = (m: Map<string, number[]>) => [...m].map(([k, v]) => [k, [...v].sort((a, b) => a - b)]).sort();
    assert.deepEqual(sorted(stepCounts), sorted(wantSteps), `parse-failure lines: one per kind, then only at 10, 100, 1000… (seed ${SEED})`);
    for (const s of steps) {
      // eslint-disable-next-line no-control-regex -- no control character may reach a line
      assert.ok(s.reason.length <= 200 && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(s.reason), `one clean line: ${JSON.stringify(s.reason.slice(0, 80))}`);
    }

    // Frames the client rejects close the connection; the session reconnects and nothing else drops it.
    for (const hub of HUBS) {
      const client = r.monitor.hubClient(hub);
      assert.equal(client.state.kind, 'connected', `${hub} still connected`);
      assert.equal(client.stats.reconnects, fatal[hub], `${hub}: one reconnect per rejected frame, none otherwise (seed ${SEED})`);
    }
    assert.ok(!r.entries.some((e) => e.step.kind === 'failed'), 'never failed');
    // The ignored ones leave only the library's own log line.
    assert.ok(r.logs.some((l) => l.includes("No client method with the name 'gatewaysomethingnew' found")), 'unknown targets are logged by the client');
    assert.deepEqual(r.processErrors, [], 'no unhandled rejection or uncaught exception');

    const kinds = new Map<FuzzKind, number>();
    for (const p of payloads) kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1);
    assert.ok(payloads.length >= PAYLOADS);
    assert.equal(kinds.size, 15, `every payload kind generated: ${[...kinds.keys()].join(', ')}`);
    console.log(`      seed ${SEED}: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}; ${got.size} failure kinds; ${fatal.user + fatal.market} reconnects`);
  });

  it('a rejected record takes the whole WebSocket message with it, good records included; later events flow after the reconnect', async () => {
    r = await rig();
    const fuzzer = new PayloadFuzzer(SEED + 1);
    const [before, after, next] = [fuzzer.good(SPECS[4]), fuzzer.good(SPECS[4]), fuzzer.good(SPECS[4])];
    await sendFatal(r, 'market', `${before.record}{"type":1,"target":"GatewayQuote","arguments":[${RS}${after.record}`);
    r.ctx.sim.faults.sendInvocation('market', 'GatewayQuote', [contractOf(999), { bestBid: 1 }]);
    r.ctx.sim.faults.sendRaw('market', next.record);
    const rig_ = r;
    await until('the quotes after the reconnect', () => rig_.delivered.market.length >= 2);
    assert.deepEqual(r.delivered.market.map((d) => d.tag), [999, ...(next.expect.outcome === 'events' ? next.expect.tags : [])]);
    const close = r.entries.find((e) => e.hub === 'market' && e.step.kind === 'close');
    assert.ok(close?.step.kind === 'close' && !close.step.intended && close.step.error?.includes('JSON'), `the close names the JSON error: ${JSON.stringify(close?.step)}`);
    assert.deepEqual(r.processErrors, []);
  });
});
