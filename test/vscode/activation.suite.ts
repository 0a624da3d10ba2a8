// Activation at start-up (no view opened, no command run), where the extension host runs it, and the
// status bar item from the first moment: a quiet "signed out" item a setting can hide.
// The file name sorts first, so nothing in this run has activated the extension yet.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HubMonitorApi } from '../../src/extension/api';
import { Command } from '../../src/extension/commandIds';
import { EXTENSION_ID, until } from './support/host';

describe('Activation at start-up and the status bar (in host)', function () {
  this.timeout(60_000);

  it('activates once start-up finishes, without its view or a command', async () => {
    const ext = vscode.extensions.getExtension<HubMonitorApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    // No activate() call: onStartupFinished must do it by itself.
    await until('the extension active by itself', () => ext.isActive, 30_000);
    const events = (ext.packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    assert.ok(events.includes('onStartupFinished'), JSON.stringify(events));
  });

  it('runs where the network is: the workspace host in a browser workbench (code-server), the UI host on desktop', () => {
    const ext = vscode.extensions.getExtension<HubMonitorApi>(EXTENSION_ID);
    assert.ok(ext);
    assert.deepEqual((ext.packageJSON as { extensionKind?: string[] }).extensionKind, ['ui', 'workspace']);
    // A browser has no Node extension host on the UI side, so "ui" is not possible and the server runs it.
    const expected = vscode.env.uiKind === vscode.UIKind.Web ? vscode.ExtensionKind.Workspace : vscode.ExtensionKind.UI;
    assert.equal(ext.extensionKind, expected, `uiKind ${vscode.env.uiKind}, remoteName ${String(vscode.env.remoteName)}`);
  });

  it('shows a quiet signed-out item from the start, hidden by hubmon.statusBar.showWhenSignedOut', async () => {
    const ext = vscode.extensions.getExtension<HubMonitorApi>(EXTENSION_ID);
    assert.ok(ext?.isActive);
    const a = ext.exports;
    await a.ready;
    assert.equal(a.controller.snapshot().auth, 'signed-out');
    const view = a.status.view;
    assert.equal(view.text, '$(account) Hub Monitor: signed out');
    assert.equal(view.quiet, true);
    assert.equal(view.background, undefined, 'no warning or error colour while simply signed out');
    assert.equal(a.status.visible, true);
    const config = vscode.workspace.getConfiguration('hubmon');
    try {
      await config.update('statusBar.showWhenSignedOut', false, vscode.ConfigurationTarget.Global);
      await until('the item hidden', () => !a.status.visible);
    } finally {
      await config.update('statusBar.showWhenSignedOut', undefined, vscode.ConfigurationTarget.Global);
    }
    await until('the item shown again', () => a.status.visible);
  });

  it('registers every command id of commandIds.ts, and the manifest contributes exactly those', async () => {
    const ext = vscode.extensions.getExtension<HubMonitorApi>(EXTENSION_ID);
    assert.ok(ext?.isActive);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(Object.values(Command).filter((id) => !registered.has(id)), []);
    const contributed = ((ext.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands ?? []).map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(Command).sort());
  });
});
