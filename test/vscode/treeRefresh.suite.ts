// The Hubs tree refreshes only rows whose text moved: the once-a-second tick re-renders ages and
// rates, not rows that read the same (hovers and screen readers keep their place).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HubMonitorApi } from '../../src/extension/api';
import type { HubNode } from '../../src/extension/tree/hubTreeModel';
import { activateApi, until } from './support/host';

describe('Hubs tree: only changed rows refresh (in host, demo gateway)', function () {
  this.timeout(60_000);
  let a: HubMonitorApi;

  before(async () => {
    a = await activateApi();
    await vscode.commands.executeCommand('hubmon.startDemo');
    await until('both hubs connected', () => a.controller.snapshot().user?.kind === 'connected' && a.controller.snapshot().market?.kind === 'connected');
  });

  after(async () => {
    await vscode.commands.executeCommand('hubmon.signOut', { profileId: 'demo' });
    await vscode.commands.executeCommand('hubmon.stopDemo');
  });

  it('a tick leaves rows that read the same (the hub rows) out of the refresh', async () => {
    const model = a.tree.model;
    // What the provider does when VS Code draws the rows.
    const rows = model.rows().map((r) => r.node);
    for (const node of rows) model.rendered(node, model.view(node));
    const hubIds = rows.filter((n) => n.kind === 'hub').map((n) => n.id);
    assert.equal(hubIds.length, 2);
    const batch = await new Promise<readonly HubNode[] | undefined>((resolve) => {
      const sub = model.onDidChange((nodes) => {
        sub.dispose();
        resolve(nodes);
      });
      model.tick();
    });
    assert.ok(batch, 'a tick refreshes rows, never the whole tree');
    assert.deepEqual(batch.filter((n) => hubIds.includes(n.id)).map((n) => n.id), [], 'unchanged hub rows were refreshed');
  });
});
