// The quote chart inside a real extension host against the embedded demo gateway: the command
// opens one webview panel per contract (a tree node, an id, or a bad argument), subscribes quotes
// and trades through the market hub's SubscriptionSet, and reveals instead of duplicating.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HubMonitorApi } from '../../src/extension/api';

const extensionId = 'hubmon.topstepx-hub-monitor';

function chartTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('hubmon.quoteChart'));
}

async function eventually(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Quote chart (in host, demo gateway)', function () {
  this.timeout(60_000);
  let api: HubMonitorApi;
  let firstId = '';

  before(async function () {
    this.timeout(90_000);
    const ext = vscode.extensions.getExtension<HubMonitorApi>(extensionId);
    assert.ok(ext, `${extensionId} is not loaded`);
    api = await ext.activate();
    await api.ready;
    await vscode.commands.executeCommand('hubmon.startDemo');
    await eventually('the market hub connected', () => api.controller.monitor?.market.state.kind === 'connected', 60_000);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a chart for a tree node, and reveals it instead of opening a second one', async () => {
    const monitor = api.controller.monitor!;
    const [token] = [await monitor.tokens.getToken()];
    const [contract] = await monitor.gateway.searchContracts(token, 'ES');
    assert.ok(contract, 'the demo gateway found no ES contract');
    firstId = contract.id;
    await vscode.commands.executeCommand('hubmon.openQuoteChart', { kind: 'subscription', contractId: contract.id });
    await eventually('a chart tab', () => chartTabs().length === 1);
    // A title a trader reads: root and month, then the timeframe (the id's product code until the first quote names it).
    assert.match(chartTabs()[0].label, new RegExp(`^[A-Z0-9]+ ${contract.id.split('.').pop() ?? ''} · 1 min$`));
    await vscode.commands.executeCommand('hubmon.openQuoteChart', contract.id);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(chartTabs().length, 1);
  });

  it('subscribes quotes and trades for a new contract through the market SubscriptionSet', async () => {
    const monitor = api.controller.monitor!;
    const token = await monitor.tokens.getToken();
    const [other] = (await monitor.gateway.searchContracts(token, 'NQ')).filter((c) => c.id !== firstId);
    assert.ok(other, `the demo gateway found no NQ contract other than ${firstId}`);
    await vscode.commands.executeCommand('hubmon.openQuoteChart', other.id);
    const keysFor = (): string[] => monitor.market.subscriptions.list().filter((s) => s.arg === other.id && s.status.kind === 'active').map((s) => s.method).sort();
    await eventually('quote and trade subscriptions active', () => keysFor().includes('SubscribeContractQuotes') && keysFor().includes('SubscribeContractTrades'));
    await eventually('a second chart tab', () => chartTabs().length === 2, 5000).catch(() => undefined);
    const labels = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => `${t.label} (${t.input instanceof vscode.TabInputWebview ? t.input.viewType : typeof t.input})`);
    assert.equal(chartTabs().length, 2, `tabs: ${labels.join(', ')}; first ${firstId}, second ${other.id}`);
  });

  it('refuses an argument that is not a contract id without opening anything', async () => {
    const before = chartTabs().length;
    await vscode.commands.executeCommand('hubmon.openQuoteChart', 'rm -rf /; <script>');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(chartTabs().length, before);
  });
});
