// `hubmon watch --account` end to end: the BUILT bundle against the simulator on 127.0.0.1, a
// scripted session of fills and a quote, and the account lines it must print.
import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { DEMO_API_KEY, DEMO_USERNAME } from '../../src/core/profiles';
import { GatewaySimulator } from '../../src/simulator/index';
import { ACCOUNT, AFTER_QUOTE, AFTER_SELL, ES, scriptedQuote } from './accountScript';
import { CliProcess, buildBundles, cleanEnv, repoRoot } from './cliHarness';

describe('hubmon watch --account (built bundle, simulator on 127.0.0.1)', function () {
  this.timeout(30_000);
  let sim: GatewaySimulator;
  let gatewayArgs: string[] = [];
  let proc: CliProcess | undefined;

  before(async function () {
    this.timeout(90_000);
    buildBundles();
  });
  beforeEach(async () => {
    sim = new GatewaySimulator({ port: 0, marketIntervalMs: 0, userActivityIntervalMs: 0 });
    const urls = await sim.start();
    gatewayArgs = ['--api-url', urls.restUrl, '--user-hub-url', urls.userHubUrl, '--market-hub-url', urls.marketHubUrl, '--username', DEMO_USERNAME];
  });
  afterEach(async () => {
    await proc?.kill();
    await sim.stop();
  });

  const watch = (args: string[]): CliProcess => (proc = new CliProcess(join(repoRoot(), 'dist', 'cli.js'), ['watch', ...gatewayArgs, '--account', String(ACCOUNT), '--daily-loss-limit', '1000', ...args], { env: cleanEnv({ PROJECTX_API_KEY: DEMO_API_KEY }) }));
  const script = async (p: CliProcess, seeded: (p: CliProcess) => boolean, quoted: (p: CliProcess) => boolean): Promise<void> => {
    await p.until('the seeded account line', seeded);
    sim.placeOrder(ACCOUNT, ES, 'Bid', 2, 5000);
    scriptedQuote(sim);
    await p.until('the quoted account line', quoted);
    sim.placeOrder(ACCOUNT, ES, 'Ask', 1, 5010);
  };

  it('--json prints account lines whose figures match the hand check', async () => {
    const p = watch(['--json']);
    const accountLines = () => p.json().filter((l) => l.kind === 'account');
    const last = (expected: object) => (): boolean => isDeepStrictEqual(accountLines().at(-1), expected);
    await script(p, () => accountLines().some((l) => (l as { balance?: number }).balance === 50000), last(AFTER_QUOTE));
    await p.until('the account line after the sell', last(AFTER_SELL));
    assert.deepEqual(accountLines().at(-1), AFTER_SELL);
  });

  it('the human line per change', async () => {
    const p = watch([]);
    const has = (text: string) => (): boolean => p.lines.some((l) => l.endsWith(text));
    await script(p, has(`[account ${ACCOUNT}] flat · net today 0.00 · daily loss 0 % used`), has(`[account ${ACCOUNT}] ES U25 long 2 @ 5000.00  mark 5010.25  uPnL +1,025.00 · net today +1,022.20 · daily loss 0 % used`));
    await p.until('the human line after the sell', has(`[account ${ACCOUNT}] ES U25 long 1 @ 5000.00  mark 5010.25  uPnL +512.50 · net today +1,008.30 · daily loss 0 % used`));
  });
});
