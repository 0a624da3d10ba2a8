import vscode = require('vscode');
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
      { label: '$(key) Sign in with API key', detail: 'User name and API key from your firm\'s ProjectX dashboard (Settings → API).', value: 'key' as const },
      { label: '$(clippy) Paste a token', detail: 'A current JWT from the gateway (valid 24 h); it is refreshed while it lasts.', value: 'token' as const },
    ],
    { title: `Sign in to ${profile.name}`, placeHolder: 'How do you want to sign in?', ignoreFocusOut: true },
  );
  if (!how) return undefined;
  if (how.value === 'token') {
    const token = await vscode.window.showInputBox({
      title: `Sign in to ${profile.name}: token`,
      prompt: `Paste the JWT. It is sent only to ${hostOf(profile.apiUrl)} and its hubs, and kept in VS Code's secret storage only.`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (/^(Bearer\s+)?[\w-]+\.[\w-]+\.[\w-]*$/.test(v.trim()) ? undefined : 'A JWT has three dot-separated parts (eyJ….….…).'),
    });
    return token ? { token } : undefined;
  }
  const userName = await vscode.window.showInputBox({
    title: `Sign in to ${profile.name}: user name (1/2)`,
    prompt: 'Your ProjectX user name',
    value: lastUserName,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter the user name.'),
  });
  if (!userName) return undefined;
  const apiKey = await vscode.window.showInputBox({
    title: `Sign in to ${profile.name}: API key (2/2)`,
    prompt: `Your API key. It is sent only to ${hostOf(profile.apiUrl)} and kept in VS Code's secret storage only.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter the API key.'),
  });
  return apiKey ? { userName: userName.trim(), apiKey: apiKey.trim() } : undefined;
}
