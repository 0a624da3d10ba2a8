// `hubmon` end to end: the BUILT bundle (dist/cli.js) as a child process against the gateway
// simulator on 127.0.0.1, plus the bundles loading from a folder with no node_modules.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_API_KEY, DEMO_USERNAME } from '../../src/core/profiles';
import { GatewaySimulator } from '../../src/simulator/index';
import { CliProcess, buildBundles, cleanEnv, repoRoot, runToEnd, type JsonLine } from './cliHarness';

const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const ACCOUNT_METHODS = ['SubscribeAccounts', 'SubscribeOrders', 'SubscribePositions', 'SubscribeTrades'];
const CONTRACT_METHODS = ['SubscribeContractQuotes', 'SubscribeContractTrades', 'SubscribeContractMarketDepth'];

/** The subscription lines' latest status per method+arg, counting only lines from index `from` on. */
function latestStatus(lines: readonly JsonLine[], from = 0): Map<string, string> {
  const status = new Map<string, string>();
  for (const line of lines.slice(from)) {
    if (line.kind === 'subscription') status.set(`${line.method}:${line.arg ?? ''}`, line.status ?? '');
  }
  return status;
}

function allActive(lines: readonly JsonLine[], expected: readonly string[], from = 0): boolean {
  const status = latestStatus(lines, from);
  return expected.every((key) => status.get(key) === 'active');
}

function lastState(lines: readonly JsonLine[], hub: string): string | undefined {
  return lines.filter((l) => l.kind === 'state' && l.hub === hub).at(-1)?.state;
}

/** stderr lines that are hubmon's own messages (the human mode also prints a "Watching …" note). */
function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('hubmon:'));
}

/** A JWT-shaped token the simulator did not sign. */
function foreignToken(): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: 'someone', exp: Math.floor(Date.now() / 1000) + 3600 })}.${Buffer.from('not-the-signature').toString('base64url')}`;
}

/** A port nothing listens on (bound, then released). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('hubmon CLI (built bundle, simulator on 127.0.0.1)', function () {
  this.timeout(20_000);
  let cli = '';
  let sim: GatewaySimulator;
  let gatewayArgs: string[] = [];
  let accountId = 0;
  let contractId = '';
  let expectedKeys: string[] = [];
  const running: CliProcess[] = [];
  const start = (args: readonly string[], env = cleanEnv(), cwd?: string): CliProcess => {
    const proc = new CliProcess(cwd === undefined ? cli : join(cwd, 'cli.js'), args, { env, cwd });
    running.push(proc);
    return proc;
  };
  const keyEnv = () => cleanEnv({ PROJECTX_API_KEY: DEMO_API_KEY });

  before(async function () {
    this.timeout(90_000);
    buildBundles();
    cli = join(repoRoot(), 'dist', 'cli.js');
    sim = new GatewaySimulator({ port: 0 });
    const urls = await sim.start();
    gatewayArgs = ['--api-url', urls.restUrl, '--user-hub-url', urls.userHubUrl, '--market-hub-url', urls.marketHubUrl];
    accountId = sim.world.accounts[0].id;
    contractId = sim.world.contracts[0].id;
    expectedKeys = [
      'SubscribeAccounts:',
      ...ACCOUNT_METHODS.slice(1).map((m) => `${m}:${accountId}`),
      ...CONTRACT_METHODS.map((m) => `${m}:${contractId}`),
    ];
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((p) => p.kill()));
  });

  after(async () => {
    await sim?.stop();
  });

  it('prints its version and each command\'s help with exit 0', async () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { version: string };
    const v = await runToEnd(cli, ['--version']);
    assert.equal(v.exit.code, 0);
    assert.equal(v.proc.stdout.trim(), version);
    for (const command of ['demo', 'watch']) {
      const help = await runToEnd(cli, [command, '--help']);
      assert.equal(help.exit.code, 0, help.proc.transcript());
      assert.match(help.proc.stdout, new RegExp(`^Usage: hubmon ${command}`));
    }
  });

  it('answers bad usage with exit 2 and one line naming the mistake', async () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /^hubmon: unknown command 'frobnicate' \(usage: hubmon <command>/],
      [['watch', '--bogus'], /^hubmon: unknown option '--bogus' \(usage: hubmon watch /],
      [['watch', '--profile', 'demo', '--account', 'abc'], /--account takes a numeric account id, not 'abc'/],
      [['watch', '--profile', 'nowhere'], /--profile takes topstepx\|demo, not 'nowhere'/],
      [['watch', '--profile', 'topstepx'], /no credentials: pass --token/],
      [['demo', '--port', '99999'], /--port takes a port number from 0 to 65535/],
      [['watch', '--profile', 'demo', '--api-url', 'http://gateway.example.com'], /--api-url uses unencrypted http to gateway\.example\.com.*use https:\/\/gateway\.example\.com/],
    ];
    for (const [args, expected] of cases) {
      const { exit, proc } = await runToEnd(cli, args);
      assert.equal(exit.code, 2, `${args.join(' ')}\n${proc.transcript()}`);
      const lines = proc.stderr.trim().split('\n');
      assert.equal(lines.length, 1, proc.transcript());
      assert.match(lines[0], expected);
      assert.doesNotMatch(proc.stderr, /\n\s+at /, 'no stack trace');
    }
  });

  it('watch --json: both hubs connected, every subscription active, quotes with contractId and ISO Z timestamps; Ctrl+C exits 0', async () => {
    const proc = start(['watch', ...gatewayArgs, '--username', DEMO_USERNAME, '--account', String(accountId), '--contract', contractId, '--json'], keyEnv());
    await proc.until('both hubs connected, all subscriptions active and a quote', (p) => {
      const lines = p.json();
      return lastState(lines, 'user') === 'connected' && lastState(lines, 'market') === 'connected' && allActive(lines, expectedKeys)
        && lines.some((l) => l.kind === 'event' && l.name === 'GatewayQuote');
    });
    proc.child.kill('SIGINT');
    const exit = await proc.exited;
    assert.equal(exit.code, 0, proc.transcript());

    const lines = proc.json();
    for (const line of lines) {
      assert.ok(['state', 'timeline', 'subscription', 'event', 'account', 'error'].includes(line.kind), JSON.stringify(line));
      // Account lines (with --account) belong to an account, not a hub.
      if (line.kind !== 'timeline' && line.kind !== 'account') assert.ok(line.hub === 'user' || line.hub === 'market', JSON.stringify(line));
    }
    assert.equal(lines.filter((l) => l.kind === 'error').length, 0);
    const accounts = lines.find((l) => l.kind === 'subscription' && l.method === 'SubscribeAccounts');
    assert.ok(accounts && !('arg' in accounts), 'SubscribeAccounts has no arg');
    const quote = lines.find((l) => l.kind === 'event' && l.name === 'GatewayQuote');
    assert.equal(quote?.hub, 'market');
    assert.equal(quote?.contractId, contractId);
    const data = quote?.data as { timestamp?: unknown; lastUpdated?: unknown };
    assert.match(String(data.timestamp), ISO_Z);
    assert.match(String(data.lastUpdated), ISO_Z);
    // Enums arrive as names (the simulator sends numbers on the wire).
    const trade = lines.find((l) => l.kind === 'event' && l.name === 'GatewayTrade');
    if (trade) for (const item of trade.data as { type: unknown }[]) assert.ok(item.type === 'Buy' || item.type === 'Sell' || typeof item.type === 'number');
    assert.ok(lines.filter((l) => l.kind === 'state').slice(-2).every((l) => l.state === 'disconnected'), 'stopped both hubs');
    assert.ok(!proc.stdout.includes(DEMO_API_KEY) && !proc.stderr.includes(DEMO_API_KEY), 'the API key is never printed');
  });

  it('watch --duration ends by itself with exit 0; the human output has timeline lines and no colors off a TTY', async () => {
    const { exit, proc } = await runToEnd(cli, ['watch', '--profile', 'demo', ...gatewayArgs, '--contract', contractId, '--duration', '2']);
    assert.equal(exit.code, 0, proc.transcript());
    assert.ok(proc.lines.some((l) => /\[market\] connected/.test(l)), proc.transcript());
    assert.ok(proc.lines.some((l) => /\[market\] SubscribeContractQuotes\(.+\) active/.test(l)), proc.transcript());
    assert.ok(!proc.stdout.includes('\u001b['), 'no ANSI colors when stdout is not a TTY');
    assert.deepEqual(errorLines(proc.stderr), []);
  });

  it('a token the gateway does not accept exits 3 with one line: the server rejected the token (HTTP 401)', async () => {
    const token = foreignToken();
    const { exit, proc } = await runToEnd(cli, ['watch', ...gatewayArgs, '--contract', contractId, '--json'], { env: cleanEnv({ PROJECTX_TOKEN: token }) });
    assert.equal(exit.code, 3, proc.transcript());
    const errors = errorLines(proc.stderr);
    assert.equal(errors.length, 1, proc.transcript());
    assert.match(errors[0], /^hubmon: the server rejected the token \(HTTP 401\).*: sign in again .*--token/);
    assert.equal(proc.json().filter((l) => l.kind === 'error').length, 1);
    assert.ok(!proc.stdout.includes(token) && !proc.stderr.includes(token), 'the token is never printed');
  });

  it('a wrong API key exits 3 with the login failure in one line', async () => {
    const { exit, proc } = await runToEnd(cli, ['watch', ...gatewayArgs, '--username', DEMO_USERNAME], { env: cleanEnv({ PROJECTX_API_KEY: 'wrong-key-123' }) });
    assert.equal(exit.code, 3, proc.transcript());
    assert.deepEqual(errorLines(proc.stderr), ['hubmon: login failed: InvalidCredentials (3): check the user name and API key']);
    assert.ok(!proc.stdout.includes('wrong-key-123') && !proc.stderr.includes('wrong-key-123'));
  });

  it('an unreachable gateway exits 1 with one line naming it', async () => {
    const port = await deadPort();
    const base = `http://127.0.0.1:${port}`;
    const { exit, proc } = await runToEnd(cli, ['watch', '--profile', 'demo', '--api-url', base, '--user-hub-url', `${base}/hubs/user`, '--market-hub-url', `${base}/hubs/market`]);
    assert.equal(exit.code, 1, proc.transcript());
    const errors = errorLines(proc.stderr);
    assert.equal(errors.length, 1, proc.transcript());
    assert.match(errors[0], new RegExp(`^hubmon: cannot reach ${base}`));
  });

  it('demo --port 0 prints its URLs and the demo credentials, serves, and stops cleanly on SIGINT', async () => {
    const proc = start(['demo', '--port', '0']);
    await proc.until('the ready banner', (p) => p.lines.some((l) => l.startsWith('Press Ctrl+C')));
    const port = /listening on 127\.0\.0\.1:(\d+)/.exec(proc.stdout)?.[1];
    assert.ok(port && Number(port) > 0, proc.transcript());
    const base = `http://127.0.0.1:${port}`;
    for (const expected of [`REST        ${base}`, `user hub    ${base}/hubs/user`, `market hub  ${base}/hubs/market`, `username    ${DEMO_USERNAME}`, `API key     ${DEMO_API_KEY}`]) {
      assert.ok(proc.lines.some((l) => l.includes(expected)), `missing "${expected}"\n${proc.transcript()}`);
    }
    // It really is a gateway: the demo credentials sign in over REST.
    const login = await fetch(`${base}/api/Auth/loginKey`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userName: DEMO_USERNAME, apiKey: DEMO_API_KEY }), signal: AbortSignal.timeout(10_000) });
    assert.equal(((await login.json()) as { success?: boolean }).success, true);
    proc.child.kill('SIGINT');
    assert.equal((await proc.exited).code, 0, proc.transcript());
    await assert.rejects(fetch(`${base}/api/Auth/loginKey`, { method: 'POST', signal: AbortSignal.timeout(5_000) }), 'the port is closed after the demo stopped');
  });

  it('reconnect: the gateway going away gives reconnecting with the given delays; its return gives connected and every subscription active again', async function () {
    this.timeout(30_000);
    const own = new GatewaySimulator({ port: 0 });
    const urls = await own.start();
    let restarted: GatewaySimulator | undefined;
    try {
      const delays = [0, 300, 600, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000];
      const proc = start([
        'watch', '--profile', 'demo', '--api-url', urls.restUrl, '--user-hub-url', urls.userHubUrl, '--market-hub-url', urls.marketHubUrl,
        '--account', String(accountId), '--contract', contractId, '--reconnect-delays', delays.join(','), '--json',
      ]);
      await proc.until('connected and subscribed', (p) => allActive(p.json(), expectedKeys) && lastState(p.json(), 'market') === 'connected' && lastState(p.json(), 'user') === 'connected');

      await own.stop();
      const reconnecting = (hub: string) => proc.json().filter((l) => l.kind === 'state' && l.hub === hub && l.state === 'reconnecting');
      await proc.until('three reconnect attempts per hub', () => reconnecting('user').length >= 3 && reconnecting('market').length >= 3);
      for (const hub of ['user', 'market']) {
        const seen = reconnecting(hub).map((l) => l.delayMs);
        assert.deepEqual(seen, delays.slice(0, seen.length), `${hub} reconnect delays follow --reconnect-delays`);
      }

      const mark = proc.json().length;
      restarted = new GatewaySimulator({ port: urls.port });
      await restarted.start();
      await proc.until('reconnected and re-subscribed', (p) => {
        const after = p.json().slice(mark);
        return lastState(after, 'user') === 'connected' && lastState(after, 'market') === 'connected' && allActive(after, expectedKeys)
          && after.some((l) => l.kind === 'event' && l.name === 'GatewayQuote');
      });
      assert.ok(proc.json().slice(mark).some((l) => l.kind === 'timeline' && l.step?.kind === 'resubscribe'), 'the timeline shows the re-subscription');
      proc.child.kill('SIGTERM');
      assert.equal((await proc.exited).code, 0, proc.transcript());
    } finally {
      await restarted?.stop();
      await own.stop();
    }
  });

  describe('bundles without node_modules beside them', () => {
    let dir = '';
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'hubmon-bundle-'));
      cpSync(join(repoRoot(), 'dist', 'cli.js'), join(dir, 'cli.js'));
      cpSync(join(repoRoot(), 'dist', 'extension.js'), join(dir, 'extension.js'));
      // The extension host provides `vscode`; a stub stands in for it, nothing else.
      mkdirSync(join(dir, 'stub', 'vscode'), { recursive: true });
      writeFileSync(join(dir, 'stub', 'vscode', 'index.js'), 'module.exports = {};\n');
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('cli.js runs --version and demo --port 0 from a bare folder', async () => {
      const version = await runToEnd(join(dir, 'cli.js'), ['--version'], { cwd: dir });
      assert.equal(version.exit.code, 0, version.proc.transcript());
      assert.match(version.proc.stdout, /^\d+\.\d+\.\d+/);
      const demo = start(['demo', '--port', '0', '--json'], cleanEnv(), dir);
      await demo.until('the demo line', (p) => p.json().some((l) => l.kind === 'demo'));
      const line = demo.json().find((l) => l.kind === 'demo') as JsonLine & { restUrl?: string; port?: number };
      assert.match(String(line.restUrl), /^http:\/\/127\.0\.0\.1:\d+$/);
      demo.child.kill('SIGINT');
      assert.equal((await demo.exited).code, 0, demo.transcript());
      assert.doesNotMatch(demo.stderr, /Cannot find module/);
    });

    it('extension.js loads (with only a stub vscode module) without "Cannot find module"', async () => {
      writeFileSync(join(dir, 'load.js'), "const m = require('./extension.js');\nprocess.stdout.write(typeof m.activate);\n");
      const { exit, proc } = await runToEnd(join(dir, 'load.js'), [], { cwd: dir, env: cleanEnv({ NODE_PATH: join(dir, 'stub') }) });
      assert.doesNotMatch(proc.stderr, /Cannot find module/, proc.transcript());
      assert.equal(exit.code, 0, proc.transcript());
      assert.equal(proc.stdout, 'function');
    });
  });
});
