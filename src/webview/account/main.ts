/**
 * The account panel page: validates every host message, shows the figures, the rules, the positions
 * table and the intraday net P&L line. Text goes in through textContent only; the saved state is the
 * account id (for the host's serializer after a reload).
 */
import { ColorType, createChart, LineSeries, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import { parseAccountToWebview, type AccountFromWebview, type AccountPanelState, type AccountPanelView } from '../../shared/accountProtocol';
import { readTheme, watchTheme, type ChartTheme } from '../theme';

interface VsCodeApi {
  postMessage(message: AccountFromWebview): void;
  setState(state: AccountPanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;
const api = acquireVsCodeApi();

window.addEventListener('error', (e) => api.postMessage({ type: 'webviewError', text: String(e.message) }));
window.addEventListener('unhandledrejection', (e) => api.postMessage({ type: 'webviewError', text: String(e.reason) }));

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
};

const title = el('h1', 'title', 'Account');
const notice = el('div', 'notice');
notice.hidden = true;
const figures = el('div', 'figures');
const rules = el('ul', 'rules');
const positions = el('table', 'positions');
const chartBox = el('div', 'pnl-chart');
document.body.append(title, notice, figures, rules, positions, chartBox);

const STATE_ICONS = { ok: 'pass', warning: 'warning', breached: 'error' } as const;

// The built-in logo injects an inline <style> the CSP blocks: the page links the attribution itself.
const chart: IChartApi = createChart(chartBox, { autoSize: true, layout: { attributionLogo: false } });
const credit = el('a', 'credit', 'Charting by TradingView');
credit.href = 'https://www.tradingview.com/';
credit.title = 'TradingView Lightweight Charts™, Copyright (c) TradingView, Inc., Apache License 2.0';
chartBox.append(credit);
const line: ISeriesApi<'Line'> = chart.addSeries(LineSeries, { lineWidth: 2, priceLineVisible: true, title: 'Net P&L' });

function applyTheme(t: ChartTheme): void {
  chart.applyOptions({
    layout: { background: { type: ColorType.Solid, color: t.background }, textColor: t.foreground, fontFamily: t.fontFamily, fontSize: t.fontSize, attributionLogo: false },
    grid: { vertLines: { color: t.grid }, horzLines: { color: t.grid } },
    rightPriceScale: { borderColor: t.border },
    timeScale: { borderColor: t.border, timeVisible: true, secondsVisible: false },
  });
  line.applyOptions({ color: t.last });
}
applyTheme(readTheme());
watchTheme(applyTheme);

function figure(label: string, value: string, id: string): HTMLElement {
  const box = el('div', 'figure');
  box.dataset.figure = id;
  box.append(el('span', 'label', label), el('span', 'value', value));
  return box;
}

function render(v: AccountPanelView): void {
  notice.hidden = true;
  title.textContent = v.title;
  document.body.dataset.worst = v.worst;
  figures.replaceChildren(
    figure('Balance', v.balance, 'balance'),
    figure('Net P&L today', v.net, 'net'),
    figure('Realized', v.realized, 'realized'),
    figure('Fees', v.fees, 'fees'),
    figure('Unrealized', v.unrealized, 'unrealized'),
  );
  rules.replaceChildren(...(v.rules.length === 0 ? [el('li', 'none', 'No loss limits set (hubmon.risk)')] : v.rules.map((r) => {
    const li = el('li', `rule ${r.state}`);
    li.append(el('span', `codicon codicon-${STATE_ICONS[r.state]}`), el('span', 'name', r.name), el('span', 'text', r.text));
    return li;
  })));
  const head = el('tr');
  for (const h of ['Contract', 'Side', 'Size', 'Avg price', 'Mark', 'Unrealized']) head.append(el('th', undefined, h));
  const rows = v.positions.map((p) => {
    const tr = el('tr');
    for (const cell of [p.contract, p.side, String(p.size), p.averagePrice, p.mark, p.unrealized]) tr.append(el('td', undefined, cell));
    return tr;
  });
  if (rows.length === 0) {
    const tr = el('tr');
    const td = el('td', 'flat', 'Flat: no open position');
    td.colSpan = 6;
    tr.append(td);
    rows.push(tr);
  }
  positions.replaceChildren(head, ...rows);
  line.setData(v.points.map((p) => ({ time: p.time as UTCTimestamp, value: p.value })));
  document.body.dataset.points = String(v.points.length);
  api.setState({ v: 1, accountId: v.accountId });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = parseAccountToWebview(event.data);
  if (!parsed.ok) {
    api.postMessage({ type: 'webviewError', text: `ignored a host message: ${parsed.error}` });
    return;
  }
  const m = parsed.value;
  if (m.type === 'account') render(m.view);
  else {
    notice.textContent = m.text;
    notice.hidden = false;
  }
});

api.postMessage({ type: 'ready' });
