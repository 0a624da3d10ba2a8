// The depth ladder inside a real extension host against the embedded demo gateway: the command opens
// a ladder that owns a SubscribeContractMarketDepth; closing it sends the Unsubscribe (the demo's
// simulator sees the invocation); a depth subscription the user made first stays when the ladder closes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HubMonitorApi } from '../../src/extension/api';

const extensionId = 'hubmon.topstepx-hub-monitor';
const DEPTH = 'SubscribeContractMarketDepth';

function ladderTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('hubmon.depthLadder'));
}

async function eventually(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Depth ladder (in host, demo gateway)', function () {
  this.timeout(60_000);
  let api: HubMonitorApi;

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

  async function contractNamed(text: string): Promise<string> {
    const monitor = api.controller.monitor!;
    const [contract] = await monitor.gateway.searchContracts(await monitor.tokens.getToken(), text);
    assert.ok(contract, `the demo gateway found no ${text} contract`);
    return contract.id;
  }

  const unsubscribes = (id: string): number => (api.demo.simulator?.invocations() ?? []).filter((i) => i.target === 'UnsubscribeContractMarketDepth' && i.args[0] === id).length;
  const depthActive = (id: string): boolean => api.controller.monitor!.market.subscriptions.list().some((s) => s.method === DEPTH && s.arg === id && s.status.kind === 'active');

  it('opening subscribes depth; closing the last owner sends Unsubscribe to the gateway', async () => {
    const id = await contractNamed('MNQ');
    await vscode.commands.executeCommand('hubmon.openDepthLadder', id);
    await eventually('a ladder tab', () => ladderTabs().length === 1);
    await eventually('depth subscribed', () => depthActive(id));
    const before = unsubscribes(id);
    await vscode.window.tabGroups.close(ladderTabs());
    await eventually('the Unsubscribe at the simulator', () => unsubscribes(id) === before + 1);
    assert.equal(depthActive(id), false);
  });

  it('closing the ladder keeps the user’s own depth subscription (a separate owner)', async () => {
    const id = await contractNamed('CL');
    const subscriptions = api.controller.monitor!.market.subscriptions;
    await subscriptions.add(DEPTH, id);
    await vscode.commands.executeCommand('hubmon.openDepthLadder', id);
    await eventually('a ladder tab', () => ladderTabs().length === 1);
    const before = unsubscribes(id);
    await vscode.window.tabGroups.close(ladderTabs());
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(unsubscribes(id), before, 'the user still holds it');
    assert.ok(depthActive(id));
    await subscriptions.remove(`${DEPTH}:${id}`);
    await eventually('the Unsubscribe at the simulator', () => unsubscribes(id) === before + 1);
  });
});
