/** Waits on a raw WebSocket for one SignalR message, so the doctor can walk the protocol steps one by one. */
import WebSocket from 'ws';
import { parseHandshakeResponse, parseMessage, splitRecords, type HubMessage } from '../wire/signalrCodec';

export type WireMessage = HubMessage | { readonly type: 'handshake'; readonly error?: string };

/** Splits one WebSocket message into records and parses each with the codec; unreadable records are skipped. */
export function readRecords(data: WebSocket.RawData, handshakeDone: boolean): WireMessage[] {
  const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
  const out: WireMessage[] = [];
  for (const record of splitRecords(text).records) {
    const handshake = handshakeDone ? undefined : parseHandshakeResponse(record);
    if (handshake) {
      out.push({ type: 'handshake', ...handshake });
      continue;
    }
    const parsed = parseMessage(record);
    if (parsed.ok) out.push(parsed.message);
  }
  return out;
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
