// Fault matrix, tokens and the server's identity: 401, 401 cured by a refresh, 403, a token expiring
// under an open connection, a server restart that brings new connection ids (and a new signing key).
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { connectedMonitor, failsTerminally, restartRecovers } from './flows';
import { HUBS, poll, scenario, sleep } from './harness';

describe('fault matrix: tokens and server identity', function () {
  this.timeout(20_000);

  scenario('F05', async (lab) => {
    const ctx = await lab.sim();
    const tokens = lab.tokens(ctx, { token: 'invalid.token.here', withCredentials: false });
    const monitor = await lab.monitor(ctx, { tokens });
    await failsTerminally(lab, monitor, 'unauthorized');
    assert.match(lab.firstFailure()?.cause ?? '', /HTTP 401/);
    assert.match(lab.firstFailure()?.fix ?? '', /sign in again/);
    // The user signs in again (a pasted token): the same monitor starts and re-subscribes.
    tokens.setToken(await ctx.sim.issueToken());
    return restartRecovers(lab, ctx, monitor);
  });

  scenario('F06', async (lab) => {
    const ctx = await lab.sim();
    const tokens = lab.tokens(ctx);
    const monitor = await connectedMonitor(lab, ctx, { tokens });
    const before = await tokens.getToken();
    ctx.sim.faults.revokeTokens();
    const since = performance.now();
    ctx.sim.faults.dropAll();
    await lab.waitForCause('user', 'unauthorized');
    const recoveryMs = await lab.recovery(monitor, ctx, since);
    assert.notEqual(await tokens.getToken(), before, 'reconnected with a new token');
    assert.match(lab.stateText(), /reconnecting\(dropped\).*reconnecting\(unauthorized\).*connected$/);
    return { recovered: 'yes', recoveryMs, errorClass: 'unauthorized', wording: lab.wording('unauthorized') };
  });

  scenario('F07', async (lab) => {
    const ctx = await lab.sim();
    ctx.sim.faults.rejectUpgrades(403);
    const monitor = await lab.monitor(ctx);
    await failsTerminally(lab, monitor, 'forbidden');
    ctx.sim.faults.rejectUpgrades(undefined);
    return restartRecovers(lab, ctx, monitor);
  });

  scenario('F20', async (lab) => {
    const ctx = await lab.sim();
    const lifetimeMs = 2_500;
    ctx.sim.faults.tokenLifetime(lifetimeMs);
    const tokens = lab.tokens(ctx);
    const firstToken = await tokens.getToken();
    const firstIssued = Date.now();
    const monitor = await connectedMonitor(lab, ctx, { tokens });
    const statesWhileUp = HUBS.map((hub) => lab.states[hub].length);
    // The token source refreshes ahead of expiry; the open connections are left alone.
    await poll('a proactive token refresh', () => tokens.currentToken() !== firstToken, lifetimeMs * 2);
    await sleep(Math.max(0, firstIssued + lifetimeMs + 100 - Date.now()));
    HUBS.forEach((hub, i) => {
      assert.deepEqual(lab.states[hub].slice(statesWhileUp[i]), [], `${hub} stayed connected while its token expired`);
      assert.equal(monitor.hubClient(hub).stats.reconnects, 0);
    });
    ctx.sim.faults.tokenLifetime(undefined);
    // A drop now reconnects with the refreshed token: no 401 on the way.
    const since = performance.now();
    ctx.sim.faults.dropAll();
    await lab.waitForCause('user', 'dropped');
    const recoveryMs = await lab.recovery(monitor, ctx, since);
    assert.ok(!HUBS.some((hub) => lab.states[hub].some((s) => s.kind === 'reconnecting' && s.cause.kind === 'unauthorized')), lab.stateText());
    return { recovered: 'yes', recoveryMs, errorClass: '– (then dropped)', wording: 'none while the token expired: refreshed in the background; the later drop reconnects with the new token' };
  });

  scenario('F21', async (lab) => {
    const first = await lab.sim();
    const port = first.urls.port;
    const monitor = await connectedMonitor(lab, first, { profile: { skipNegotiation: false } });
    const oldIds = HUBS.map((hub) => monitor.hubClient(hub).stats.connectionId);
    assert.ok(oldIds.every((id) => typeof id === 'string' && id.length > 0), 'negotiated connection ids');
    await first.sim.stop();
    await lab.waitForCause('user', 'refused');
    const since = performance.now();
    const second = await lab.sim({ port });
    const recoveryMs = await lab.recovery(monitor, second, since);
    HUBS.forEach((hub, i) => {
      const id = monitor.hubClient(hub).stats.connectionId;
      assert.notEqual(id, oldIds[i], `${hub}: a new connection id`);
      assert.equal(id, second.sim.connections(hub)[0].connectionId, `${hub}: the id the new server gave`);
    });
    return { recovered: 'yes', recoveryMs };
  });
});

