// `hubmon watch --metrics` as a service: the built bundle on the simulator, scraped by us (promtool on
// every scrape) and by a real Prometheus server; the demo gateway stopped and started; SIGTERM.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { GatewaySimulator } from '../../../src/simulator';
import { assertPromtoolAccepts, sample } from '../../support/promtool';
import { buildBundles, CliProcess, cleanEnv, repoRoot, runToEnd } from '../cliHarness';

const TABLE = [
  'hubmon_hub_up', 'hubmon_hub_state', 'hubmon_hub_reconnects_total', 'hubmon_hub_connect_attempts_total', 'hubmon_hub_last_message_age_seconds',
  'hubmon_hub_downtime_seconds_total', 'hubmon_events_total', 'hubmon_parse_failures_total', 'hubmon_subscription_active', 'hubmon_quote_age_seconds',
  'hubmon_event_delay_seconds', 'hubmon_token_expiry_seconds', 'hubmon_market_open',
];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const refused = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });

/** Polls `probe` until it returns a value (a hang guard of `limitMs`, not a timing assertion). */
async function poll<T>(what: string, probe: () => Promise<T | undefined>, limitMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() - started > limitMs) throw new Error(`no ${what} after ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('hubmon watch --metrics (built bundle, simulator, real Prometheus)', function () {
  this.timeout(60_000);
  let cli = '';
  let work = '';
  const running: CliProcess[] = [];
  const children: ChildProcess[] = [];

  before(function () {
    this.timeout(90_000);
    buildBundles();
    cli = join(repoRoot(), 'dist', 'cli.js');
    mkdirSync(join(repoRoot(), '.test-runs'), { recursive: true });
    work = mkdtempSync(join(repoRoot(), '.test-runs', 'metrics-'));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((p) => p.kill()));
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('serves every metric of the table, moves hub_up/reconnects as the demo gateway stops and starts, Prometheus scrapes it, SIGTERM exits 0 and closes the port', async () => {
    const port = await freePort();
    let sim = new GatewaySimulator({ port });
    const urls = await sim.start();
    try {
      const accountId = sim.world.accounts[0].id;
      const contractId = sim.world.contracts[0].id;
      const metricsPort = await freePort();
      const proc = new CliProcess(cli, [
        'watch', '--profile', 'demo', '--api-url', urls.restUrl, '--user-hub-url', urls.userHubUrl, '--market-hub-url', urls.marketHubUrl,
        '--account', String(accountId), '--contract', contractId, '--reconnect-delays', '0,300,300,300,300,300,300,300,300,300,300,300,300', '--json',
        '--metrics', `127.0.0.1:${metricsPort}`, '--daily-loss-limit', '1000000',
      ]);
      running.push(proc);
      const scrape = async (): Promise<string> => {
        const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
        assertPromtoolAccepts(text);
        return text;
      };
      const scrapeUntil = (what: string, done: (t: string) => boolean): Promise<string> => poll(what, async () => {
        const text = await scrape();
        return done(text) ? text : undefined;
      });

      let text = await scrapeUntil('both hubs up with a quote', (t) => sample(t, 'hubmon_hub_up{hub="user"}') === 1 && sample(t, 'hubmon_hub_up{hub="market"}') === 1 && (sample(t, 'hubmon_events_total{hub="market",event="GatewayQuote"}') ?? 0) > 0);
      for (const name of TABLE) assert.match(text, new RegExp(`^# TYPE ${name} `, 'm'), `${name} is exported`);
      assert.equal(sample(text, `hubmon_subscription_active{hub="user",method="SubscribeAccounts",arg=""}`), 1);
      assert.equal(sample(text, `hubmon_subscription_active{hub="market",method="SubscribeContractQuotes",arg="${contractId}"}`), 1);
      assert.ok(sample(text, `hubmon_quote_age_seconds{contract="${contractId}"}`) !== undefined);
      assert.ok((sample(text, 'hubmon_token_expiry_seconds') ?? 0) > 0);
      assert.ok((sample(text, 'hubmon_event_delay_seconds_count{hub="market"}') ?? 0) > 0, 'simulator quotes carry a timestamp');
      // --account feeds the account model, whose rows are the hubmon_account_* series (a limit gives a rule).
      text = await scrapeUntil('the account series', (t) => sample(t, `hubmon_account_net_pnl{account="${accountId}"}`) !== undefined);
      for (const name of ['hubmon_account_realized_pnl', 'hubmon_account_unrealized_pnl', 'hubmon_account_open_positions']) {
        assert.ok(Number.isFinite(sample(text, `${name}{account="${accountId}"}`)), `${name} for the watched account`);
      }
      assert.equal(sample(text, `hubmon_account_rule_state{account="${accountId}",rule="dailyLoss",state="ok"}`), 1, 'a day far from a 1,000,000 loss is ok');
      assert.ok((sample(text, `hubmon_account_rule_distance{account="${accountId}",rule="dailyLoss"}`) ?? 0) > 0);

      // The real Prometheus server scrapes the watch and answers a query for hubmon_hub_up.
      const promPort = await freePort();
      const config = join(work, 'prometheus.yml');
      writeFileSync(config, `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: hubmon\n    static_configs:\n      - targets: ['127.0.0.1:${metricsPort}']\n`);
      const prometheus = spawn('prometheus', [`--config.file=${config}`, `--storage.tsdb.path=${join(work, 'tsdb')}`, `--web.listen-address=127.0.0.1:${promPort}`], { stdio: 'ignore' });
      children.push(prometheus);
      const series = await poll('hubmon_hub_up from Prometheus', async () => {
        const res = await fetch(`http://127.0.0.1:${promPort}/api/v1/query?query=hubmon_hub_up`);
        const body = (await res.json()) as { data: { result: { metric: { hub: string; job: string }; value: [number, string] }[] } };
        return body.data.result.length === 2 ? body.data.result : undefined;
      }, 20_000);
      assert.deepEqual(series.map((s) => [s.metric.hub, s.metric.job, s.value[1]]).sort(), [['market', 'hubmon', '1'], ['user', 'hubmon', '1']]);
      prometheus.kill('SIGTERM');

      // The demo gateway stops: hub_up 0, /healthz still 200 inside the minute; it starts again: 1, one reconnect each.
      await sim.stop();
      text = await scrapeUntil('both hubs down', (t) => sample(t, 'hubmon_hub_up{hub="user"}') === 0 && sample(t, 'hubmon_hub_up{hub="market"}') === 0);
      assert.equal((await fetch(`http://127.0.0.1:${metricsPort}/healthz`)).status, 200);
      await scrapeUntil('a refused attempt', (t) => (sample(t, 'hubmon_hub_connect_attempts_total{hub="user",outcome="refused"}') ?? 0) >= 1);
      sim = new GatewaySimulator({ port });
      await sim.start();
      text = await scrapeUntil('both hubs back', (t) => sample(t, 'hubmon_hub_up{hub="user"}') === 1 && sample(t, 'hubmon_hub_up{hub="market"}') === 1);
      for (const hub of ['user', 'market']) {
        assert.equal(sample(text, `hubmon_hub_reconnects_total{hub="${hub}"}`), 1);
        assert.equal(sample(text, `hubmon_hub_connect_attempts_total{hub="${hub}",outcome="ok"}`), 2);
        assert.ok((sample(text, `hubmon_hub_downtime_seconds_total{hub="${hub}"}`) ?? 0) > 0);
      }

      proc.child.kill('SIGTERM');
      assert.deepEqual(await proc.exited, { code: 0, signal: null }, proc.transcript());
      assert.ok(await refused(metricsPort), 'the metrics port is closed');
    } finally {
      await sim.stop();
    }
  });

  it('--metrics usage: a bad address or a port in use is exit 2 with one line; a token file readable by others is refused', async () => {
    for (const bad of ['localhost', '::1:9464', '[::1]:x', '70000']) {
      const { exit, proc } = await runToEnd(cli, ['watch', '--profile', 'demo', '--metrics', bad]);
      assert.equal(exit.code, 2, proc.transcript());
      assert.match(proc.stderr, /--metrics/);
    }
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const takenPort = (taken.address() as { port: number }).port;
    try {
      const { exit, proc } = await runToEnd(cli, ['watch', '--profile', 'demo', '--metrics', String(takenPort)]);
      assert.equal(exit.code, 2, proc.transcript());
      assert.match(proc.stderr, new RegExp(`--metrics 127\\.0\\.0\\.1:${takenPort}: cannot listen \\(the port is in use\\)`));
    } finally {
      taken.close();
    }
    const tokenFile = join(work, 'token');
    writeFileSync(tokenFile, 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln\n');
    chmodSync(tokenFile, 0o644);
    const { exit, proc } = await runToEnd(cli, ['watch', '--token-file', tokenFile, '--metrics', '0'], { env: cleanEnv() });
    assert.equal(exit.code, 2, proc.transcript());
    assert.match(proc.stderr, /readable by others \(mode 644\); run chmod 600/);
    assert.doesNotMatch(proc.stderr, /eyJhbGci/);
  });
});
