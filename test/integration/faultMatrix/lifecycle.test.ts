// Fault matrix, the user's own actions: stop() in every state (it settles, ends disconnected and is
// never reported as a failure; a later start recovers), and 50 start/stop cycles not awaited.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { connectedMonitor, failsTerminally, restartRecovers, stopsCleanly } from './flows';
import { HUBS, poll, scenario } from './harness';

const HUNG_UPGRADE = { upgradeTimeoutMs: 60_000 };

describe('fault matrix: stop in every state, rapid start/stop', function () {
  this.timeout(20_000);

  scenario('F23', async (lab) => {
    const ctx = await lab.sim();
    ctx.sim.faults.hangUpgrades(true);
    const monitor = await lab.monitor(ctx, HUNG_UPGRADE);
    const connected = lab.connect(monitor);
    for (const hub of HUBS) await lab.waitForState(monitor, hub, 'connecting');
    await stopsCleanly(lab, monitor);
    assert.deepEqual(await connected, { ok: true }, 'connect() resolves: stopped on purpose');
    ctx.sim.faults.hangUpgrades(false);
    return restartRecovers(lab, ctx, monitor);
  });

  scenario('F24', async (lab) => {
    const ctx = await lab.sim();
    const monitor = await connectedMonitor(lab, ctx);
    await stopsCleanly(lab, monitor);
    await poll('the server to see both sockets close', () => ctx.sim.connections().length === 0);
    return restartRecovers(lab, ctx, monitor);
  });

  scenario('F25', async (lab) => {
    const ctx = await lab.sim();
    const monitor = await connectedMonitor(lab, ctx, { retryDelaysMs: [60_000] });
    ctx.sim.faults.dropAll();
    for (const hub of HUBS) {
      const state = await lab.waitForState(monitor, hub, 'reconnecting');
      assert.ok(state.kind === 'reconnecting' && state.delayMs === 60_000, `${hub} waits in the delay`);
    }
    await stopsCleanly(lab, monitor);
    return restartRecovers(lab, ctx, monitor);
  });

  scenario('F26', async (lab) => {
    const ctx = await lab.sim();
    const monitor = await connectedMonitor(lab, ctx, HUNG_UPGRADE);
    ctx.sim.faults.hangUpgrades(true);
    ctx.sim.faults.dropAll();
    // After the drop: a reconnect attempt whose upgrade hangs.
    const inAttempt = (hub: 'user' | 'market') => {
      const seen = lab.states[hub];
      return monitor.hubClient(hub).state.kind === 'connecting' && seen.some((s) => s.kind === 'reconnecting');
    };
    await poll('both hubs in a hung reconnect attempt', () => HUBS.every(inAttempt));
    await stopsCleanly(lab, monitor);
    ctx.sim.faults.hangUpgrades(false);
    return restartRecovers(lab, ctx, monitor);
  });

  scenario('F27', async (lab) => {
    const ctx = await lab.sim();
    ctx.sim.faults.rejectUpgrades(403);
    const monitor = await lab.monitor(ctx);
    await failsTerminally(lab, monitor, 'forbidden');
    await stopsCleanly(lab, monitor);
    ctx.sim.faults.rejectUpgrades(undefined);
    return restartRecovers(lab, ctx, monitor);
  });

  scenario('F28', async (lab) => {
    const ctx = await lab.sim();
    const monitor = await lab.monitor(ctx);
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 50; i++) calls.push(monitor.connect(), monitor.disconnect());
    const results = await Promise.allSettled(calls);
    const rejected = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
    assert.deepEqual(rejected, [], 'no connect()/disconnect() rejects');
    for (const hub of HUBS) assert.equal(monitor.hubClient(hub).state.kind, 'disconnected', `${hub} ends as the last call left it`);
    await poll('no socket left on the server', () => ctx.sim.connections().length === 0);
    // Once more, ending on a start that is not awaited either: one connection per hub, subscribed once.
    const since = performance.now();
    const again: Promise<unknown>[] = [];
    for (let i = 0; i < 50; i++) again.push(monitor.disconnect(), monitor.connect());
    const recoveryMs = await lab.recovery(monitor, ctx, since);
    const rejectedAgain = (await Promise.allSettled(again)).filter((r) => r.status === 'rejected');
    assert.equal(rejectedAgain.length, 0, 'no connect()/disconnect() rejects');
    // Every stop() has settled by now: none of them may have knocked the last start's connection over.
    for (const hub of HUBS) assert.equal(monitor.hubClient(hub).state.kind, 'connected', `${hub} still connected after every call settled`);
    lab.assertExactSubscriptions(monitor, ctx);
    return { recovered: 'yes', recoveryMs };
  });
});
