// A chart page in Chromium driven by the real host side: a simulator on 127.0.0.1, a connected
// monitor (real @microsoft/signalr), the chart feed and a ChartSession posting into the page. The
// page-level chart tests build on it and add what they check (history source, account lines, ...).
import type { Server } from 'node:http';
import { TokenSource } from '../../../src/core/auth/tokenSource';
import { ChartFeed } from '../../../src/core/chart/chartFeed';
import { ChartSession, type ChartSessionDeps, type ChartView } from '../../../src/core/chart/chartSession';
import { GatewayClient } from '../../../src/core/gateway/gatewayClient';
import { createMonitor, type EngineMonitor } from '../../../src/core/monitor/monitor';
import { demoProfile, DEMO_API_KEY, DEMO_USERNAME } from '../../../src/core/profiles';
import { GatewaySimulator, type SimulatorOptions } from '../../../src/simulator';
import { openChartPage, serveWebview, type ChartPageRun } from './chartPageHost';

export interface DemoHost {
  readonly sim: GatewaySimulator;
  readonly gateway: GatewayClient;
  readonly tokens: TokenSource;
  readonly monitor: EngineMonitor;
  readonly contractId: string;
}

export interface DemoChart extends DemoHost {
  readonly feed: ChartFeed;
  readonly run: ChartPageRun;
  readonly session: ChartSession;
  /** What the session logged ("warn text"). */
  readonly logs: string[];
  close(): Promise<void>;
}

export interface DemoChartOptions {
  readonly simulator?: SimulatorOptions;
  /** Default: the simulator's first contract. */
  readonly contractId?: string;
  readonly viewport: { width: number; height: number };
  readonly view?: ChartView;
  /** Runs once connected, before the page loads (more subscriptions, an account model...). */
  prepare?(host: DemoHost): Promise<void>;
  /** Session deps beyond the basics (bars, priceLines, openLadder...). */
  deps?(host: DemoHost): Partial<ChartSessionDeps>;
}

export async function startDemoChart(options: DemoChartOptions): Promise<DemoChart> {
  const sim = new GatewaySimulator(options.simulator);
  const urls = await sim.start();
  const contractId = options.contractId ?? sim.world.contracts[0].id;
  const profile = demoProfile(urls.port);
  const gateway = new GatewayClient(profile.apiUrl);
  const tokens = new TokenSource({ gateway, credentials: { userName: DEMO_USERNAME, apiKey: DEMO_API_KEY } });
  const monitor = createMonitor({ profile, tokens, gateway, retryDelaysMs: [0, 100, 200] });
  for (const method of ['SubscribeContractQuotes', 'SubscribeContractTrades']) void monitor.market.subscriptions.add(method, contractId);
  await monitor.connect();
  const host: DemoHost = { sim, gateway, tokens, monitor, contractId };
  await options.prepare?.(host);
  const feed = new ChartFeed(monitor.market, { historySeconds: 300 });
  const server: Server = await serveWebview();
  const logs: string[] = [];
  // The page is not loaded until the session exists, so no message reaches it early.
  const run = await openChartPage(options.viewport, (m) => session.handleMessage(m));
  const session = new ChartSession({
    post: run.post,
    feed: () => feed,
    contracts: () => [{ id: contractId, label: `/ES  ${contractId}` }],
    historySeconds: () => 300,
    log: (level, text) => logs.push(`${level} ${text}`),
    onDidSelectContract: () => undefined,
    noFeedNotice: () => 'not signed in',
    ...options.deps?.(host),
  }, contractId, options.view);
  await run.load(server);
  const close = async (): Promise<void> => {
    session.dispose();
    feed.dispose();
    await run.browser.close();
    await new Promise((ok) => server.close(ok));
    await monitor.disconnect();
    monitor.dispose();
    tokens.dispose();
    await sim.stop();
  };
  return { ...host, feed, run, session, logs, close };
}
