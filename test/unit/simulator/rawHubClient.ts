/**
 * A bare SignalR JSON-protocol client on plain `ws` (not the engine's client): the simulator tests
 * talk to it the way the wire protocol says, and see every frame.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import WebSocket from 'ws';

export const RS = '\x1e';

export type WireMessage = { type: number; [key: string]: unknown };

export interface ConnectOptions {
  token?: string;
  via?: 'header' | 'query';
  /** Negotiated connection token, sent as `id`. */
  id?: string;
  /** Send the JSON handshake and wait for its reply (default true). */
  handshake?: boolean;
}

export function wsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

export class RawHubClient {
  readonly messages: WireMessage[] = [];
  readonly rawFrames: string[] = [];
  handshakeReply: Record<string, unknown> | undefined;
  closeCode: number | undefined;
  private waiters: (() => void)[] = [];
  private nextId = 1;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.onData(data.toString()));
    ws.on('close', (code) => {
      this.closeCode = code;
      this.notify();
    });
    ws.on('error', () => undefined);
  }

  static async connect(hubUrl: string, opts: ConnectOptions = {}): Promise<RawHubClient> {
    const url = new URL(wsUrl(hubUrl));
    if (opts.id) url.searchParams.set('id', opts.id);
    if (opts.token && opts.via === 'query') url.searchParams.set('access_token', opts.token);
    const headers: Record<string, string> = opts.token && opts.via !== 'query' ? { Authorization: `Bearer ${opts.token}` } : {};
    const ws = new WebSocket(url, { headers, handshakeTimeout: 3000 });
    const client = new RawHubClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    if (opts.handshake !== false) {
      ws.send(`{"protocol":"json","version":1}${RS}`);
      await client.waitFor(() => client.handshakeReply !== undefined, 'handshake reply');
    }
    return client;
  }

  send(text: string): void {
    this.ws.send(text);
  }

  /** invoke(): sends an Invocation with an id and resolves with its Completion. */
  async invoke(target: string, ...args: unknown[]): Promise<WireMessage> {
    const invocationId = String(this.nextId++);
    this.send(JSON.stringify({ type: 1, invocationId, target, arguments: args }) + RS);
    return this.waitFor(() => this.messages.find((m) => m.type === 3 && m.invocationId === invocationId), `completion of ${target}`);
  }

  invocations(target: string): unknown[][] {
    return this.messages.filter((m) => m.type === 1 && m.target === target).map((m) => m.arguments as unknown[]);
  }

  /** Resolves with the first truthy value of `probe`, re-checked on every frame; rejects after timeoutMs. */
  waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 3000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): boolean => {
        const value = probe();
        if (value) {
          clearTimeout(timer);
          resolve(value);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for ${what}; got ${this.rawFrames.length} frames: ${this.rawFrames.slice(-3).join(' | ').slice(0, 400)}`));
      }, timeoutMs);
      const waiter = (): void => {
        if (check()) this.waiters = this.waiters.filter((w) => w !== waiter);
      };
      if (!check()) this.waiters.push(waiter);
    });
  }

  waitClosed(timeoutMs = 3000): Promise<number> {
    return this.waitFor(() => this.closeCode, 'close', timeoutMs);
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.terminate();
    await this.waitFor(() => this.ws.readyState === WebSocket.CLOSED, 'socket closed').catch(() => undefined);
  }

  private onData(text: string): void {
    this.rawFrames.push(text);
    for (const record of text.split(RS).slice(0, -1)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(record);
      } catch {
        continue;
      }
      if (this.handshakeReply === undefined && (parsed as { type?: unknown }).type === undefined) this.handshakeReply = parsed as Record<string, unknown>;
      else this.messages.push(parsed as WireMessage);
    }
    this.notify();
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }
}

/** A WebSocket upgrade by hand: resolves with the HTTP status (101 when upgraded) and headers. */
export function tryUpgrade(hubUrl: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(hubUrl, {
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': randomBytes(16).toString('base64'), ...headers },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

export async function postJson(url: string, body: unknown, token?: string): Promise<{ status: number; json: Record<string, unknown> | undefined; text: string; headers: Headers }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}

/** Polls `probe` until it holds (for simulator-side state no frame announces); rejects after timeoutMs. */
export async function eventually(probe: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The clients a test opened, with the current token filled in; closeAll() after each test. */
export class ClientPool {
  private readonly clients: RawHubClient[] = [];

  constructor(private readonly token: () => string) {}

  async open(hubUrl: string, opts: ConnectOptions = {}): Promise<RawHubClient> {
    const c = await RawHubClient.connect(hubUrl, { token: this.token(), ...opts });
    this.clients.push(c);
    return c;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.clients.splice(0).map((c) => c.close()));
  }
}
