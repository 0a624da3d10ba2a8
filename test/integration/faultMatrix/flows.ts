// The shapes most scenarios share: a fault at start that clears, a fault on a live connection, a
// stop that must settle cleanly, and the user's restart afterwards.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import type { EngineMonitor } from '../../../src/core/monitor/monitor';
import { assertOneLine, HUBS, RECOVERY_BOUND_MS, type Lab, type MonitorSetup, type Outcome, type SimContext } from './harness';

/** A monitor connected with every subscription acknowledged (the starting point of mid-session faults). */
export async function connectedMonitor(lab: Lab, ctx: SimContext, setup: MonitorSetup = {}): Promise<EngineMonitor> {
  const monitor = await lab.monitor(ctx, setup);
  const result = await lab.connect(monitor);
  assert.ok(result.ok, `connect failed: ${result.ok ? '' : String(result.error)}`);
  await lab.recovery(monitor, ctx, performance.now());
  return monitor;
}

export type Step = () => void | Promise<void>;

/**
 * The fault is on before connect(); the user sees `kind` (twice per hub: it is retried, not given
 * up), then the fault clears and the same connect() resolves with everything re-subscribed.
 */
export async function failsAtStartThenRecovers(lab: Lab, ctx: SimContext, kind: string, inject: Step, clear: Step, setup: MonitorSetup = {}): Promise<Outcome> {
  await inject();
  const monitor = await lab.monitor(ctx, setup);
  const connected = lab.connect(monitor);
  for (const hub of HUBS) assertOneLine(await lab.waitForCause(hub, kind, 2));
  const since = performance.now();
  await clear();
  const recoveryMs = await lab.recovery(monitor, ctx, since);
  assert.deepEqual(await connected, { ok: true }, 'the first connect() resolves once recovered');
  return { recovered: 'yes', recoveryMs };
}

/**
 * A live connection meets the fault; the user sees `kind`. A one-shot fault (no `clear`) is timed
 * from its injection; a lasting one is seen twice per hub, then cleared and timed from there.
 */
export async function faultWhileConnected(lab: Lab, ctx: SimContext, kind: string, inject: Step, clear?: Step, setup: MonitorSetup = {}): Promise<Outcome> {
  const monitor = await connectedMonitor(lab, ctx, setup);
  let since = performance.now();
  await inject();
  for (const hub of HUBS) assertOneLine(await lab.waitForCause(hub, kind, clear ? 2 : 1));
  if (clear) {
    since = performance.now();
    await clear();
  }
  const recoveryMs = await lab.recovery(monitor, ctx, since);
  return { recovered: 'yes', recoveryMs };
}

/** Keeps retrying `kind` (seen `times` per hub) and never gives up on its own; the row says n.a. */
export async function keepsRetrying(lab: Lab, ctx: SimContext, kind: string, setup: MonitorSetup, times = 3): Promise<Outcome> {
  const monitor = await lab.monitor(ctx, setup);
  const connected = lab.connect(monitor);
  for (const hub of HUBS) assertOneLine(await lab.waitForCause(hub, kind, times));
  for (const hub of HUBS) assert.notEqual(monitor.hubClient(hub).state.kind, 'failed', `${hub} keeps retrying ${kind}`);
  await stopsCleanly(lab, monitor);
  assert.deepEqual(await connected, { ok: true }, 'connect() resolves when stopped on purpose');
  return { recovered: 'n.a.' };
}

/** A terminal failure: connect() rejects with `kind`, both hubs end failed with one clear line. */
export async function failsTerminally(lab: Lab, monitor: EngineMonitor, kind: string): Promise<void> {
  const result = await lab.connect(monitor);
  assert.ok(!result.ok, 'connect() rejects');
  assert.equal((result.error as { kind?: string }).kind, kind, String(result.error));
  for (const hub of HUBS) {
    const state = await lab.waitForState(monitor, hub, 'failed');
    assert.ok(state.kind === 'failed' && state.cause.kind === kind, `${hub}: ${JSON.stringify(state)}`);
    assertOneLine(state.cause);
  }
}

/** stop() settles in bounded time, both hubs end disconnected, and the stop is no failure. */
export async function stopsCleanly(lab: Lab, monitor: EngineMonitor): Promise<void> {
  const failedBefore = lab.timeline.recent().filter((e) => e.step.kind === 'failed').length;
  const statesBefore = HUBS.map((hub) => lab.states[hub].length);
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), RECOVERY_BOUND_MS)));
  const result = await Promise.race([monitor.disconnect().then(() => 'stopped' as const), bound]);
  clearTimeout(timer);
  assert.equal(result, 'stopped', 'stop() settles');
  HUBS.forEach((hub, i) => {
    assert.equal(monitor.hubClient(hub).state.kind, 'disconnected', `${hub} disconnected after stop()`);
    const after = lab.states[hub].slice(statesBefore[i]);
    assert.ok(!after.some((s) => s.kind === 'failed' || s.kind === 'reconnecting'), `${hub} after stop(): ${after.map((s) => s.kind).join(' → ')}`);
  });
  const failedAfter = lab.timeline.recent().filter((e) => e.step.kind === 'failed').length;
  assert.equal(failedAfter, failedBefore, 'stop() is not reported as a failure');
}

/** The user starts again after the fault cleared: connect() resolves with everything re-subscribed. */
export async function restartRecovers(lab: Lab, ctx: SimContext, monitor: EngineMonitor): Promise<Outcome> {
  const since = performance.now();
  const result = await lab.connect(monitor);
  assert.ok(result.ok, `restart failed: ${result.ok ? '' : String(result.error)}`);
  return { recovered: 'after restart', recoveryMs: await lab.recovery(monitor, ctx, since) };
}
