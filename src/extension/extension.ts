import * as vscode from 'vscode';

// Placeholder until the extension issue lands; activate() only wires objects together.
export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand('hubmon.showTimeline', () => undefined));
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
