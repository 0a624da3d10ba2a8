// createMonitor: both hubs, one timeline, connect/disconnect/dispose, and no secret in any log line.
import assert from 'node:assert/strict';
import type { TokenSource } from '../../src/core/auth/tokenSource';
import { HubError } from '../../src/core/errors/hubError';
import type { LogLevelName } from '../../src/core/hub/hubLogger';
import { DEMO_API_KEY } from '../../src/core/profiles';
import { demoTokens, monitorFor, startSim, timelineText, until, type SimContext } from './hubHarness.test';

describe('Monitor (createMonitor) against the simulator', function () {
  let ctx: SimContext;
  let tokens: TokenSource;

  beforeEach(async () => {
    ctx = await startSim();
    tokens = demoTokens(ctx);
  });
  afterEach(async () => {
    tokens.dispose();
    await ctx.sim.stop();
  });

  it('connect() brings both hubs up; disconnect() stops both on purpose; one shared timeline', async () => {
    const lines: { level: LogLevelName; message: string }[] = [];
    const monitor = monitorFor(ctx, tokens, { skipNegotiation: false, log: (level, message) => lines.push({ level, message }) });
    await monitor.connect();
    assert.equal(monitor.user.state.kind, 'connected');
    assert.equal(monitor.market.state.kind, 'connected');
    assert.equal(monitor.hubClient('market'), monitor.market);
    await monitor.market.subscriptions.add('SubscribeContractQuotes', 'CON.F.US.EP.U25');
    await monitor.disconnect();
    assert.equal(monitor.user.state.kind, 'disconnected');
    assert.equal(monitor.market.state.kind, 'disconnected');
    const entries = monitor.timeline.recent();
    assert.ok(entries.some((e) => e.hub === 'user') && entries.some((e) => e.hub === 'market'));
    assert.equal(entries.filter((e) => e.step.kind === 'stopped').length, 2);
    assert.ok(!entries.some((e) => e.step.kind === 'failed'), timelineText(entries));
    await until('the server to see both sockets close', () => ctx.sim.connections().length === 0);

    // Negotiation on, trace logging: the library logs URLs with ?id=<connection token>, headers, etc.
    const token = await tokens.getToken();
    assert.ok(lines.some((l) => l.message.includes('WebSocket connected to ws://')), 'the library URL lines were checked');
    for (const { message } of lines) {
      assert.ok(!message.includes(token) && !/eyJ[\w-]+\.[\w-]+\./.test(message), `token in log: ${message}`);
      assert.ok(!message.includes(DEMO_API_KEY), `api key in log: ${message}`);
      assert.ok(!/[?&]id=(?!«redacted»)/.test(message), `connection token in log: ${message}`);
    }
    monitor.dispose();
  });

  it('logEnabled filters lines by level before they reach the log (and before redaction)', async () => {
    const asked = new Set<LogLevelName>();
    const lines: LogLevelName[] = [];
    const monitor = monitorFor(ctx, tokens, {
      skipNegotiation: false,
      log: (level) => lines.push(level),
      logEnabled: (level) => (asked.add(level), level !== 'debug' && level !== 'trace'),
    });
    await monitor.connect();
    await monitor.disconnect();
    monitor.dispose();
    assert.ok(asked.has('debug'), 'the library lines were offered and refused');
    assert.ok(lines.includes('info'), 'info lines pass');
    assert.deepEqual(lines.filter((l) => l === 'debug' || l === 'trace'), []);
  });

  it('connect() rejects with the first terminal HubError and both hubs end failed', async () => {
    const bad = demoTokens(ctx, { token: 'invalid.token.here', withCredentials: false });
    const monitor = monitorFor(ctx, bad);
    await assert.rejects(monitor.connect(), (e: unknown) => e instanceof HubError && e.kind === 'unauthorized');
    await until('both hubs failed', () => monitor.user.state.kind === 'failed' && monitor.market.state.kind === 'failed');
    monitor.dispose();
    bad.dispose();
  });

  it('dispose() while connected closes both sockets', async () => {
    const monitor = monitorFor(ctx, tokens);
    await monitor.connect();
    assert.equal(ctx.sim.connections().length, 2);
    monitor.dispose();
    await until('the server to see both sockets close', () => ctx.sim.connections().length === 0);
  });
});
