/**
 * What the Prometheus metrics cost under the 100,000 events/s flood (issue #13: < 5 % CPU). One
 * engine receiver; windows of a paced 100,000 events/s flood alternate between "metrics off" and
 * "metrics on" (HubmonMetrics collecting on the monitor, its /metrics server scraped every second by
 * a separate process, as Prometheus would). The cost is the receiver process's extra CPU time per
 * wall second, in % of one core: (cpu on − cpu off) / window. Each scrape's own CPU is also timed.
 */
import { spawn } from 'node:child_process';
import { HubmonMetrics } from '../src/core/metrics/hubmonMetrics';
import { startMetricsServer } from '../src/cli/metrics/metricsServer';
import { waitForEvents } from './phases';
import type { EngineReceiver } from './receivers/engine';
import type { FloodServer } from './serverProcess';
import { median } from './stats';

export const METRICS_FLOOD_RATE = 100_000;
export const SCRAPE_EVERY_MS = 1000;

export interface MetricsCostResult {
  /** Median extra CPU with metrics on, in % of one core. */
  readonly extraCpuPercent: number;
  readonly offCpuPercent: number[];
  readonly onCpuPercent: number[];
  readonly eventsPerSecond: number;
  readonly lost: number;
  /** Median CPU time of one scrape (collect + serialize + HTTP), ms, measured in-process. */
  readonly scrapeMs: number;
  readonly scrapeBytes: number;
}

interface Window {
  readonly cpuPercent: number;
  readonly eventsPerSecond: number;
  readonly lost: number;
}

async function window(server: FloodServer, receiver: EngineReceiver, contracts: readonly string[], durationMs: number, pack: number): Promise<Window> {
  const before = receiver.events;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { sent } = await server.flood({ contracts: [...contracts], durationMs, eventsPerSecond: METRICS_FLOOD_RATE / contracts.length, recordsPerMessage: pack });
  const ended = await waitForEvents(receiver, before + sent);
  const used = process.cpuUsage(cpu);
  const wallMs = ended - started;
  const received = receiver.events - before;
  return { cpuPercent: ((used.user + used.system) / 1000 / wallMs) * 100, eventsPerSecond: received / (wallMs / 1000), lost: sent - received };
}

/** A scraper in a process of its own, so its fetch work is not billed to the receiver. */
function startScraper(url: string): { stop(): void } {
  const code = `setInterval(() => fetch(${JSON.stringify(url)}).then((r) => r.text(), () => undefined), ${SCRAPE_EVERY_MS});`;
  const child = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
  return { stop: () => child.kill('SIGKILL') };
}

export async function metricsCost(server: FloodServer, receiver: EngineReceiver, contracts: readonly string[], opts: { windowMs: number; rounds: number; pack: number }): Promise<MetricsCostResult> {
  const off: Window[] = [];
  const on: Window[] = [];
  const scrapeMs: number[] = [];
  let scrapeBytes = 0;
  for (let round = 0; round < opts.rounds; round++) {
    off.push(await window(server, receiver, contracts, opts.windowMs, opts.pack));
    const monitor = receiver.engine;
    const metrics = new HubmonMetrics({ hubs: [monitor.user, monitor.market], tokens: monitor.tokens });
    const http = await startMetricsServer(metrics, { host: '127.0.0.1', port: 0 });
    const scraper = startScraper(`http://127.0.0.1:${http.address.port}/metrics`);
    try {
      on.push(await window(server, receiver, contracts, opts.windowMs, opts.pack));
      // One scrape's cost, timed here (the flood is over, so it is the scrape alone).
      for (let i = 0; i < 5; i++) {
        const cpu = process.cpuUsage();
        const text = await metrics.text();
        const used = process.cpuUsage(cpu);
        scrapeMs.push((used.user + used.system) / 1000);
        scrapeBytes = text.length;
      }
    } finally {
      scraper.stop();
      await http.close();
      metrics.dispose();
    }
  }
  const offCpu = off.map((w) => w.cpuPercent);
  const onCpu = on.map((w) => w.cpuPercent);
  return {
    extraCpuPercent: median(onCpu) - median(offCpu),
    offCpuPercent: offCpu,
    onCpuPercent: onCpu,
    eventsPerSecond: median(on.map((w) => w.eventsPerSecond)),
    lost: [...off, ...on].reduce((sum, w) => sum + w.lost, 0),
    scrapeMs: median(scrapeMs),
    scrapeBytes,
  };
}
