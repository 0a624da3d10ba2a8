import type { RawData, WebSocket } from 'ws';
import type { FaultState } from './faults';
import { closeFrame, completionFrame, frame, parseHandshakeRequest, parseMessage, PING_FRAME, splitRecords } from '../core/wire/signalrCodec';
import type { SimHub } from './simTypes';

/** ASP.NET Core's default MaximumReceiveMessageSize. */
export const MAX_MESSAGE_BYTES = 32 * 1024;
const HANDSHAKE_TIMEOUT_MS = 15_000;

export type InvokeOutcome = { kind: 'ok' } | { kind: 'error'; error: string } | { kind: 'never' };

/** What a connection needs from the hub around it. */
export interface HubConnectionHost {
  readonly faults: FaultState;
  readonly keepAliveIntervalMs: number;
  readonly clientTimeoutMs: number;
  /** Called for every frame in/out; cheap when nobody listens. */
  frame(conn: HubConnection, direction: 'in' | 'out', text: string): void;
  invoke(conn: HubConnection, target: string, args: unknown[]): Promise<InvokeOutcome>;
  closed(conn: HubConnection): void;
}

/**
 * One hub client on a WebSocket: handshake, keep-alive pings, client timeout, invocations, close.
 * Timers stay ref'd and are all cleared in end(): a leak shows up in the stop() handle test.
 */
export class HubConnection {
  readonly subscriptions = new Set<string>();
  private handshaken = false;
  private buffer = '';
  private pingTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private handshakeTimer: NodeJS.Timeout | undefined;
  private ended = false;

  constructor(
    readonly ws: WebSocket,
    readonly hub: SimHub,
    readonly connectionId: string,
    readonly userName: string,
    readonly negotiated: boolean,
    private readonly host: HubConnectionHost,
  ) {
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('close', () => this.end());
    // ws reports protocol violations (bad UTF-8, oversized frames) here and then closes the socket itself.
    ws.on('error', () => this.end());
    this.idleTimer = setTimeout(() => this.onClientSilent(), host.clientTimeoutMs);
    if (!host.faults.hangHandshake) {
      this.handshakeTimer = setTimeout(() => this.closeWithError('Handshake was canceled: no handshake request within 15 s.'), HANDSHAKE_TIMEOUT_MS);
    }
  }

  /** Open and past the handshake: ready for events. */
  get ready(): boolean {
    return this.handshaken && !this.ended && this.ws.readyState === this.ws.OPEN;
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  /** Sends a hub event; suppressed while the server is silenced. */
  sendEvent(text: string): boolean {
    if (this.host.faults.silent || !this.ready) return false;
    this.write(text);
    return true;
  }

  /** Sends raw text as it is (fault injection), to any open connection. */
  sendRaw(text: string): void {
    if (!this.ended && this.ws.readyState === this.ws.OPEN) this.write(text);
  }

  closeWithError(error: string, allowReconnect = false): void {
    if (this.ended) return;
    this.sendRaw(closeFrame(error, allowReconnect));
    this.ws.close(1000);
    this.end();
  }

  /** Drop the TCP connection with no Close frame (the client sees 1006). */
  terminate(): void {
    this.ws.terminate();
    this.end();
  }

  private write(text: string): void {
    this.ws.send(text);
    this.host.frame(this, 'out', text);
  }

  private onMessage(data: RawData, _isBinary: boolean): void {
    this.idleTimer?.refresh();
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    const text = bytes.toString('utf8');
    this.host.frame(this, 'in', text);
    if (bytes.length + this.buffer.length > MAX_MESSAGE_BYTES) {
      this.closeWithError(`Connection closed with an error. InvalidDataException: The maximum message size of ${MAX_MESSAGE_BYTES}B was exceeded.`);
      return;
    }
    const { records, rest } = splitRecords(this.buffer + text);
    this.buffer = rest;
    for (const record of records) {
      if (this.ended) return;
      if (this.handshaken) this.onRecord(record);
      else this.onHandshake(record);
    }
  }

  private onHandshake(record: string): void {
    const faults = this.host.faults;
    if (faults.hangHandshake) return;
    clearTimeout(this.handshakeTimer);
    const request = parseHandshakeRequest(record);
    let error: string | undefined;
    if (!request.ok) error = `Handshake failed: ${request.error}.`;
    else if (request.protocol !== 'json') error = `The protocol '${request.protocol}' is not supported.`;
    else if (request.version !== 1) error = `The server does not support version ${request.version} of the 'json' protocol.`;
    else error = faults.handshakeError;
    if (error !== undefined) {
      this.sendRaw(frame({ error }));
      this.ws.close(1000);
      this.end();
      return;
    }
    this.handshaken = true;
    this.sendRaw(frame({}));
    this.pingTimer = setInterval(() => {
      if (!this.host.faults.silent) this.sendRaw(PING_FRAME);
    }, this.host.keepAliveIntervalMs);
  }

  private onRecord(record: string): void {
    const parsed = parseMessage(record);
    if (!parsed.ok) {
      this.closeWithError(`Connection closed with an error. InvalidDataException: ${parsed.error}.`);
      return;
    }
    const msg = parsed.message;
    switch (msg.type) {
      case 1:
        this.onInvocation(msg.invocationId, msg.target, [...msg.arguments]);
        return;
      case 4:
        if (msg.invocationId !== undefined) {
          this.sendRaw(completionFrame(msg.invocationId, `Failed to invoke '${msg.target}' due to an error on the server. The client attempted to invoke the non-streaming method '${msg.target}' in a streaming fashion.`));
        }
        return;
      case 7:
        this.ws.close(1000);
        this.end();
        return;
      default:
        // Ping, CancelInvocation and unknown types need no answer.
        return;
    }
  }

  private onInvocation(invocationId: string | undefined, target: string, args: unknown[]): void {
    this.host.invoke(this, target, args).then(
      (outcome) => {
        if (invocationId === undefined || outcome.kind === 'never') return;
        this.sendRaw(completionFrame(invocationId, outcome.kind === 'error' ? outcome.error : undefined));
      },
      () => {
        if (invocationId !== undefined) this.sendRaw(completionFrame(invocationId, `An unexpected error occurred invoking '${target}' on the server.`));
      },
    );
  }

  private onClientSilent(): void {
    this.closeWithError(`Server closed the connection: no message from the client within ${this.host.clientTimeoutMs} ms (client timeout).`);
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.pingTimer);
    clearTimeout(this.idleTimer);
    clearTimeout(this.handshakeTimer);
    this.subscriptions.clear();
    this.host.closed(this);
  }
}
