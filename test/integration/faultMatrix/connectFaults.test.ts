// Fault matrix, reaching the hub: refused, DNS, TLS, HTTP statuses on the upgrade, an upgrade never answered.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { failsAtStartThenRecovers, failsTerminally, faultWhileConnected, keepsRetrying } from './flows';
import { repoRoot } from './table';
import { scenario, type Lab, type Outcome } from './harness';

/** 5xx on every upgrade until cleared: retried with the delays, then recovered. */
async function upgradeStatus(lab: Lab, status: number): Promise<Outcome> {
  const ctx = await lab.sim();
  const outcome = await failsAtStartThenRecovers(
    lab,
    ctx,
    'server-error',
    () => ctx.sim.faults.rejectUpgrades(status),
    () => ctx.sim.faults.rejectUpgrades(undefined),
  );
  assert.match(lab.firstFailure()?.cause ?? '', new RegExp(`HTTP ${status}`));
  return outcome;
}

describe('fault matrix: reaching the hub', function () {
  this.timeout(20_000);

  scenario('F01', async (lab) => {
    const ctx = await lab.sim();
    const tokens = lab.tokens(ctx);
    await tokens.getToken(); // signed in while the gateway still listened
    const outcome = await failsAtStartThenRecovers(
      lab,
      ctx,
      'refused',
      () => ctx.sim.faults.refuseConnections(true),
      () => ctx.sim.faults.refuseConnections(false),
      { tokens },
    );
    assert.match(lab.firstFailure()?.cause ?? '', /ECONNREFUSED/);
    return outcome;
  });

  scenario('F02', async (lab) => {
    const ctx = await lab.sim();
    const outcome = await faultWhileConnected(
      lab,
      ctx,
      'refused',
      async () => {
        await ctx.sim.faults.refuseConnections(true);
        ctx.sim.faults.dropAll();
      },
      () => ctx.sim.faults.refuseConnections(false),
    );
    // The drop shows first, then the refused reconnects.
    assert.match(lab.stateText(), /reconnecting\(dropped\).*reconnecting\(refused\)/);
    return outcome;
  });

  scenario('F03', async (lab) => {
    const ctx = await lab.sim();
    const host = `hubmon-fault-matrix.invalid:${ctx.urls.port}`;
    const outcome = await keepsRetrying(lab, ctx, 'dns', { profile: { userHubUrl: `http://${host}/hubs/user`, marketHubUrl: `http://${host}/hubs/market` } });
    assert.match(lab.firstFailure()?.cause ?? '', /hubmon-fault-matrix\.invalid.*does not resolve/);
    return outcome;
  });

  scenario('F04', async (lab) => {
    const ctx = await lab.sim();
    const fixtures = join(repoRoot(), 'test', 'fixtures');
    const tls = createServer({ key: readFileSync(join(fixtures, 'selfsigned.key')), cert: readFileSync(join(fixtures, 'selfsigned.crt')) });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    lab.own(tls);
    const base = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
    const outcome = await keepsRetrying(lab, ctx, 'tls', { profile: { userHubUrl: `${base}/hubs/user`, marketHubUrl: `${base}/hubs/market` } });
    assert.match(lab.firstFailure()?.cause ?? '', /SELF_SIGNED/);
    return outcome;
  });

  scenario('F08', async (lab) => {
    const ctx = await lab.sim();
    const base = ctx.urls.restUrl;
    const monitor = await lab.monitor(ctx, { profile: { userHubUrl: `${base}/hubs/nothing`, marketHubUrl: `${base}/hub/market` } });
    await failsTerminally(lab, monitor, 'not-found');
    assert.match(lab.firstFailure()?.cause ?? '', /HTTP 404/);
    return { recovered: 'n.a.' };
  });

  scenario('F09', (lab) => upgradeStatus(lab, 500));
  scenario('F10', (lab) => upgradeStatus(lab, 503));

  scenario('F11', async (lab) => {
    const ctx = await lab.sim();
    return failsAtStartThenRecovers(
      lab,
      ctx,
      'upgrade-timeout',
      () => ctx.sim.faults.hangUpgrades(true),
      () => ctx.sim.faults.hangUpgrades(false),
      { upgradeTimeoutMs: 150 },
    );
  });
});
