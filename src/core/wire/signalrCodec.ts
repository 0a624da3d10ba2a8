/**
 * The SignalR JSON hub protocol on the wire, written once: 0x1E record framing, the message types,
 * parsing a record into a discriminated union (a record that breaks the protocol becomes one line
 * naming why, never an exception), labels for the raw frame view, and building frames.
 * Used by the recorder and raw-frame log, the doctor's probes and the simulator. It knows nothing of
 * the gateway's hub methods or events: those are the gateway's contract, not the protocol's.
 */
import { isRecord, type JsonRecord } from '../util/json';

export const RECORD_SEPARATOR = '\x1e';

export const MessageType = {
  Invocation: 1,
  StreamItem: 2,
  Completion: 3,
  StreamInvocation: 4,
  CancelInvocation: 5,
  Ping: 6,
  Close: 7,
  Ack: 8,
  Sequence: 9,
} as const;

/** One record after the handshake, parsed once. */
export type HubMessage =
  | { readonly type: 1; readonly invocationId: string | undefined; readonly target: string; readonly arguments: readonly unknown[] }
  | { readonly type: 3; readonly invocationId: string; readonly error?: string; readonly result?: unknown }
  | { readonly type: 4; readonly invocationId: string | undefined; readonly target: string }
  | { readonly type: 6 }
  | { readonly type: 7; readonly error?: string; readonly allowReconnect: boolean }
  /** Stream item, cancel, ack, sequence, or a type this protocol version does not know: nothing to answer. */
  | { readonly type: 'other'; readonly code: number };

export type ParsedMessage = { readonly ok: true; readonly message: HubMessage } | { readonly ok: false; readonly error: string };

export type HandshakeRequest = { readonly ok: true; readonly protocol: string; readonly version: number } | { readonly ok: false; readonly error: string };

/**
 * Splits text into complete records; the tail after the last separator is returned apart (a reader
 * that buffers keeps it for the next WebSocket message; on a frame it is a protocol error).
 */
export function splitRecords(text: string): { readonly records: string[]; readonly rest: string } {
  const parts = text.split(RECORD_SEPARATOR);
  const rest = parts.pop() ?? '';
  return { records: parts, rest };
}

function parseJson(record: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(record) };
  } catch {
    return { ok: false };
  }
}

/** Parses one record after the handshake, with the checks ASP.NET Core's JSON protocol makes. */
export function parseMessage(record: string): ParsedMessage {
  const json = parseJson(record);
  if (!json.ok) return { ok: false, error: 'the message is not valid JSON' };
  const value = json.value;
  if (!isRecord(value)) return { ok: false, error: 'the message is not a JSON object' };
  return parseMessageValue(value);
}

function parseMessageValue(value: JsonRecord): ParsedMessage {
  const type = value.type;
  if (typeof type !== 'number') return { ok: false, error: type === undefined ? "the message has no 'type'" : `'type' is ${JSON.stringify(type)}, not a number` };
  const rawId = value.invocationId;
  if (rawId !== undefined && rawId !== null && typeof rawId !== 'string') return { ok: false, error: "'invocationId' must be a string" };
  const invocationId = typeof rawId === 'string' ? rawId : undefined;
  const error = typeof value.error === 'string' ? value.error : undefined;
  switch (type) {
    case MessageType.Invocation:
      if (typeof value.target !== 'string') return { ok: false, error: "an invocation needs a string 'target'" };
      if (value.arguments !== undefined && !Array.isArray(value.arguments)) return { ok: false, error: "an invocation's 'arguments' must be an array" };
      return { ok: true, message: { type, invocationId, target: value.target, arguments: Array.isArray(value.arguments) ? value.arguments : [] } };
    case MessageType.Completion:
      if (invocationId === undefined) return { ok: false, error: "a completion needs an 'invocationId'" };
      return { ok: true, message: { type, invocationId, ...(error !== undefined ? { error } : {}), ...('result' in value ? { result: value.result } : {}) } };
    case MessageType.StreamInvocation:
      if (typeof value.target !== 'string') return { ok: false, error: "a stream invocation needs a string 'target'" };
      return { ok: true, message: { type, invocationId, target: value.target } };
    case MessageType.Ping:
      return { ok: true, message: { type } };
    case MessageType.Close:
      return { ok: true, message: { type, allowReconnect: value.allowReconnect === true, ...(error !== undefined ? { error } : {}) } };
    default:
      return { ok: true, message: { type: 'other', code: type } };
  }
}

/** The client's first record: `{"protocol":"json","version":1}`. */
export function parseHandshakeRequest(record: string): HandshakeRequest {
  const json = parseJson(record);
  if (!json.ok) return { ok: false, error: 'the handshake request is not valid JSON' };
  const value = json.value;
  if (!isRecord(value) || typeof value.protocol !== 'string' || typeof value.version !== 'number') {
    return { ok: false, error: "the handshake request needs a string 'protocol' and a number 'version'" };
  }
  return { ok: true, protocol: value.protocol, version: value.version };
}

/** The server's first record: `{}` or `{"error":"…"}`; undefined when the record is not a handshake response. */
export function parseHandshakeResponse(record: string): { readonly error?: string } | undefined {
  const json = parseJson(record);
  if (!json.ok || !isRecord(json.value) || json.value.type !== undefined) return undefined;
  const error = json.value.error;
  if (error === undefined) return {};
  return { error: typeof error === 'string' ? error : JSON.stringify(error) };
}

// ---- Labels: what a record is, as the raw frame view shows it ----

export type RecordLabel =
  | { readonly kind: 'handshake-request'; readonly protocol: string; readonly version: number }
  | { readonly kind: 'handshake-response'; readonly error?: string }
  | { readonly kind: 'invocation'; readonly target: string; readonly invocationId?: string; readonly args: number }
  | { readonly kind: 'completion'; readonly invocationId: string; readonly ok: boolean; readonly error?: string }
  | { readonly kind: 'ping' }
  | { readonly kind: 'close'; readonly error?: string; readonly allowReconnect: boolean }
  /** Stream item, stream invocation, cancel, ack, sequence: valid but rare on these hubs. */
  | { readonly kind: 'other'; readonly type: number; readonly name: string }
  | { readonly kind: 'unknown'; readonly reason: string };

export type RecordKind = RecordLabel['kind'];

const OTHER_NAMES: Readonly<Record<number, string>> = { 2: 'stream item', 4: 'stream invocation', 5: 'cancel invocation', 8: 'ack', 9: 'sequence' };

/** Labels one record (without its separator). `direction` tells a handshake response from a request. */
export function labelRecord(record: string, direction: 'in' | 'out'): RecordLabel {
  const json = parseJson(record);
  if (!json.ok) return { kind: 'unknown', reason: 'not JSON' };
  const value = json.value;
  if (!isRecord(value)) return { kind: 'unknown', reason: 'not a JSON object' };
  if (value.type === undefined) return handshakeLabel(record, value, direction);
  const parsed = parseMessageValue(value);
  if (!parsed.ok) return { kind: 'unknown', reason: parsed.error };
  const m = parsed.message;
  switch (m.type) {
    case 1:
      return { kind: 'invocation', target: m.target, args: m.arguments.length, ...(m.invocationId !== undefined ? { invocationId: m.invocationId } : {}) };
    case 3:
      return { kind: 'completion', invocationId: m.invocationId, ok: m.error === undefined, ...(m.error !== undefined ? { error: m.error } : {}) };
    case 6:
      return { kind: 'ping' };
    case 7:
      return { kind: 'close', allowReconnect: m.allowReconnect, ...(m.error !== undefined ? { error: m.error } : {}) };
    case 4:
      return { kind: 'other', type: 4, name: OTHER_NAMES[4] };
    case 'other': {
      const name = OTHER_NAMES[m.code];
      return name ? { kind: 'other', type: m.code, name } : { kind: 'unknown', reason: `unknown message type ${m.code}` };
    }
  }
}

function handshakeLabel(record: string, value: JsonRecord, direction: 'in' | 'out'): RecordLabel {
  if (direction === 'out') {
    const request = parseHandshakeRequest(record);
    return request.ok ? { kind: 'handshake-request', protocol: request.protocol, version: request.version } : { kind: 'unknown', reason: 'no "type" and not a handshake request' };
  }
  const response = value.error === undefined ? {} : parseHandshakeResponse(record) ?? {};
  return { kind: 'handshake-response', ...response };
}

/** One short line for a label, e.g. "invocation GatewayQuote", "completion #3 error: …", "close (reconnect allowed)". */
export function describeLabel(label: RecordLabel): string {
  switch (label.kind) {
    case 'handshake-request':
      return `handshake request ${label.protocol} v${label.version}`;
    case 'handshake-response':
      return label.error === undefined ? 'handshake ok' : `handshake error: ${label.error}`;
    case 'invocation':
      return `invocation ${label.target}${label.invocationId !== undefined ? ` #${label.invocationId}` : ''}`;
    case 'completion':
      return `completion #${label.invocationId} ${label.ok ? 'ok' : `error: ${label.error ?? ''}`}`;
    case 'ping':
      return 'ping';
    case 'close':
      return `close${label.error !== undefined ? ` error: ${label.error}` : ''}${label.allowReconnect ? ' (reconnect allowed)' : ''}`;
    case 'other':
      return label.name;
    case 'unknown':
      return `unknown: ${label.reason}`;
  }
}

/** True for a server→client invocation (an event), the only records a replay sends again. */
export function isServerEvent(label: RecordLabel): label is Extract<RecordLabel, { kind: 'invocation' }> {
  return label.kind === 'invocation' && label.invocationId === undefined;
}

// ---- Building frames ----

export function frame(message: object): string {
  return JSON.stringify(message) + RECORD_SEPARATOR;
}

export function invocationFrame(target: string, args: readonly unknown[], invocationId?: string): string {
  return frame(invocationId === undefined ? { type: MessageType.Invocation, target, arguments: args } : { type: MessageType.Invocation, invocationId, target, arguments: args });
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

export const HANDSHAKE_REQUEST_FRAME = frame({ protocol: 'json', version: 1 });
export const PING_FRAME = frame({ type: MessageType.Ping });
