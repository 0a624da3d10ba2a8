/**
 * The limit on this runtime: a bare `ws` socket speaking just enough SignalR JSON (handshake,
 * Subscribe invocations, pings) and JSON.parse of every record. No library in between.
 */
import WebSocket from 'ws';
import { epochNow } from '../protocol';
import { sentAtOf, type LatencyProbe, type Receiver, type Target } from './types';

const RS = '\x1e';
const KEEPALIVE_MS = 10_000;

interface HubRecord {
  readonly type?: number;
  readonly target?: string;
  readonly invocationId?: string;
  readonly error?: string;
  readonly arguments?: readonly unknown[];
}

export class RawWsReceiver implements Receiver {
  readonly name = 'raw' as const;
  events = 0;
  probe: LatencyProbe | undefined;
  private socket: WebSocket | undefined;
  private keepAlive: NodeJS.Timeout | undefined;
  private handshaken: (() => void) | undefined;
  private readonly completions = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();
  private nextInvocation = 1;

  constructor(private readonly target: Target, private readonly token: string) {}

  async connect(): Promise<void> {
    const url = new URL(this.target.urls.marketHubUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('access_token', this.token);
    const socket = new WebSocket(url, { headers: { Authorization: `Bearer ${this.token}` } });
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      for (const c of this.completions.values()) c.reject(new Error('raw ws: the socket closed'));
      this.completions.clear();
    });
    const handshake = new Promise<void>((resolve) => (this.handshaken = resolve));
    socket.on('message', (data) => this.onMessage(data));
    socket.send(`${JSON.stringify({ protocol: 'json', version: 1 })}${RS}`);
    await handshake;
    this.keepAlive = setInterval(() => socket.send(`{"type":6}${RS}`), KEEPALIVE_MS).unref();
    await Promise.all(this.target.contracts.map((c) => this.invoke('SubscribeContractQuotes', [c])));
  }

  async close(): Promise<void> {
    clearInterval(this.keepAlive);
    const socket = this.socket;
    this.socket = undefined;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.close(1000);
    const timer = setTimeout(() => socket.terminate(), 1000);
    await closed;
    clearTimeout(timer);
  }

  private invoke(target: string, args: unknown[]): Promise<void> {
    const invocationId = String(this.nextInvocation++);
    return new Promise((resolve, reject) => {
      this.completions.set(invocationId, { resolve, reject });
      this.socket?.send(`${JSON.stringify({ type: 1, invocationId, target, arguments: args })}${RS}`);
    });
  }

  private onMessage(data: WebSocket.RawData): void {
    const text = (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer)).toString('utf8');
    let start = 0;
    for (let end = text.indexOf(RS); end >= 0; end = text.indexOf(RS, start)) {
      const record = JSON.parse(text.slice(start, end)) as HubRecord;
      start = end + 1;
      this.onRecord(record);
    }
  }

  private onRecord(record: HubRecord): void {
    if (record.type === 1 && record.target === 'GatewayQuote') {
      this.events++;
      const probe = this.probe;
      if (probe) {
        const at = epochNow();
        probe(sentAtOf(record.arguments?.[1]), at);
      }
    } else if (record.type === 3 && record.invocationId !== undefined) {
      const waiter = this.completions.get(record.invocationId);
      this.completions.delete(record.invocationId);
      if (record.error) waiter?.reject(new Error(`raw ws: ${record.error}`));
      else waiter?.resolve();
    } else if (record.type === undefined && this.handshaken) {
      // The handshake reply `{}` (an error reply would close the socket).
      this.handshaken();
      this.handshaken = undefined;
    }
  }
}
