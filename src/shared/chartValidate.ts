/**
 * Parsers for everything that crosses the webview boundary: messages in both directions and the
 * saved panel state. Unknown or malformed input is rejected with a one-line reason, never thrown.
 */
import {
  CHART_MODES,
  CHART_WINDOWS,
  TIMEFRAMES,
  type CandlePoint,
  type ChartMode,
  type Timeframe,
  FEED_STATUSES,
  MAX_CONTRACT_ID_LENGTH,
  MAX_PRICE_LINES,
  type PriceLine,
  type ChartPanelState,
  type ContractOption,
  type FeedInfo,
  type FeedStatus,
  type FromWebview,
  type Parsed,
  type QuoteHeader,
  type QuotePoint,
  type ToWebview,
  type TradePoint,
} from './chartProtocol';

type Obj = Record<string, unknown>;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const optNum = (v: unknown): boolean => v === undefined || isNum(v);

/** Contract ids look like CON.F.US.EP.U25: letters, digits and . _ - : only. */
export function isContractId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_CONTRACT_ID_LENGTH && /^[A-Za-z0-9._:-]+$/.test(v);
}

export function isChartWindow(v: unknown): v is number {
  return isNum(v) && CHART_WINDOWS.includes(v);
}

export function isChartMode(v: unknown): v is ChartMode {
  return CHART_MODES.includes(v as ChartMode);
}

export function isTimeframe(v: unknown): v is Timeframe {
  return TIMEFRAMES.includes(v as Timeframe);
}

/** An IANA zone name as the setting offers them (UTC, America/Chicago…); the page formats with it. */
export function isTimeZone(v: unknown): v is string {
  return typeof v === 'string' && v.length <= 40 && /^(UTC|[A-Za-z]+\/[A-Za-z_]+)$/.test(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v;
}

/** Validates a message the webview posted; the host acts only on what passes. */
export function parseFromWebview(raw: unknown): Parsed<FromWebview> {
  if (!isObj(raw)) return fail(`expected an object, got ${describe(raw)}`);
  const type = raw.type;
  switch (type) {
    case 'ready':
    case 'openLadder':
      return ok({ type });
    case 'selectContract':
      return isContractId(raw.contractId) ? ok({ type, contractId: raw.contractId }) : fail('selectContract: contractId is not a contract id');
    case 'setWindow':
      return isChartWindow(raw.seconds) ? ok({ type, seconds: raw.seconds }) : fail(`setWindow: seconds must be one of ${CHART_WINDOWS.join(', ')}`);
    case 'setPaused':
      return typeof raw.paused === 'boolean' ? ok({ type, paused: raw.paused }) : fail('setPaused: paused must be a boolean');
    case 'setChartMode':
      if (!isChartMode(raw.mode)) return fail(`setChartMode: mode must be one of ${CHART_MODES.join(', ')}`);
      return isTimeframe(raw.timeframe) ? ok({ type, mode: raw.mode, timeframe: raw.timeframe }) : fail(`setChartMode: timeframe must be one of ${TIMEFRAMES.join(', ')}`);
    case 'webviewError':
      return typeof raw.text === 'string' ? ok({ type, text: raw.text.slice(0, 500) }) : fail('webviewError: text must be a string');
    default:
      return fail(`unknown message type ${typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : describe(type)}`);
  }
}

/** Re-validates state saved by the webview (the serializer gets it back after a reload). */
export function parsePanelState(raw: unknown): Parsed<ChartPanelState> {
  if (!isObj(raw)) return fail(`saved chart state is ${describe(raw)}, not an object`);
  if (raw.v !== 1) return fail('saved chart state has an unknown version');
  if (!isContractId(raw.contractId)) return fail('saved chart state has no valid contract id');
  const windowSeconds = isChartWindow(raw.windowSeconds) ? raw.windowSeconds : CHART_WINDOWS[1];
  const mode = isChartMode(raw.mode) ? raw.mode : 'candles';
  const timeframe = isTimeframe(raw.timeframe) ? raw.timeframe : '1m';
  return ok({ v: 1, contractId: raw.contractId, windowSeconds, mode, timeframe });
}

function quotePoints(v: unknown): QuotePoint[] | undefined {
  if (!Array.isArray(v)) return undefined;
  for (const p of v) {
    if (!isObj(p) || !isNum(p.t) || !optNum(p.last) || !optNum(p.bid) || !optNum(p.ask)) return undefined;
  }
  return v as QuotePoint[];
}

function tradePoints(v: unknown): TradePoint[] | undefined {
  if (!Array.isArray(v)) return undefined;
  for (const p of v) {
    if (!isObj(p) || !isNum(p.t) || !isNum(p.price) || !isNum(p.buyVolume) || !isNum(p.sellVolume) || !isNum(p.count)) return undefined;
  }
  return v as TradePoint[];
}

function candlePoints(v: unknown): CandlePoint[] | undefined {
  if (!Array.isArray(v)) return undefined;
  for (const p of v) {
    if (!isObj(p) || ![p.t, p.o, p.h, p.l, p.c, p.v].every(isNum)) return undefined;
    if ((p.h as number) < (p.l as number) || (p.v as number) < 0) return undefined;
  }
  return v as CandlePoint[];
}

function priceLine(p: unknown): PriceLine | undefined {
  if (!isObj(p) || !isNum(p.price) || !isNum(p.size) || typeof p.label !== 'string' || p.label.length > 80) return undefined;
  if (p.kind === 'position' && (p.side === 'long' || p.side === 'short')) return { kind: 'position', side: p.side, size: p.size, price: p.price, label: p.label };
  if (p.kind === 'order' && (p.side === 'buy' || p.side === 'sell') && isNum(p.id)) return { kind: 'order', id: p.id, side: p.side, size: p.size, price: p.price, label: p.label };
  return undefined;
}

function priceLines(v: unknown): PriceLine[] | undefined {
  if (!Array.isArray(v) || v.length > MAX_PRICE_LINES) return undefined;
  const lines = v.map(priceLine);
  return lines.every((l): l is PriceLine => l !== undefined) ? lines : undefined;
}

function header(v: unknown): QuoteHeader | undefined {
  if (!isObj(v)) return undefined;
  const nums = ['last', 'bid', 'ask', 'change', 'changePercent'].every((k) => optNum(v[k]));
  const name = v.symbolName === undefined || typeof v.symbolName === 'string';
  return nums && name ? (v as QuoteHeader) : undefined;
}

function feed(v: unknown): FeedInfo | undefined {
  if (!isObj(v) || !FEED_STATUSES.includes(v.status as FeedStatus) || !optNum(v.ageMs) || !isNum(v.coalesced)) return undefined;
  return v as unknown as FeedInfo;
}

function contracts(v: unknown): ContractOption[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.every((c) => isObj(c) && isContractId(c.id) && typeof c.label === 'string') ? (v as ContractOption[]) : undefined;
}

/** Validates a message from the host (the webview trusts nothing it did not check). */
export function parseToWebview(raw: unknown): Parsed<ToWebview> {
  if (!isObj(raw)) return fail(`expected an object, got ${describe(raw)}`);
  switch (raw.type) {
    case 'snapshot': {
      const [q, t, h, f, c] = [quotePoints(raw.quotes), tradePoints(raw.trades), header(raw.header), feed(raw.feed), contracts(raw.contracts)];
      const idOk = raw.contractId === undefined || isContractId(raw.contractId);
      if (!q || !t || !h || !f || !c || !idOk || !isNum(raw.windowSeconds) || !isNum(raw.historySeconds) || typeof raw.paused !== 'boolean' || !isChartMode(raw.mode) || !isTimeframe(raw.timeframe) || (raw.timeZone !== undefined && !isTimeZone(raw.timeZone))) {
        return fail('malformed snapshot');
      }
      return ok({ type: 'snapshot', contractId: raw.contractId as string | undefined, contracts: c, windowSeconds: raw.windowSeconds, historySeconds: raw.historySeconds, paused: raw.paused, mode: raw.mode, timeframe: raw.timeframe, ...(raw.timeZone === undefined ? {} : { timeZone: raw.timeZone }), quotes: q, trades: t, header: h, feed: f });
    }
    case 'delta': {
      const [q, t, h, f] = [quotePoints(raw.quotes), tradePoints(raw.trades), header(raw.header), feed(raw.feed)];
      if (!q || !t || !h || !f || !isContractId(raw.contractId)) return fail('malformed delta');
      return ok({ type: 'delta', contractId: raw.contractId, quotes: q, trades: t, header: h, feed: f });
    }
    case 'status': {
      const f = feed(raw.feed);
      return f ? ok({ type: 'status', feed: f }) : fail('malformed status');
    }
    case 'contracts': {
      const c = contracts(raw.contracts);
      return c ? ok({ type: 'contracts', contracts: c }) : fail('malformed contracts');
    }
    case 'notice': {
      const levels = ['info', 'warning', 'error'];
      if (typeof raw.text !== 'string' || !levels.includes(raw.level as string)) return fail('malformed notice');
      return ok({ type: 'notice', level: raw.level as 'info' | 'warning' | 'error', text: raw.text });
    }
    case 'candles': {
      const bars = candlePoints(raw.bars);
      if (!bars || !isContractId(raw.contractId) || !isTimeframe(raw.timeframe) || typeof raw.replace !== 'boolean') return fail('malformed candles');
      return ok({ type: 'candles', contractId: raw.contractId, timeframe: raw.timeframe, replace: raw.replace, bars });
    }
    case 'priceLines': {
      const lines = priceLines(raw.lines);
      if (!lines || !isContractId(raw.contractId)) return fail('malformed priceLines');
      return ok({ type: 'priceLines', contractId: raw.contractId, lines });
    }
    default:
      return fail('unknown message type');
  }
}
