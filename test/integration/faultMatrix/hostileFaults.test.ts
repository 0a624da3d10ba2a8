// Fault matrix, a hostile or broken server (issue 10): each case costs bounded memory and time,
// is named in one line, and the monitor carries on or reconnects. Memory is measured around the
// fault (peak while it runs, and what stays after a full GC) with generous bounds.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { MAX_UNKNOWN_EVENT_NAMES } from '../../../src/core/hub/parseFailureLog';
import { mib, MiB, PeakSampler } from '../../support/memory';
import { connectedMonitor } from './flows';
import { assertOneLine, HUBS, scenario, sleep } from './harness';

const HUGE_FRAME_BYTES = 64 * MiB;

describe('fault matrix: a hostile or broken server', function () {
  this.timeout(180_000);

  scenario('F29', async (lab) => {
    const ctx = await lab.sim();
    const monitor = await connectedMonitor(lab, ctx);
    const memory = new PeakSampler();
    const since = performance.now();
    const written = await Promise.all(HUBS.map((hub) => ctx.sim.faults.hostile.hugeFrame(hub, HUGE_FRAME_BYTES)));
    for (const hub of HUBS) assertOneLine(await lab.waitForCause(hub, 'message-too-large'));
    const recoveryMs = await lab.recovery(monitor, ctx, since);
    const { peakGrowth, retained } = memory.stop();
    // Refused from its header: the client hangs up long before the 64 MB are through.
    for (const bytes of written) assert.ok(bytes < HUGE_FRAME_BYTES, `the client read ${mib(bytes)} of the frame`);
    assert.ok(peakGrowth < 48 * MiB, `peak memory growth ${mib(peakGrowth)} while a 64 MB frame was sent`);
    assert.ok(retained < 16 * MiB, `memory kept after the frame: ${mib(retained)}`);
    assert.match(lab.firstFailure()?.cause ?? '', /over 8 MiB/);
    return { recovered: 'yes', recoveryMs };
  });

  scenario('F30', async (lab) => {
    const ctx = await lab.sim();
    const monitor = await connectedMonitor(lab, ctx);
    const memory = new PeakSampler();
    const market = monitor.hubClient('market');
    const before = market.stats.parseFailures;
    const sent = await ctx.sim.faults.hostile.unknownEvents('market', 1_000_000);
    assert.equal(sent, 1_000_000);
    await waitUntil('the 1,000,000 unknown events counted', () => market.stats.parseFailures - before >= 1_000_000, 120_000);
    const { retained } = memory.stop();
    const listed = lab.timeline.recent().filter((e) => e.hub === 'market' && e.step.kind === 'parse-failure').length;
    assert.ok(listed <= MAX_UNKNOWN_EVENT_NAMES, `${listed} names listed on the timeline`);
    assert.ok(retained < 32 * MiB, `memory kept after 1,000,000 distinct names: ${mib(retained)}`);
    // It carries on: never dropped, and still serving its subscriptions.
    for (const hub of HUBS) assert.deepEqual(lab.states[hub].filter((s) => s.kind !== 'connecting' && s.kind !== 'connected').map((s) => s.kind), [], `${hub} stayed connected`);
    lab.assertExactSubscriptions(monitor, ctx);
    const note = lab.timeline.recent().find((e) => e.step.kind === 'note' && /unknown event names/.test(e.step.text));
    assert.ok(note && note.step.kind === 'note', 'one line says the names are counted, not listed');
    return { recovered: 'yes', errorClass: 'none (carried on)', wording: note.step.text };
  });

  scenario('F31', async (lab) => {
    const ctx = await lab.sim();
    const monitor = await connectedMonitor(lab, ctx);
    const memory = new PeakSampler();
    const since = performance.now();
    // 2 MB of brackets: under the message limit, so it reaches the JSON parser and our payload parser.
    ctx.sim.faults.hostile.deepJson('market', 'GatewayQuote', 1_000_000);
    const market = monitor.hubClient('market');
    await waitUntil('the deep payload refused', () => market.stats.parseFailures > 0, 30_000);
    const { retained } = memory.stop();
    assert.ok(retained < 16 * MiB, `memory kept after deep JSON: ${mib(retained)}`);
    const line = lab.timeline.recent().find((e) => e.hub === 'market' && e.step.kind === 'parse-failure');
    assert.ok(line && line.step.kind === 'parse-failure', 'one parse-failure line');
    assert.ok(!/[\r\n]/.test(line.step.reason) && line.step.reason.length < 300, `one short line: ${line.step.reason}`);
    // It carries on: the connection was never dropped, and its subscriptions are intact.
    for (const hub of HUBS) assert.deepEqual(lab.states[hub].filter((s) => s.kind !== 'connecting' && s.kind !== 'connected').map((s) => s.kind), [], `${hub} stayed connected`);
    // Never lost, so no recovery time: the check is that everything is still live and exact.
    await lab.recovery(monitor, ctx, since);
    return { recovered: 'yes', errorClass: 'none (carried on)', wording: `could not parse GatewayQuote: ${line.step.reason}` };
  });

  scenario('F32', async (lab) => {
    const ctx = await lab.sim();
    ctx.sim.faults.hostile.endlessRestBody(true);
    const memory = new PeakSampler();
    const monitor = await lab.monitor(ctx);
    const connected = lab.connect(monitor);
    const cause = await lab.waitForCause('user', 'http-error');
    assertOneLine(cause);
    assert.match(cause.cause, /ran past 4 MiB/);
    const { peakGrowth } = memory.stop();
    assert.ok(peakGrowth < 48 * MiB, `peak memory growth ${mib(peakGrowth)} while the body streamed`);
    const since = performance.now();
    ctx.sim.faults.hostile.endlessRestBody(false);
    const recoveryMs = await lab.recovery(monitor, ctx, since);
    assert.deepEqual(await connected, { ok: true }, 'the first connect() resolves once the gateway answers sanely');
    return { recovered: 'yes', recoveryMs };
  });

  scenario('F33', async (lab) => {
    const ctx = await lab.sim();
    ctx.sim.faults.hostile.trickleUpgrades(1_000);
    // The idle timeout (2 s) outlasts the 1 s between bytes: only the absolute deadline (3 s) can end it.
    const monitor = await lab.monitor(ctx, { upgradeTimeoutMs: 2_000 });
    const connected = lab.connect(monitor);
    for (const hub of HUBS) assertOneLine(await lab.waitForCause(hub, 'upgrade-too-slow'));
    const since = performance.now();
    ctx.sim.faults.hostile.trickleUpgrades(undefined);
    const recoveryMs = await lab.recovery(monitor, ctx, since);
    assert.deepEqual(await connected, { ok: true }, 'the first connect() resolves once the server answers');
    return { recovered: 'yes', recoveryMs };
  });

  scenario('F34', async (lab) => {
    const ctx = await lab.sim();
    ctx.sim.faults.hostile.endlessNegotiateBody(true);
    const memory = new PeakSampler();
    const monitor = await lab.monitor(ctx, { profile: { skipNegotiation: false } });
    const connected = lab.connect(monitor);
    for (const hub of HUBS) {
      const cause = await lab.waitForCause(hub, 'message-too-large');
      assertOneLine(cause);
      assert.match(cause.cause, /negotiate answer over 64 KiB/);
    }
    const { peakGrowth } = memory.stop();
    assert.ok(peakGrowth < 48 * MiB, `peak memory growth ${mib(peakGrowth)} while the negotiate answers streamed`);
    const since = performance.now();
    ctx.sim.faults.hostile.endlessNegotiateBody(false);
    const recoveryMs = await lab.recovery(monitor, ctx, since);
    assert.deepEqual(await connected, { ok: true }, 'the first connect() resolves once negotiate answers sanely');
    for (const hub of HUBS) assert.ok(ctx.sim.connections(hub).every((c) => c.negotiated), `${hub}: connected through negotiate`);
    return { recovered: 'yes', recoveryMs };
  });
});

async function waitUntil(what: string, condition: () => boolean, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(20);
  }
}
