// Diagnose can be cancelled: an AbortSignal given to runDoctor stops the run after the step in flight,
// closing the probe's socket so a long wait (here a handshake the simulator never answers, with a
// minute's timeout) ends at once, and the promise rejects with the signal's reason.
import assert from 'node:assert/strict';
import { runDoctor } from '../../src/core/doctor/doctor';
import type { DoctorStepResult } from '../../src/core/doctor/types';
import { GatewayClient } from '../../src/core/gateway/gatewayClient';
import { demoProfile, type Profile } from '../../src/core/profiles';
import { GatewaySimulator } from '../../src/simulator';

describe('connection doctor: cancellation', function () {
  // Far below the doctor's own 60 s timeouts used here: only cancellation can finish in time.
  this.timeout(15_000);
  let sim: GatewaySimulator;
  let profile: Profile;
  let token: string;

  before(async () => {
    sim = new GatewaySimulator({ marketIntervalMs: 50, userActivityIntervalMs: 0 });
    const urls = await sim.start();
    profile = { ...demoProfile(urls.port) };
    token = await sim.issueToken();
  });
  after(() => sim.stop());
  afterEach(() => sim.faults.reset());

  it('aborting during a hung handshake rejects with the reason and runs no later step', async () => {
    sim.faults.hangHandshake(true);
    const controller = new AbortController();
    const seen: DoctorStepResult[] = [];
    const run = runDoctor({
      profile,
      token,
      gateway: new GatewayClient(profile.apiUrl),
      hubs: ['user'],
      timeoutMs: 60_000,
      firstEventMs: 60_000,
      signal: controller.signal,
      onStep: (step) => {
        seen.push(step);
        // The last upgrade probe passed: the doctor now waits for the handshake that never comes.
        if (step.id === 'upgrade-query') setTimeout(() => controller.abort(new Error('cancelled by the user')), 100);
      },
    });
    await assert.rejects(run, /cancelled by the user/);
    assert.ok(seen.some((s) => s.id === 'upgrade-query'), seen.map((s) => s.id).join(','));
    assert.ok(!seen.some((s) => s.id === 'ping' || s.id === 'subscribe' || s.id === 'first-event'), `ran on after the abort: ${seen.map((s) => s.id).join(',')}`);
  });

  it('an already aborted signal runs nothing', async () => {
    const seen: DoctorStepResult[] = [];
    const controller = new AbortController();
    controller.abort(new Error('cancelled before start'));
    await assert.rejects(runDoctor({ profile, token, gateway: new GatewayClient(profile.apiUrl), signal: controller.signal, onStep: (s) => seen.push(s) }), /cancelled before start/);
    assert.deepEqual(seen, []);
  });
});
