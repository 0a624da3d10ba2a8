/**
 * The `WebSocket` the signalr client constructs for one connect attempt: a subclass of `ws` that
 * writes the current token into the URL (query transport), drops the header when the profile wants
 * the query only, bounds the upgrade with `handshakeTimeout` (idle) and an absolute deadline (a server
 * trickling its answer), bounds each message with `maxPayload` (see limits.ts), and records the socket's real error
 * (the library reports 401, refused, DNS and TLS failures with one identical message). It is also
 * the frame tap: every message in (its 'message' event) and out (its `send`) reaches `frames`, but
 * is decoded to text only while someone listens (this runs for every message of a flood).
 * No 'unexpected-response' listener: ws would then leave the request open and the client hangs.
 */
import type WebSocket from 'ws';
import { UPGRADE_TOO_SLOW_CODE } from '../errors/classify';
import { MAX_WS_MESSAGE_BYTES, UPGRADE_DEADLINE_FACTOR } from '../limits';
import { ws } from './lazyModules';
import type { TokenTransport } from './types';

/** What one upgrade did; filled in by the socket's own events. */
export interface UpgradeTrace {
  startedAt?: number;
  /** When the server answered the upgrade (101) or the socket failed. */
  endedAt?: number;
  openedAt?: number;
  status?: number;
  errorMessage?: string;
  errorCode?: string;
  closeCode?: number;
  closeReason?: string;
}

export interface TokenSocketOptions {
  readonly token: string;
  readonly transport: TokenTransport;
  readonly upgradeTimeoutMs: number;
  readonly trace: UpgradeTrace;
  readonly now: () => number;
  /** Receives each socket so the connection machine can terminate one whose upgrade is never answered. */
  readonly onSocket: (socket: WebSocket) => void;
  /** Number of protocol records (0x1E-terminated) in each received message, pings included, and the
   * time it arrived: the one clock read per message that everything dispatched from it reuses. */
  readonly onRecords: (count: number, at: number) => void;
  readonly frames: FrameSink;
}

/** Where the tap sends raw frames; `listening` is checked before any text is decoded. */
export interface FrameSink {
  readonly listening: boolean;
  emit(direction: 'in' | 'out', text: string, at: number): void;
}

type SendCallback = (err?: Error) => void;
interface SendOptions {
  mask?: boolean;
  binary?: boolean;
  compress?: boolean;
  fin?: boolean;
}

/** Writes (or removes) `access_token` in a hub URL. */
export function withAccessToken(url: string, token: string | undefined): string {
  const parsed = new URL(url);
  if (token) parsed.searchParams.set('access_token', token);
  else parsed.searchParams.delete('access_token');
  return parsed.toString();
}

function countRecords(data: WebSocket.RawData): number {
  const chunks: readonly Uint8Array[] = Array.isArray(data) ? data : [data instanceof ArrayBuffer ? new Uint8Array(data) : data];
  let n = 0;
  for (const chunk of chunks) {
    // indexOf is native: depth frames run past 10 KB, a JS byte loop would cost on every message.
    for (let i = chunk.indexOf(0x1e); i !== -1; i = chunk.indexOf(0x1e, i + 1)) n++;
  }
  return n;
}

/** A frame's text (SignalR JSON frames are text; a binary one is decoded as UTF-8 all the same). */
function frameText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data.filter((c): c is Buffer => Buffer.isBuffer(c))).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  return String(data);
}

export type WebSocketConstructor = new (address: string | URL, protocols?: string | string[], options?: WebSocket.ClientOptions) => WebSocket;

/** A `ws` subclass bound to one attempt (the library calls `new C(url, undefined, { headers })`). */
export function tokenWebSocketClass(opts: TokenSocketOptions): WebSocketConstructor {
  return class TokenWebSocket extends ws() {
    constructor(address: string | URL, protocols?: string | string[], options?: WebSocket.ClientOptions) {
      const useQuery = opts.transport !== 'header';
      const url = withAccessToken(String(address), useQuery ? opts.token : undefined);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(options?.headers ?? {})) {
        if (typeof value === 'string') headers[name] = value;
      }
      if (opts.transport === 'query') {
        for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
      } else {
        headers.Authorization = `Bearer ${opts.token}`;
      }
      opts.trace.startedAt = opts.now();
      super(url, protocols, { ...options, headers, handshakeTimeout: opts.upgradeTimeoutMs, maxPayload: MAX_WS_MESSAGE_BYTES });
      opts.onSocket(this);
      const deadlineMs = Math.round(opts.upgradeTimeoutMs * UPGRADE_DEADLINE_FACTOR);
      const deadline = setTimeout(() => {
        if (this.readyState !== this.CONNECTING) return;
        opts.trace.errorCode ??= UPGRADE_TOO_SLOW_CODE;
        opts.trace.errorMessage ??= `the upgrade did not complete within ${deadlineMs} ms`;
        this.terminate();
      }, deadlineMs);
      const clearDeadline = () => clearTimeout(deadline);
      this.once('open', clearDeadline);
      this.once('close', clearDeadline);
      this.on('upgrade', (res) => {
        opts.trace.status = res.statusCode;
        opts.trace.endedAt = opts.now();
      });
      this.on('open', () => {
        opts.trace.openedAt = opts.now();
        opts.trace.endedAt ??= opts.trace.openedAt;
      });
      this.on('error', (err: Error & { code?: unknown }) => {
        opts.trace.errorMessage ??= err.message;
        if (typeof err.code === 'string') opts.trace.errorCode ??= err.code;
        const status = /Unexpected server response: (\d{3})/.exec(err.message);
        if (status) opts.trace.status = Number(status[1]);
        opts.trace.endedAt ??= opts.now();
      });
      this.on('close', (code, reason) => {
        opts.trace.closeCode = code;
        const text = reason.toString();
        if (text) opts.trace.closeReason = text;
        opts.trace.endedAt ??= opts.now();
      });
      this.on('message', (data) => {
        const at = opts.now();
        if (opts.frames.listening) opts.frames.emit('in', frameText(data), at);
        opts.onRecords(countRecords(data), at);
      });
    }

    override send(data: Parameters<WebSocket['send']>[0], second?: SendOptions | SendCallback, cb?: SendCallback): void {
      if (opts.frames.listening) opts.frames.emit('out', frameText(data), opts.now());
      if (typeof second === 'function') super.send(data, second);
      else if (second) super.send(data, second, cb);
      else super.send(data, cb);
    }
  };
}
