// The fault matrix's shared harness: a Lab owns everything one scenario starts (simulators, token
// sources, monitors, extra servers), records the states the user saw, measures recovery and checks
// the invariants; `scenario()` wraps a mocha test around a Lab and records its table row.
import assert from 'node:assert/strict';
import type { Server } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { TokenSource } from '../../../src/core/auth/tokenSource';
import type { HubFailure } from '../../../src/core/errors/hubError';
import type { HubKind, HubState } from '../../../src/core/hub/types';
import { createMonitor, type EngineMonitor, type MonitorOptions } from '../../../src/core/monitor/monitor';
import { subscriptionKey } from '../../../src/core/subscriptions/subscriptionSet';
import { Timeline } from '../../../src/core/timeline/timeline';
import type { Disposable } from '../../../src/core/util/emitter';
import type { SimulatorOptions } from '../../../src/simulator';
import { ACCOUNT_ID, CONTRACT_ID, demoTokens, startSim, timelineText, waitFor, type SimContext } from '../hubHarness.test';
import { compressStates, stateLabel } from './states';
import { expectedKeys, SUBSCRIPTIONS } from './subscriptions';
import { recordRow, registerWriter, titleOf, type Recovered } from './table';

export { ACCOUNT_ID, CONTRACT_ID, expectedKeys, SUBSCRIPTIONS };
export type { SimContext };
export const HUBS: readonly HubKind[] = ['user', 'market'];
export const RETRY_MS = [0, 50, 100, 200];
/** The only timing assertion: recovery happens, well within this. */
export const RECOVERY_BOUND_MS = 5_000;

// ---- process-wide watchers (installed once for every matrix file) ----
const PROBLEMS_KEY = Symbol.for('hubmon.faultMatrix.problems');
type WithProblems = typeof globalThis & { [PROBLEMS_KEY]?: string[] };

function problems(): string[] {
  const g = globalThis as WithProblems;
  if (!g[PROBLEMS_KEY]) {
    const list: string[] = [];
    g[PROBLEMS_KEY] = list;
    // mocha re-emits a rejection it did not cause: count each promise once.
    const seen = new WeakSet<Promise<unknown>>();
    process.on('unhandledRejection', (reason, promise) => {
      if (seen.has(promise)) return;
      seen.add(promise);
      list.push(`unhandled rejection: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`);
    });
    process.on('uncaughtException', (error) => list.push(`uncaught exception: ${error.stack ?? error.message}`));
  }
  return g[PROBLEMS_KEY];
}
problems();
registerWriter();

function resourceCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

/** Types with more active resources than at the baseline ("TCPSocketWrap 3 > 1"). */
function resourceExcess(baseline: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [type, n] of resourceCounts()) if (n > (baseline.get(type) ?? 0)) out.push(`${type} ${n} > ${baseline.get(type) ?? 0}`);
  return out;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` every 5 ms; resolves with performance.now() of the first true, rejects after `ms`. */
export async function poll(what: string, condition: () => boolean, ms = RECOVERY_BOUND_MS, detail?: () => string): Promise<number> {
  const deadline = performance.now() + ms;
  for (;;) {
    if (condition()) return performance.now();
    if (performance.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}${detail ? `\n${detail()}` : ''}`);
    await sleep(5);
  }
}

// ---- the lab ----
/** Subscription key → how many Subscribe calls the live connection should have seen. */
export type Retried = Readonly<Record<string, number>>;

export interface MonitorSetup extends Partial<Omit<MonitorOptions, 'profile' | 'tokens'>> {
  readonly profile?: Partial<SimContext['profile']>;
  readonly tokens?: TokenSource;
  /** Register SUBSCRIPTIONS before connecting (default true). */
  readonly subscribe?: boolean;
}

export class Lab {
  readonly timeline = new Timeline();
  readonly states: Record<HubKind, HubState[]> = { user: [], market: [] };
  readonly monitors: EngineMonitor[] = [];
  private readonly sims: SimContext[] = [];
  private readonly tokenSources: TokenSource[] = [];
  private readonly servers: Server[] = [];
  private readonly listeners: Disposable[] = [];
  private recording = true;
  /** Set once the exact-subscriptions invariant was checked on a recovered connection. */
  subscriptionsChecked = false;

  async sim(options: SimulatorOptions = {}): Promise<SimContext> {
    const ctx = await startSim(options);
    this.sims.push(ctx);
    return ctx;
  }

  /** A real TokenSource signed in with the demo key (or holding `token` without credentials). */
  tokens(ctx: SimContext, extra: { token?: string; withCredentials?: boolean } = {}): TokenSource {
    const tokens = demoTokens(ctx, { ...extra, timeline: this.timeline });
    this.tokenSources.push(tokens);
    return tokens;
  }

  /** A server the lab closes at cleanup (e.g. the TLS one). */
  own(server: Server): void {
    this.servers.push(server);
  }

  /** createMonitor on the simulator, short delays, SUBSCRIPTIONS registered, states recorded. */
  async monitor(ctx: SimContext, setup: MonitorSetup = {}): Promise<EngineMonitor> {
    const { profile, tokens, subscribe, ...options } = setup;
    const monitor = createMonitor({
      profile: { ...ctx.profile, ...profile },
      tokens: tokens ?? this.tokens(ctx),
      retryDelaysMs: RETRY_MS,
      timeline: this.timeline,
      ...options,
    });
    this.monitors.push(monitor);
    for (const hub of HUBS) {
      this.listeners.push(
        monitor.hubClient(hub).onDidChangeState((state) => {
          if (this.recording) this.states[hub].push(state);
        }),
      );
      if (subscribe !== false) {
        for (const [method, arg] of SUBSCRIPTIONS[hub]) {
          const info = await monitor.hubClient(hub).subscriptions.add(method, arg);
          assert.equal(info.status.kind, 'pending', `${info.key} registered before connecting`);
        }
      }
    }
    return monitor;
  }

  /** connect() that never leaves a rejection unhandled; resolves with the outcome. */
  connect(monitor: EngineMonitor): Promise<{ ok: true } | { ok: false; error: unknown }> {
    return monitor.connect().then(
      () => ({ ok: true as const }),
      (error: unknown) => ({ ok: false as const, error }),
    );
  }

  /** Stop recording states (cleanup's own transitions are not what the user saw during the fault). */
  freeze(): void {
    this.recording = false;
  }

  /** The first failure the user saw on `hub` (a reconnecting or failed state's cause). */
  firstFailure(hub: HubKind = 'user'): HubFailure | undefined {
    for (const s of this.states[hub]) if (s.kind === 'reconnecting' || s.kind === 'failed') return s.cause;
    return undefined;
  }

  /** "cause. fix" of the first `kind` failure the user saw on `hub`. */
  wording(kind: string, hub: HubKind = 'user'): string {
    for (const s of this.states[hub]) if ((s.kind === 'reconnecting' || s.kind === 'failed') && s.cause.kind === kind) return `${s.cause.cause}. ${s.cause.fix}`;
    return '–';
  }

  stateText(hub: HubKind = 'user'): string {
    return compressStates(this.states[hub].map(stateLabel));
  }

  /** Waits for `count` states on `hub` whose cause is `kind` (reconnecting or failed). */
  async waitForCause(hub: HubKind, kind: string, count = 1): Promise<HubFailure> {
    const matches = () => this.states[hub].filter((s) => (s.kind === 'reconnecting' || s.kind === 'failed') && s.cause.kind === kind);
    await poll(`${count} × ${hub} ${kind}`, () => matches().length >= count, RECOVERY_BOUND_MS, () => `${this.stateText(hub)}\n${timelineText(this.timeline.recent())}`);
    const found = matches()[0];
    assert.ok(found.kind === 'reconnecting' || found.kind === 'failed');
    return found.cause;
  }

  /** Waits for a state of `kind` on a hub (the current one counts). */
  waitForState(monitor: EngineMonitor, hub: HubKind, kind: HubState['kind'], match: (s: HubState) => boolean = () => true): Promise<HubState> {
    const client = monitor.hubClient(hub);
    if (client.state.kind === kind && match(client.state)) return Promise.resolve(client.state);
    return waitFor<HubState>(`${hub} ${kind}`, client.onDidChangeState, (s) => s.kind === kind && match(s), RECOVERY_BOUND_MS);
  }

  /**
   * Waits until every hub is connected with every subscription active on the client and exactly the
   * registered set on the server's single live connection; returns ms since `since` and checks that
   * each Subscribe was invoked once on that connection.
   */
  async recovery(monitor: EngineMonitor, ctx: SimContext, since: number, retried: Retried = {}): Promise<number> {
    const ready = () => HUBS.every((hub) => clientReady(monitor, hub) && serverReady(ctx, hub));
    const at = await poll('recovery (connected and re-subscribed)', ready, RECOVERY_BOUND_MS, () => this.describe(monitor, ctx));
    const ms = at - since;
    assert.ok(ms < RECOVERY_BOUND_MS, `recovered in ${ms} ms`);
    this.assertExactSubscriptions(monitor, ctx, retried);
    return ms;
  }

  /**
   * None lost, none doubled: the live connection's set and its Subscribe invocations, per hub.
   * `retried` names keys invoked more than once on purpose (a rejected or unanswered Subscribe the
   * user added again): their count is exact too.
   */
  assertExactSubscriptions(monitor: EngineMonitor, ctx: SimContext, retried: Retried = {}): void {
    for (const hub of HUBS) {
      const live = ctx.sim.connections(hub);
      assert.equal(live.length, 1, `one live ${hub} connection on the server, not ${live.length}`);
      const expected = expectedKeys(hub).sort();
      assert.deepEqual([...live[0].subscriptions].sort(), expected, `${hub} server-side subscriptions`);
      const invoked = ctx.sim
        .invocations(hub)
        .filter((i) => i.connectionId === live[0].connectionId && /^Subscribe/.test(i.target))
        .map((i) => subscriptionKey(i.target, i.args[0] as number | string | undefined))
        .sort();
      const calls = expected.flatMap((key) => Array<string>(retried[key] ?? 1).fill(key)).sort();
      assert.deepEqual(invoked, calls, `${hub}: each Subscribe invoked exactly once on the live connection`);
      const client = monitor.hubClient(hub).subscriptions.list();
      assert.deepEqual(client.map((s) => s.key).sort(), expected, `${hub} client-side subscription keys`);
      assert.ok(client.every((s) => s.status.kind === 'active'), `${hub}: every subscription active`);
    }
    this.subscriptionsChecked = true;
  }

  describe(monitor: EngineMonitor, ctx: SimContext): string {
    const hubs = HUBS.map((hub) => {
      const subs = monitor.hubClient(hub).subscriptions.list().map((s) => `${s.key}=${s.status.kind}`).join(' ');
      const server = ctx.sim.connections(hub).map((c) => `[${c.subscriptions.join(' ')}]`).join(' ');
      return `${hub}: ${monitor.hubClient(hub).state.kind}; client ${subs}; server ${server}`;
    });
    return `${hubs.join('\n')}\n${timelineText(this.timeline.recent())}`;
  }

  /** Stops and disposes everything; checks the engine's emitters end with no listeners. */
  async cleanup(): Promise<string[]> {
    this.freeze();
    const issues: string[] = [];
    for (const d of this.listeners.splice(0)) d.dispose();
    for (const monitor of this.monitors.splice(0)) {
      await bounded(monitor.disconnect(), 'monitor.disconnect()', issues);
      monitor.dispose();
      await poll('the engine emitters to drop their listeners', () => engineListeners(monitor) === 0, 3_000).catch(() =>
        issues.push(`${engineListeners(monitor)} engine listener(s) left after dispose`),
      );
    }
    for (const tokens of this.tokenSources.splice(0)) {
      const left = tokens['changed'].size + tokens['failed'].size;
      if (left > 0) issues.push(`${left} token-source listener(s) left by the monitor`);
      tokens.dispose();
    }
    for (const ctx of this.sims.splice(0)) await ctx.sim.stop();
    for (const server of this.servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
    this.timeline.dispose();
    return issues;
  }
}

function clientReady(monitor: EngineMonitor, hub: HubKind): boolean {
  const client = monitor.hubClient(hub);
  const subs = client.subscriptions.list();
  return client.state.kind === 'connected' && subs.length === SUBSCRIPTIONS[hub].length && subs.every((s) => s.status.kind === 'active');
}

function serverReady(ctx: SimContext, hub: HubKind): boolean {
  const live = ctx.sim.connections(hub);
  return live.length === 1 && live[0].subscriptions.length === SUBSCRIPTIONS[hub].length;
}

/** Listeners still attached to a monitor's emitters (private fields, read for the leak check). */
function engineListeners(monitor: EngineMonitor): number {
  let n = 0;
  for (const hub of HUBS) {
    const client = monitor.hubClient(hub);
    const machine = client.connection;
    n += machine['stateEmitter'].size + machine['inbound'].listenerCount + machine['connectEmitter'].size + machine['failEmitter'].size + machine['frameEmitter'].size;
    n += client.subscriptions['changeEmitter'].size + client.subscriptions['removeEmitter'].size + client['reconnectEmitter'].size;
  }
  return n;
}

async function bounded(promise: Promise<unknown>, what: string, issues: string[]): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), RECOVERY_BOUND_MS)));
  const result = await Promise.race([promise.then(() => 'ok' as const), timeout]);
  clearTimeout(timer);
  if (result === 'timeout') issues.push(`${what} did not settle within ${RECOVERY_BOUND_MS} ms`);
}

// ---- scenario = one test + one row ----
export interface Outcome {
  readonly recovered: Recovered;
  readonly recoveryMs?: number;
  /** Defaults to the first failure the user hub showed. */
  readonly errorClass?: string;
  readonly wording?: string;
}

/** One clear line: a cause and a fix, no newline, no token. */
export function assertOneLine(failure: HubFailure): void {
  const text = `${failure.cause}. ${failure.fix}`;
  assert.ok(failure.cause.length > 0 && failure.fix.length > 0, `cause and fix: ${text}`);
  assert.ok(!/[\r\n]/.test(text), `one line: ${JSON.stringify(text)}`);
  assert.ok(!/eyJ[\w-]+\.[\w-]+\./.test(text), `no token in: ${text}`);
}

/** Registers `it('[id] title')`: runs `body` in a Lab, cleans up, checks the invariants, records the row. */
export function scenario(id: string, body: (lab: Lab) => Promise<Outcome>): void {
  const title = titleOf(id);
  it(`[${id}] ${title}`, async function () {
    await sleep(0); // mocha arms this test's timeout timer once the function returned: count it in the baseline
    const baseline = resourceCounts();
    const seen = problems().length;
    const lab = new Lab();
    let outcome: Outcome | undefined;
    let failure: unknown;
    try {
      outcome = await body(lab);
    } catch (error) {
      failure = error;
    }
    const first = lab.firstFailure();
    const states = lab.stateText();
    const issues = await lab.cleanup();
    const excess = await poll('handles back to the baseline', () => resourceExcess(baseline).length === 0, 3_000).then(
      () => [],
      () => resourceExcess(baseline),
    );
    if (excess.length > 0) issues.push(`handles left: ${excess.join(', ')}`);
    await sleep(0);
    issues.push(...problems().slice(seen));
    const invariants = [lab.subscriptionsChecked ? 'subs exact' : 'subs n.a.', 'no rejection', 'handles', 'listeners'];
    const failedText = failure instanceof Error ? failure.message.split('\n')[0] : failure === undefined ? undefined : String(failure);
    const held = failure === undefined && issues.length === 0;
    recordRow({
      id,
      scenario: title,
      states,
      errorClass: outcome?.errorClass ?? first?.kind ?? '–',
      wording: outcome?.wording ?? (first ? `${first.cause}. ${first.fix}` : '–'),
      recovered: outcome?.recovered ?? 'no',
      recoveryMs: outcome?.recoveryMs,
      invariants: held ? `held: ${invariants.join(', ')}` : `NOT HELD: ${[failedText, ...issues].filter((t) => t).join('; ')}`,
      held,
    });
    if (failure !== undefined) throw failure;
    assert.deepEqual(issues, [], 'invariants after stop');
  });
}
