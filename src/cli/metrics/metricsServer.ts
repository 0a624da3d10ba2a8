/**
 * The HTTP side of `hubmon watch --metrics`: GET /metrics (Prometheus text format from prom-client)
 * and GET /healthz (200 "ok" or 503 with the reason). Nothing else is served; the server never
 * throws into the command (a failed scrape is a 500 with one line).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { HubmonMetrics } from '../../core/metrics/hubmonMetrics';
import type { MetricsAddress } from './metricsAddress';

export interface RunningMetricsServer {
  /** The bound address (the real port when 0 was asked for). */
  readonly address: MetricsAddress;
  /** Stops listening and ends open keep-alive connections; settles within a bounded time. */
  close(): Promise<void>;
}

export async function startMetricsServer(metrics: HubmonMetrics, at: MetricsAddress): Promise<RunningMetricsServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => void answer(metrics, req, res));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(at.port, at.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // After listening, a socket-level error must not crash the watch.
  server.on('error', () => undefined);
  const bound = server.address() as AddressInfo;
  return {
    address: { host: at.host, port: bound.port },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A scraper's keep-alive connection would hold close() open until it idles out.
        for (const socket of sockets) socket.destroy();
      }),
  };
}

async function answer(metrics: HubmonMetrics, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'only GET is served\n');
  if (path === '/metrics') {
    try {
      return send(res, 200, metrics.contentType, await metrics.text());
    } catch (error) {
      return send(res, 500, 'text/plain', `collecting the metrics failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  if (path === '/healthz') {
    const health = metrics.health();
    return health.ok ? send(res, 200, 'text/plain', 'ok\n') : send(res, 503, 'text/plain', `unhealthy: ${health.reason}\n`);
  }
  send(res, 404, 'text/plain', 'not found: try /metrics or /healthz\n');
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
