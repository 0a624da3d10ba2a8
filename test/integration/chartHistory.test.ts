import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { TokenSource } from '../../src/core/auth/tokenSource';
import { ChartFeed } from '../../src/core/chart/chartFeed';
import { ChartSession } from '../../src/core/chart/chartSession';
import { GatewayClient } from '../../src/core/gateway/gatewayClient';
import { BarUnit } from '../../src/core/gateway/historyBars';
import { createMonitor, type EngineMonitor } from '../../src/core/monitor/monitor';
import { demoProfile, DEMO_API_KEY, DEMO_USERNAME } from '../../src/core/profiles';
import type { CandlePoint, ToWebview } from '../../src/shared/chartProtocol';
import { parseToWebview } from '../../src/shared/chartValidate';
import { GatewaySimulator } from '../../src/simulator';

const ES = 'CON.F.US.EP.U25';

/** What the page would draw: every candles message applied in order (replace, or bars by start). */
function drawn(messages: readonly ToWebview[]): Map<number, CandlePoint> {
  const bars = new Map<number, CandlePoint>();
  for (const m of messages) {
    if (m.type !== 'candles') continue;
    if (m.replace) bars.clear();
    for (const b of m.bars) bars.set(b.t, b);
  }
  return bars;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('chart history back-fill over real sockets (simulator on 127.0.0.1)', function () {
  this.timeout(30_000);
  let sim: GatewaySimulator;
  let monitor: EngineMonitor;
  let tokens: TokenSource;
  let gateway: GatewayClient;
  let feed: ChartFeed;
  let session: ChartSession | undefined;
  let posted: ToWebview[];
  let logs: string[];
  let ticker: ReturnType<typeof setInterval> | undefined;
  let titles: string[];

  beforeEach(async () => {
    sim = new GatewaySimulator({ marketIntervalMs: 0, userActivityIntervalMs: 0, seed: 5 });
    const urls = await sim.start();
    const profile = demoProfile(urls.port);
    gateway = new GatewayClient(profile.apiUrl);
    tokens = new TokenSource({ gateway, credentials: { userName: DEMO_USERNAME, apiKey: DEMO_API_KEY } });
    monitor = createMonitor({ profile, tokens, gateway, retryDelaysMs: [0, 100, 200] });
    for (const method of ['SubscribeContractQuotes', 'SubscribeContractTrades']) void monitor.market.subscriptions.add(method, ES);
    await monitor.connect();
    feed = new ChartFeed(monitor.market, { historySeconds: 300 });
    posted = [];
    logs = [];
    titles = [];
  });
  afterEach(async () => {
    clearInterval(ticker);
    session?.dispose();
    feed.dispose();
    await monitor.disconnect();
    monitor.dispose();
    tokens.dispose();
    await sim.stop();
  });

  function open(historyTimeoutMs?: number): ChartSession {
    const s = new ChartSession({
      // Through JSON and the webview's own parser, as the page receives it.
      post: (m) => {
        const parsed = parseToWebview(JSON.parse(JSON.stringify(m)));
        assert.ok(parsed.ok, `the page would reject ${JSON.stringify(m).slice(0, 200)}`);
        posted.push(parsed.value);
      },
      feed: () => feed,
      contracts: () => [{ id: ES, label: 'ES' }],
      historySeconds: () => 300,
      log: (level, text) => logs.push(`${level} ${text}`),
      onDidSelectContract: () => undefined,
      noFeedNotice: () => 'not signed in',
      setTitle: (title) => titles.push(title),
      bars: () => async (request) => gateway.retrieveBars(await tokens.getToken(), request),
      historyTimeoutMs,
    }, ES, { mode: 'candles', timeframe: '1s' });
    s.handleMessage({ type: 'ready' });
    return s;
  }

  async function until(what: string, condition: () => boolean): Promise<void> {
    for (let waited = 0; !condition(); waited += 10) {
      if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
      await sleep(10);
    }
  }

  it('an hour of history joins the live bars with no gap and no print counted twice', async () => {
    // The simulator keeps an hour of prints already; these add some just before the chart opens.
    for (let i = 0; i < 200; i++) sim.tickMarket();
    ticker = setInterval(() => sim.tickMarket(), 15);
    session = open();
    const s = session;
    await until('history', () => s.historyState === 'loaded');
    await sleep(1500);
    clearInterval(ticker);

    const drawnTraded = (): CandlePoint[] => [...drawn(posted).values()].filter((b) => b.v > 0).sort((a, b) => a.t - b.t);
    const first = drawnTraded()[0].t;
    const gatewayBars = async (): Promise<CandlePoint[]> => (await gateway.retrieveBars(await tokens.getToken(), {
      contractId: ES, live: false, startTime: new Date(first), endTime: new Date(Date.now() + 1000), unit: BarUnit.Second, unitNumber: 1, limit: 20_000, includePartialBar: true,
    })).map((b) => ({ t: b.t.getTime(), o: b.o, h: b.h, l: b.l, c: b.c, v: b.v }));
    const truth = await gatewayBars();
    // The last frames may still be in flight (and the feed flushes ~30 times a second): wait for them to land.
    await until('the drawn bars to catch up with the last print', () => isDeepStrictEqual(drawnTraded().at(-1), truth.at(-1)));
    const traded = drawnTraded();
    assert.ok(truth.length > 3, `${truth.length} second bars on the gateway`);
    const cut = Math.ceil(first / 1000) * 1000;
    assert.ok(traded.some((b) => b.t > Date.now() - 2500) && traded.some((b) => b.t < cut + 1), 'bars from both history and live');
    assert.deepEqual(traded, truth, 'the drawn bars equal the gateway’s bars of the same prints');
    assert.equal(posted.filter((m) => m.type === 'notice').length, 0, 'no notice when history loads');
  });

  it('a timeframe switch re-fetches history at the new unit; lines mode stops the candles; the title follows', async () => {
    ticker = setInterval(() => sim.tickMarket(), 15);
    session = open();
    const s = session;
    await until('1 s history', () => s.historyState === 'loaded');
    s.handleMessage({ type: 'setChartMode', mode: 'candles', timeframe: '5m' });
    await until('5 min history', () => s.historyState === 'loaded' && posted.some((m) => m.type === 'candles' && m.timeframe === '5m' && m.bars.length >= 12));
    const fiveMin = posted.filter((m) => m.type === 'candles' && m.timeframe === '5m').flatMap((m) => (m.type === 'candles' ? m.bars : []));
    assert.ok(fiveMin.every((b) => b.t % 300_000 === 0), 'bars on 5-minute boundaries');
    s.handleMessage({ type: 'setChartMode', mode: 'lines', timeframe: '5m' });
    const count = posted.filter((m) => m.type === 'candles').length;
    await sleep(500);
    assert.equal(posted.filter((m) => m.type === 'candles').length, count, 'no candles in lines mode');
    assert.equal(s.historyState, undefined);
    // The id's product code until the first quote brings the symbol name.
    assert.deepEqual(titles, ['EP U25 · 1 s', 'ES U25 · 1 s', 'ES U25 · 5 min', 'ES U25 · Bid/Ask']);
  });

  for (const [fault, cause] of [[{ fail: 'envelope' as const }, /History\/retrieveBars/], [{ delayMs: 3000 }, /no answer within 0\.3 s/]] as const) {
    it(`history ${'fail' in fault ? 'failing' : 'slow'}: one line, then live-only candles`, async () => {
      sim.market.history(fault);
      ticker = setInterval(() => sim.tickMarket(), 15);
      session = open(300);
      const s = session;
      await until('history to give up', () => s.historyState === 'unavailable');
      const before = drawn(posted).size;
      await sleep(1200);
      const notices = posted.filter((m) => m.type === 'notice');
      assert.equal(notices.length, 1, JSON.stringify(notices));
      const line = notices[0].type === 'notice' ? notices[0].text : '';
      assert.match(line, /^History unavailable: .*; showing live data only$/);
      assert.match(line, cause);
      assert.ok(drawn(posted).size > before, 'live candles keep coming');
      assert.equal(logs.filter((l) => l.includes('History unavailable')).length, 1);
    });
  }
});
