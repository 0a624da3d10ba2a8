import vscode = require('vscode');
// A named import: @vscode/l10n-dev finds l10n.t calls through it (not through import-equals).
import { l10n } from 'vscode';
import type { HubKind } from '../../core/hub/types';
import type { Services } from '../services';
import { registerSafeCommand } from '../util/notify';
import { framesUri } from './rawFramesDocument';
import { Command } from '../commandIds';

/** The hub a command argument names: "user" / "market", a hub tree node, or { hub }. */
export function hubArg(arg: unknown): HubKind | undefined {
  if (arg === 'user' || arg === 'market') return arg;
  const hub = typeof arg === 'object' && arg !== null ? (arg as { hub?: unknown }).hub : undefined;
  return hub === 'user' || hub === 'market' ? hub : undefined;
}

/** hubmon.showRawFrames: opens the hub's raw frame document beside the editor; returns its text (tests). */
export function registerFramesCommands(s: Services): vscode.Disposable[] {
  return [
    registerSafeCommand(Command.showRawFrames, s.notifier, async (arg?: unknown): Promise<string | undefined> => {
      if (arg !== undefined && hubArg(arg) === undefined) throw new Error('Show Raw Frames takes "user" or "market" (or a hub in the Hubs view).');
      const hub =
        hubArg(arg) ??
        (
          await vscode.window.showQuickPick(
            [
              { label: 'User Hub', description: 'accounts, orders, positions, trades', hub: 'user' as const },
              { label: 'Market Hub', description: 'quotes, trades, depth', hub: 'market' as const },
            ],
            { title: l10n.t('Hub Monitor: Show Raw Frames'), placeHolder: l10n.t('Which hub?') },
          )
        )?.hub;
      if (!hub) return undefined;
      if (!s.controller.monitor) throw new Error(`Not signed in to ${s.controller.profile.name}: no frames yet. Run "Hub Monitor: Sign In" (or "Start Demo Gateway").`);
      const doc = await vscode.workspace.openTextDocument(framesUri(hub));
      await vscode.window.showTextDocument(doc, { preview: false, preserveFocus: true, viewColumn: vscode.ViewColumn.Beside });
      return doc.getText();
    }),
  ];
}
