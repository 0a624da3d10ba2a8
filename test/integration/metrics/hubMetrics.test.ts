// The metrics of a real monitor on the simulator, scraped over the real /metrics server and checked
// by promtool on every scrape: a drop, a 401, a parse failure, a stale contract, the event delay.
import assert from 'node:assert/strict';
import type { TokenSource } from '../../../src/core/auth/tokenSource';
import type { EngineMonitor } from '../../../src/core/monitor/monitor';
import { HubmonMetrics, HEALTH_GRACE_MS } from '../../../src/core/metrics/hubmonMetrics';
import { startMetricsServer, type RunningMetricsServer } from '../../../src/cli/metrics/metricsServer';
import { assertPromtoolAccepts, sample } from '../../support/promtool';
import { CONTRACT_ID, demoTokens, monitorFor, startSim, waitForState, type SimContext } from '../hubHarness.test';

/** A clock the test moves: quote age, downtime and the /healthz grace read it. */
class TestClock {
  constructor(public ms = Date.now()) {}
  now = (): number => this.ms;
}

describe('metrics of a monitor on the simulator (prom-client, /metrics, /healthz, promtool)', function () {
  this.timeout(20_000);
  let ctx: SimContext;
  let tokens: TokenSource;
  let monitor: EngineMonitor;
  let metrics: HubmonMetrics;
  let server: RunningMetricsServer;
  let clock: TestClock;

  const base = (): string => `http://127.0.0.1:${server.address.port}`;
  const scrape = async (): Promise<string> => {
    const res = await fetch(`${base()}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    assertPromtoolAccepts(text);
    return text;
  };
  const healthz = async (): Promise<number> => (await fetch(`${base()}/healthz`)).status;
  /** Scrapes until `done` holds for a scrape (a hang guard, not a timing assertion). */
  const scrapeUntil = async (what: string, done: (text: string) => boolean): Promise<string> => {
    let text = '';
    for (let i = 0; i < 100; i++) {
      text = await scrape();
      if (done(text)) return text;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${what} in the scrapes:\n${text}`);
  };
  const quote = (timestamp: Date): Record<string, unknown> => ({ symbol: 'F.US.EP', symbolName: '/ES', lastPrice: 5000, bestBid: 4999.75, bestAsk: 5000, timestamp: timestamp.toISOString(), lastUpdated: timestamp.toISOString() });

  beforeEach(async () => {
    ctx = await startSim();
    tokens = demoTokens(ctx);
    monitor = monitorFor(ctx, tokens, { retryDelaysMs: [0, 400, 400, 400, 400, 400, 400, 400, 400, 400] });
    clock = new TestClock();
    metrics = new HubmonMetrics({ hubs: [monitor.user, monitor.market], tokens: monitor.tokens, clock });
    server = await startMetricsServer(metrics, { host: '127.0.0.1', port: 0 });
  });
  afterEach(async () => {
    await server.close();
    metrics.dispose();
    await monitor.disconnect();
    monitor.dispose();
    tokens.dispose();
    await ctx.sim.stop();
  });

  it('every fixed series exists from the start at 0; a drop shows hub_up 0 then 1, one reconnect, attempts by outcome and downtime', async () => {
    let text = await scrape();
    for (const hub of ['user', 'market']) {
      assert.equal(sample(text, `hubmon_hub_up{hub="${hub}"}`), 0);
      assert.equal(sample(text, `hubmon_hub_state{hub="${hub}",state="disconnected"}`), 1);
      for (const state of ['connecting', 'connected', 'reconnecting', 'failed']) assert.equal(sample(text, `hubmon_hub_state{hub="${hub}",state="${state}"}`), 0);
      assert.equal(sample(text, `hubmon_hub_reconnects_total{hub="${hub}"}`), 0);
      assert.equal(sample(text, `hubmon_hub_downtime_seconds_total{hub="${hub}"}`), 0);
    }
    assert.equal(sample(text, 'hubmon_token_expiry_seconds'), undefined, 'no token yet: absent, not 0');
    assert.doesNotMatch(text, /hubmon_hub_connect_attempts_total\{/, 'outcome series appear when first counted');
    assert.match(text, /^hubmon_market_open [01]$/m);
    assert.match(text, /^process_cpu_user_seconds_total /m, 'prom-client default metrics sit beside ours');
    assert.doesNotMatch(text, /hubmon_account_/, 'no account source registered');

    await monitor.connect();
    await monitor.market.subscriptions.add('SubscribeContractQuotes', CONTRACT_ID);
    clock.ms += 2000;
    text = await scrape();
    assert.equal(sample(text, 'hubmon_hub_up{hub="user"}'), 1);
    assert.equal(sample(text, 'hubmon_hub_state{hub="market",state="connected"}'), 1);
    assert.equal(sample(text, 'hubmon_hub_connect_attempts_total{hub="user",outcome="ok"}'), 1);
    assert.equal(sample(text, `hubmon_subscription_active{hub="market",method="SubscribeContractQuotes",arg="${CONTRACT_ID}"}`), 1);
    assert.equal(sample(text, `hubmon_quote_age_seconds{contract="${CONTRACT_ID}"}`), 2, 'no quote yet: seconds since start');
    const expiry = sample(text, 'hubmon_token_expiry_seconds');
    assert.ok(expiry !== undefined && expiry > 3600, `token expiry ${expiry}`);
    assert.equal(await healthz(), 200);
    const downBefore = sample(text, 'hubmon_hub_downtime_seconds_total{hub="user"}') ?? NaN;

    // The gateway goes away: the hubs reconnect against refused connections, then it returns.
    await ctx.sim.faults.refuseConnections(true);
    ctx.sim.faults.dropAll();
    text = await scrapeUntil('a refused attempt', (t) => (sample(t, 'hubmon_hub_connect_attempts_total{hub="user",outcome="refused"}') ?? 0) >= 1);
    assert.equal(sample(text, 'hubmon_hub_up{hub="user"}'), 0);
    assert.equal(sample(text, 'hubmon_hub_state{hub="user",state="connected"}'), 0);
    assert.equal(sample(text, `hubmon_subscription_active{hub="market",method="SubscribeContractQuotes",arg="${CONTRACT_ID}"}`), 0);
    assert.equal(await healthz(), 200, 'down for less than a minute is still healthy');
    clock.ms += 5000;
    text = await scrape();
    assert.ok((sample(text, 'hubmon_hub_downtime_seconds_total{hub="user"}') ?? 0) >= downBefore + 5, 'downtime grows while down');

    await ctx.sim.faults.refuseConnections(false);
    text = await scrapeUntil('both hubs back', (t) => sample(t, 'hubmon_hub_up{hub="user"}') === 1 && sample(t, 'hubmon_hub_up{hub="market"}') === 1);
    for (const hub of ['user', 'market']) {
      assert.equal(sample(text, `hubmon_hub_reconnects_total{hub="${hub}"}`), 1, `${hub} reconnects`);
      assert.equal(sample(text, `hubmon_hub_connect_attempts_total{hub="${hub}",outcome="ok"}`), 2, `${hub} ok attempts`);
    }
    const downAfter = sample(text, 'hubmon_hub_downtime_seconds_total{hub="user"}') ?? NaN;
    clock.ms += 5000;
    assert.equal(sample(await scrape(), 'hubmon_hub_downtime_seconds_total{hub="user"}'), downAfter, 'downtime stands still while connected');
  });

  it('a 401 that a refresh cannot cure: state failed, attempts{outcome="unauthorized"}, /healthz 503', async () => {
    await monitor.connect();
    assert.equal(await healthz(), 200);
    ctx.sim.faults.rejectUpgrades(401, { hub: 'user' });
    ctx.sim.faults.dropAll('user');
    await waitForState(monitor.user, 'failed', 10_000);
    const text = await scrape();
    assert.equal(sample(text, 'hubmon_hub_state{hub="user",state="failed"}'), 1);
    assert.equal(sample(text, 'hubmon_hub_up{hub="user"}'), 0);
    assert.ok((sample(text, 'hubmon_hub_connect_attempts_total{hub="user",outcome="unauthorized"}') ?? 0) >= 1, text);
    const res = await fetch(`${base()}/healthz`);
    assert.equal(res.status, 503);
    assert.match(await res.text(), /user hub failed/);
  });

  it('a hub reconnecting for a minute turns /healthz to 503', async () => {
    await monitor.connect();
    await ctx.sim.faults.refuseConnections(true);
    ctx.sim.faults.dropAll('market');
    await waitForState(monitor.market, 'reconnecting');
    assert.equal(await healthz(), 200);
    clock.ms += HEALTH_GRACE_MS;
    const res = await fetch(`${base()}/healthz`);
    assert.equal(res.status, 503);
    assert.match(await res.text(), /market hub has not been connected for 60 s/);
  });

  it('a parse failure counts by event; quotes count as events, feed the delay histogram, and a silent contract ages', async () => {
    await monitor.connect();
    await monitor.market.subscriptions.add('SubscribeContractQuotes', CONTRACT_ID);
    ctx.sim.faults.sendInvocation('market', 'GatewayQuote', [CONTRACT_ID, 'not a quote']);
    // Sent 2 s ago by the gateway's clock: lands in the 2.5 s bucket, not the 1 s one.
    ctx.sim.faults.sendInvocation('market', 'GatewayQuote', [CONTRACT_ID, quote(new Date(Date.now() - 2000))]);
    let text = await scrapeUntil('the quote counted', (t) => sample(t, 'hubmon_events_total{hub="market",event="GatewayQuote"}') === 1);
    assert.equal(sample(text, 'hubmon_parse_failures_total{hub="market",event="GatewayQuote"}'), 1);
    assert.equal(sample(text, 'hubmon_event_delay_seconds_count{hub="market"}'), 1);
    assert.equal(sample(text, 'hubmon_event_delay_seconds_bucket{le="1",hub="market"}'), 0);
    assert.equal(sample(text, 'hubmon_event_delay_seconds_bucket{le="2.5",hub="market"}'), 1);
    assert.equal(sample(text, `hubmon_quote_age_seconds{contract="${CONTRACT_ID}"}`), 0);

    // No quote for 45 s: the contract's age says so (the alert rule compares it with market hours).
    clock.ms += 45_000;
    text = await scrape();
    assert.equal(sample(text, `hubmon_quote_age_seconds{contract="${CONTRACT_ID}"}`), 45);
    // A further parse failure of another kind adds to the same event's series.
    ctx.sim.faults.sendInvocation('market', 'GatewayQuote', [42]);
    text = await scrapeUntil('the second parse failure', (t) => sample(t, 'hubmon_parse_failures_total{hub="market",event="GatewayQuote"}') === 2);
    // Unsubscribed: its label is gone (contract labels stay bounded by the subscriptions).
    await monitor.market.subscriptions.remove(`SubscribeContractQuotes:${CONTRACT_ID}`);
    assert.doesNotMatch(await scrape(), /hubmon_quote_age_seconds\{/);
  });
});
