// Fault matrix, subscriptions: a Subscribe the server rejects or never answers, and a drop while the
// subscriptions are being re-invoked after a reconnect.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import type { EngineMonitor } from '../../../src/core/monitor/monitor';
import { connectedMonitor } from './flows';
import { ACCOUNT_ID, HUBS, poll, scenario, type Lab, type Outcome, type SimContext } from './harness';

const ORDERS_KEY = `SubscribeOrders:${ACCOUNT_ID}`;

/**
 * SubscribeOrders fails (the connection stays up, the others stay active); the fault clears and the
 * user adds it again: active, and on the server exactly once.
 */
async function subscribeFailsThenRetried(lab: Lab, ctx: SimContext, monitor: EngineMonitor, errorClass: string, clear: () => void): Promise<Outcome> {
  await lab.connect(monitor);
  await poll('SubscribeOrders to fail', () => monitor.user.subscriptions.list().some((s) => s.key === ORDERS_KEY && s.status.kind === 'failed'));
  const failed = monitor.user.subscriptions.list().find((s) => s.key === ORDERS_KEY);
  assert.ok(failed && failed.status.kind === 'failed');
  const wording = failed.status.error;
  assert.ok(wording.length > 0 && !/[\r\n]/.test(wording), `one line: ${wording}`);
  for (const hub of HUBS) assert.equal(monitor.hubClient(hub).state.kind, 'connected', `${hub} stays connected`);
  assert.ok(!ctx.sim.connections('user')[0].subscriptions.includes(ORDERS_KEY), 'not subscribed on the server');
  clear();
  const since = performance.now();
  const retried = await monitor.user.subscriptions.add('SubscribeOrders', ACCOUNT_ID);
  assert.equal(retried.status.kind, 'active', JSON.stringify(retried.status));
  const recoveryMs = await lab.recovery(monitor, ctx, since, { [ORDERS_KEY]: 2 });
  return { recovered: 'after retry', recoveryMs, errorClass, wording };
}

describe('fault matrix: subscriptions', function () {
  this.timeout(20_000);

  scenario('F18', async (lab) => {
    const ctx = await lab.sim();
    ctx.sim.faults.failSubscribe('SubscribeOrders', 'HubException: Account 123 is not entitled to realtime orders.');
    const monitor = await lab.monitor(ctx);
    const outcome = await subscribeFailsThenRetried(lab, ctx, monitor, 'subscription failed (server error)', () => ctx.sim.faults.failSubscribe(undefined));
    assert.match(outcome.wording ?? '', /not entitled/);
    return outcome;
  });

  scenario('F19', async (lab) => {
    const ctx = await lab.sim();
    ctx.sim.faults.neverCompleteSubscribe('SubscribeOrders');
    const monitor = await lab.monitor(ctx, { invokeTimeoutMs: 300 });
    const outcome = await subscribeFailsThenRetried(lab, ctx, monitor, 'invoke-timeout', () => ctx.sim.faults.neverCompleteSubscribe(undefined));
    assert.match(outcome.wording ?? '', /SubscribeOrders got no reply within 0\.3 s/);
    return outcome;
  });

  scenario('F22', async (lab) => {
    const ctx = await lab.sim();
    const monitor = await connectedMonitor(lab, ctx);
    const before = new Set(ctx.sim.connections().map((c) => c.connectionId));
    // Slow Subscribe completions, then a drop: the reconnect starts re-subscribing...
    ctx.sim.faults.delaySubscribe(150);
    ctx.sim.faults.dropAll();
    const resubscribing = () =>
      HUBS.every((hub) => ctx.sim.invocations(hub).some((i) => !before.has(i.connectionId) && i.target.startsWith('Subscribe')));
    await poll('re-subscribing on the new connections', resubscribing);
    const midway = HUBS.map((hub) => monitor.hubClient(hub).subscriptions.list().filter((s) => s.status.kind === 'active').length);
    // ...and drops again in the middle of it.
    const since = performance.now();
    ctx.sim.faults.dropAll();
    ctx.sim.faults.delaySubscribe(undefined);
    const recoveryMs = await lab.recovery(monitor, ctx, since);
    HUBS.forEach((hub, i) => assert.ok(midway[i] < monitor.hubClient(hub).subscriptions.list().length, `${hub} was dropped mid-resubscribe (${midway[i]} active)`));
    return { recovered: 'yes', recoveryMs };
  });
});
