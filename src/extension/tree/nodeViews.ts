import { findSubscribeMethod } from '../../core/hub/methods';
import { clipText } from '../../core/util/clip';
import type { HubKind } from '../../core/hub/types';
import type { HubClient, SubscriptionInfo } from '../../core/monitor/types';
import type { Profile } from '../../core/profiles';
import { healthWord, type FeedHealthModel } from '../health/feedHealthModel';
import { formatPrice } from '../../core/market/tickFormat';
import { age, describe } from '../status/statusModel';
import type { DetailField } from './hubNodes';

/** Open positions and orders per account, as the last REST resync and the events left them. */
export interface OpenCounts {
  openPositions(accountId: number): number;
  openOrders(accountId: number): number;
}

/** How a node looks, without vscode types (the provider maps this to a TreeItem). */
export interface NodeView {
  readonly label: string;
  readonly description?: string;
  /** Markdown (the provider resolves it on hover). */
  readonly tooltip?: string;
  readonly icon?: { readonly id: string; readonly color?: string };
  readonly contextValue: string;
  readonly collapsible: 'none' | 'expanded';
}

export interface QuoteCell {
  bid: number | undefined;
  ask: number | undefined;
  last: number | undefined;
}

/** What the rows show beyond the engine's own state: the model's figures and the views' clock. */
export interface ViewInputs {
  readonly now: number;
  readonly health: FeedHealthModel | undefined;
  readonly accounts: OpenCounts | undefined;
  readonly quotes: ReadonlyMap<string, QuoteCell>;
  readonly rates: ReadonlyMap<HubKind, { readonly perSecond: number }>;
  /** A contract's tick size when known (prices are shown to it). */
  readonly tickSize?: (contractId: string) => number | undefined;
}

const HUB_NAMES: Record<HubKind, string> = { user: 'User Hub', market: 'Market Hub' };

/*
 * Labels, descriptions, icons and context values per node kind. Separate from the model because
 * how a row looks is a pure function of the engine's state and the inputs above: the model decides
 * only which rows to refresh and when.
 */

export const signedOutView: NodeView = { label: '(signed out)', contextValue: 'none', collapsible: 'none' };

export function removedView(key: string): NodeView {
  return { label: clipText(key), description: 'removed', contextValue: 'none', collapsible: 'none' };
}

export function profileView(profile: Profile): NodeView {
  return { label: clipText(profile.name), description: hostOf(profile.apiUrl), tooltip: clipText(profile.apiUrl), icon: { id: profile.id === 'demo' ? 'beaker' : 'server-environment' }, contextValue: 'profile', collapsible: 'expanded' };
}

export function hubView(client: HubClient, inputs: ViewInputs): NodeView {
  const st = client.state;
  const icon =
    st.kind === 'connected'
      ? { id: 'pass-filled', color: 'testing.iconPassed' }
      : st.kind === 'failed'
        ? { id: 'error', color: 'testing.iconFailed' }
        : st.kind === 'disconnected'
          ? { id: 'circle-outline' }
          : { id: 'sync~spin', color: st.kind === 'reconnecting' ? 'list.warningForeground' : undefined };
  const label = st.kind === 'connected' ? 'connected' : st.kind === 'reconnecting' ? `reconnecting (attempt ${st.attempt})` : st.kind;
  const health = inputs.health?.hub(client);
  const word = healthWord(health);
  const staleIcon = health?.kind === 'stale' ? { id: 'warning', color: 'list.warningForeground' } : icon;
  return { label: HUB_NAMES[client.hub], description: word ? `${label} · ${word}` : label, tooltip: `${describe(st, inputs.now)}${word ? ` · ${word}` : ''}`, icon: staleIcon, contextValue: `hub.${st.kind}`, collapsible: 'expanded' };
}

export function detailView(client: HubClient, field: DetailField, inputs: ViewInputs): NodeView {
  const { now } = inputs;
  const stats = client.stats;
  const row = (label: string, description: string, icon: string, contextValue = 'detail'): NodeView => ({ label, description, icon: { id: icon }, contextValue, collapsible: 'none', tooltip: `${label}: ${description}` });
  switch (field) {
    case 'state':
      return row('State', describe(client.state, now), 'pulse');
    case 'connectionId':
      return stats.connectionId ? row('Connection id', clipText(stats.connectionId), 'key', 'detail.copyable') : row('Connection id', '— (negotiation skipped)', 'key');
    case 'since':
      return row('Connected since', stats.connectedSince ? `${stats.connectedSince.toLocaleTimeString()} (${age(stats.connectedSince.getTime(), now)})` : '—', 'clock');
    case 'rate': {
      const r = inputs.rates.get(client.hub)?.perSecond ?? 0;
      return row('Messages/s', `${r.toFixed(1)} (${stats.messages} total, ${stats.reconnects} reconnects)`, 'graph');
    }
    case 'lastMessage':
      return row('Last message', stats.lastMessageAt ? `${age(stats.lastMessageAt.getTime(), now)} ago` : '—', 'mail');
  }
}

/** `client` is the subscription's own hub (for its health mark). */
export function subscriptionView(info: SubscriptionInfo, client: HubClient | undefined, inputs: ViewInputs): NodeView {
  const known = findSubscribeMethod(info.method);
  const what = known?.label ?? clipText(info.method);
  const label = info.arg === undefined ? what : known?.arg === 'accountId' ? `${what} · account ${info.arg}` : `${what} · ${clipText(String(info.arg))}`;
  const st = info.status;
  const statusWord = st.kind === 'failed' ? `failed: ${clipText(st.error)}` : st.kind;
  const q = typeof info.arg === 'string' && info.method === 'SubscribeContractQuotes' ? inputs.quotes.get(info.arg) : undefined;
  const tick = typeof info.arg === 'string' ? inputs.tickSize?.(info.arg) : undefined;
  const price = (n: number | undefined): string => formatPrice(n, tick);
  const ago = info.lastEventAt ? age(info.lastEventAt.getTime(), inputs.now) : undefined;
  const open = openCount(info, inputs.accounts);
  const health = client ? inputs.health?.subscription(client, info) : undefined;
  const word = healthWord(health);
  // Compact enough for a normal side bar: the quote first, counts short; the tooltip has it all.
  const parts = [statusWord];
  if (q) parts.push(`${price(q.bid)} × ${price(q.ask)}`, `last ${price(q.last)}`);
  parts.push(q ? `${info.events} ev` : `${info.events} events`);
  if (ago) parts.push(ago);
  if (open) parts.push(open);
  if (word) parts.push(word);
  const tooltip = [
    `**${escapeMd(label)}** on the ${info.hub} hub`,
    `\`${`${clipText(info.method)}${info.arg === undefined ? '' : `(${clipText(String(info.arg))})`}`.replace(/`/g, '')}\` · ${escapeMd(statusWord)}`,
    ...(q ? [`| bid | ask | last |\n|---:|---:|---:|\n| ${price(q.bid)} | ${price(q.ask)} | ${price(q.last)} |`] : []),
    `${info.events} events${ago ? ` · last ${ago} ago` : ''}${tick !== undefined ? ` · tick ${tick}` : ''}`,
    ...(open ? [open] : []),
    ...(word ? [escapeMd(word)] : []),
  ].join('\n\n');
  const icon =
    health?.kind === 'stale'
      ? { id: 'warning', color: 'list.warningForeground' }
      : health?.kind === 'market-closed'
        ? { id: 'clock' }
        : st.kind === 'active'
          ? { id: 'check', color: 'testing.iconPassed' }
          : st.kind === 'pending'
            ? { id: 'loading~spin' }
            : { id: 'error', color: 'testing.iconFailed' };
  const kind = known?.arg === 'contractId' ? 'contract' : known?.arg === 'accountId' ? 'account' : 'accounts';
  return { label, description: parts.join(' · '), tooltip, icon, contextValue: `subscription.${kind}`, collapsible: 'none' };
}

function openCount(info: SubscriptionInfo, accounts: OpenCounts | undefined): string | undefined {
  if (!accounts || typeof info.arg !== 'number') return undefined;
  if (info.method === 'SubscribePositions') return `${accounts.openPositions(info.arg)} open`;
  if (info.method === 'SubscribeOrders') return `${accounts.openOrders(info.arg)} open`;
  return undefined;
}

/** Markdown-safe text (tooltips are Markdown). */
function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return clipText(url);
  }
}
