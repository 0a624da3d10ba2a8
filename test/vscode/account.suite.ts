// The account model in VS Code, in a real extension host against the embedded demo gateway: the
// demo account's rows in the tree (balance, net P&L, rules, positions, working orders, trades), the
// P&L status item, and the opt-in notifications shown once per event (counted, not timed).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { formatMoney, formatPrice } from '../../src/core/account/format';
import type { HubMonitorApi } from '../../src/extension/api';
import { activateApi, until } from './support/host';

const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('hubmon');
const SETTINGS = ['risk', 'notify.orderFilled', 'notify.ruleWarning', 'notify.ruleBreached', 'statusBar.showPnl'];

describe('Account rows, P&L status item and notifications (in host, demo gateway)', function () {
  this.timeout(60_000);
  let a: HubMonitorApi;
  let accountId: number;
  let contractId: string;

  /** The tree rows under the account, as "label | description" lines keyed by node id. */
  const accountRows = (): Map<string, string> =>
    new Map(a.tree.model.rows().filter((r) => r.node.kind === 'account' && r.node.accountId === accountId).map((r) => [r.node.id, `${r.label} | ${r.description}`]));
  const row = (suffix: string): string | undefined => accountRows().get(`acct/${accountId}/${suffix}`);
  const snapshot = () => {
    const s = a.account.session.snapshot(accountId);
    assert.ok(s, 'the demo account is monitored');
    return s;
  };

  before(async () => {
    a = await activateApi();
    for (const key of ['notify.orderFilled', 'notify.ruleWarning', 'notify.ruleBreached']) await config().update(key, true, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('hubmon.startDemo');
    await until('the demo account is monitored', () => a.account.session.accounts.length > 0);
    accountId = a.account.session.accounts[0];
    const quotes = a.controller.monitor?.market.subscriptions.list().find((s) => s.method === 'SubscribeContractQuotes');
    assert.ok(quotes && typeof quotes.arg === 'string', 'the demo subscribes to a contract');
    contractId = quotes.arg;
  });

  after(async () => {
    a.demo.simulator?.faults.reset();
    for (const key of SETTINGS) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('hubmon.signOut', { profileId: 'demo' });
    await vscode.commands.executeCommand('hubmon.stopDemo');
  });

  it('shows the account, its positions, working orders, trades and net P&L in the tree', async () => {
    const sim = a.demo.simulator;
    assert.ok(sim);
    sim.setPosition(accountId, contractId, 3, 100.25);
    const price = formatPrice(100.25, a.account.session.contract(contractId)?.tickSize);
    await until('the position row', () => /^(\S+ \S+) \| Long 3 @ /.test(row(`positions/${contractId}`) ?? ''));
    assert.match(row(`positions/${contractId}`) ?? '', new RegExp(`\\| Long 3 @ ${price.replace('.', '\\.')} · mark (–|[\\d.]+) · uPnL [+-]?[\\d,]+\\.\\d\\d$`));
    assert.equal(row('balance'), `Balance | ${formatMoney(snapshot().balance)}`);
    assert.match(row('positions') ?? '', /^Positions \| [1-9]\d*$/);
    assert.match(row('orders') ?? '', /^Working orders \| \d+$/);

    // A scripted market order: its trade row shows side, size and the scripted price.
    const before = snapshot().trades.length;
    sim.placeOrder(accountId, contractId, 'Bid', 2, 101);
    await until('the trade arrived', () => snapshot().trades.some((t) => t.price === 101 && t.size === 2));
    const trade = snapshot().trades.find((t) => t.price === 101 && t.size === 2);
    assert.ok(trade && snapshot().trades.length > before);
    await until('the trade row', () => row(`trades/${trade.id}`) !== undefined);
    assert.match(row(`trades/${trade.id}`) ?? '', new RegExp(`^\\d\\d:\\d\\d:\\d\\d \\S+ \\S+ \\| Buy 2 @ ${formatPrice(101, a.account.session.contract(contractId)?.tickSize).replace('.', '\\.')} · `));
    assert.match(row('trades') ?? '', /^Today's trades \| [1-9]\d*$/);

    // Net = realized − fees + unrealized, as the row spells it out.
    const net = /^Net P&L today \| ([+-]?[\d,.]+) \(realized ([+-]?[\d,.]+), fees ([\d,.]+), unrealized ([+-]?[\d,.]+)\)$/.exec(row('net') ?? '');
    assert.ok(net, `net row: ${row('net')}`);
    const n = (t: string): number => Number(t.replace(/,/g, ''));
    assert.ok(Math.abs(n(net[1]) - (n(net[2]) - n(net[3]) + n(net[4]))) <= 0.011, `net adds up: ${net[0]}`);
  });

  it('shows each rule with its state in the tree and the status bar, and notifies each transition once', async () => {
    const sim = a.demo.simulator;
    assert.ok(sim);
    sim.setPosition(accountId, contractId, 5, 100);
    await until('5 contracts held', () => snapshot().positions.some((p) => p.contractId === contractId && p.size === 5));
    const notices = (kind: string): number => a.account.notifications.shown.filter((s) => s.kind === kind).length;
    const warnings = notices('ruleWarning');
    const breaches = notices('ruleBreached');

    // Any open contract uses more than 0.01 % of 10000: warning.
    await config().update('risk', [{ profile: 'demo', maxPosition: 10000, warnAt: 0.0001, dailyLossLimit: 1e9 }], vscode.ConfigurationTarget.Global);
    await until('the warning row', () => (row('rule/maxPosition') ?? '').startsWith('Max position | warning · '));
    assert.match(row('rule/dailyLoss') ?? '', /^Daily loss limit \| ok · [\d,]+\.\d\d left of 1,000,000,000\.00 \(0 % used\)$/);
    assert.equal(a.account.status.view?.background, 'statusBarItem.warningBackground');
    assert.equal(notices('ruleWarning'), warnings + 1);

    // 5 held over a limit of 1: breached.
    await config().update('risk', [{ profile: 'demo', maxPosition: 1 }], vscode.ConfigurationTarget.Global);
    await until('the breached row', () => (row('rule/maxPosition') ?? '').startsWith('Max position | breached · '));
    assert.equal(a.account.status.view?.background, 'statusBarItem.errorBackground');
    assert.match(a.account.status.view?.tooltip ?? '', /Max position: breached/);
    assert.equal(a.account.status.view?.text, `$(graph-line) ${formatMoney(snapshot().netPnl, true)}`);

    // More events while still breached: no second notification.
    sim.placeOrder(accountId, contractId, 'Bid', 1, 99);
    await until('the next trade', () => snapshot().trades.some((t) => t.price === 99));
    await until('the tree caught up', () => (row('positions/' + contractId) ?? '').includes('| Long 6 @'));
    assert.equal(notices('ruleBreached'), breaches + 1);
    assert.equal(notices('ruleWarning'), warnings + 1);
  });

  it('notifies a filled order once, even when the gateway sends its events twice', async () => {
    const sim = a.demo.simulator;
    assert.ok(sim);
    sim.faults.duplicateUserEvents(true);
    sim.placeOrder(accountId, contractId, 'Ask', 1, 98.5);
    await until('the fill arrived', () => snapshot().trades.some((t) => t.price === 98.5));
    const trade = snapshot().trades.find((t) => t.price === 98.5);
    assert.ok(trade);
    await until('the notification', () => a.account.notifications.shown.some((s) => s.text.includes(`order ${trade.orderId} filled`)));
    // Another event after the duplicates: the count of the first order's notices is settled.
    sim.placeOrder(accountId, contractId, 'Ask', 1, 98.25);
    const tick = a.account.session.contract(contractId)?.tickSize;
    await until('the second fill noticed', () => a.account.notifications.shown.some((s) => s.kind === 'orderFilled' && s.text.endsWith(`@ ${formatPrice(98.25, tick)}`)));
    assert.equal(a.account.notifications.shown.filter((s) => s.text.includes(`order ${trade.orderId} filled`)).length, 1);
    assert.match(a.account.notifications.shown.find((s) => s.text.includes(`order ${trade.orderId} filled`))?.text ?? '', new RegExp(` Sell 1 \\S+ \\S+ @ ${formatPrice(98.5, tick).replace('.', '\\.')}$`));
  });

  it('a bad hubmon.risk entry is skipped with one line naming the cause and the fix', async () => {
    const before = a.notifier.history.length;
    await config().update('risk', [{ profile: 'demo', dailyLossLimit: -5 }, { profile: 'demo', accountId: accountId, maxPosition: 1000 }], vscode.ConfigurationTarget.Global);
    await until('the problem line', () => a.notifier.history.length > before);
    assert.deepEqual(a.notifier.history.slice(before).map((h) => h.text), [
      'Setting hubmon.risk[0] is invalid (the daily loss limit must be a positive amount of money, not -5); that entry is ignored. Fix it in Settings.',
    ]);
    // The good entry still applies: the account's own limit.
    await until('the account entry applies', () => (row('rule/maxPosition') ?? '').endsWith(' of 1000 contracts'));
    assert.equal(row('rule/dailyLoss'), undefined);
    await config().update('risk', undefined, vscode.ConfigurationTarget.Global);
  });

  it('Show Account opens one panel per account and reveals it again on a second call', async () => {
    const shown = await vscode.commands.executeCommand<number>('hubmon.showAccount');
    assert.equal(shown, accountId);
    assert.deepEqual(a.account.panels.open, [accountId]);
    await vscode.commands.executeCommand('hubmon.showAccount', { accountId });
    assert.deepEqual(a.account.panels.open, [accountId]);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await until('the panel closed', () => a.account.panels.open.length === 0);
  });

  it('hides the P&L item when hubmon.statusBar.showPnl is off', async () => {
    assert.ok(a.account.status.view, 'shown by default while an account is monitored');
    await config().update('statusBar.showPnl', false, vscode.ConfigurationTarget.Global);
    await until('hidden', () => a.account.status.view === undefined);
    await config().update('statusBar.showPnl', undefined, vscode.ConfigurationTarget.Global);
    await until('shown again', () => a.account.status.view !== undefined);
  });
});
