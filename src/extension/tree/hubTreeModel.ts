import type { GatewayEvent } from '../../core/events/types';
import { findSubscribeMethod, SUBSCRIBE_METHODS } from '../../core/hub/methods';
import type { HubKind } from '../../core/hub/types';
import type { HubClient, Monitor, SubscriptionInfo } from '../../core/monitor/types';
import { Emitter, type Disposable } from '../../core/util/emitter';
import { healthWord, type FeedHealthModel } from '../health/feedHealthModel';
import { age, describe } from '../status/statusModel';

/** Open positions and orders per account, as the last REST resync and the events left them. */
export interface OpenCounts {
  openPositions(accountId: number): number;
  openOrders(accountId: number): number;
}

export type DetailField = 'state' | 'connectionId' | 'since' | 'rate' | 'lastMessage';

/** Tree elements: stable objects (one per id) so a node can be refreshed on its own. */
export type HubNode =
  | { readonly kind: 'profile'; readonly id: string }
  | { readonly kind: 'hub'; readonly id: string; readonly hub: HubKind }
  | { readonly kind: 'detail'; readonly id: string; readonly hub: HubKind; readonly field: DetailField }
  | {
      readonly kind: 'subscription';
      readonly id: string;
      readonly hub: HubKind;
      readonly key: string;
      /** Set on market subscriptions: the chart command and "copy id" read it. */
      readonly contractId?: string;
      readonly accountId?: number;
    };

/** How a node looks, without vscode types (the provider maps this to a TreeItem). */
export interface NodeView {
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly icon?: { readonly id: string; readonly color?: string };
  readonly contextValue: string;
  readonly collapsible: 'none' | 'expanded';
}

interface QuoteCell {
  bid: number | undefined;
  ask: number | undefined;
  last: number | undefined;
}

const DETAIL_FIELDS: readonly DetailField[] = ['state', 'connectionId', 'since', 'rate', 'lastMessage'];
const HUB_NAMES: Record<HubKind, string> = { user: 'User Hub', market: 'Market Hub' };
/** VS Code debounces tree updates itself; we coalesce to at most four batches a second. */
export const FLUSH_INTERVAL_MS = 250;

/**
 * The hub tree's data: follows the active Monitor, marks the nodes an event touches as dirty and
 * flushes them at most every FLUSH_INTERVAL_MS (a flood of quotes costs four refreshes a second).
 */
export class HubTreeModel implements Disposable {
  private readonly changed = new Emitter<readonly HubNode[] | undefined>();
  /** undefined = the whole tree changed. */
  readonly onDidChange = this.changed.event;
  private monitor: Monitor | undefined;
  private listeners: Disposable[] = [];
  private readonly nodes = new Map<string, HubNode>();
  private readonly quotes = new Map<string, QuoteCell>();
  private readonly rates = new Map<HubKind, { messages: number; at: number; perSecond: number }>();
  private dirty = new Set<HubNode>();
  private rootDirty = false;
  private flushTimer: NodeJS.Timeout | undefined;
  private lastFlush = 0;
  /** Number of change batches fired (the tests read it to check the throttle). */
  flushes = 0;

  private health: FeedHealthModel | undefined;
  private accounts: OpenCounts | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /** Stale / market-closed / quiet marks on hub and subscription rows. */
  setHealth(health: FeedHealthModel | undefined): void {
    this.health = health;
    this.invalidate();
  }

  /** Open position/order counts on the account subscription rows (after a resync). */
  setOpenCounts(accounts: OpenCounts | undefined): void {
    this.accounts = accounts;
    this.invalidate();
  }

  /** Something outside the hubs' events changed (a resync): redraw the whole tree once. */
  invalidate(): void {
    this.rootDirty = true;
    this.schedule();
  }

  setMonitor(monitor: Monitor | undefined): void {
    for (const l of this.listeners) l.dispose();
    this.listeners = [];
    this.monitor = monitor;
    this.nodes.clear();
    this.quotes.clear();
    this.rates.clear();
    if (monitor) {
      for (const client of [monitor.user, monitor.market]) this.watch(client);
    }
    this.rootDirty = true;
    this.schedule();
  }

  roots(): HubNode[] {
    return this.monitor ? [this.node({ kind: 'profile', id: 'profile' })] : [];
  }

  children(node: HubNode | undefined): HubNode[] {
    if (!node) return this.roots();
    const m = this.monitor;
    if (!m) return [];
    if (node.kind === 'profile') return (['user', 'market'] as const).map((hub) => this.hubNode(hub));
    if (node.kind !== 'hub') return [];
    const details = DETAIL_FIELDS.map((field) => this.node({ kind: 'detail', id: `${node.hub}/${field}`, hub: node.hub, field }));
    return [...details, ...m.hubClient(node.hub).subscriptions.list().map((s) => this.subscriptionNode(s))];
  }

  parent(node: HubNode): HubNode | undefined {
    if (node.kind === 'profile') return undefined;
    if (node.kind === 'hub') return this.node({ kind: 'profile', id: 'profile' });
    return this.hubNode(node.hub);
  }

  view(node: HubNode): NodeView {
    const m = this.monitor;
    const now = this.now();
    if (!m) return { label: '(signed out)', contextValue: 'none', collapsible: 'none' };
    switch (node.kind) {
      case 'profile':
        return { label: m.profile.name, description: hostOf(m.profile.apiUrl), tooltip: m.profile.apiUrl, icon: { id: m.profile.id === 'demo' ? 'beaker' : 'server-environment' }, contextValue: 'profile', collapsible: 'expanded' };
      case 'hub':
        return this.hubView(m.hubClient(node.hub), now);
      case 'detail':
        return this.detailView(m.hubClient(node.hub), node.field, now);
      case 'subscription': {
        const info = m.hubClient(node.hub).subscriptions.list().find((s) => s.key === node.key);
        return info ? this.subscriptionView(info, now) : { label: node.key, description: 'removed', contextValue: 'none', collapsible: 'none' };
      }
    }
  }

  /** Every row, depth-first, as label + description (for the in-host tests and the diagnostic summary). */
  rows(): { depth: number; node: HubNode; label: string; description: string }[] {
    const out: { depth: number; node: HubNode; label: string; description: string }[] = [];
    const walk = (nodes: HubNode[], depth: number): void => {
      for (const node of nodes) {
        const v = this.view(node);
        out.push({ depth, node, label: v.label, description: v.description ?? '' });
        walk(this.children(node), depth + 1);
      }
    };
    walk(this.roots(), 0);
    return out;
  }

  /** Called every second while the view is visible: ages and rates move with the clock. */
  tick(): void {
    const m = this.monitor;
    if (!m) return;
    for (const client of [m.user, m.market]) {
      this.sampleRate(client);
      if (client.state.kind === 'disconnected') continue;
      for (const field of ['state', 'since', 'rate', 'lastMessage'] as const) this.markDetail(client.hub, field);
      this.dirty.add(this.hubNode(client.hub));
      for (const s of client.subscriptions.list()) this.dirty.add(this.subscriptionNode(s));
    }
    this.schedule();
  }

  /** The text "Copy Id" puts on the clipboard for a node, if any. */
  copyText(node: HubNode): string | undefined {
    if (node.kind === 'subscription') return node.contractId ?? (node.accountId !== undefined ? String(node.accountId) : undefined);
    if ((node.kind === 'detail' && node.field === 'connectionId') || node.kind === 'hub') return this.monitor?.hubClient(node.hub).stats.connectionId;
    return undefined;
  }

  findSubscriptionNode(key: string): HubNode | undefined {
    const m = this.monitor;
    const info = m && [...m.user.subscriptions.list(), ...m.market.subscriptions.list()].find((s) => s.key === key);
    return info ? this.subscriptionNode(info) : undefined;
  }

  dispose(): void {
    this.setMonitor(undefined);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.changed.dispose();
  }

  private watch(client: HubClient): void {
    const hub = client.hub;
    this.listeners.push(
      client.onDidChangeState(() => {
        this.dirty.add(this.hubNode(hub));
        for (const field of DETAIL_FIELDS) this.markDetail(hub, field);
        this.schedule();
      }),
      client.subscriptions.onDidChange((info) => {
        const id = `${hub}/sub/${info.key}`;
        // A new subscription changes the hub's children; an update only its own row.
        this.dirty.add(this.nodes.has(id) ? this.subscriptionNode(info) : this.hubNode(hub));
        this.schedule();
      }),
      client.subscriptions.onDidRemove((key) => {
        this.nodes.delete(`${hub}/sub/${key}`);
        this.dirty.add(this.hubNode(hub));
        this.schedule();
      }),
      client.onEvent((event) => this.onEvent(client, event)),
    );
  }

  private onEvent(client: HubClient, event: GatewayEvent): void {
    if (event.name === 'GatewayQuote') {
      const cell = this.quotes.get(event.contractId) ?? { bid: undefined, ask: undefined, last: undefined };
      // Quotes can be partial: keep the last known value of each field.
      cell.bid = event.data.bestBid ?? cell.bid;
      cell.ask = event.data.bestAsk ?? cell.ask;
      cell.last = event.data.lastPrice ?? cell.last;
      this.quotes.set(event.contractId, cell);
    }
    const arg = event.hub === 'market' ? event.contractId : 'accountId' in Object(event.data) ? (event.data as { accountId?: number }).accountId : undefined;
    const methods = SUBSCRIBE_METHODS.filter((m) => m.hub === client.hub && m.events.includes(event.name)).map((m) => m.method);
    for (const s of client.subscriptions.list()) {
      if (methods.includes(s.method) && (s.arg === undefined || s.arg === arg)) this.dirty.add(this.subscriptionNode(s));
    }
    this.markDetail(client.hub, 'lastMessage');
    this.schedule();
  }

  private sampleRate(client: HubClient): void {
    const now = this.now();
    const prev = this.rates.get(client.hub);
    const messages = client.stats.messages;
    const perSecond = prev && now > prev.at ? ((messages - prev.messages) * 1000) / (now - prev.at) : 0;
    this.rates.set(client.hub, { messages, at: now, perSecond: Math.max(0, perSecond) });
  }

  private hubView(client: HubClient, now: number): NodeView {
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
    const health = this.health?.hub(client);
    const word = healthWord(health);
    const staleIcon = health?.kind === 'stale' ? { id: 'warning', color: 'list.warningForeground' } : icon;
    return { label: HUB_NAMES[client.hub], description: word ? `${label} · ${word}` : label, tooltip: `${describe(st, now)}${word ? ` · ${word}` : ''}`, icon: staleIcon, contextValue: `hub.${st.kind}`, collapsible: 'expanded' };
  }

  private detailView(client: HubClient, field: DetailField, now: number): NodeView {
    const stats = client.stats;
    const row = (label: string, description: string, icon: string, contextValue = 'detail'): NodeView => ({ label, description, icon: { id: icon }, contextValue, collapsible: 'none', tooltip: `${label}: ${description}` });
    switch (field) {
      case 'state':
        return row('State', describe(client.state, now), 'pulse');
      case 'connectionId':
        return stats.connectionId ? row('Connection id', stats.connectionId, 'key', 'detail.copyable') : row('Connection id', '— (negotiation skipped)', 'key');
      case 'since':
        return row('Connected since', stats.connectedSince ? `${stats.connectedSince.toLocaleTimeString()} (${age(stats.connectedSince.getTime(), now)})` : '—', 'clock');
      case 'rate': {
        const r = this.rates.get(client.hub)?.perSecond ?? 0;
        return row('Messages/s', `${r.toFixed(1)} (${stats.messages} total, ${stats.reconnects} reconnects)`, 'graph');
      }
      case 'lastMessage':
        return row('Last message', stats.lastMessageAt ? `${age(stats.lastMessageAt.getTime(), now)} ago` : '—', 'mail');
    }
  }

  private subscriptionView(info: SubscriptionInfo, now: number): NodeView {
    const known = findSubscribeMethod(info.method);
    const what = known?.label ?? info.method;
    const label = info.arg === undefined ? what : known?.arg === 'accountId' ? `${what} · account ${info.arg}` : `${what} · ${info.arg}`;
    const parts: string[] = [];
    const st = info.status;
    parts.push(st.kind === 'failed' ? `failed: ${st.error}` : st.kind);
    parts.push(`${info.events} events`);
    const q = typeof info.arg === 'string' && info.method === 'SubscribeContractQuotes' ? this.quotes.get(info.arg) : undefined;
    if (q) parts.push(`bid ${fmt(q.bid)} ask ${fmt(q.ask)} last ${fmt(q.last)}`);
    if (info.lastEventAt) parts.push(`${age(info.lastEventAt.getTime(), now)} ago`);
    const open = this.openCount(info);
    if (open) parts.push(open);
    const client = this.monitor?.hubClient(info.hub);
    const health = client ? this.health?.subscription(client, info) : undefined;
    const word = healthWord(health);
    if (word) parts.push(word);
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
    return { label, description: parts.join(' · '), tooltip: `${info.method}${info.arg === undefined ? '' : `(${info.arg})`} on the ${info.hub} hub: ${parts.join(', ')}`, icon, contextValue: `subscription.${kind}`, collapsible: 'none' };
  }

  private openCount(info: SubscriptionInfo): string | undefined {
    if (!this.accounts || typeof info.arg !== 'number') return undefined;
    if (info.method === 'SubscribePositions') return `${this.accounts.openPositions(info.arg)} open`;
    if (info.method === 'SubscribeOrders') return `${this.accounts.openOrders(info.arg)} open`;
    return undefined;
  }

  private hubNode(hub: HubKind): HubNode {
    return this.node({ kind: 'hub', id: hub, hub });
  }

  private subscriptionNode(info: SubscriptionInfo): HubNode {
    const known = findSubscribeMethod(info.method);
    return this.node({
      kind: 'subscription',
      id: `${info.hub}/sub/${info.key}`,
      hub: info.hub,
      key: info.key,
      ...(known?.arg === 'contractId' && typeof info.arg === 'string' ? { contractId: info.arg } : {}),
      ...(known?.arg === 'accountId' && typeof info.arg === 'number' ? { accountId: info.arg } : {}),
    });
  }

  private markDetail(hub: HubKind, field: DetailField): void {
    this.dirty.add(this.node({ kind: 'detail', id: `${hub}/${field}`, hub, field }));
  }

  private node<T extends HubNode>(fresh: T): T {
    const existing = this.nodes.get(fresh.id);
    if (existing) return existing as T;
    this.nodes.set(fresh.id, fresh);
    return fresh;
  }

  private schedule(): void {
    if (this.flushTimer) return;
    const wait = Math.max(0, this.lastFlush + FLUSH_INTERVAL_MS - this.now());
    this.flushTimer = setTimeout(() => this.flush(), wait);
    this.flushTimer.unref();
  }

  private flush(): void {
    this.flushTimer = undefined;
    this.lastFlush = this.now();
    if (!this.rootDirty && this.dirty.size === 0) return;
    this.flushes += 1;
    const batch = this.rootDirty ? undefined : [...this.dirty];
    this.rootDirty = false;
    this.dirty = new Set();
    this.changed.fire(batch);
  }
}

function fmt(n: number | undefined): string {
  return n === undefined ? '—' : String(n);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
