import vscode = require('vscode');
// A named import: @vscode/l10n-dev finds l10n.t calls through it (not through import-equals).
import { l10n } from 'vscode';
import { askSignIn, parseSignInArgs, type SignInInput } from '../auth/signIn';
import type { SignInResult } from '../controller/monitorController';
import type { Services } from '../services';
import { registerSafeCommand } from '../util/notify';
import { Command } from '../commandIds';

/** hubmon.signIn, hubmon.signOut, hubmon.selectProfile. */
export function registerAuthCommands(s: Services): vscode.Disposable[] {
  const { controller, profiles, secrets, notifier } = s;
  return [
    registerSafeCommand(Command.signIn, notifier, async (arg?: unknown): Promise<SignInResult | undefined> => {
      const args = parseSignInArgs(arg);
      const profile = args.profileId ? profiles.find(args.profileId) : profiles.active;
      if (!profile) throw new Error(`unknown profile "${args.profileId}": pick one with "Hub Monitor: Select Profile"`);
      let input: SignInInput | undefined;
      if (args.token) input = { token: args.token };
      else if (args.userName && args.apiKey) input = { userName: args.userName, apiKey: args.apiKey };
      else input = await askSignIn(profile, (await secrets.get(profile.id)).userName);
      if (!input) return undefined;
      const result = 'token' in input ? await controller.signInWithToken(profile.id, input.token) : await controller.signInWithKey(profile.id, input.userName, input.apiKey);
      if (result.ok) {
        void vscode.window.setStatusBarMessage(`$(pass) ${l10n.t('Hub Monitor: signed in to {0}', profile.name)}`, 4000);
      } else {
        void notifier.error(result.message, 'Try Again').then((choice) => {
          if (choice) void vscode.commands.executeCommand(Command.signIn, { profileId: profile.id });
        });
      }
      return result;
    }),
    registerSafeCommand(Command.signOut, notifier, async (arg?: unknown) => {
      const id = typeof arg === 'object' && arg !== null && typeof (arg as { profileId?: unknown }).profileId === 'string' ? (arg as { profileId: string }).profileId : profiles.active.id;
      await controller.signOut(id);
      void vscode.window.setStatusBarMessage(`$(sign-out) ${l10n.t('Hub Monitor: signed out')}`, 4000);
    }),
    registerSafeCommand(Command.selectProfile, notifier, async (arg?: unknown) => {
      let id = typeof arg === 'string' ? arg : undefined;
      if (!id) {
        const active = profiles.active.id;
        const picked = await vscode.window.showQuickPick(
          profiles.profiles.map((p) => ({ label: `${p.id === active ? '$(check) ' : ''}${p.name}`, description: p.id, detail: p.apiUrl, id: p.id })),
          { title: l10n.t('Hub Monitor: Select Profile'), placeHolder: l10n.t('Switching the profile reconnects with it') },
        );
        id = picked?.id;
      }
      if (!id) return;
      await profiles.setActive(id);
      for (const problem of profiles.problems) void notifier.error(problem);
    }),
  ];
}
