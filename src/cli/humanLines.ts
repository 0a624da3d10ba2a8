/** The compact human output of `hubmon watch`: one short line per state change, subscription and event. */
import type { GatewayEvent } from '../core/events/types';
import type { SubscriptionInfo } from '../core/monitor/types';
import type { TimelineStep } from '../core/timeline/types';

/** ANSI styling that collapses to plain text when colors are off. */
export interface Paint {
  dim(text: string): string;
  good(text: string): string;
  warn(text: string): string;
  bad(text: string): string;
  strong(text: string): string;
}

const ansi = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
export const COLORS: Paint = { dim: ansi(2, 22), good: ansi(32, 39), warn: ansi(33, 39), bad: ansi(31, 39), strong: ansi(1, 22) };
export const NO_COLORS: Paint = { dim: (t) => t, good: (t) => t, warn: (t) => t, bad: (t) => t, strong: (t) => t };

/** Colors only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function choosePaint(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): Paint {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return isTTY === true && !noColor ? COLORS : NO_COLORS;
}

/** Timeline lines are plain, except the steps a reader scans for. */
export function paintStep(step: TimelineStep, paint: Paint): (text: string) => string {
  switch (step.kind) {
    case 'failed':
      return paint.bad;
    case 'reconnecting':
      return paint.warn;
    case 'connected':
    case 'reconnected':
      return paint.good;
    default:
      return step.kind === 'subscribe' || step.kind === 'resubscribe' ? (step.error ? paint.bad : (t) => t) : (t) => t;
  }
}

export function subscriptionText(info: SubscriptionInfo, paint: Paint): string {
  const call = info.arg === undefined ? info.method : `${info.method}(${info.arg})`;
  switch (info.status.kind) {
    case 'pending':
      return `${call} ${paint.dim('pending')}`;
    case 'active':
      return `${call} ${paint.good('active')}`;
    case 'failed':
      return `${call} ${paint.bad('failed')}: ${info.status.error}`;
  }
}

const num = (value: number | null | undefined): string => (value === null || value === undefined ? '-' : String(value));
const contract = (id: string | undefined): string => id ?? '(no contract)';

/** At most `max` items of an array payload, then "+N more". */
function some<T>(items: readonly T[], max: number, show: (item: T) => string): string {
  const shown = items.slice(0, max).map(show).join(', ');
  return items.length > max ? `${shown}, +${items.length - max} more` : shown;
}

export function eventText(event: GatewayEvent, paint: Paint): string {
  const name = paint.strong(event.name);
  switch (event.name) {
    case 'GatewayUserAccount': {
      const a = event.data;
      return `${name} ${a.id} ${a.name} balance ${a.balance}${a.canTrade ? '' : ' (cannot trade)'}`;
    }
    case 'GatewayUserPosition': {
      const p = event.data;
      return `${name} ${p.id} acct ${p.accountId} ${contract(p.contractId)} ${p.type} ${p.size} @ ${p.averagePrice}`;
    }
    case 'GatewayUserOrder': {
      const o = event.data;
      const price = o.limitPrice ?? o.stopPrice;
      return `${name} ${o.id} acct ${o.accountId} ${contract(o.contractId)} ${o.status} ${o.type} ${o.side} ${o.size}${price === null ? '' : ` @ ${price}`} filled ${o.fillVolume}`;
    }
    case 'GatewayUserTrade': {
      const t = event.data;
      return `${name} ${t.id} acct ${t.accountId} ${contract(t.contractId)} ${t.side} ${t.size} @ ${t.price} pnl ${num(t.profitAndLoss)} fees ${t.fees}${t.voided ? ' (voided)' : ''}`;
    }
    case 'GatewayLogout':
      return `${name} ${paint.warn('the gateway ended this session')}`;
    case 'GatewayQuote': {
      const q = event.data;
      return `${name} ${event.contractId} last ${num(q.lastPrice)} bid ${num(q.bestBid)} ask ${num(q.bestAsk)} vol ${num(q.volume)}`;
    }
    case 'GatewayTrade':
      return `${name} ${event.contractId} ${some(event.data, 3, (t) => `${t.type} ${t.volume} @ ${t.price}`)}`;
    case 'GatewayDepth':
      return `${name} ${event.contractId} ${event.data.length} levels: ${some(event.data, 3, (d) => `${d.type} ${d.price} x ${d.volume}`)}`;
  }
}
