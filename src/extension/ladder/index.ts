/**
 * The depth ladder feature: `hubmon.openDepthLadder` (contract from the tree node, else the chart's
 * contract picker), one LadderPanel per contract, the serializer that brings ladders back after a
 * reload, and re-binding every panel when the active monitor changes.
 */
import vscode = require('vscode');
import type { Monitor } from '../../core/monitor/types';
import { redact } from '../../core/util/redact';
import { parseLadderState } from '../../shared/ladderProtocol';
import { contractFromArg, subscribedContracts } from '../chart/contracts';
import { pickContracts } from '../chart/pickContract';
import { Command } from '../commandIds';
import { errorLine } from '../util/errors';
import { LADDER_VIEW_TYPE, LadderPanel, ladderPanelOptions } from './ladderPanel';

export const OPEN_DEPTH_LADDER = Command.openDepthLadder;

export interface DepthLadderDeps {
  monitor(): Monitor | undefined;
  onDidChangeMonitor: vscode.Event<Monitor | undefined>;
  log: vscode.LogOutputChannel;
}

class DepthLadders implements vscode.Disposable {
  private readonly panels = new Set<LadderPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext, private readonly deps: DepthLadderDeps) {
    this.disposables.push(
      vscode.commands.registerCommand(OPEN_DEPTH_LADDER, (arg: unknown) => this.open(arg)),
      vscode.window.registerWebviewPanelSerializer(LADDER_VIEW_TYPE, { deserializeWebviewPanel: async (panel, state) => this.restore(panel, state) }),
      deps.onDidChangeMonitor((monitor) => this.panels.forEach((p) => p.bind(monitor))),
    );
  }

  private log(text: string): void {
    this.deps.log.warn(redact(`[ladder] ${text}`));
  }

  private adopt(webviewPanel: vscode.WebviewPanel, contractId: string): void {
    const panel = new LadderPanel(webviewPanel, this.context.extensionUri, contractId, (t) => this.log(t));
    this.panels.add(panel);
    panel.onDidDispose(() => this.panels.delete(panel));
    panel.bind(this.deps.monitor());
  }

  async open(arg: unknown): Promise<void> {
    const parsed = contractFromArg(arg);
    if (parsed.error) {
      void vscode.window.showErrorMessage(`Open Depth Ladder: ${parsed.error}.`);
      return;
    }
    const monitor = this.deps.monitor();
    if (!monitor) {
      void vscode.window.showWarningMessage('Open Depth Ladder: not connected. Sign in (Hub Monitor: Sign In) or start the demo gateway first.');
      return;
    }
    let ids = parsed.contractId ? [parsed.contractId] : undefined;
    try {
      ids ??= await pickContracts(monitor, subscribedContracts(monitor));
    } catch (error) {
      void vscode.window.showErrorMessage(`Open Depth Ladder: ${errorLine(error)}`);
      return;
    }
    for (const id of ids ?? []) {
      const existing = [...this.panels].find((p) => p.contractId === id);
      if (existing) existing.reveal();
      else this.adopt(vscode.window.createWebviewPanel(LADDER_VIEW_TYPE, `Depth ${id}`, vscode.ViewColumn.Active, ladderPanelOptions(this.context.extensionUri)), id);
    }
  }

  private restore(webviewPanel: vscode.WebviewPanel, state: unknown): void {
    const parsed = parseLadderState(state);
    if (!parsed.ok) {
      this.log(`could not restore a depth ladder: ${parsed.error}; run Hub Monitor: Open Depth Ladder.`);
      webviewPanel.dispose();
      return;
    }
    this.adopt(webviewPanel, parsed.value.contractId);
  }

  dispose(): void {
    for (const panel of [...this.panels]) panel.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}

/** Registers the Open Depth Ladder command and the ladder serializer; dispose undoes both. */
export function registerDepthLadder(context: vscode.ExtensionContext, deps: DepthLadderDeps): vscode.Disposable {
  return new DepthLadders(context, deps);
}
