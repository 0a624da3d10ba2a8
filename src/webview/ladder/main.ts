/**
 * The depth ladder page: one row per price level of the host's visible window, highest first;
 * bid size (bar growing left) | price | ask size (bar growing right). The last trade's row and the
 * inside market are marked by a label and a border as well as color (color-blind and high-contrast
 * users). "C" (or the button) re-centres on the inside market. Colors come from theme variables in
 * ladder.css; bar widths are set through the CSSOM (allowed by the strict CSP, unlike style="").
 */
import { parseToLadder, type FromLadder, type LadderPanelState, type LadderWindowMessage } from '../../shared/ladderProtocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;
const api = acquireVsCodeApi();
const post = (m: FromLadder): void => api.postMessage(m);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

const header = el('header', 'ladder-header');
const title = el('h1', 'ladder-title', 'Depth ladder');
const summary = el('span', 'ladder-summary');
summary.setAttribute('aria-live', 'polite');
const centre = el('button', 'ladder-centre', 'Centre (C)');
centre.title = 'Centre the ladder on the inside market (C)';
centre.setAttribute('aria-keyshortcuts', 'C');
centre.addEventListener('click', () => post({ type: 'recentre' }));
const notice = el('div', 'ladder-notice');
notice.setAttribute('role', 'status');
header.append(title, summary, centre);
const table = el('div', 'ladder');
table.setAttribute('role', 'grid');
table.setAttribute('aria-label', 'Market depth: bid size, price, ask size');
table.tabIndex = 0;
document.body.append(header, notice, table);

document.addEventListener('keydown', (e) => {
  if ((e.key === 'c' || e.key === 'C') && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    post({ type: 'recentre' });
  }
});

let decimals = 2;
const fmt = (price: number): string => price.toFixed(decimals);

function cell(side: 'bid' | 'ask', volume: number, max: number): HTMLElement {
  const c = el('div', `cell ${side}`);
  if (volume > 0) {
    const bar = el('div', `bar ${side}-bar`);
    bar.style.width = `${Math.max(2, Math.round((volume / Math.max(1, max)) * 100))}%`;
    c.append(bar, el('span', 'size', String(volume)));
  }
  return c;
}

function render(contractId: string, w: LadderWindowMessage): void {
  decimals = Math.min(6, Math.max(0, (String(w.tickSize).split('.')[1] ?? '').length));
  title.textContent = `Depth ${contractId}`;
  document.title = `Depth ${contractId}`;
  const spread = w.spread === undefined ? '–' : fmt(w.spread);
  const last = w.last ? `${fmt(w.last.price)} × ${w.last.volume}` : '–';
  summary.textContent = `Bid ${w.bestBid === undefined ? '–' : fmt(w.bestBid)} · Ask ${w.bestAsk === undefined ? '–' : fmt(w.bestAsk)} · Spread ${spread} · Last ${last}${w.crossed ? ' · CROSSED book: waiting for the next reset' : ''}`;
  const rows = w.rows.map((r) => {
    const row = el('div', 'row');
    row.setAttribute('role', 'row');
    const isLast = w.last?.price === r.price;
    if (r.price === w.bestBid) row.classList.add('best-bid');
    if (r.price === w.bestAsk) row.classList.add('best-ask');
    if (isLast) row.classList.add('last');
    const price = el('div', 'cell price', `${fmt(r.price)}${isLast ? ' ◆' : ''}`);
    row.append(cell('bid', r.bid, w.maxVolume), price, cell('ask', r.ask, w.maxVolume));
    row.setAttribute('aria-label', `${fmt(r.price)}: bid ${r.bid}, ask ${r.ask}${isLast ? ', last trade' : ''}`);
    return row;
  });
  table.replaceChildren(...rows);
  table.dataset.rows = String(rows.length);
  api.setState({ contractId } satisfies LadderPanelState);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = parseToLadder(event.data);
  if (!parsed.ok) {
    notice.textContent = `Ignored a message: ${parsed.error}.`;
    return;
  }
  const m = parsed.value;
  if (m.type === 'notice') {
    notice.textContent = m.text;
    notice.dataset.level = m.level;
    return;
  }
  render(m.contractId, m.window);
});

post({ type: 'ready' });
