import type { Profile } from '../../core/profiles';
import type { SecretStore } from '../auth/secretStore';
import { GatewayClient, GatewayError } from '../core';
import type { OutputLog } from '../log/outputLog';
import { errorLine } from '../util/errors';

export type SignInResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

/**
 * The credential side of signing in: checks a key or pasted token against the gateway and writes
 * SecretStorage. Separate from the controller because it needs no Monitor: the controller only
 * settles its auth state on the result. It also counts the writes in flight, so the controller can
 * tell its own secret changes from another window's.
 */
export class CredentialFlow {
  /** Sign-in/sign-out in progress in this window: their own secret writes are not "another window". */
  private busy = 0;

  constructor(
    private readonly secrets: SecretStore,
    private readonly log: OutputLog,
  ) {}

  get inProgress(): boolean {
    return this.busy > 0;
  }

  async whileBusy<T>(job: () => Promise<T>): Promise<T> {
    this.busy += 1;
    try {
      return await job();
    } finally {
      this.busy -= 1;
    }
  }

  /** Logs in with an API key; stores key and token in SecretStorage only. */
  async withKey(profile: Profile, userName: string, apiKey: string): Promise<SignInResult> {
    this.log.rememberSecret(apiKey);
    try {
      const token = await new GatewayClient(profile.apiUrl).loginKey(userName, apiKey);
      this.log.rememberSecret(token);
      await this.secrets.storeKey(profile.id, userName, apiKey);
      await this.secrets.storeToken(profile.id, token);
    } catch (error) {
      return this.failed(profile, error, 'Check the user name and API key (from your firm\'s ProjectX dashboard) and sign in again.');
    }
    this.log.info('auth', `signed in to ${profile.name} as ${userName}`);
    return { ok: true };
  }

  /** Validates a pasted JWT against the gateway, then stores it (any stored key is removed). */
  async withToken(profile: Profile, pasted: string): Promise<SignInResult> {
    const token = pasted.trim().replace(/^Bearer\s+/i, '');
    this.log.rememberSecret(token);
    try {
      const fresh = await new GatewayClient(profile.apiUrl).validate(token);
      this.log.rememberSecret(fresh);
      await this.secrets.clearKey(profile.id);
      await this.secrets.storeToken(profile.id, fresh || token);
    } catch (error) {
      return this.failed(profile, error, 'Paste a current token (it lives 24 h) or sign in with an API key.');
    }
    this.log.info('auth', `signed in to ${profile.name} with a pasted token`);
    return { ok: true };
  }

  /** Deletes the profile's key and token. */
  async forget(profile: Profile): Promise<void> {
    await this.secrets.clear(profile.id);
    this.log.info('auth', `signed out of ${profile.name}`);
  }

  /** Keeps a token the engine refreshed, so the next start (or window) does not log in again. */
  storeRefreshedToken(profileId: string, token: string): void {
    this.log.rememberSecret(token);
    this.secrets.storeToken(profileId, token).then(undefined, (error: unknown) => {
      this.log.warn('auth', `could not store the refreshed token: ${errorLine(error)}`);
    });
  }

  private failed(profile: Profile, error: unknown, fix: string): SignInResult {
    // A GatewayError's message already names its fix; other errors (a bug, a crash) get ours.
    const message = `Sign-in to ${profile.name} failed: ${errorLine(error)}${error instanceof GatewayError ? '' : `. ${fix}`}`;
    return { ok: false, message: this.log.redact(message) };
  }
}
