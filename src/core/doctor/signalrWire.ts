/** Just enough of the SignalR JSON hub protocol for the doctor to walk the steps one by one. */
import WebSocket from 'ws';

export const RECORD_SEPARATOR = '\x1e';

export type WireMessage =
  | { readonly type: 1; readonly target: string; readonly arguments: readonly unknown[] }
  | { readonly type: 3; readonly invocationId: string; readonly error?: string; readonly result?: unknown }
  | { readonly type: 6 }
  | { readonly type: 7; readonly error?: string; readonly allowReconnect?: boolean }
  | { readonly type: 'handshake'; readonly error?: string }
  | { readonly type: 'other' };

/** Splits one WebSocket message into records and reads each; unreadable records are skipped. */
export function readRecords(data: WebSocket.RawData, handshakeDone: boolean): WireMessage[] {
  const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
  const out: WireMessage[] = [];
  for (const record of text.split(RECORD_SEPARATOR)) {
    if (!record) continue;
    let value: unknown;
    try {
      value = JSON.parse(record);
    } catch {
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    const msg = value as Record<string, unknown>;
    if (!handshakeDone && msg.type === undefined) {
      out.push({ type: 'handshake', ...(typeof msg.error === 'string' ? { error: msg.error } : {}) });
    } else if (msg.type === 1 && typeof msg.target === 'string') {
      out.push({ type: 1, target: msg.target, arguments: Array.isArray(msg.arguments) ? msg.arguments : [] });
    } else if (msg.type === 3 && typeof msg.invocationId === 'string') {
      out.push({ type: 3, invocationId: msg.invocationId, ...(typeof msg.error === 'string' ? { error: msg.error } : {}) });
    } else if (msg.type === 6) {
      out.push({ type: 6 });
    } else if (msg.type === 7) {
      out.push({ type: 7, ...(typeof msg.error === 'string' ? { error: msg.error } : {}), allowReconnect: msg.allowReconnect === true });
    } else {
      out.push({ type: 'other' });
    }
  }
  return out;
}

export function frame(value: unknown): string {
  return JSON.stringify(value) + RECORD_SEPARATOR;
}

/** Waits for the first message matching `pick`, a close, or the timeout. */
export function waitFor<T>(
  socket: WebSocket,
  pick: (m: WireMessage) => T | undefined,
  timeoutMs: number,
  state: { handshakeDone: boolean },
): Promise<{ ok: true; value: T } | { ok: false; reason: 'timeout' | 'closed'; code?: number; text?: string }> {
  return new Promise((resolve) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      socket.off('message', onMessage);
      socket.off('close', onClose);
    };
    const onMessage = (data: WebSocket.RawData): void => {
      for (const m of readRecords(data, state.handshakeDone)) {
        const value = pick(m);
        if (value !== undefined) {
          cleanup();
          resolve({ ok: true, value });
          return;
        }
      }
    };
    const onClose = (code: number, reason: Buffer): void => {
      cleanup();
      resolve({ ok: false, reason: 'closed', code, text: reason.toString('utf8') });
    };
    const timer = setTimeout(() => {
      cleanup();
      resolve({ ok: false, reason: 'timeout' });
    }, timeoutMs);
    socket.on('message', onMessage);
    socket.on('close', onClose);
  });
}
