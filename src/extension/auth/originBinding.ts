import vscode = require('vscode');
import type { Profile } from '../../core/profiles';

/** The URLs a profile had when the user signed in: its stored key and token belong to these. */
interface BoundUrls {
  readonly apiUrl: string;
  readonly userHubUrl: string;
  readonly marketHubUrl: string;
}

const URL_FIELDS = ['apiUrl', 'userHubUrl', 'marketHubUrl'] as const;

export const SEND_THERE = 'Send My Key There';
export const KEEP_OLD = 'Keep Old URLs';

/** Asks the user one question with two answers; replaceable by the in-host tests (they cannot click a modal). */
export type AskUser = (question: string, yes: string, no: string) => Thenable<string | undefined>;

const askModal: AskUser = (question, yes, no) => vscode.window.showWarningMessage(question, { modal: true }, yes, no);

function stateKey(profileId: string): string {
  return `hubmon.boundUrls.${profileId}`;
}

function originsOf(urls: BoundUrls): string {
  return URL_FIELDS.map((f) => urls[f]).map((u) => {
    try {
      return new URL(u).origin;
    } catch {
      return u;
    }
  }).join(' ');
}

/** The host:port a URL points at (the URL itself when it does not parse). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function parseBound(raw: unknown): BoundUrls | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const { apiUrl, userHubUrl, marketHubUrl } = r;
  return typeof apiUrl === 'string' && typeof userHubUrl === 'string' && typeof marketHubUrl === 'string' ? { apiUrl, userHubUrl, marketHubUrl } : undefined;
}

/**
 * Binds a profile's stored key and token to the exact origins (API and both hubs) it was signed in
 * at. Before the stored secrets are used, `resolve` compares: a profile that now points elsewhere
 * (a settings edit, a synced or injected setting) gets the user's consent once, or keeps using the
 * old URLs, so nothing is sent to the new ones. URLs, not secrets, are kept in globalState.
 */
export class OriginBinding {
  /** "Profile id → new origins" the user declined in this window: not asked again, old URLs kept. */
  private readonly declined = new Set<string>();
  /** One question at a time per profile: concurrent callers share its answer. */
  private readonly asking = new Map<string, Promise<Profile>>();
  /** The in-host tests answer here; the user sees a modal dialog. */
  ask: AskUser = askModal;

  constructor(private readonly state: vscode.Memento) {}

  /** Records the URLs the key was just given to (a successful sign-in). */
  async bind(profile: Profile): Promise<void> {
    const urls: BoundUrls = { apiUrl: profile.apiUrl, userHubUrl: profile.userHubUrl, marketHubUrl: profile.marketHubUrl };
    await this.state.update(stateKey(profile.id), urls);
  }

  async forget(profileId: string): Promise<void> {
    await this.state.update(stateKey(profileId), undefined);
  }

  /** The profile to use with the stored secrets: the current one, or the same profile at its signed-in URLs. */
  resolve(profile: Profile): Promise<Profile> {
    const pending = this.asking.get(profile.id);
    if (pending) return pending;
    const job = this.decide(profile).finally(() => this.asking.delete(profile.id));
    this.asking.set(profile.id, job);
    return job;
  }

  private async decide(profile: Profile): Promise<Profile> {
    // The demo's URLs are ours (loopback, any port) and its key is published: nothing to bind.
    if (profile.id === 'demo') return profile;
    const bound = parseBound(this.state.get(stateKey(profile.id)));
    if (!bound) {
      // Signed in before bindings existed: these settings are user-only, so bind to what is there now.
      await this.bind(profile);
      return profile;
    }
    const now = originsOf(profile);
    if (now === originsOf(bound)) {
      // Same servers (maybe another path): the key goes nowhere new.
      if (profile.apiUrl !== bound.apiUrl || profile.userHubUrl !== bound.userHubUrl || profile.marketHubUrl !== bound.marketHubUrl) await this.bind(profile);
      return profile;
    }
    const decision = `${profile.id} ${now}`;
    if (!this.declined.has(decision)) {
      // Name the first URL that moved (the API one, usually).
      const field = URL_FIELDS.find((f) => originsOf({ ...bound, [f]: profile[f] }) !== originsOf(bound)) ?? 'apiUrl';
      const answer = await this.ask(`Profile ${profile.name} now points to ${hostOf(profile[field])} (was ${hostOf(bound[field])}). Send your key there?`, SEND_THERE, KEEP_OLD);
      if (answer === SEND_THERE) {
        await this.bind(profile);
        return profile;
      }
      this.declined.add(decision);
    }
    return { ...profile, ...bound };
  }
}
