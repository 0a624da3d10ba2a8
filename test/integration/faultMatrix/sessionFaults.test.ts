// Fault matrix, the SignalR session: handshake error or silence, a silent server, a TCP drop, a
// server Close with an error (with and without allowReconnect).
import assert from 'node:assert/strict';
import { failsAtStartThenRecovers, faultWhileConnected } from './flows';
import { HUBS, scenario, sleep } from './harness';

/** Short keep-alive so silence is detected in under a second (the server pings every 50 ms). */
const FAST_TIMEOUTS = { keepAliveIntervalMs: 50, serverTimeoutMs: 400 };

describe('fault matrix: the SignalR session', function () {
  this.timeout(20_000);

  scenario('F12', async (lab) => {
    const ctx = await lab.sim();
    const outcome = await failsAtStartThenRecovers(
      lab,
      ctx,
      'handshake-error',
      () => ctx.sim.faults.handshakeError('Handshake was canceled.'),
      () => ctx.sim.faults.handshakeError(undefined),
    );
    assert.match(lab.firstFailure()?.cause ?? '', /Handshake was canceled/);
    return outcome;
  });

  scenario('F13', async (lab) => {
    const ctx = await lab.sim();
    return failsAtStartThenRecovers(
      lab,
      ctx,
      'handshake-timeout',
      () => ctx.sim.faults.hangHandshake(true),
      () => ctx.sim.faults.hangHandshake(false),
      FAST_TIMEOUTS,
    );
  });

  scenario('F14', async (lab) => {
    const ctx = await lab.sim({ keepAliveIntervalMs: 50 });
    const outcome = await faultWhileConnected(
      lab,
      ctx,
      'server-silent',
      () => ctx.sim.faults.silence(true),
      () => ctx.sim.faults.silence(false),
      FAST_TIMEOUTS,
    );
    // Recovered means it stays up: two server timeouts later, no new drop.
    const seen = HUBS.map((hub) => lab.states[hub].length);
    await sleep(2 * FAST_TIMEOUTS.serverTimeoutMs);
    HUBS.forEach((hub, i) => assert.deepEqual(lab.states[hub].slice(seen[i]), [], `${hub} stays connected once the server talks again`));
    return outcome;
  });

  scenario('F15', async (lab) => {
    const ctx = await lab.sim();
    const outcome = await faultWhileConnected(lab, ctx, 'dropped', () => ctx.sim.faults.dropAll());
    assert.match(lab.firstFailure()?.cause ?? '', /1006/);
    return outcome;
  });

  for (const [id, allowReconnect] of [['F16', false], ['F17', true]] as const) {
    scenario(id, async (lab) => {
      const ctx = await lab.sim();
      const outcome = await faultWhileConnected(lab, ctx, 'closed-with-error', () => ctx.sim.faults.closeWithError('Server is shutting down for maintenance', { allowReconnect }));
      assert.match(lab.firstFailure()?.cause ?? '', /maintenance/);
      return outcome;
    });
  }
});
