// Runs inside a real extension host (code-server or desktop VS Code) with our extension loaded in
// development mode: it is found, activates without throwing, and registers every command its
// manifest contributes.
import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import * as vscode from 'vscode';

const extensionId = 'hubmon.topstepx-hub-monitor';

interface ContributedCommand {
  command: string;
}

function contributedCommands(ext: vscode.Extension<unknown>): string[] {
  const manifest = ext.packageJSON as { contributes?: { commands?: ContributedCommand[] } };
  return (manifest.contributes?.commands ?? []).map((c) => c.command);
}

describe('extension in a real VS Code host', () => {
  it('is loaded from the repository in development mode', () => {
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext, `${extensionId} is not among ${vscode.extensions.all.length} loaded extensions`);
    // Development mode loads it from this checkout (out/test/vscode -> the repository root).
    assert.equal(ext.extensionUri.fsPath, resolve(__dirname, '..', '..', '..'));
    assert.equal((ext.packageJSON as { name: string }).name, 'topstepx-hub-monitor');
  });

  it('activates and registers its commands', async () => {
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext);
    await ext.activate();
    assert.equal(ext.isActive, true);
    const registered = new Set(await vscode.commands.getCommands(true));
    const expected = ['hubmon.showTimeline', ...contributedCommands(ext)];
    const missing = expected.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered after activation: ${missing.join(', ')}`);
  });
});
