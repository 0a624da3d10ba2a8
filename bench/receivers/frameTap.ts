/**
 * The engine's events carry no `sentAt` (the parser keeps only documented fields), so the latency
 * phase reads it from the very WebSocket message being dispatched: `ws` emits 'message' and the
 * client parses and dispatches synchronously inside that emit, so the last message seen at dispatch
 * time is the one that holds the event. Installed only for the latency phase.
 */
import WebSocket from 'ws';

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

const SENT_AT = '"sentAt":';

export class FrameTap {
  private last: unknown;
  private readonly proto = WebSocket.prototype as unknown as { emit: Emit };
  private readonly hadOwn: boolean;
  private readonly original: Emit;

  constructor() {
    const proto = this.proto;
    this.hadOwn = Object.prototype.hasOwnProperty.call(proto, 'emit');
    this.original = proto.emit;
    const original = this.original;
    const setLast = (data: unknown) => (this.last = data);
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
      if (event === 'message') setLast(args[0]);
      return original.call(this, event, ...args);
    };
  }

  /** The `sentAt` of the message being dispatched (NaN when it has none). */
  sentAt(): number {
    const data = this.last;
    const text = Buffer.isBuffer(data) ? data.toString('latin1') : Array.isArray(data) ? Buffer.concat(data as Buffer[]).toString('latin1') : '';
    const at = text.lastIndexOf(SENT_AT);
    return at < 0 ? NaN : parseFloat(text.slice(at + SENT_AT.length));
  }

  dispose(): void {
    if (this.hadOwn) this.proto.emit = this.original;
    else delete (this.proto as Partial<{ emit: Emit }>).emit;
  }
}
