/**
 * The quote chart's host <-> webview messages: discriminated unions on `type`. vscode-free and
 * DOM-free; both sides parse what they receive with chartValidate.ts before acting on it.
 * Nothing here may carry a token, a socket or a URL: only contract ids, prices and states.
 */

/** What the header shows about the feed; derived by the host (core/chart/feedStatus.ts). */
export type FeedStatus = 'live' | 'stale' | 'waiting' | 'reconnecting' | 'offline' | 'market-closed';
export const FEED_STATUSES: readonly FeedStatus[] = ['live', 'stale', 'waiting', 'reconnecting', 'offline', 'market-closed'];

/** One coalesced quote sample; `t` is the exchange time it carried (else receipt) in ms since the epoch, strictly increasing. */
export interface QuotePoint {
  readonly t: number;
  readonly last?: number;
  readonly bid?: number;
  readonly ask?: number;
}

/** The trades of one batch for one contract, aggregated (a flood of prints becomes one bar). */
export interface TradePoint {
  readonly t: number;
  /** The last trade price in the batch. */
  readonly price: number;
  readonly buyVolume: number;
  readonly sellVolume: number;
  readonly count: number;
}

/** The latest known value of each quote field (gateway quotes can be partial: fields merge latest-wins). */
export interface QuoteHeader {
  readonly symbolName?: string;
  readonly last?: number;
  readonly bid?: number;
  readonly ask?: number;
  readonly change?: number;
  readonly changePercent?: number;
}

export interface FeedInfo {
  readonly status: FeedStatus;
  /** Age of the newest quote when the message was sent; the webview ages it locally. */
  readonly ageMs?: number;
  /** Ticks merged away by coalescing for this contract since the feed started. */
  readonly coalesced: number;
}

export interface ContractOption {
  readonly id: string;
  readonly label: string;
}

/** The visible time windows the picker offers (seconds); the host's history bounds what is kept. */
export const CHART_WINDOWS: readonly number[] = [60, 300, 900, 1800, 3600];
export const MAX_CONTRACT_ID_LENGTH = 100;

/** Points, header and feed state: all of them in a snapshot, what one batch added in a delta. */
interface ChartData {
  readonly quotes: readonly QuotePoint[];
  readonly trades: readonly TradePoint[];
  readonly header: QuoteHeader;
  readonly feed: FeedInfo;
}

/** A complete picture: sent on `ready`, on becoming visible, on contract switch and on resume. */
export interface SnapshotMessage extends ChartData {
  readonly type: 'snapshot';
  readonly contractId: string | undefined;
  readonly contracts: readonly ContractOption[];
  readonly windowSeconds: number;
  readonly historySeconds: number;
  readonly paused: boolean;
  readonly mode: ChartMode;
  readonly timeframe: Timeframe;
  /** IANA zone of the time axis (hubmon.chart.timeZone); absent: this machine's zone. */
  readonly timeZone?: string;
}

/** What one coalesced batch added (at most ~30 per second). */
export interface DeltaMessage extends ChartData {
  readonly type: 'delta';
  readonly contractId: string;
}

export interface StatusMessage {
  readonly type: 'status';
  readonly feed: FeedInfo;
}

export interface ContractsMessage {
  readonly type: 'contracts';
  readonly contracts: readonly ContractOption[];
}

/** One line for the user (e.g. "not signed in: run Hub Monitor: Sign In"). */
export interface NoticeMessage {
  readonly type: 'notice';
  readonly level: 'info' | 'warning' | 'error';
  readonly text: string;
}

/** Lines (bid/ask/last) or candles (OHLC + volume). */
export type ChartMode = 'lines' | 'candles';
export const CHART_MODES: readonly ChartMode[] = ['lines', 'candles'];

/** Candle timeframes the chart offers; bar starts are multiples of the length since the epoch. */
export type Timeframe = '1s' | '5s' | '1m' | '5m' | '15m' | '1h';
export const TIMEFRAMES: readonly Timeframe[] = ['1s', '5s', '1m', '5m', '15m', '1h'];
export const TIMEFRAME_MS: Readonly<Record<Timeframe, number>> = { '1s': 1000, '5s': 5000, '1m': 60_000, '5m': 300_000, '15m': 900_000, '1h': 3_600_000 };
export const TIMEFRAME_LABELS: Readonly<Record<Timeframe, string>> = { '1s': '1 s', '5s': '5 s', '1m': '1 min', '5m': '5 min', '15m': '15 min', '1h': '1 h' };
export const DEFAULT_TIMEFRAME: Timeframe = '1m';

/** One OHLC bar; `t` is the bar start at the exchange's time (ms since the epoch). */
export interface CandlePoint {
  readonly t: number;
  readonly o: number;
  readonly h: number;
  readonly l: number;
  readonly c: number;
  readonly v: number;
}

/** Candles for the panel's contract and timeframe: all of them (`replace`) or the bars that changed. */
export interface CandlesMessage {
  readonly type: 'candles';
  readonly contractId: string;
  readonly timeframe: Timeframe;
  readonly replace: boolean;
  readonly bars: readonly CandlePoint[];
}

/**
 * A read-only price line from the account monitor: the open position's average price or one working
 * order's price. `label` is what the line's axis tag reads ("Long 2 @ 5000.25", "Buy 1 LMT").
 */
export type PriceLine =
  | { readonly kind: 'position'; readonly side: 'long' | 'short'; readonly size: number; readonly price: number; readonly label: string }
  | { readonly kind: 'order'; readonly id: number; readonly side: 'buy' | 'sell'; readonly size: number; readonly price: number; readonly label: string };
export const PRICE_LINE_KINDS: readonly PriceLine['kind'][] = ['position', 'order'];
/** More lines than a chart can show legibly are dropped (a runaway order list stays bounded). */
export const MAX_PRICE_LINES = 50;

/** Every price line of the panel's contract, replacing the previous set ([] when flat with no orders). */
export interface PriceLinesMessage {
  readonly type: 'priceLines';
  readonly contractId: string;
  readonly lines: readonly PriceLine[];
}

export type ToWebview = SnapshotMessage | DeltaMessage | StatusMessage | ContractsMessage | NoticeMessage | CandlesMessage | PriceLinesMessage;

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'selectContract'; readonly contractId: string }
  | { readonly type: 'setWindow'; readonly seconds: number }
  | { readonly type: 'setPaused'; readonly paused: boolean }
  | { readonly type: 'setChartMode'; readonly mode: ChartMode; readonly timeframe: Timeframe }
  /** The chart's ladder button: open the depth ladder for the panel's own contract (the host decides which). */
  | { readonly type: 'openLadder' }
  /** An uncaught error inside the webview, reported so the host log shows it. */
  | { readonly type: 'webviewError'; readonly text: string };

/** What the webview saves with setState and the serializer restores after a reload (UI choices only). */
export interface ChartPanelState {
  readonly v: 1;
  readonly contractId: string;
  readonly windowSeconds: number;
  /** Absent in state saved before candles existed: candles, 1 min. */
  readonly mode?: ChartMode;
  readonly timeframe?: Timeframe;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };
