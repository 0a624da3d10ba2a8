// The account rows of the hub tree (vscode-free): stable node identity, only changed rows reported,
// closed rows dropped; the panel's protocol parsers and the P&L line's thinning.
import * as assert from 'node:assert/strict';
import type { AccountSnapshot } from '../../../src/core/account/types';
import { Emitter } from '../../../src/core/util/emitter';
import { PnlHistory, accountPanelView } from '../../../src/extension/account/pnlHistory';
import { AccountTree, type AccountNode, type AccountSource } from '../../../src/extension/tree/accountNodes';
import { MAX_PNL_POINTS, parseAccountFromWebview, parseAccountPanelState, parseAccountToWebview } from '../../../src/shared/accountProtocol';

const ES = 'CON.F.US.EP.Z26';
const NQ = 'CON.F.US.ENQ.Z26';

function snap(over: Partial<AccountSnapshot> = {}): AccountSnapshot {
  return {
    accountId: 7, name: 'DEMO-7', balance: 50000, canTrade: true, realizedPnl: 600, fees: 2.1, unrealizedPnl: 1025, netPnl: 1622.9, openContracts: 2,
    positions: [{ contractId: ES, type: 'Long', size: 2, averagePrice: 5000, markPrice: 5010.25, unrealizedPnl: 1025 }],
    workingOrders: [{ id: 77, contractId: ES, side: 'Ask', type: 'Limit', size: 1, limitPrice: 5020, stopPrice: null, status: 'Open' }],
    trades: [{ id: 5, accountId: 7, contractId: ES, creationTimestamp: new Date('2026-12-04T14:30:05Z'), price: 5000, profitAndLoss: null, fees: 1.4, side: 'Bid', size: 2, voided: false, orderId: 70 }],
    risk: [{ rule: 'dailyLoss', limit: 1000, used: 0, distance: 1000, state: 'ok' }],
    tradingDayStart: 0,
    ...over,
  };
}

class FakeSource implements AccountSource {
  readonly changed = new Emitter<AccountSnapshot>();
  readonly accountsChanged = new Emitter<void>();
  accounts: number[] = [7];
  current = snap();
  snapshot(id: number): AccountSnapshot | undefined {
    return id === 7 ? this.current : undefined;
  }
  contract(id: string) {
    return id === ES ? { id: ES, name: 'ESZ6', description: 'E-mini S&P 500', tickSize: 0.25, tickValue: 12.5, activeContract: true, symbolId: 'F.US.EP' } : undefined;
  }
  onDidChange = this.changed.event;
  onDidChangeAccounts = this.accountsChanged.event;
  publish(s: AccountSnapshot): void {
    this.current = s;
    this.changed.fire(s);
  }
}

function rows(tree: AccountTree): string[] {
  const out: string[] = [];
  const walk = (nodes: AccountNode[], depth: number): void => {
    for (const n of nodes) {
      const v = tree.view(n);
      out.push(`${'  '.repeat(depth)}${v.label} | ${v.description ?? ''}`);
      walk(tree.children(n), depth + 1);
    }
  };
  walk(tree.roots(), 0);
  return out;
}

describe('account tree rows', () => {
  it('renders balance, net P&L, rules, positions, working orders and trades', () => {
    const tree = new AccountTree(new FakeSource());
    assert.deepEqual(rows(tree), [
      'DEMO-7 (7) | 50,000.00 · net +1,622.90',
      '  Balance | 50,000.00',
      '  Net P&L today | +1,622.90 (realized +600.00, fees 2.10, unrealized +1,025.00)',
      '  Daily loss limit | ok · 1,000.00 left of 1,000.00 (0 % used)',
      '  Positions | 1',
      '    ES Z26 | Long 2 @ 5000.00 · mark 5010.25 · uPnL +1,025.00',
      '  Working orders | 1',
      '    ES Z26 | Sell Limit 1 @ 5020.00 · Open',
      "  Today's trades | 1",
      '    14:30:05 ES Z26 | Buy 2 @ 5000.00 · open',
    ]);
  });

  it('reports only the rows that changed, keeping node identity', () => {
    const source = new FakeSource();
    const tree = new AccountTree(source);
    const before = rows(tree);
    const position = tree.children(tree.children(tree.roots()[0])[3])[0];
    const fired: (readonly AccountNode[] | undefined)[] = [];
    tree.onDidChange((nodes) => fired.push(nodes));
    // A new mark: the position, the net row and the account row change; balance, rules, orders, trades do not.
    source.publish(snap({ unrealizedPnl: 1050, netPnl: 1647.9, positions: [{ ...snap().positions[0], markPrice: 5010.5, unrealizedPnl: 1050 }] }));
    assert.equal(fired.length, 1);
    assert.deepEqual(fired[0]?.map((n) => n.id).sort(), ['acct/7/account', 'acct/7/net', `acct/7/positions/${ES}`]);
    assert.equal(tree.children(tree.children(tree.roots()[0])[3])[0], position, 'same node object for the same position');
    assert.notDeepEqual(rows(tree), before);
    // The same figures again: nothing to redraw.
    source.publish(source.current);
    assert.deepEqual(fired[1], []);
  });

  it('drops a closed position and redraws its group; a new account set redraws the roots', () => {
    const source = new FakeSource();
    const tree = new AccountTree(source);
    rows(tree);
    const fired: (readonly AccountNode[] | undefined)[] = [];
    tree.onDidChange((nodes) => fired.push(nodes));
    source.publish(snap({ positions: [{ contractId: NQ, type: 'Short', size: 1, averagePrice: 21000, markPrice: null, unrealizedPnl: 0 }] }));
    assert.ok(fired[0]?.some((n) => n.id === 'acct/7/positions'), 'the group changed children');
    assert.ok(rows(tree).includes('    ENQ Z26 | Short 1 @ 21000.00 · mark – · uPnL 0.00'), rows(tree).join('\n'));
    assert.ok(!rows(tree).some((r) => r.includes('ES Z26 | Long')));
    source.accounts = [];
    source.accountsChanged.fire();
    assert.equal(fired[1], undefined);
    assert.deepEqual(tree.roots(), []);
  });
});

describe('account panel figures and protocol', () => {
  it('builds display figures that pass the webview parser; rejects malformed messages with a reason', () => {
    const source = new FakeSource();
    const view = accountPanelView(source.current, (id) => source.contract(id), [{ time: 1, value: 2 }]);
    const parsed = parseAccountToWebview({ type: 'account', view });
    assert.ok(parsed.ok);
    assert.deepEqual(view.positions, [{ contract: 'ES Z26', side: 'Long', size: 2, averagePrice: '5000.00', mark: '5010.25', unrealized: '+1,025.00' }]);
    assert.equal(view.worst, 'ok');
    const bad = parseAccountToWebview({ type: 'account', view: { ...view, points: [{ time: 'x', value: 1 }] } });
    assert.ok(!bad.ok && /points/.test(bad.error));
    assert.ok(!parseAccountToWebview({ type: 'account', view: { ...view, accountId: -1 } }).ok);
    assert.ok(!parseAccountToWebview('account').ok);
    assert.ok(parseAccountFromWebview({ type: 'ready' }).ok);
    assert.ok(!parseAccountFromWebview({ type: 'placeOrder' }).ok);
    assert.deepEqual(parseAccountPanelState({ v: 1, accountId: 7 }), { ok: true, value: { v: 1, accountId: 7 } });
    assert.ok(!parseAccountPanelState({ v: 1, accountId: '7' }).ok);
  });

  it('keeps one P&L point per second and thins a long line to the message limit, ending at the latest', () => {
    const source = new FakeSource();
    let now = 1_000_000;
    const history = new PnlHistory(source, () => now);
    source.publish(snap({ netPnl: 1 }));
    source.publish(snap({ netPnl: 2 }));
    assert.deepEqual(history.points(7), [{ time: 1000, value: 2 }]);
    for (let i = 0; i < MAX_PNL_POINTS * 2; i++) {
      now += 1000;
      source.publish(snap({ netPnl: i }));
    }
    const points = history.points(7);
    assert.equal(points.length, MAX_PNL_POINTS);
    assert.deepEqual(points[points.length - 1], { time: now / 1000, value: MAX_PNL_POINTS * 2 - 1 });
    assert.ok(points.every((p, i) => i === 0 || p.time > points[i - 1].time));
    history.dispose();
  });
});
