import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { FaultState } from './faults';
import { HubConnection, type HubConnectionHost } from './hubConnection';
import type { HubRegistry } from './hubRegistry';
import { bearerChallenge, rawResponse, sendJson, sendText } from './httpUtil';
import { hubOfPath, type SimHub } from './simTypes';
import { describeTokenFailure, tokenOf, type TokenCheck, type TokenService } from './tokens';

interface Pending {
  hub: SimHub;
  connectionId: string;
  userName: string;
}

const MAX_PENDING = 1000;

function newId(): string {
  return randomBytes(16).toString('base64url');
}

function challengeOf(check: Exclude<TokenCheck, { ok: true }>): string {
  return bearerChallenge(check.reason === 'missing' ? undefined : describeTokenFailure(check.reason));
}

/** `/hubs/{user|market}`: negotiate, and the WebSocket upgrade with its auth and connection-token checks. */
export class HubEndpoint {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 2 * 1024 * 1024, perMessageDeflate: false, clientTracking: true });
  /** Negotiated and not yet used, keyed by the connection token (or the id for negotiateVersion 0). */
  private readonly pending = new Map<string, Pending>();
  private readonly hung = new Set<Duplex>();

  constructor(
    private readonly tokens: TokenService,
    private readonly faults: FaultState,
    private readonly registry: HubRegistry,
    private readonly host: HubConnectionHost,
  ) {}

  /** Handles `{hub}/negotiate` and plain HTTP on a hub path; false when the path is not a hub's. */
  async handleHttp(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const negotiate = /\/negotiate\/?$/i.exec(url.pathname);
    const hub = hubOfPath(negotiate ? url.pathname.slice(0, negotiate.index) : url.pathname);
    if (!hub) return false;
    if (!negotiate) {
      sendText(res, 400, 'Connection ID required: open this hub with a WebSocket upgrade.');
      return true;
    }
    if (req.method !== 'POST') {
      sendText(res, 405, 'Negotiate is POST only.', { Allow: 'POST' });
      return true;
    }
    if (this.faults.hostile.interceptNegotiate(req, res)) return true;
    const check = await this.tokens.check(tokenOf(req.headers.authorization, url.searchParams));
    if (!check.ok) {
      res.writeHead(401, { 'WWW-Authenticate': challengeOf(check), 'Content-Length': 0 });
      res.end();
      return true;
    }
    const connectionId = newId();
    const version = url.searchParams.get('negotiateVersion') === '1' ? 1 : 0;
    const connectionToken = version === 1 ? newId() : connectionId;
    if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value as string);
    this.pending.set(connectionToken, { hub, connectionId, userName: check.userName });
    const transports = [{ transport: 'WebSockets', transferFormats: ['Text', 'Binary'] }];
    sendJson(res, 200, version === 1 ? { negotiateVersion: 1, connectionId, connectionToken, availableTransports: transports } : { negotiateVersion: 0, connectionId, availableTransports: transports });
    return true;
  }

  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const hub = hubOfPath(url.pathname);
    if (!hub) return rawResponse(socket, 404);
    if (this.faults.hangUpgrades) {
      this.hung.add(socket);
      socket.once('close', () => this.hung.delete(socket));
      return;
    }
    if (this.faults.hostile.trickleUpgrade(socket)) return;
    const rejection = this.faults.takeUpgradeRejection(hub);
    if (rejection !== undefined) return rawResponse(socket, rejection);
    const check = await this.tokens.check(tokenOf(req.headers.authorization, url.searchParams));
    if (!check.ok) return rawResponse(socket, 401, { 'WWW-Authenticate': challengeOf(check) });
    const id = url.searchParams.get('id');
    let connectionId = newId();
    let negotiated = false;
    if (id !== null) {
      const pending = this.pending.get(id);
      if (!pending || pending.hub !== hub) return rawResponse(socket, 404, { 'Content-Type': 'text/plain' }, 'No Connection with that ID');
      // A connection token is good for one socket, and only for the user who negotiated it.
      this.pending.delete(id);
      if (pending.userName !== check.userName) return rawResponse(socket, 403);
      connectionId = pending.connectionId;
      negotiated = true;
    }
    if (socket.destroyed) return;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.faults.hostile.track(ws, socket);
      const conn = new HubConnection(ws, hub, connectionId, check.userName, negotiated, this.host);
      this.registry.add(conn);
    });
  }

  /** Terminates every socket (of a hub) without a Close frame, hung upgrades included. */
  dropAll(hub?: SimHub): void {
    for (const conn of this.registry.list(hub)) conn.terminate();
    if (!hub) this.releaseHung();
  }

  releaseHung(): void {
    for (const socket of this.hung) socket.destroy();
    this.hung.clear();
  }

  close(): void {
    for (const ws of this.wss.clients) ws.terminate();
    this.releaseHung();
    this.pending.clear();
    this.wss.close();
  }
}
