import vscode = require('vscode');
import { Disposable } from '../util/disposable';

/** What is kept per profile. The user name is not secret but belongs with its key. */
export interface StoredCredentials {
  readonly userName: string | undefined;
  readonly apiKey: string | undefined;
  readonly token: string | undefined;
}

type Field = 'userName' | 'apiKey' | 'token';
const FIELDS: readonly Field[] = ['userName', 'apiKey', 'token'];

function keyOf(profileId: string, field: Field): string {
  return `hubmon.${profileId}.${field}`;
}

/**
 * Typed wrapper over SecretStorage: the only place API keys and tokens are stored. Changes (also
 * from another window) are re-fired with the profile id so the controller can pick up a sign-in.
 */
export class SecretStore extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<string>());
  /** Fires with the profile id whose secrets changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    super();
    this._register(
      secrets.onDidChange((e) => {
        const match = /^hubmon\.([A-Za-z0-9_-]+)\.(userName|apiKey|token)$/.exec(e.key);
        if (match) this.changed.fire(match[1]);
      }),
    );
  }

  async get(profileId: string): Promise<StoredCredentials> {
    const [userName, apiKey, token] = await Promise.all(FIELDS.map((f) => this.secrets.get(keyOf(profileId, f))));
    return { userName, apiKey, token };
  }

  async hasCredentials(profileId: string): Promise<boolean> {
    const c = await this.get(profileId);
    return Boolean(c.token || c.apiKey);
  }

  async storeKey(profileId: string, userName: string, apiKey: string): Promise<void> {
    await this.secrets.store(keyOf(profileId, 'userName'), userName);
    await this.secrets.store(keyOf(profileId, 'apiKey'), apiKey);
  }

  async storeToken(profileId: string, token: string): Promise<void> {
    if ((await this.secrets.get(keyOf(profileId, 'token'))) === token) return;
    await this.secrets.store(keyOf(profileId, 'token'), token);
  }

  /** Removes everything of one profile (sign-out). */
  async clear(profileId: string): Promise<void> {
    for (const field of FIELDS) await this.secrets.delete(keyOf(profileId, field));
  }

  /** A paste-a-token sign-in replaces any stored key (the two would disagree). */
  async clearKey(profileId: string): Promise<void> {
    await this.secrets.delete(keyOf(profileId, 'userName'));
    await this.secrets.delete(keyOf(profileId, 'apiKey'));
  }
}
