import type { GatewayEvent } from '../../core/events/types';
import { SUBSCRIBE_METHODS, type SubscribeMethod } from '../../core/hub/methods';
import type { HubKind } from '../../core/hub/types';
import type { HubClient, Monitor } from '../../core/monitor/types';
import { BoundedMap, MAX_CONTRACT_KEYS } from '../../core/util/boundedMap';
import { Emitter, type Disposable } from '../../core/util/emitter';
import type { FeedHealthModel } from '../health/feedHealthModel';
import { DETAIL_FIELDS, NodeCache, type HubNode } from './hubNodes';
import { detailView, hubView, profileView, removedView, signedOutView, subscriptionView, type NodeView, type OpenCounts, type QuoteCell, type ViewInputs } from './nodeViews';
import { subscriptionKey } from '../core';
import { RefreshBatcher } from './refreshBatcher';
import type { ContractDetails } from '../contracts/contractDetails';

/** The subscribe methods whose rows an event touches, by event name. */
const METHODS_BY_EVENT = new Map<string, SubscribeMethod[]>();
for (const m of SUBSCRIBE_METHODS) for (const name of m.events) METHODS_BY_EVENT.set(name, [...(METHODS_BY_EVENT.get(name) ?? []), m]);

export type { DetailField, HubNode } from './hubNodes';
export type { NodeView, OpenCounts } from './nodeViews';
export { FLUSH_INTERVAL_MS } from './refreshBatcher';

/**
 * The hub tree's data: follows the active Monitor, keeps the figures the rows show (last quotes,
 * message rates), and marks the nodes an event touches for the next throttled refresh. Node
 * identity lives in NodeCache, row looks in nodeViews, the throttle in RefreshBatcher.
 */
export class HubTreeModel implements Disposable {
  private readonly changed = new Emitter<readonly HubNode[] | undefined>();
  /** undefined = the whole tree changed. */
  readonly onDidChange = this.changed.event;
  private monitor: Monitor | undefined;
  private listeners: Disposable[] = [];
  private readonly nodes = new NodeCache();
  /** Last quote per contract id: bounded, a server may send quotes for contracts nobody subscribed to. */
  private readonly quotes = new BoundedMap<string, QuoteCell>(MAX_CONTRACT_KEYS);
  /** The registered subscriptions' keys per hub, kept from the set's events so a flood never lists them. */
  private readonly registered = new Map<HubKind, Set<string>>();
  private readonly rates = new Map<HubKind, { messages: number; at: number; perSecond: number }>();
  private readonly batcher: RefreshBatcher<HubNode>;

  private health: FeedHealthModel | undefined;
  private accounts: OpenCounts | undefined;
  private ticks: ContractDetails | undefined;
  private tickWatch: Disposable | undefined;
  /** What each row on screen shows (label, description, icon), by node id: a tick refreshes only rows that differ. */
  private readonly onScreen = new Map<string, string>();

  constructor(private readonly now: () => number = Date.now) {
    this.batcher = new RefreshBatcher(now, (batch) => this.changed.fire(batch));
  }

  /** Number of change batches fired (the tests read it to check the throttle). */
  get flushes(): number {
    return this.batcher.flushes;
  }

  /** Stale / market-closed / quiet marks on hub and subscription rows. */
  setHealth(health: FeedHealthModel | undefined): void {
    this.health = health;
    this.invalidate();
  }

  /** Tick sizes for the prices on quote rows; a contract's rows refresh when its details arrive. */
  setContractDetails(details: ContractDetails | undefined): void {
    this.tickWatch?.dispose();
    this.ticks = details;
    this.tickWatch = details?.onDidLoad((contractId) => this.markContract(contractId));
  }

  /** A contract's details arrived: its rows only, never the whole tree (a flood over many contracts). */
  private markContract(contractId: string): void {
    const m = this.monitor;
    if (!m) return;
    for (const info of m.market.subscriptions.list()) if (info.arg === contractId) this.batcher.mark(this.nodes.subscription(info));
    this.batcher.schedule();
  }

  /** The provider rendered this row: remember its look so tick() can skip it while it stays the same. */
  rendered(node: HubNode, view: NodeView): void {
    this.onScreen.set(node.id, lookOf(view));
  }

  /** Open position/order counts on the account subscription rows (after a resync). */
  setOpenCounts(accounts: OpenCounts | undefined): void {
    this.accounts = accounts;
    this.invalidate();
  }

  /** Something outside the hubs' events changed (a resync): redraw the whole tree once. */
  invalidate(): void {
    this.batcher.markAll();
    this.batcher.schedule();
  }

  setMonitor(monitor: Monitor | undefined): void {
    for (const l of this.listeners) l.dispose();
    this.listeners = [];
    this.monitor = monitor;
    this.nodes.clear();
    this.onScreen.clear();
    this.quotes.clear();
    this.rates.clear();
    this.registered.clear();
    if (monitor) {
      for (const client of [monitor.user, monitor.market]) this.watch(client);
    }
    this.batcher.markAll();
    this.batcher.schedule();
  }

  roots(): HubNode[] {
    return this.monitor ? [this.nodes.profile()] : [];
  }

  children(node: HubNode | undefined): HubNode[] {
    if (!node) return this.roots();
    const m = this.monitor;
    if (!m) return [];
    if (node.kind === 'profile') return (['user', 'market'] as const).map((hub) => this.nodes.hub(hub));
    if (node.kind !== 'hub') return [];
    const details = DETAIL_FIELDS.map((field) => this.nodes.detail(node.hub, field));
    return [...details, ...m.hubClient(node.hub).subscriptions.list().map((s) => this.nodes.subscription(s))];
  }

  parent(node: HubNode): HubNode | undefined {
    if (node.kind === 'profile') return undefined;
    if (node.kind === 'hub') return this.nodes.profile();
    return this.nodes.hub(node.hub);
  }

  view(node: HubNode): NodeView {
    const m = this.monitor;
    const ticks = this.ticks;
    const inputs: ViewInputs = { now: this.now(), health: this.health, accounts: this.accounts, quotes: this.quotes, rates: this.rates, tickSize: ticks && ((id) => ticks.tickSize(id)) };
    if (!m) return signedOutView;
    switch (node.kind) {
      case 'profile':
        return profileView(m.profile);
      case 'hub':
        return hubView(m.hubClient(node.hub), inputs);
      case 'detail':
        return detailView(m.hubClient(node.hub), node.field, inputs);
      case 'subscription': {
        const info = m.hubClient(node.hub).subscriptions.list().find((s) => s.key === node.key);
        return info ? subscriptionView(info, m.hubClient(info.hub), inputs) : removedView(node.key);
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
      const moving = [...(['state', 'since', 'rate', 'lastMessage'] as const).map((field) => this.nodes.detail(client.hub, field)), this.nodes.hub(client.hub), ...client.subscriptions.list().map((s) => this.nodes.subscription(s))];
      // Only rows whose text moved (an age, a rate): the rest keep their place, hover and focus.
      for (const node of moving) if (this.onScreen.get(node.id) !== lookOf(this.view(node))) this.batcher.mark(node);
    }
    this.batcher.schedule();
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
    return info ? this.nodes.subscription(info) : undefined;
  }

  dispose(): void {
    this.tickWatch?.dispose();
    this.setMonitor(undefined);
    this.batcher.dispose();
    this.changed.dispose();
  }

  private watch(client: HubClient): void {
    const hub = client.hub;
    const keys = new Set(client.subscriptions.list().map((s) => s.key));
    this.registered.set(hub, keys);
    this.listeners.push(
      client.onDidChangeState(() => {
        this.batcher.mark(this.nodes.hub(hub));
        for (const field of DETAIL_FIELDS) this.batcher.mark(this.nodes.detail(hub, field));
        this.batcher.schedule();
      }),
      client.subscriptions.onDidChange((info) => {
        keys.add(info.key);
        // A new subscription changes the hub's children; an update only its own row.
        this.batcher.mark(this.nodes.hasSubscription(hub, info.key) ? this.nodes.subscription(info) : this.nodes.hub(hub));
        this.batcher.schedule();
      }),
      client.subscriptions.onDidRemove((key) => {
        keys.delete(key);
        this.nodes.forgetSubscription(hub, key);
        this.batcher.mark(this.nodes.hub(hub));
        this.batcher.schedule();
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
      // The cell is updated in place: only a new contract needs inserting (the hot path of a flood).
      if (!this.quotes.has(event.contractId)) this.quotes.set(event.contractId, cell);
    }
    // Runs for every event of a flood: look the touched rows up by key, no list or filter per event.
    const arg = event.hub === 'market' ? event.contractId : 'accountId' in Object(event.data) ? (event.data as { accountId?: number }).accountId : undefined;
    const keys = this.registered.get(client.hub);
    for (const m of METHODS_BY_EVENT.get(event.name) ?? []) {
      const subArg = m.arg === 'none' ? undefined : arg;
      if (m.arg !== 'none' && subArg === undefined) continue;
      const key = subscriptionKey(m.method, subArg);
      if (keys?.has(key)) this.batcher.mark(this.nodes.subscription({ hub: client.hub, key, method: m.method, arg: subArg }));
    }
    this.batcher.mark(this.nodes.detail(client.hub, 'lastMessage'));
    this.batcher.schedule();
  }

  private sampleRate(client: HubClient): void {
    const now = this.now();
    const prev = this.rates.get(client.hub);
    const messages = client.stats.messages;
    const perSecond = prev && now > prev.at ? ((messages - prev.messages) * 1000) / (now - prev.at) : 0;
    this.rates.set(client.hub, { messages, at: now, perSecond: Math.max(0, perSecond) });
  }
}

/** The part of a row a refresh redraws (the tooltip is resolved on hover). */
function lookOf(view: NodeView): string {
  return `${view.label}\u0000${view.description ?? ''}\u0000${view.icon?.id ?? ''}\u0000${view.icon?.color ?? ''}\u0000${view.contextValue}`;
}
