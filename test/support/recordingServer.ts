// A stand-in for an attacker's server on 127.0.0.1: records every connection, request (with its
// headers and body) and WebSocket upgrade, and answers 404. Tests assert it saw nothing (or something).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly kind: 'request' | 'upgrade';
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingMessage['headers'];
  body: string;
}

export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  connections = 0;
  private readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      const entry: RecordedRequest = { kind: 'request', method: req.method, url: req.url, headers: req.headers, body: '' };
      this.requests.push(entry);
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        if (entry.body.length < 65_536) entry.body += chunk;
      });
      req.on('end', () => res.writeHead(404, { 'content-type': 'text/plain' }).end('not here'));
    });
    this.server.on('connection', () => (this.connections += 1));
    this.server.on('upgrade', (req, socket) => {
      this.requests.push({ kind: 'upgrade', method: req.method, url: req.url, headers: req.headers, body: '' });
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Everything a request carried, for "does it hold the key or a token" checks. */
  transcript(): string {
    return this.requests.map((r) => `${r.kind} ${r.method} ${r.url} ${JSON.stringify(r.headers)} ${r.body}`).join('\n');
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
