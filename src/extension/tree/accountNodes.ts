/**
 * The account rows of the hub tree: under each monitored account its balance, net P&L today, rule
 * states, positions, working orders and today's trades. Each snapshot is rendered once into row
 * views; only rows whose look (or children) changed are reported, and a row keeps one node object
 * for as long as it exists, so VS Code redraws just those rows.
 */
import type { RiskRuleName } from '../../core/account/riskRules';
import type { AccountSnapshot } from '../../core/account/types';
import { Emitter, type Disposable } from '../../core/util/emitter';
import { accountView, balanceView, groupView, netView, orderView, positionView, ruleView, tradeView, type ContractFacts } from './accountViews';
import type { NodeView } from './nodeViews';

export type AccountGroup = 'positions' | 'orders' | 'trades';

export type AccountPart =
  | { readonly row: 'account' }
  | { readonly row: 'balance' }
  | { readonly row: 'net' }
  | { readonly row: 'rule'; readonly rule: RiskRuleName }
  | { readonly row: 'group'; readonly group: AccountGroup }
  | { readonly row: 'position'; readonly contractId: string }
  | { readonly row: 'order'; readonly orderId: number }
  | { readonly row: 'trade'; readonly tradeId: number };

export interface AccountNode {
  readonly kind: 'account';
  readonly id: string;
  readonly accountId: number;
  readonly part: AccountPart;
}

/** What the tree reads of the account model (AccountSession in the extension). */
export interface AccountSource {
  readonly accounts: readonly number[];
  snapshot(accountId: number): AccountSnapshot | undefined;
  contract(contractId: string): ReturnType<ContractFacts>;
  onDidChange(listener: (s: AccountSnapshot) => void): Disposable;
  onDidChangeAccounts(listener: () => void): Disposable;
}

/** Today's trades shown per account, newest first (the count row says how many there are). */
export const MAX_TRADE_ROWS = 50;

const GROUP_LABELS: Record<AccountGroup, string> = { positions: 'Positions', orders: 'Working orders', trades: "Today's trades" };

interface Rendered {
  readonly node: AccountNode;
  readonly view: NodeView;
  readonly key: string;
  readonly children: readonly AccountNode[];
}

export class AccountTree implements Disposable {
  private readonly changed = new Emitter<readonly AccountNode[] | undefined>();
  /** Rows to redraw; undefined = the set of accounts changed (the profile's children). */
  readonly onDidChange = this.changed.event;
  private readonly nodes = new Map<string, AccountNode>();
  private readonly rendered = new Map<string, Rendered>();
  private readonly listeners: Disposable[];

  constructor(private readonly source: AccountSource) {
    this.listeners = [
      source.onDidChange((s) => this.changed.fire(this.render(s))),
      source.onDidChangeAccounts(() => {
        this.nodes.clear();
        this.rendered.clear();
        this.changed.fire(undefined);
      }),
    ];
  }

  roots(): AccountNode[] {
    return this.source.accounts.map((id) => this.node(id, { row: 'account' }));
  }

  children(node: AccountNode): AccountNode[] {
    return [...(this.lookup(node)?.children ?? [])];
  }

  parent(node: AccountNode): AccountNode | undefined {
    const p = node.part;
    if (p.row === 'account') return undefined;
    if (p.row === 'position') return this.node(node.accountId, { row: 'group', group: 'positions' });
    if (p.row === 'order') return this.node(node.accountId, { row: 'group', group: 'orders' });
    if (p.row === 'trade') return this.node(node.accountId, { row: 'group', group: 'trades' });
    return this.node(node.accountId, { row: 'account' });
  }

  view(node: AccountNode): NodeView {
    return this.lookup(node)?.view ?? { label: '(closed)', contextValue: 'none', collapsible: 'none' };
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    this.changed.dispose();
  }

  /** The row as last rendered; an account not rendered yet is rendered from a fresh snapshot. */
  private lookup(node: AccountNode): Rendered | undefined {
    if (!this.rendered.has(this.node(node.accountId, { row: 'account' }).id)) {
      const s = this.source.snapshot(node.accountId);
      if (s) this.render(s);
    }
    return this.rendered.get(node.id);
  }

  /** Renders every row of one account; returns the rows whose look or children changed. */
  private render(s: AccountSnapshot): AccountNode[] {
    const id = s.accountId;
    const facts: ContractFacts = (contractId) => this.source.contract(contractId);
    const rows: { node: AccountNode; view: NodeView; children: AccountNode[] }[] = [];
    const add = (part: AccountPart, view: NodeView, children: AccountNode[] = []): AccountNode => {
      const node = this.node(id, part);
      rows.push({ node, view, children });
      return node;
    };
    const leaves = <T>(group: AccountGroup, items: readonly T[], count: number, part: (item: T) => AccountPart, view: (item: T) => NodeView): AccountNode => {
      const children = items.map((item) => add(part(item), view(item)));
      return add({ row: 'group', group }, groupView(GROUP_LABELS[group], count), children);
    };
    const trades = s.trades.slice(-MAX_TRADE_ROWS).reverse();
    const top = [
      add({ row: 'balance' }, balanceView(s)),
      add({ row: 'net' }, netView(s)),
      ...s.risk.map((r) => add({ row: 'rule', rule: r.rule }, ruleView(r))),
      leaves('positions', s.positions, s.positions.length, (p) => ({ row: 'position', contractId: p.contractId }), (p) => positionView(p, facts)),
      leaves('orders', s.workingOrders, s.workingOrders.length, (o) => ({ row: 'order', orderId: o.id }), (o) => orderView(o, facts)),
      leaves('trades', trades, s.trades.length, (t) => ({ row: 'trade', tradeId: t.id }), (t) => tradeView(t, facts)),
    ];
    add({ row: 'account' }, accountView(s), top);

    const prefix = `acct/${id}/`;
    const changed: AccountNode[] = [];
    const alive = new Set<string>();
    for (const row of rows) {
      alive.add(row.node.id);
      const key = JSON.stringify([row.view, row.children.map((c) => c.id)]);
      if (this.rendered.get(row.node.id)?.key !== key) changed.push(row.node);
      this.rendered.set(row.node.id, { ...row, key });
    }
    for (const [nodeId] of this.rendered) {
      if (nodeId.startsWith(prefix) && !alive.has(nodeId)) {
        this.rendered.delete(nodeId);
        this.nodes.delete(nodeId);
      }
    }
    return changed;
  }

  private node(accountId: number, part: AccountPart): AccountNode {
    const id = `acct/${accountId}/${partKey(part)}`;
    let node = this.nodes.get(id);
    if (!node) {
      node = { kind: 'account', id, accountId, part };
      this.nodes.set(id, node);
    }
    return node;
  }
}

function partKey(p: AccountPart): string {
  switch (p.row) {
    case 'account':
    case 'balance':
    case 'net':
      return p.row;
    case 'rule':
      return `rule/${p.rule}`;
    case 'group':
      return p.group;
    case 'position':
      return `positions/${p.contractId}`;
    case 'order':
      return `orders/${p.orderId}`;
    case 'trade':
      return `trades/${p.tradeId}`;
  }
}
