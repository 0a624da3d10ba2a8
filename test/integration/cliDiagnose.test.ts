// `hubmon diagnose` end to end: the built bundle against the simulator on 127.0.0.1.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { DEMO_API_KEY } from '../../src/core/profiles';
import { GatewaySimulator } from '../../src/simulator/index';
import { buildBundles, cleanEnv, repoRoot, runToEnd } from './cliHarness';

describe('hubmon diagnose', function () {
  this.timeout(40_000);
  const cli = join(repoRoot(), 'dist', 'cli.js');
  let sim: GatewaySimulator;
  let urls: string[];

  before(async () => {
    buildBundles();
    sim = new GatewaySimulator({ marketIntervalMs: 50, userActivityIntervalMs: 0 });
    const u = await sim.start();
    urls = ['--api-url', u.restUrl, '--user-hub-url', u.userHubUrl, '--market-hub-url', u.marketHubUrl];
  });
  after(() => sim.stop());
  afterEach(() => sim.faults.reset());

  it('prints a Markdown report of every step and exits 0 when all pass', async () => {
    const { exit, proc } = await runToEnd(cli, ['diagnose', ...urls, '--username', 'demo', '--first-event', '1'], { env: cleanEnv({ PROJECTX_API_KEY: DEMO_API_KEY }) });
    const out = proc.lines.join('\n');
    assert.equal(exit.code, 0, proc.transcript());
    assert.match(out, /Every step passed/);
    assert.match(out, /market hub: SignalR handshake \| ✅ pass/);
    assert.match(out, /market hub: first event \| ✅ pass/);
  });

  it('exits 3 naming the REST sign-in when the key is wrong, with no secret in the output', async () => {
    const { exit, proc } = await runToEnd(cli, ['diagnose', ...urls, '--username', 'demo', '--first-event', '1'], { env: cleanEnv({ PROJECTX_API_KEY: 'wrong-key-SENTINEL' }) });
    assert.equal(exit.code, 3, proc.transcript());
    const all = proc.transcript();
    assert.match(all, /First failing step: REST: sign in.*InvalidCredentials \(3\)/);
    assert.ok(!all.includes('wrong-key-SENTINEL'), 'the key leaked');
  });

  it('names the upgrade as the failing step when the hub answers 503, and exits 1', async () => {
    sim.faults.rejectUpgrades(503);
    const { exit, proc } = await runToEnd(cli, ['diagnose', ...urls, '--username', 'demo', '--hub', 'market', '--json'], { env: cleanEnv({ PROJECTX_API_KEY: DEMO_API_KEY }) });
    assert.equal(exit.code, 1, proc.transcript());
    const report = JSON.parse(proc.lines.join('\n')) as { firstFailure?: { id: string; kind: string; cause: string } };
    assert.equal(report.firstFailure?.id, 'upgrade-header');
    assert.equal(report.firstFailure?.kind, 'server-error');
    assert.match(report.firstFailure?.cause ?? '', /HTTP 503/);
  });

  it('rejects a bad --hub with a usage line and exit 2', async () => {
    const { exit } = await runToEnd(cli, ['diagnose', '--profile', 'demo', '--hub', 'both']);
    assert.equal(exit.code, 2);
  });
});
