/**
 * Host ↔ depth ladder webview messages, and their validation both ways (each side parses what it
 * receives once, at the edge). The host posts the visible window only (at most ~30 times a second).
 */
export interface LadderRowMessage {
  readonly price: number;
  readonly bid: number;
  readonly ask: number;
}

export interface LadderWindowMessage {
  readonly rows: readonly LadderRowMessage[];
  readonly tickSize: number;
  readonly bestBid?: number;
  readonly bestAsk?: number;
  readonly spread?: number;
  readonly last?: { readonly price: number; readonly volume: number };
  readonly crossed: boolean;
  readonly maxVolume: number;
}

export type ToLadder =
  | { readonly type: 'window'; readonly contractId: string; readonly window: LadderWindowMessage }
  | { readonly type: 'notice'; readonly level: 'info' | 'warning' | 'error'; readonly text: string };

export type FromLadder = { readonly type: 'ready' } | { readonly type: 'recentre' };

/** What the panel remembers across a reload (the serializer reads it back). */
export interface LadderPanelState {
  readonly contractId: string;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const optNum = (v: unknown): boolean => v === undefined || isNum(v);

export function parseFromLadder(raw: unknown): Parsed<FromLadder> {
  if (isRecord(raw) && (raw.type === 'ready' || raw.type === 'recentre')) return { ok: true, value: { type: raw.type } };
  return { ok: false, error: `unknown ladder message ${JSON.stringify(isRecord(raw) ? raw.type : typeof raw)}` };
}

function isRow(v: unknown): v is LadderRowMessage {
  return isRecord(v) && isNum(v.price) && isNum(v.bid) && isNum(v.ask);
}

function isWindow(v: unknown): v is LadderWindowMessage {
  if (!isRecord(v) || !Array.isArray(v.rows) || !v.rows.every(isRow)) return false;
  if (!isNum(v.tickSize) || !isNum(v.maxVolume) || typeof v.crossed !== 'boolean') return false;
  if (!optNum(v.bestBid) || !optNum(v.bestAsk) || !optNum(v.spread)) return false;
  return v.last === undefined || (isRecord(v.last) && isNum(v.last.price) && isNum(v.last.volume));
}

export function parseToLadder(raw: unknown): Parsed<ToLadder> {
  if (!isRecord(raw)) return { ok: false, error: 'a ladder message must be an object' };
  if (raw.type === 'window' && typeof raw.contractId === 'string' && isWindow(raw.window)) {
    return { ok: true, value: { type: 'window', contractId: raw.contractId, window: raw.window } };
  }
  if (raw.type === 'notice' && (raw.level === 'info' || raw.level === 'warning' || raw.level === 'error') && typeof raw.text === 'string') {
    return { ok: true, value: { type: 'notice', level: raw.level, text: raw.text } };
  }
  return { ok: false, error: `malformed ladder message of type ${JSON.stringify(raw.type)}` };
}

export function parseLadderState(raw: unknown): Parsed<LadderPanelState> {
  if (isRecord(raw) && typeof raw.contractId === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(raw.contractId)) return { ok: true, value: { contractId: raw.contractId } };
  return { ok: false, error: 'no contract id in the saved ladder state' };
}
