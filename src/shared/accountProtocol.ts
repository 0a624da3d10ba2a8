/**
 * The account panel's messages (host <-> webview) and saved state, with their parsers: unknown or
 * malformed input is rejected with a one-line reason, never thrown. The host sends display-ready
 * figures only (no token, key or URL ever crosses).
 */
export type RuleStateKind = 'ok' | 'warning' | 'breached';

export interface AccountRuleRow {
  readonly name: string;
  readonly text: string;
  readonly state: RuleStateKind;
}

export interface AccountPositionRow {
  readonly contract: string;
  readonly side: string;
  readonly size: number;
  readonly averagePrice: string;
  readonly mark: string;
  readonly unrealized: string;
}

/** Net P&L at a time (epoch seconds): the intraday line. */
export interface PnlPoint {
  readonly time: number;
  readonly value: number;
}

export interface AccountPanelView {
  readonly accountId: number;
  readonly title: string;
  readonly balance: string;
  readonly net: string;
  readonly realized: string;
  readonly fees: string;
  readonly unrealized: string;
  readonly worst: RuleStateKind | 'none';
  readonly rules: readonly AccountRuleRow[];
  readonly positions: readonly AccountPositionRow[];
  readonly points: readonly PnlPoint[];
}

export type AccountToWebview = { readonly type: 'account'; readonly view: AccountPanelView } | { readonly type: 'noAccount'; readonly text: string };
export type AccountFromWebview = { readonly type: 'ready' } | { readonly type: 'webviewError'; readonly text: string };
export interface AccountPanelState {
  readonly v: 1;
  readonly accountId: number;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Points sent per message at most (the host thins the line beyond this). */
export const MAX_PNL_POINTS = 2000;
const MAX_ROWS = 500;
const MAX_TEXT = 300;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT;
const isState = (v: unknown): v is RuleStateKind => v === 'ok' || v === 'warning' || v === 'breached';
const isAccountId = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

function rowsOk<T>(v: unknown, check: (row: Obj) => boolean, max = MAX_ROWS): v is T[] {
  return Array.isArray(v) && v.length <= max && v.every((r) => isObj(r) && check(r));
}

export function parseAccountToWebview(raw: unknown): Parsed<AccountToWebview> {
  if (!isObj(raw)) return fail('expected an object');
  if (raw.type === 'noAccount') return isText(raw.text) ? ok({ type: 'noAccount', text: raw.text }) : fail('noAccount: text must be a short string');
  if (raw.type !== 'account') return fail(`unknown message type ${JSON.stringify(raw.type)}`);
  const v = raw.view;
  if (!isObj(v)) return fail('account: view must be an object');
  if (!isAccountId(v.accountId)) return fail('account: accountId must be a positive whole number');
  for (const key of ['title', 'balance', 'net', 'realized', 'fees', 'unrealized'] as const) if (!isText(v[key])) return fail(`account: ${key} must be a short string`);
  if (!(isState(v.worst) || v.worst === 'none')) return fail('account: worst must be ok, warning, breached or none');
  if (!rowsOk<AccountRuleRow>(v.rules, (r) => isText(r.name) && isText(r.text) && isState(r.state), 3)) return fail('account: rules must be at most 3 {name, text, state} rows');
  if (!rowsOk<AccountPositionRow>(v.positions, (r) => isText(r.contract) && isText(r.side) && isNum(r.size) && isText(r.averagePrice) && isText(r.mark) && isText(r.unrealized))) return fail('account: positions must be {contract, side, size, averagePrice, mark, unrealized} rows');
  if (!rowsOk<PnlPoint>(v.points, (p) => isNum(p.time) && isNum(p.value), MAX_PNL_POINTS)) return fail(`account: points must be at most ${MAX_PNL_POINTS} {time, value} pairs`);
  return ok({ type: 'account', view: v as unknown as AccountPanelView });
}

export function parseAccountFromWebview(raw: unknown): Parsed<AccountFromWebview> {
  if (!isObj(raw)) return fail('expected an object');
  if (raw.type === 'ready') return ok({ type: 'ready' });
  if (raw.type === 'webviewError') return typeof raw.text === 'string' ? ok({ type: 'webviewError', text: raw.text.slice(0, MAX_TEXT) }) : fail('webviewError: text must be a string');
  return fail(`unknown message type ${JSON.stringify(raw.type)}`);
}

export function parseAccountPanelState(raw: unknown): Parsed<AccountPanelState> {
  if (!isObj(raw) || raw.v !== 1) return fail('expected {v: 1, accountId}');
  return isAccountId(raw.accountId) ? ok({ v: 1, accountId: raw.accountId }) : fail('accountId must be a positive whole number');
}
