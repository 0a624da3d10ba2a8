// The metrics path under the soak: HubmonMetrics on the monitor, its /metrics server on 127.0.0.1,
// scraped every 100 ms for the whole run. Each scrape must answer 200; at the end the scraped
// reconnect counters must equal the cycles run (every drop counted once, none lost, none doubled).
import { HubmonMetrics } from '../../src/core/metrics/hubmonMetrics';
import { startMetricsServer } from '../../src/cli/metrics/metricsServer';
import type { EngineMonitor } from '../../src/core/monitor/monitor';
import type { SoakAttachment } from './soakRun';

export const SCRAPE_INTERVAL_MS = 100;

function reconnects(text: string, hub: string): number | undefined {
  const m = new RegExp(`^hubmon_hub_reconnects_total\\{hub="${hub}"\\} (\\d+)$`, 'm').exec(text);
  return m ? Number(m[1]) : undefined;
}

export async function attachMetricsScraper(monitor: EngineMonitor): Promise<SoakAttachment> {
  const metrics = new HubmonMetrics({ hubs: [monitor.user, monitor.market], tokens: monitor.tokens });
  const server = await startMetricsServer(metrics, { host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${server.address.port}/metrics`;
  const problems: string[] = [];
  let scrapes = 0;
  let inFlight: Promise<void> = Promise.resolve();
  const scrape = async (): Promise<string> => {
    const res = await fetch(url);
    const text = await res.text();
    if (res.status !== 200 && problems.length < 5) problems.push(`scrape ${scrapes + 1}: HTTP ${res.status}`);
    scrapes++;
    return text;
  };
  const timer = setInterval(() => {
    inFlight = inFlight.then(() => scrape().then(() => undefined, (error: unknown) => {
      if (problems.length < 5) problems.push(`scrape failed: ${error instanceof Error ? error.message : String(error)}`);
    }));
  }, SCRAPE_INTERVAL_MS);
  return {
    async stop(cycles) {
      clearInterval(timer);
      await inFlight;
      const text = await scrape();
      for (const hub of ['user', 'market']) {
        const n = reconnects(text, hub);
        if (n !== cycles) problems.push(`hubmon_hub_reconnects_total{hub="${hub}"} is ${n} after ${cycles} cycles`);
      }
      await server.close();
      metrics.dispose();
      return problems;
    },
    describe: () => `metrics: /metrics scraped every ${SCRAPE_INTERVAL_MS} ms, ${scrapes} scrapes, reconnect counters equal to the cycles`,
  };
}
