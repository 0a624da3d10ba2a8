import vscode = require('vscode');
import type { HubFailure } from '../../core/errors/hubError';
import type { HubKind, HubState } from '../../core/hub/types';
import { findSubscribeMethod } from '../../core/hub/methods';
import type { Monitor } from '../../core/monitor/types';
import type { Profile } from '../../core/profiles';
import type { TimelineStep } from '../../core/timeline/types';
import { OriginBinding } from '../auth/originBinding';
import type { SecretStore, StoredCredentials } from '../auth/secretStore';
import type { OutputLog } from '../log/outputLog';
import type { ProfileStore } from '../profiles/profileStore';
import { Disposable } from '../util/disposable';
import { errorLine } from '../util/errors';
import type { Notifier } from '../util/notify';
import { buildActiveMonitor, closeActiveMonitor, type ActiveMonitor } from './activeMonitor';
import { CredentialFlow, type SignInResult } from './credentialFlow';
import type { SavedSubscription } from './subscriptionStore';
import { SubscriptionSync } from './subscriptionSync';
import { Command } from '../commandIds';

export type { SignInResult } from './credentialFlow';

export type AuthState = 'signed-out' | 'signed-in';

/** What the status bar and the tree show about the active profile. */
export interface ControllerSnapshot {
  readonly profile: Profile;
  readonly auth: AuthState;
  readonly user: HubState | undefined;
  readonly market: HubState | undefined;
  /** The last sign-in or token failure, one line, until the next successful sign-in. */
  readonly authFailure: string | undefined;
}

/**
 * Owns the Monitor of the active profile and its lifecycle: builds it from SecretStorage, connects,
 * settles the auth state, and follows profile and secret changes. The gateway/SecretStorage side of
 * sign-in is CredentialFlow, subscription persistence SubscriptionSync, engine wiring activeMonitor.
 */
export class MonitorController extends Disposable {
  private readonly monitorChanged = this._register(new vscode.EventEmitter<Monitor | undefined>());
  readonly onDidChangeMonitor = this.monitorChanged.event;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** Fires on any change of the snapshot (auth, a hub state). */
  readonly onDidChange = this.changed.event;

  private active: ActiveMonitor | undefined;
  private auth: AuthState = 'signed-out';
  private authFailure: string | undefined;
  private profileId: string;
  private readonly credentials: CredentialFlow;
  private readonly subscriptionSync: SubscriptionSync;
  /** Serializes build/teardown so a profile switch and a sign-out cannot interleave. */
  private queue: Promise<unknown> = Promise.resolve();
  private connecting: Promise<void> | undefined;
  /** The active profile's URLs the current monitor was built for (before origin binding chose them). */
  private builtFor: string | undefined;
  /** Keeps the stored key and token at the URLs they were signed in at (asks before sending them elsewhere). */
  readonly originBinding: OriginBinding;

  constructor(
    private readonly profiles: ProfileStore,
    private readonly secrets: SecretStore,
    globalState: vscode.Memento,
    private readonly log: OutputLog,
    private readonly notifier: Notifier,
  ) {
    super();
    this.credentials = new CredentialFlow(secrets, log);
    this.originBinding = new OriginBinding(globalState);
    this.subscriptionSync = new SubscriptionSync(globalState, log);
    this.profileId = profiles.active.id;
    this._register(profiles.onDidChange(() => this.onProfilesChanged()));
    this._register(secrets.onDidChange((id) => this.onSecretsChanged(id)));
    this._register({ dispose: () => this.teardownNow() });
  }

  get monitor(): Monitor | undefined {
    return this.active?.monitor;
  }

  get profile(): Profile {
    return this.profiles.active;
  }

  /** The profile whose URLs may receive the stored key and token: the monitor's, else as origin binding decides. */
  async trustedProfile(): Promise<Profile> {
    return this.active?.profile ?? this.originBinding.resolve(this.profiles.active);
  }

  /** Appends a step to the active monitor's timeline (resync, replay); dropped while signed out. */
  record(hub: HubKind | undefined, step: TimelineStep): void {
    this.active?.timeline.record(hub, step);
  }

  snapshot(): ControllerSnapshot {
    const m = this.active?.monitor;
    return { profile: this.profiles.active, auth: this.auth, user: m?.user.state, market: m?.market.state, authFailure: this.authFailure };
  }

  /** Called once on activation: builds the monitor when signed in, connects when auto-connect is on. */
  async initialize(): Promise<void> {
    const built = await this.enqueue(() => this.rebuild());
    if (built && this.profiles.settings.autoConnect) void this.connectQuietly();
  }

  /** Logs in with an API key; stores key and token in SecretStorage only; connects the active profile. */
  signInWithKey(profileId: string, userName: string, apiKey: string): Promise<SignInResult> {
    return this.credentials.whileBusy(async () => {
      const profile = this.requireProfile(profileId);
      return this.settleSignIn(profile, await this.credentials.withKey(profile, userName, apiKey));
    });
  }

  /** Signs in with a pasted JWT: validated against the gateway, then stored (any stored key is removed). */
  signInWithToken(profileId: string, pasted: string): Promise<SignInResult> {
    return this.credentials.whileBusy(async () => {
      const profile = this.requireProfile(profileId);
      return this.settleSignIn(profile, await this.credentials.withToken(profile, pasted));
    });
  }

  /** Deletes the profile's key and token and disconnects it. */
  signOut(profileId = this.profileId): Promise<void> {
    return this.credentials.whileBusy(async () => {
      const profile = this.requireProfile(profileId);
      if (profile.id === this.profileId) {
        await this.enqueue(() => this.teardown());
        this.auth = 'signed-out';
        this.authFailure = undefined;
        this.changed.fire();
      }
      await this.credentials.forget(profile);
      await this.originBinding.forget(profile.id);
    });
  }

  /** Connects both hubs of the active profile; concurrent calls share one attempt. */
  connect(): Promise<void> {
    this.connecting ??= this.connectOnce().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  /** Throws one clear line when signed out. */
  private async connectOnce(): Promise<void> {
    if (!this.active) await this.enqueue(() => this.rebuild());
    const active = this.active;
    if (!active) {
      throw new Error(`Not signed in to ${this.profiles.active.name}: run "Hub Monitor: Sign In" (or "Start Demo Gateway").`);
    }
    const states = [active.monitor.user.state.kind, active.monitor.market.state.kind];
    if (states.every((k) => k === 'connected')) return;
    this.subscriptionSync.restore(active.profile.id, active.monitor);
    await active.monitor.connect();
  }

  async disconnect(): Promise<void> {
    await this.active?.monitor.disconnect();
  }

  async reconnectNow(): Promise<void> {
    const active = this.active;
    if (!active) return this.connect();
    const started = (h: HubKind): boolean => active.monitor.hubClient(h).state.kind !== 'disconnected';
    if (!started('user') && !started('market')) return this.connect();
    await Promise.all([active.monitor.user.reconnectNow(), active.monitor.market.reconnectNow()]);
  }

  /** Subscribes on the active monitor; the result is persisted by the change listener. */
  async subscribe(method: string, arg?: number | string): Promise<void> {
    const known = findSubscribeMethod(method);
    if (!known) throw new Error(`unknown subscribe method "${method}"`);
    const monitor = this.requireMonitor();
    const info = await monitor.hubClient(known.hub).subscriptions.add(method, arg);
    if (info.status.kind === 'failed') throw new Error(`${method}${arg === undefined ? '' : `(${arg})`} failed: ${info.status.error}`);
  }

  async unsubscribe(key: string): Promise<void> {
    const monitor = this.requireMonitor();
    for (const hub of [monitor.user, monitor.market]) {
      if (hub.subscriptions.list().some((s) => s.key === key)) await hub.subscriptions.remove(key);
    }
  }

  savedSubscriptions(profileId = this.profileId): SavedSubscription[] {
    return this.subscriptionSync.saved(profileId);
  }

  private requireProfile(id: string): Profile {
    const profile = this.profiles.find(id);
    if (!profile) throw new Error(`unknown profile "${id}": pick one with "Hub Monitor: Select Profile"`);
    return profile;
  }

  private requireMonitor(): Monitor {
    const m = this.active?.monitor;
    if (!m) throw new Error(`Not signed in to ${this.profiles.active.name}: run "Hub Monitor: Sign In" first.`);
    return m;
  }

  /** A failed sign-in shows until the next success; a success (re)builds and connects the active profile. */
  private async settleSignIn(profile: Profile, result: SignInResult): Promise<SignInResult> {
    if (!result.ok) {
      this.authFailure = result.message;
      this.changed.fire();
      return result;
    }
    this.authFailure = undefined;
    // The key was just given to these URLs: they are the ones it may go to from now on.
    await this.originBinding.bind(profile);
    if (profile.id === this.profiles.active.id) {
      // The secrets listener may already have rebuilt for these very credentials.
      const stored = await this.secrets.get(profile.id);
      await this.enqueue(async () => {
        if (!this.active || this.active.tokens.currentToken() !== stored.token) await this.rebuild();
      });
      void this.connectQuietly();
    }
    this.changed.fire();
    return { ok: true };
  }

  /** Connect, and show a failure as one line with actions instead of a rejection. */
  async connectQuietly(): Promise<void> {
    await this.queue;
    // Signed out meanwhile (or never signed in): nothing to connect, nothing to report.
    if (!this.active) return;
    try {
      await this.connect();
    } catch (error) {
      void this.notifier.error(`${this.profiles.active.name}: ${errorLine(error)}`, 'Show Timeline').then((choice) => {
        if (choice) this.log.show();
      });
    }
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const next = this.queue.then(job, job);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Replaces the monitor with one for the active profile's stored credentials; false when signed out. */
  private async rebuild(): Promise<boolean> {
    await this.teardown();
    const profile = this.profiles.active;
    this.profileId = profile.id;
    const creds = await this.secrets.get(profile.id);
    if (!creds.token && !(creds.apiKey && creds.userName)) {
      this.auth = 'signed-out';
      this.changed.fire();
      return false;
    }
    // The stored secrets go only to the URLs they were signed in at, unless the user agrees.
    const trusted = await this.originBinding.resolve(profile);
    this.active = this.build(trusted, creds);
    this.builtFor = urlsOf(profile);
    this.auth = 'signed-in';
    this.monitorChanged.fire(this.active.monitor);
    this.changed.fire();
    return true;
  }

  /** Builds the engine and hangs the controller's listeners on it; teardown disposes them. */
  private build(profile: Profile, creds: StoredCredentials): ActiveMonitor {
    const active = buildActiveMonitor(profile, creds, this.profiles, this.log);
    const { monitor, tokens } = active;
    active.listeners.push(
      monitor.user.onDidChangeState(() => this.changed.fire()),
      monitor.market.onDidChangeState(() => this.changed.fire()),
      tokens.onDidChangeToken(() => this.storeRefreshedToken(active)),
      tokens.onDidFail((failure) => this.onTokenFailed(active, failure)),
      ...this.subscriptionSync.follow(profile.id, monitor, () => this.active === active),
    );
    return active;
  }

  private storeRefreshedToken(active: ActiveMonitor): void {
    const token = active.tokens.currentToken();
    if (!token || this.active !== active) return;
    this.credentials.storeRefreshedToken(active.profile.id, token);
  }

  private onTokenFailed(active: ActiveMonitor, failure: HubFailure): void {
    if (this.active !== active) return;
    this.authFailure = `${failure.cause}. ${failure.fix}`;
    this.changed.fire();
    void this.notifier.error(`${active.profile.name}: ${this.authFailure}`, 'Sign In').then((choice) => {
      if (choice) void vscode.commands.executeCommand(Command.signIn);
    });
  }

  private onProfilesChanged(): void {
    if (this.profiles.active.id === this.profileId && this.active && this.builtFor === urlsOf(this.profiles.active)) {
      this.changed.fire();
      return;
    }
    // Switching profile (or the demo moving port) reconnects with the new one.
    this.enqueue(() => this.rebuild()).then(
      (built) => {
        if (built && this.profiles.settings.autoConnect) void this.connectQuietly();
      },
      (error: unknown) => void this.notifier.error(`Switching to ${this.profiles.active.name} failed: ${errorLine(error)}`),
    );
  }

  /** A sign-in or sign-out in another window (or our own token refresh) changed the secrets. */
  private onSecretsChanged(profileId: string): void {
    if (profileId !== this.profileId) return;
    this.enqueue(async () => {
      // Our own sign-in/out writes these secrets and settles the state itself; late events find
      // the final secrets and change nothing.
      if (this.credentials.inProgress) return;
      const creds = await this.secrets.get(profileId);
      const has = Boolean(creds.token || (creds.apiKey && creds.userName));
      if (!has && this.active) {
        this.log.info('auth', `signed out of ${this.active.profile.name} (in another window)`);
        await this.teardown();
        this.auth = 'signed-out';
        this.changed.fire();
      } else if (has && !this.active) {
        this.log.info('auth', `picked up a sign-in to ${this.profiles.active.name}`);
        await this.rebuild();
        if (this.profiles.settings.autoConnect) void this.connectQuietly();
      } else if (has && this.active && creds.token && creds.token !== this.active.tokens.currentToken()) {
        this.log.rememberSecret(creds.token);
        this.active.tokens.setToken(creds.token);
      }
    }).catch((error: unknown) => this.log.warn('auth', `following a secret change failed: ${errorLine(error)}`));
  }

  private async teardown(): Promise<void> {
    const active = this.active;
    if (!active) return;
    this.active = undefined;
    for (const l of active.listeners) l.dispose();
    this.monitorChanged.fire(undefined);
    await closeActiveMonitor(active, this.log);
    this.changed.fire();
  }

  /** Synchronous last resort on deactivate: stop() is bounded by the engine. */
  private teardownNow(): void {
    void this.teardown();
  }
}

function urlsOf(p: Profile): string {
  return `${p.apiUrl} ${p.userHubUrl} ${p.marketHubUrl}`;
}
