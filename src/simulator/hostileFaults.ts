/**
 * A hostile or broken gateway, for the bounds the client must keep (issue 10): a frame far over any
 * sane size, a flood of distinct event names, deeply nested JSON, a REST or negotiate body that never ends and an
 * upgrade answer trickled one byte at a time. Each streams from a small reused chunk, so the
 * simulator itself stays small and a test measuring memory sees the client's cost, not ours.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { SimHub } from './simTypes';

export interface HostileFaultControls {
  /**
   * One WebSocket text frame whose header declares `bytes` to every handshaken connection of `hub`,
   * streamed straight to the socket until it is all written or the client hangs up. Resolves with
   * the payload bytes written.
   */
  hugeFrame(hub: SimHub, bytes: number): Promise<number>;
  /** `count` invocations, each with a target no client knows ("Hostile0", "Hostile1", …), `perFrame` records a frame. */
  unknownEvents(hub: SimHub, count: number, perFrame?: number): Promise<number>;
  /** One invocation of `target` whose single argument is `depth` nested arrays. */
  deepJson(hub: SimHub, target: string, depth: number): void;
  /** Every REST answer from now on is a 200 with a chunked JSON body that never ends; false clears. */
  endlessRestBody(endless: boolean): void;
  /** Every negotiate answer from now on is a 200 with a chunked JSON body that never ends; false clears. */
  endlessNegotiateBody(endless: boolean): void;
  /** Upgrades are answered one byte every `intervalMs` (a 101 whose headers never end); undefined clears and cuts those under way. */
  trickleUpgrades(intervalMs: number | undefined): void;
}

/** A hub connection as these faults need it (HubConnection fits). */
export interface HostileTarget {
  readonly ready: boolean;
  readonly bufferedAmount: number;
  readonly ws: object;
  sendRaw(text: string): void;
}

const CHUNK = Buffer.alloc(64 * 1024, 'a');
const RS = '\u001e';
/** Server-side send buffer we let build up before waiting for the client to read. */
const HIGH_WATER = 1024 * 1024;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** An unmasked, final text frame header declaring `length` payload bytes (64-bit length form). */
function textFrameHeader(length: number): Buffer {
  const header = Buffer.alloc(10);
  header[0] = 0x81;
  header[1] = 127;
  header.writeBigUInt64BE(BigInt(length), 2);
  return header;
}

/** Writes `chunk` and waits for 'drain' when the socket's buffer is full; false once the peer is gone. */
function writeWithBackpressure(socket: Duplex, chunk: Buffer | string): Promise<boolean> {
  if (socket.destroyed || !socket.writable) return Promise.resolve(false);
  if (socket.write(chunk)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      socket.off('drain', onDrain);
      socket.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    socket.once('drain', onDrain);
    socket.once('close', onClose);
  });
}

/** What the hub and REST code read and call; written only through HostileFaultControls. */
export class HostileState {
  endlessRest = false;
  endlessNegotiate = false;
  trickleMs: number | undefined;
  /** The raw socket under each upgraded WebSocket (hubEndpoint registers it). */
  private readonly sockets = new WeakMap<object, Duplex>();
  private readonly trickling = new Set<Duplex>();
  private readonly endless = new Set<ServerResponse>();

  track(ws: object, socket: Duplex): void {
    this.sockets.set(ws, socket);
  }

  socketOf(ws: object): Duplex | undefined {
    return this.sockets.get(ws);
  }

  /** Takes over an upgrade while trickling is on: a 101 whose headers never end, a byte at a time. */
  trickleUpgrade(socket: Duplex): boolean {
    const intervalMs = this.trickleMs;
    if (intervalMs === undefined) return false;
    this.trickling.add(socket);
    const text = 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Padding: ';
    let sent = 0;
    const timer = setInterval(() => {
      if (socket.destroyed) return;
      socket.write(sent < text.length ? text[sent] : 'a');
      sent++;
    }, intervalMs);
    socket.once('close', () => {
      clearInterval(timer);
      this.trickling.delete(socket);
    });
    return true;
  }

  /** Answers a REST request with a body that never ends, while that fault is on. */
  interceptRest(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    if (!this.endlessRest || !url.pathname.toLowerCase().startsWith('/api/')) return false;
    this.streamEndless(req, res);
    return true;
  }

  /** Answers a negotiate request with a body that never ends, while that fault is on. */
  interceptNegotiate(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.endlessNegotiate) return false;
    this.streamEndless(req, res);
    return true;
  }

  /** A 200 whose JSON body starts sanely and never ends, written as fast as the client reads it. */
  private streamEndless(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    this.endless.add(res);
    res.once('close', () => this.endless.delete(res));
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    res.write('{"success":true,"padding":"');
    const pump = (): void => {
      while (!res.destroyed && this.endless.has(res)) {
        if (!res.write(CHUNK)) {
          res.once('drain', pump);
          return;
        }
      }
    };
    pump();
  }

  /** Cuts the upgrades being trickled (the client sees the socket close and retries). */
  releaseTrickling(): void {
    for (const socket of this.trickling) socket.destroy();
    this.trickling.clear();
  }

  clear(): void {
    this.endlessRest = false;
    this.endlessNegotiate = false;
    this.trickleMs = undefined;
    this.releaseTrickling();
    for (const res of this.endless) res.destroy();
    this.endless.clear();
  }
}

async function sendHugeFrame(socket: Duplex, bytes: number): Promise<number> {
  if (!(await writeWithBackpressure(socket, textFrameHeader(bytes)))) return 0;
  let written = 0;
  while (written < bytes) {
    const chunk = bytes - written >= CHUNK.length ? CHUNK : CHUNK.subarray(0, bytes - written);
    if (!(await writeWithBackpressure(socket, chunk))) break;
    written += chunk.length;
  }
  return written;
}

async function sendUnknownEvents(targets: readonly HostileTarget[], count: number, perFrame: number): Promise<number> {
  let sent = 0;
  while (sent < count && targets.some((t) => t.ready)) {
    const n = Math.min(perFrame, count - sent);
    let text = '';
    for (let i = 0; i < n; i++) text += `{"type":1,"target":"Hostile${sent + i}","arguments":[]}${RS}`;
    for (const t of targets) if (t.ready) t.sendRaw(text);
    sent += n;
    // Let the client read before building more: the flood must cost the client, not our buffers.
    while (targets.some((t) => t.ready && t.bufferedAmount > HIGH_WATER)) await sleep(1);
  }
  return sent;
}

export function createHostileControls(state: HostileState, targets: (hub: SimHub) => readonly HostileTarget[]): HostileFaultControls {
  return {
    hugeFrame: async (hub, bytes) => {
      const sockets = targets(hub)
        .filter((t) => t.ready)
        .map((t) => state.socketOf(t.ws))
        .filter((s): s is Duplex => s !== undefined);
      const written = await Promise.all(sockets.map((s) => sendHugeFrame(s, bytes)));
      return Math.max(0, ...written);
    },
    unknownEvents: (hub, count, perFrame = 1_000) => sendUnknownEvents(targets(hub), count, perFrame),
    deepJson: (hub, target, depth) => {
      const text = `{"type":1,"target":${JSON.stringify(target)},"arguments":[${'['.repeat(depth)}${']'.repeat(depth)}]}${RS}`;
      for (const t of targets(hub)) if (t.ready) t.sendRaw(text);
    },
    endlessRestBody: (endless) => {
      state.endlessRest = endless;
    },
    endlessNegotiateBody: (endless) => {
      state.endlessNegotiate = endless;
    },
    trickleUpgrades: (intervalMs) => {
      state.trickleMs = intervalMs;
      if (intervalMs === undefined) state.releaseTrickling();
    },
  };
}
