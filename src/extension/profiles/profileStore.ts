import vscode = require('vscode');
import { checkTransport } from '../../core/gateway/transportPolicy';
import { demoProfile, TOPSTEPX_PROFILE, type Profile } from '../../core/profiles';
import { Disposable } from '../util/disposable';
import { DEFAULT_PROFILE_ID, readSettings, settingValue, type HubmonSettings } from './settings';

/**
 * Built-in profiles (TopstepX, the embedded demo) plus the user's from `hubmon.profiles`, and the
 * active one from `hubmon.activeProfile`. Invalid entries are skipped with one line each.
 */
export class ProfileStore extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** Fires when the profiles, the active profile or any hubmon setting changed. */
  readonly onDidChange = this.changed.event;
  private demoPort: number | undefined;
  private cached: { profiles: readonly Profile[]; settings: HubmonSettings; problems: readonly string[] } | undefined;

  constructor() {
    super();
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('hubmon')) {
          this.cached = undefined;
          this.changed.fire();
        }
      }),
    );
  }

  /** The demo gateway moved to another port (the default one was busy). */
  setDemoPort(port: number | undefined): void {
    if (port === this.demoPort) return;
    this.demoPort = port;
    this.cached = undefined;
    this.changed.fire();
  }

  get settings(): HubmonSettings {
    return this.load().settings;
  }

  /** One line per invalid setting or profile entry, each naming the fix. */
  get problems(): readonly string[] {
    return this.load().problems;
  }

  get profiles(): readonly Profile[] {
    return this.load().profiles;
  }

  get active(): Profile {
    const { profiles, settings } = this.load();
    return profiles.find((p) => p.id === settings.activeProfile) ?? profiles.find((p) => p.id === DEFAULT_PROFILE_ID) ?? profiles[0];
  }

  find(id: string): Profile | undefined {
    return this.profiles.find((p) => p.id === id);
  }

  /** Persists the choice in the user settings (profiles are not secrets). */
  async setActive(id: string): Promise<void> {
    if (!this.find(id)) throw new Error(`unknown profile "${id}": add it to hubmon.profiles or pick one from the list`);
    await vscode.workspace.getConfiguration('hubmon').update('activeProfile', id, vscode.ConfigurationTarget.Global);
    this.cached = undefined;
  }

  private load(): NonNullable<ProfileStore['cached']> {
    if (this.cached) return this.cached;
    const { settings, problems } = readSettings();
    // The token transport setting applies to the built-ins; user profiles may set their own.
    const builtIns = [TOPSTEPX_PROFILE, demoProfile(this.demoPort)].map((p) => ({ ...p, tokenTransport: settings.tokenTransport }));
    const raw = settingValue(vscode.workspace.getConfiguration('hubmon'), 'profiles') ?? [];
    const user = parseUserProfiles(raw, builtIns, settings, problems);
    const profiles = [...builtIns, ...user];
    if (!profiles.some((p) => p.id === settings.activeProfile)) {
      problems.push(`Setting hubmon.activeProfile names an unknown profile "${settings.activeProfile}"; using TopstepX. Pick one with "Hub Monitor: Select Profile".`);
    }
    this.cached = { profiles, settings, problems };
    return this.cached;
  }
}

/** Parses `hubmon.profiles` at the boundary; exported for the in-host tests. */
export function parseUserProfiles(raw: unknown, builtIns: readonly Profile[], settings: HubmonSettings, problems: string[]): Profile[] {
  if (!Array.isArray(raw)) {
    problems.push('Setting hubmon.profiles must be an array of profiles; ignoring it. Fix it in Settings.');
    return [];
  }
  const out: Profile[] = [];
  raw.forEach((entry: unknown, index) => {
    const where = `hubmon.profiles[${index}]`;
    if (typeof entry !== 'object' || entry === null) {
      problems.push(`${where} is not an object; ignoring it. Fix it in Settings.`);
      return;
    }
    const e = entry as Record<string, unknown>;
    const id = e.id;
    if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(id)) {
      problems.push(`${where}: "id" must be 1-40 letters, digits, "-" or "_"; ignoring it. Fix it in Settings.`);
      return;
    }
    if (builtIns.some((p) => p.id === id) || out.some((p) => p.id === id)) {
      problems.push(`${where}: id "${id}" is already used; ignoring it. Give it another id in Settings.`);
      return;
    }
    const urls: Record<'apiUrl' | 'userHubUrl' | 'marketHubUrl', string> = { apiUrl: '', userHubUrl: '', marketHubUrl: '' };
    for (const key of ['apiUrl', 'userHubUrl', 'marketHubUrl'] as const) {
      const value = e[key];
      if (typeof value !== 'string' || !isHttpUrl(value)) {
        problems.push(`${where} ("${id}"): "${key}" must be an http(s) URL; ignoring the profile. Fix it in Settings.`);
        return;
      }
      const transport = checkTransport(value, `${where} ("${id}") ${key}`);
      if (!transport.ok) {
        problems.push(`${transport.problem} Ignoring the profile until it is fixed in Settings.`);
        return;
      }
      urls[key] = value.replace(/\/+$/, '');
    }
    const transport = e.tokenTransport;
    if (transport !== undefined && transport !== 'header' && transport !== 'query' && transport !== 'both') {
      problems.push(`${where} ("${id}"): "tokenTransport" must be "header", "query" or "both"; using ${settings.tokenTransport}.`);
    }
    out.push({
      id,
      name: typeof e.name === 'string' && e.name.trim() ? e.name.trim() : id,
      ...urls,
      tokenTransport: transport === 'header' || transport === 'query' || transport === 'both' ? transport : settings.tokenTransport,
      skipNegotiation: typeof e.skipNegotiation === 'boolean' ? e.skipNegotiation : true,
    });
  });
  return out;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
