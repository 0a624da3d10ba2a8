/**
 * The header: contract picker, last/bid/ask/spread/change, quote age, hub state, coalesced
 * counter and the controls (window, pause/resume, reset zoom), built with @vscode-elements.
 * Text goes in through textContent only: nothing from a message is parsed as HTML.
 */
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { VscodeToolbarButton } from '@vscode-elements/elements/dist/vscode-toolbar-button/vscode-toolbar-button.js';
import { CHART_WINDOWS, TIMEFRAME_LABELS, TIMEFRAMES, type ChartMode, type ContractOption, type FeedInfo, type FeedStatus, type QuoteHeader, type Timeframe } from '../shared/chartProtocol';
import { isChartMode, isTimeframe } from '../shared/chartValidate';

export interface HeaderActions {
  selectContract(id: string): void;
  setWindow(seconds: number): void;
  togglePause(): void;
  resetZoom(): void;
  setChartMode(mode: ChartMode, timeframe: Timeframe): void;
  openLadder(): void;
}

const STATUS_TEXT: Record<FeedStatus, string> = {
  live: 'Live',
  stale: 'Stale',
  waiting: 'Waiting for quotes',
  reconnecting: 'Reconnecting',
  offline: 'Offline',
  'market-closed': 'Market closed',
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function option(value: string, label: string): HTMLElement {
  const o = el('vscode-option', undefined, label);
  o.setAttribute('value', value);
  return o;
}

function windowLabel(seconds: number): string {
  return seconds < 3600 ? `${seconds / 60} min` : `${seconds / 3600} h`;
}

export function formatAge(ms: number | undefined): string {
  if (ms === undefined) return 'no quote yet';
  if (ms < 1000) return `${Math.round(ms)} ms ago`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s ago`;
  return `${Math.round(ms / 60_000)} min ago`;
}

export class Header {
  readonly root = el('header', 'bar');
  private readonly contract = el('vscode-single-select') as VscodeSingleSelect;
  private readonly window = el('vscode-single-select') as VscodeSingleSelect;
  private readonly mode = el('vscode-single-select') as VscodeSingleSelect;
  private readonly timeframe = el('vscode-single-select') as VscodeSingleSelect;
  private readonly pause = el('vscode-toolbar-button') as VscodeToolbarButton;
  private readonly reset = el('vscode-toolbar-button') as VscodeToolbarButton;
  private readonly ladder = el('vscode-toolbar-button') as VscodeToolbarButton;
  private readonly fields = new Map<string, HTMLElement>();
  private readonly statusDot = el('span', 'dot');
  private readonly statusText = el('span', 'status-text');
  private readonly age = el('span', 'age');
  private readonly coalesced = el('span', 'coalesced');
  private precision = 2;

  constructor(actions: HeaderActions) {
    this.contract.id = 'contract';
    this.contract.setAttribute('aria-label', 'Contract');
    this.contract.addEventListener('change', () => this.contract.value && actions.selectContract(this.contract.value));
    this.window.id = 'window';
    this.window.setAttribute('aria-label', 'Time window');
    this.window.addEventListener('change', () => actions.setWindow(Number(this.window.value)));
    this.mode.id = 'mode';
    this.mode.setAttribute('aria-label', 'Chart mode');
    this.mode.append(...([['candles', 'Candles'], ['lines', 'Bid/Ask/Last']] as const).map(([value, label]) => option(value, label)));
    this.timeframe.id = 'timeframe';
    this.timeframe.setAttribute('aria-label', 'Candle timeframe');
    this.timeframe.append(...TIMEFRAMES.map((tf) => option(tf, TIMEFRAME_LABELS[tf])));
    const modeChanged = (): void => {
      const [mode, tf] = [this.mode.value, this.timeframe.value];
      if (isChartMode(mode) && isTimeframe(tf)) actions.setChartMode(mode, tf);
    };
    this.mode.addEventListener('change', modeChanged);
    this.timeframe.addEventListener('change', modeChanged);
    this.pause.id = 'pause';
    this.pause.addEventListener('click', () => actions.togglePause());
    this.reset.id = 'reset-zoom';
    this.reset.icon = 'screen-normal';
    this.reset.label = 'Reset zoom';
    this.reset.title = 'Reset zoom and follow the latest quotes';
    this.reset.addEventListener('click', () => actions.resetZoom());
    this.ladder.id = 'open-ladder';
    this.ladder.icon = 'list-ordered';
    this.ladder.label = 'Open depth ladder';
    this.ladder.title = 'Open the depth ladder for this contract';
    this.ladder.addEventListener('click', () => actions.openLadder());
    this.setPaused(false);

    const quote = el('div', 'quote');
    for (const [key, label] of [['last', 'Last'], ['bid', 'Bid'], ['ask', 'Ask'], ['spread', 'Spread'], ['change', 'Chg']] as const) {
      const cell = el('span', `cell ${key}`);
      const value = el('span', 'value', '–');
      cell.append(el('span', 'label', label), value);
      this.fields.set(key, value);
      quote.append(cell);
    }
    const status = el('div', 'status');
    // Screen readers hear live / stale / market closed as it changes (not every quote).
    this.statusText.setAttribute('role', 'status');
    this.statusText.setAttribute('aria-live', 'polite');
    status.append(this.statusDot, this.statusText, el('span', 'sep', '·'), this.age, el('span', 'sep', '·'), this.coalesced);
    const controls = el('div', 'controls');
    controls.append(this.mode, this.timeframe, this.window, this.pause, this.reset, this.ladder);
    this.root.append(this.contract, quote, status, controls);
  }

  setContracts(contracts: readonly ContractOption[], selected: string | undefined): void {
    this.contract.replaceChildren(...contracts.map((c) => {
      const option = el('vscode-option', undefined, c.label);
      option.setAttribute('value', c.id);
      return option;
    }));
    if (selected) this.contract.value = selected;
  }

  setWindows(historySeconds: number, selected: number): void {
    const choices = CHART_WINDOWS.filter((s) => s <= Math.max(historySeconds, CHART_WINDOWS[0]));
    this.window.replaceChildren(...choices.map((s) => {
      const option = el('vscode-option', undefined, windowLabel(s));
      option.setAttribute('value', String(s));
      return option;
    }));
    this.window.value = String(choices.includes(selected) ? selected : choices[choices.length - 1]);
  }

  setChartMode(mode: ChartMode, timeframe: Timeframe): void {
    this.mode.value = mode;
    this.timeframe.value = timeframe;
    // The time window picks the lines' span; candles show their own bars.
    this.window.hidden = mode === 'candles';
    this.timeframe.hidden = mode !== 'candles';
  }

  setPrecision(precision: number): void {
    this.precision = precision;
  }

  setQuote(h: QuoteHeader): void {
    const fmt = (v: number | undefined): string => (v === undefined ? '–' : v.toFixed(this.precision));
    this.fields.get('last')!.textContent = fmt(h.last);
    this.fields.get('bid')!.textContent = fmt(h.bid);
    this.fields.get('ask')!.textContent = fmt(h.ask);
    this.fields.get('spread')!.textContent = h.bid !== undefined && h.ask !== undefined ? fmt(h.ask - h.bid) : '–';
    const change = this.fields.get('change')!;
    const pct = h.changePercent === undefined ? '' : ` (${h.changePercent >= 0 ? '+' : ''}${h.changePercent.toFixed(2)}%)`;
    change.textContent = h.change === undefined ? '–' : `${h.change >= 0 ? '+' : ''}${fmt(h.change)}${pct}`;
    change.dataset.sign = h.change === undefined || h.change === 0 ? 'flat' : h.change > 0 ? 'up' : 'down';
  }

  setFeed(feed: FeedInfo, paused: boolean): void {
    this.root.dataset.status = paused ? 'paused' : feed.status;
    this.statusText.textContent = paused ? `Paused (${STATUS_TEXT[feed.status].toLowerCase()})` : STATUS_TEXT[feed.status];
    this.coalesced.textContent = `${feed.coalesced.toLocaleString()} coalesced`;
    this.coalesced.title = 'Ticks merged latest-wins so the chart redraws at most ~30 times a second';
  }

  setAge(ms: number | undefined): void {
    this.age.textContent = formatAge(ms);
  }

  setPaused(paused: boolean): void {
    this.pause.icon = paused ? 'debug-start' : 'debug-pause';
    this.pause.label = paused ? 'Resume' : 'Pause';
    this.pause.title = paused ? 'Resume live updates' : 'Pause live updates';
  }

  setFollowing(following: boolean): void {
    this.reset.toggleAttribute('disabled', following);
  }
}
