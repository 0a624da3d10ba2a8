/**
 * SignalR JSON records inside one raw WebSocket frame: split on 0x1E and labelled (handshake,
 * invocation, completion, ping, close, …) without trusting the payload: a record that is not what
 * the protocol says becomes `unknown` with the reason, never an exception.
 */
import { isRecord, type JsonRecord } from '../util/json';

export const RECORD_SEPARATOR = '\x1e';

/** What one record is, as the raw frame view shows it. */
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

const OTHER_TYPES: Readonly<Record<number, string>> = { 2: 'stream item', 4: 'stream invocation', 5: 'cancel invocation', 8: 'ack', 9: 'sequence' };

/** The complete records of a frame, and any text after the last separator (a protocol error on a WebSocket). */
export function splitRecords(text: string): { readonly records: string[]; readonly rest: string } {
  const parts = text.split(RECORD_SEPARATOR);
  const rest = parts.pop() ?? '';
  return { records: parts, rest };
}

/** Labels one record (without its separator). `direction` tells a handshake response from a request. */
export function labelRecord(record: string, direction: 'in' | 'out'): RecordLabel {
  let value: unknown;
  try {
    value = JSON.parse(record);
  } catch {
    return { kind: 'unknown', reason: 'not JSON' };
  }
  if (!isRecord(value)) return { kind: 'unknown', reason: 'not a JSON object' };
  const type = value.type;
  if (type === undefined) return handshake(value, direction);
  if (typeof type !== 'number') return { kind: 'unknown', reason: `"type" is ${JSON.stringify(type)}, not a number` };
  const invocationId = typeof value.invocationId === 'string' ? value.invocationId : undefined;
  switch (type) {
    case 1: {
      if (typeof value.target !== 'string') return { kind: 'unknown', reason: 'invocation without a "target"' };
      const args = Array.isArray(value.arguments) ? value.arguments.length : 0;
      return { kind: 'invocation', target: value.target, args, ...(invocationId !== undefined ? { invocationId } : {}) };
    }
    case 3: {
      if (invocationId === undefined) return { kind: 'unknown', reason: 'completion without an "invocationId"' };
      const error = typeof value.error === 'string' ? value.error : undefined;
      return { kind: 'completion', invocationId, ok: error === undefined, ...(error !== undefined ? { error } : {}) };
    }
    case 6:
      return { kind: 'ping' };
    case 7: {
      const error = typeof value.error === 'string' ? value.error : undefined;
      return { kind: 'close', allowReconnect: value.allowReconnect === true, ...(error !== undefined ? { error } : {}) };
    }
    default: {
      const name = OTHER_TYPES[type];
      return name ? { kind: 'other', type, name } : { kind: 'unknown', reason: `unknown message type ${type}` };
    }
  }
}

function handshake(value: JsonRecord, direction: 'in' | 'out'): RecordLabel {
  if (direction === 'out') {
    if (typeof value.protocol === 'string' && typeof value.version === 'number') return { kind: 'handshake-request', protocol: value.protocol, version: value.version };
    return { kind: 'unknown', reason: 'no "type" and not a handshake request' };
  }
  if (value.error === undefined) return { kind: 'handshake-response' };
  return { kind: 'handshake-response', error: typeof value.error === 'string' ? value.error : JSON.stringify(value.error) };
}

/** One short line for a label, e.g. "invocation GatewayQuote", "completion 3 error: …", "close (reconnect allowed)". */
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
