import assert from 'node:assert/strict';
import { TokenSource } from '../../src/core/auth/tokenSource';
import { GatewayClient } from '../../src/core/gateway/gatewayClient';
import { createMonitor, type EngineMonitor } from '../../src/core/monitor/monitor';
import { demoProfile, DEMO_API_KEY, DEMO_USERNAME } from '../../src/core/profiles';
import { AccountResync, type ResyncResult } from '../../src/core/resync/accountResync';
import { GatewaySimulator } from '../../src/simulator';

const ACCOUNT = 123;
const CONTRACT = 'CON.F.US.EP.U25';

function next<T>(subscribe: (listener: (value: T) => void) => { dispose(): void }): Promise<T> {
  return new Promise((resolve) => {
    const sub = subscribe((value) => {
      sub.dispose();
      resolve(value);
    });
  });
}

describe('resync after reconnect', function () {
  this.timeout(20_000);
  let sim: GatewaySimulator;
  let monitor: EngineMonitor;
  let tokens: TokenSource;
  let resync: AccountResync;

  beforeEach(async () => {
    sim = new GatewaySimulator({ marketIntervalMs: 0, userActivityIntervalMs: 0 });
    const urls = await sim.start();
    const profile = demoProfile(urls.port);
    const gateway = new GatewayClient(profile.apiUrl);
    tokens = new TokenSource({ gateway, credentials: { userName: DEMO_USERNAME, apiKey: DEMO_API_KEY } });
    monitor = createMonitor({ profile, tokens, gateway, retryDelaysMs: [0, 100, 200] });
    resync = new AccountResync({ user: monitor.user, gateway, tokens, record: monitor.timeline.recorder(undefined) });
  });
  afterEach(async () => {
    resync.dispose();
    monitor.dispose();
    await monitor.disconnect();
    tokens.dispose();
    await sim.stop();
  });

  it('finds a position that changed while the socket was down, and logs the gap', async () => {
    await monitor.user.start();
    await monitor.user.subscriptions.add('SubscribePositions', ACCOUNT);
    await monitor.user.subscriptions.add('SubscribeOrders', ACCOUNT);
    sim.setPosition(ACCOUNT, CONTRACT, 2, 5000.25);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(resync.state.openPositions(ACCOUNT).find((p) => p.contractId === CONTRACT)?.size, 2, 'the live event was applied');

    // Down: refuse connections, then change the position; the event reaches nobody.
    await sim.faults.refuseConnections(true);
    sim.faults.dropAll('user');
    await next((l) => monitor.user.onDidChangeState((s) => s.kind === 'reconnecting' && l(s)));
    sim.setPosition(ACCOUNT, CONTRACT, 5, 5001.5);
    assert.equal(resync.state.openPositions(ACCOUNT).find((p) => p.contractId === CONTRACT)?.size, 2, 'no event while down');

    const resynced = next<ResyncResult>(resync.onDidResync);
    await sim.faults.refuseConnections(false);
    const result = await resynced;
    assert.equal(result.error, undefined);
    assert.deepEqual(result.accounts, [ACCOUNT]);
    assert.ok(result.positions >= 1);
    assert.ok(result.downMs > 0);
    assert.equal(resync.state.openPositions(ACCOUNT).find((p) => p.contractId === CONTRACT)?.size, 5, 'resync brought the change');
    const line = monitor.timeline.recent().find((e) => e.step.kind === 'resync');
    assert.ok(line, 'the gap is in the timeline');
  });
});
