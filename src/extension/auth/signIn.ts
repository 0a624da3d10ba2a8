import vscode = require('vscode');
// A named import: @vscode/l10n-dev finds l10n.t calls through it (not through import-equals).
import { l10n } from 'vscode';
import type { Profile } from '../../core/profiles';
import { hostOf } from './originBinding';

export type SignInInput = { readonly userName: string; readonly apiKey: string } | { readonly token: string };

/** Arguments the sign-in command accepts (tests and other extensions bypass the quick inputs). */
export interface SignInArgs {
  readonly profileId?: string;
  readonly userName?: string;
  readonly apiKey?: string;
  readonly token?: string;
}

/** Parses the command argument at the boundary; anything else means "ask the user". */
export function parseSignInArgs(arg: unknown): SignInArgs {
  if (typeof arg !== 'object' || arg === null) return {};
  const a = arg as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
  return { profileId: str(a.profileId), userName: str(a.userName), apiKey: str(a.apiKey), token: str(a.token) };
}

/** Asks how to sign in, then for user name + API key (a password input) or a pasted token. */
export async function askSignIn(profile: Profile, lastUserName: string | undefined): Promise<SignInInput | undefined> {
  const how = await vscode.window.showQuickPick(
    [
      { label: `$(key) ${l10n.t('Sign in with API key')}`, detail: l10n.t("User name and API key from your firm's ProjectX dashboard (Settings → API)."), value: 'key' as const },
      { label: `$(clippy) ${l10n.t('Paste a token')}`, detail: l10n.t('A current JWT from the gateway (valid 24 h); it is refreshed while it lasts.'), value: 'token' as const },
    ],
    { title: l10n.t('Sign in to {0}', profile.name), placeHolder: l10n.t('How do you want to sign in?'), ignoreFocusOut: true },
  );
  if (!how) return undefined;
  if (how.value === 'token') {
    const token = await vscode.window.showInputBox({
      title: l10n.t('Sign in to {0}: token', profile.name),
      prompt: l10n.t("Paste the JWT. It is sent only to {0} and its hubs, and kept in VS Code's secret storage only.", hostOf(profile.apiUrl)),
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (/^(Bearer\s+)?[\w-]+\.[\w-]+\.[\w-]*$/.test(v.trim()) ? undefined : l10n.t('A JWT has three dot-separated parts (eyJ….….…).')),
    });
    return token ? { token } : undefined;
  }
  const userName = await vscode.window.showInputBox({
    title: l10n.t('Sign in to {0}: user name (1/2)', profile.name),
    prompt: l10n.t('Your ProjectX user name'),
    value: lastUserName,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : l10n.t('Enter the user name.')),
  });
  if (!userName) return undefined;
  const apiKey = await vscode.window.showInputBox({
    title: l10n.t('Sign in to {0}: API key (2/2)', profile.name),
    prompt: l10n.t("Your API key. It is sent only to {0} and kept in VS Code's secret storage only.", hostOf(profile.apiUrl)),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : l10n.t('Enter the API key.')),
  });
  return apiKey ? { userName: userName.trim(), apiKey: apiKey.trim() } : undefined;
}
