/**
 * `hubmon watch --metrics`: the monitor's metrics served over HTTP for the life of the watch. One
 * call starts both; a port already taken is a usage error (exit 2) naming the address.
 */
import type { EngineMonitor } from '../../core/monitor/monitor';
import { HubmonMetrics } from '../../core/metrics/hubmonMetrics';
import { UsageError } from '../args';
import { formatMetricsAddress, type MetricsAddress } from './metricsAddress';
import { startMetricsServer } from './metricsServer';

export interface WatchMetrics {
  readonly metrics: HubmonMetrics;
  /** Closes the port, then drops the collectors. */
  close(): Promise<void>;
}

export async function startWatchMetrics(monitor: EngineMonitor, at: MetricsAddress, note: (text: string) => void): Promise<WatchMetrics> {
  const metrics = new HubmonMetrics({ hubs: [monitor.user, monitor.market], tokens: monitor.tokens });
  let server;
  try {
    server = await startMetricsServer(metrics, at);
  } catch (error) {
    metrics.dispose();
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? 'the port is in use' : code === 'EADDRNOTAVAIL' ? 'this machine has no such address' : code === 'EACCES' ? 'permission denied (ports below 1024 need privileges)' : String(code ?? error);
    throw new UsageError(`--metrics ${formatMetricsAddress(at)}: cannot listen (${why}); pick another address or port`);
  }
  note(`Metrics on http://${formatMetricsAddress(server.address)}/metrics (health: /healthz)`);
  return {
    metrics,
    close: async () => {
      await server.close();
      metrics.dispose();
    },
  };
}
