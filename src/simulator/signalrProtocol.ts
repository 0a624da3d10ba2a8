/** The SignalR JSON hub protocol, server side: 0x1E record framing and the message union. */
export const RS = '\x1e';

export const MessageType = {
  Invocation: 1,
  StreamItem: 2,
  Completion: 3,
  StreamInvocation: 4,
  CancelInvocation: 5,
  Ping: 6,
  Close: 7,
} as const;

/** What a client may send after the handshake, parsed once here. */
export type ClientMessage =
  | { type: 1; invocationId: string | undefined; target: string; arguments: unknown[] }
  | { type: 4; invocationId: string | undefined; target: string }
  | { type: 5 | 6 | 7 }
  | { type: 'other'; code: number };

export type HandshakeRequest = { ok: true; protocol: string; version: number } | { ok: false; error: string };

/**
 * Splits buffered text into complete records; the tail after the last separator stays buffered
 * (a record may span WebSocket messages).
 */
export function splitRecords(buffer: string): { records: string[]; rest: string } {
  const parts = buffer.split(RS);
  const rest = parts.pop() ?? '';
  return { records: parts, rest };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseHandshake(record: string): HandshakeRequest {
  let value: unknown;
  try {
    value = JSON.parse(record);
  } catch {
    return { ok: false, error: 'the handshake request is not valid JSON' };
  }
  if (!isObject(value) || typeof value.protocol !== 'string' || typeof value.version !== 'number') {
    return { ok: false, error: "the handshake request needs a string 'protocol' and a number 'version'" };
  }
  return { ok: true, protocol: value.protocol, version: value.version };
}

/** Parses one record; a string is a protocol error that closes the connection. */
export function parseMessage(record: string): ClientMessage | string {
  let value: unknown;
  try {
    value = JSON.parse(record);
  } catch {
    return 'the message is not valid JSON';
  }
  if (!isObject(value) || typeof value.type !== 'number') return "the message has no numeric 'type'";
  const invocationId = value.invocationId;
  if (invocationId !== undefined && invocationId !== null && typeof invocationId !== 'string') return "'invocationId' must be a string";
  const id = typeof invocationId === 'string' ? invocationId : undefined;
  switch (value.type) {
    case MessageType.Invocation:
      if (typeof value.target !== 'string') return "an Invocation needs a string 'target'";
      if (value.arguments !== undefined && !Array.isArray(value.arguments)) return "an Invocation's 'arguments' must be an array";
      return { type: 1, invocationId: id, target: value.target, arguments: Array.isArray(value.arguments) ? value.arguments : [] };
    case MessageType.StreamInvocation:
      if (typeof value.target !== 'string') return "a StreamInvocation needs a string 'target'";
      return { type: 4, invocationId: id, target: value.target };
    case MessageType.CancelInvocation:
    case MessageType.Ping:
    case MessageType.Close:
      return { type: value.type };
    default:
      return { type: 'other', code: value.type };
  }
}

export function frame(message: object): string {
  return JSON.stringify(message) + RS;
}

export function invocationFrame(target: string, args: readonly unknown[]): string {
  return frame({ type: MessageType.Invocation, target, arguments: args });
}

export function completionFrame(invocationId: string, error?: string): string {
  return frame(error === undefined ? { type: MessageType.Completion, invocationId } : { type: MessageType.Completion, invocationId, error });
}

export function closeFrame(error?: string, allowReconnect?: boolean): string {
  const msg: { type: number; error?: string; allowReconnect?: boolean } = { type: MessageType.Close };
  if (error !== undefined) msg.error = error;
  if (allowReconnect) msg.allowReconnect = true;
  return frame(msg);
}

export const PING_FRAME = frame({ type: MessageType.Ping });
