// The soak: N drop/reconnect cycles of both hubs against the simulator (retry delay 0). After every
// cycle both hubs are connected on new connections, every subscription is active on the client and
// on the server, and each Subscribe was invoked exactly once on each new connection. Then heap
// growth after GC and active handles against the baseline. Shared by scripts/soak.mjs (10,000
// cycles) and test/integration/soak.test.ts (a few hundred).
import { performance } from 'node:perf_hooks';
import { TokenSource } from '../../src/core/auth/tokenSource';
import { GatewayClient } from '../../src/core/gateway/gatewayClient';
import type { HubKind } from '../../src/core/hub/types';
import { createMonitor, type EngineMonitor } from '../../src/core/monitor/monitor';
import { DEMO_API_KEY, DEMO_USERNAME } from '../../src/core/profiles';
import { subscriptionKey } from '../../src/core/subscriptions/subscriptionSet';
import { GatewaySimulator, type FrameRecord } from '../../src/simulator';
import { expectedKeys, SUBSCRIPTIONS } from '../integration/faultMatrix/subscriptions';

const HUBS: readonly HubKind[] = ['user', 'market'];
/** A cycle that has not recovered by then is a violation (not a timing assertion: it proves recovery). */
const CYCLE_BOUND_MS = 5_000;
/** Heap growth allowed from the warmed-up baseline to the end, after GC. */
export const HEAP_LIMIT_BYTES = 5 * 1024 * 1024;

export interface SoakOptions {
  readonly cycles: number;
  /** A full GC (global.gc with --expose-gc); without it the heap is not judged. */
  readonly gc?: () => void;
  readonly onProgress?: (done: number, result: SoakResult) => void;
  readonly progressEvery?: number;
  /** Something riding along on the monitor for the whole soak (the metrics scraper); its problems are violations. */
  readonly attach?: (monitor: EngineMonitor) => Promise<SoakAttachment>;
}

export interface SoakAttachment {
  /** Stops it and says what went wrong, given the cycles run ([] when all held). */
  stop(cycles: number): Promise<string[]>;
  /** One line for the summary. */
  describe(): string;
}

export interface SoakResult {
  cycles: number;
  readonly violations: string[];
  /** Heap used after GC once warmed up, at the end, and sampled on the way (bytes). */
  heapBaseline: number | undefined;
  heapEnd: number | undefined;
  readonly heapSamples: { cycle: number; heapUsed: number }[];
  /** Active resources by type before the simulator started and after everything stopped. */
  handlesBefore: Record<string, number>;
  handlesAfter: Record<string, number>;
  /** Most TCP sockets open at once during the cycles (client and server ends). */
  maxSockets: number;
  readonly cycleMs: number[];
  durationMs: number;
  readonly notes: string[];
}

function resources(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) out[type] = (out[type] ?? 0) + 1;
  return out;
}

export function handleExcess(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.entries(after).flatMap(([type, n]) => (n > (before[type] ?? 0) ? [`${type} ${n} > ${before[type] ?? 0}`] : []));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Subscribe invocations per connection, read from the simulator's frame tap (cheap: no log copies). */
class SubscribeCounter {
  private readonly counts = new Map<string, Map<string, number>>();

  onFrame(frame: FrameRecord): void {
    if (frame.direction !== 'in' || !frame.text.includes('"Subscribe')) return;
    for (const record of frame.text.split('\x1e')) {
      if (!record) continue;
      const msg = JSON.parse(record) as { type?: number; target?: string; arguments?: unknown[] };
      if (msg.type !== 1 || !msg.target?.startsWith('Subscribe')) continue;
      const key = subscriptionKey(msg.target, msg.arguments?.[0] as number | string | undefined);
      const perConnection = this.counts.get(frame.connectionId) ?? new Map<string, number>();
      perConnection.set(key, (perConnection.get(key) ?? 0) + 1);
      this.counts.set(frame.connectionId, perConnection);
    }
  }

  of(connectionId: string): ReadonlyMap<string, number> {
    return this.counts.get(connectionId) ?? new Map();
  }

  /** Forgets every connection but the live ones (keeps the counter's own memory flat). */
  keepOnly(live: ReadonlySet<string>): void {
    for (const id of this.counts.keys()) if (!live.has(id)) this.counts.delete(id);
  }
}

/** What is wrong with `hub` after a cycle ("" when connected and re-subscribed exactly once). */
function checkHub(monitor: EngineMonitor, sim: GatewaySimulator, counter: SubscribeCounter, hub: HubKind, previous: ReadonlySet<string>): string {
  const client = monitor.hubClient(hub);
  if (client.state.kind !== 'connected') return `${hub} is ${client.state.kind}`;
  const subs = client.subscriptions.list();
  const inactive = subs.filter((s) => s.status.kind !== 'active').map((s) => s.key);
  if (inactive.length > 0 || subs.length !== SUBSCRIPTIONS[hub].length) return `${hub} client subscriptions not all active: ${inactive.join(', ')}`;
  const live = sim.connections(hub);
  if (live.length !== 1) return `${hub}: ${live.length} live connections on the server`;
  if (previous.has(live[0].connectionId)) return `${hub}: still the connection from before the drop`;
  const expected = expectedKeys(hub);
  const server = [...live[0].subscriptions].sort().join(',');
  if (server !== [...expected].sort().join(',')) return `${hub}: server holds [${server}]`;
  const counts = counter.of(live[0].connectionId);
  const wrong = expected.filter((key) => counts.get(key) !== 1).map((key) => `${key}×${counts.get(key) ?? 0}`);
  if (wrong.length > 0 || counts.size !== expected.length) return `${hub}: Subscribe calls on the new connection ${wrong.join(', ') || [...counts.keys()].join(',')}`;
  return '';
}

/** Resolves when both hubs reported onDidReconnect (subscriptions re-invoked), or after the bound. */
function bothReconnected(monitor: EngineMonitor): Promise<boolean> {
  return new Promise((resolve) => {
    let left = HUBS.length;
    const subs = HUBS.map((hub) =>
      monitor.hubClient(hub).onDidReconnect(() => {
        if (--left === 0) finish(true);
      }),
    );
    const timer = setTimeout(() => finish(false), CYCLE_BOUND_MS);
    function finish(ok: boolean): void {
      clearTimeout(timer);
      for (const s of subs) s.dispose();
      resolve(ok);
    }
  });
}

export async function runSoak(opts: SoakOptions): Promise<SoakResult> {
  const started = performance.now();
  const result: SoakResult = {
    cycles: 0,
    violations: [],
    heapBaseline: undefined,
    heapEnd: undefined,
    heapSamples: [],
    handlesBefore: resources(),
    handlesAfter: {},
    maxSockets: 0,
    cycleMs: [],
    durationMs: 0,
    notes: [],
  };
  const heap = () => {
    opts.gc?.();
    return process.memoryUsage().heapUsed;
  };
  const warmup = Math.min(200, Math.ceil(opts.cycles / 10));
  const sim = new GatewaySimulator({ marketIntervalMs: 0, userActivityIntervalMs: 0 });
  const urls = await sim.start();
  const counter = new SubscribeCounter();
  const tap = sim.onFrame((f) => counter.onFrame(f));
  const tokens = new TokenSource({ gateway: new GatewayClient(urls.restUrl), credentials: { userName: DEMO_USERNAME, apiKey: DEMO_API_KEY } });
  const profile = { id: 'soak', name: 'soak', apiUrl: urls.restUrl, userHubUrl: urls.userHubUrl, marketHubUrl: urls.marketHubUrl, tokenTransport: 'both' as const, skipNegotiation: true };
  const monitor = createMonitor({ profile, tokens, retryDelaysMs: [0] });
  let attachment: SoakAttachment | undefined;
  try {
    attachment = await opts.attach?.(monitor);
    for (const hub of HUBS) for (const [method, arg] of SUBSCRIPTIONS[hub]) await monitor.hubClient(hub).subscriptions.add(method, arg);
    await monitor.connect();
    for (let i = 0; i < 200 && HUBS.some((hub) => checkHub(monitor, sim, counter, hub, new Set()) !== ''); i++) await sleep(5);
    for (let cycle = 1; cycle <= opts.cycles && result.violations.length < 10; cycle++) {
      const previous = new Set(sim.connections().map((c) => c.connectionId));
      const t0 = performance.now();
      const reconnected = bothReconnected(monitor);
      sim.faults.dropAll();
      const ok = await reconnected;
      result.cycleMs.push(performance.now() - t0);
      const problems = ok ? HUBS.map((hub) => checkHub(monitor, sim, counter, hub, previous)).filter((p) => p) : ['no reconnect within 5 s'];
      if (problems.length > 0) result.violations.push(`cycle ${cycle}: ${problems.join('; ')}`);
      counter.keepOnly(new Set(sim.connections().map((c) => c.connectionId)));
      result.cycles = cycle;
      const sockets = process.getActiveResourcesInfo().filter((t) => t === 'TCPSocketWrap').length;
      result.maxSockets = Math.max(result.maxSockets, sockets);
      if (opts.gc && cycle === warmup) result.heapBaseline = heap();
      if (opts.progressEvery && cycle % opts.progressEvery === 0) {
        if (opts.gc) result.heapSamples.push({ cycle, heapUsed: heap() });
        opts.onProgress?.(cycle, result);
      }
    }
    if (attachment) result.violations.push(...(await attachment.stop(result.cycles)));
    if (opts.gc) result.heapEnd = heap();
    if (attachment) result.notes.push(attachment.describe());
  } catch (error) {
    result.violations.push(`the soak itself failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    tap.dispose();
    await monitor.disconnect();
    monitor.dispose();
    tokens.dispose();
    await sim.stop();
  }
  for (let i = 0; i < 100 && handleExcess(result.handlesBefore, resources()).length > 0; i++) await sleep(20);
  result.handlesAfter = resources();
  result.durationMs = performance.now() - started;
  return result;
}

/** Every violation: per-cycle failures, heap growth over the limit, handles above the baseline. */
export function verdict(result: SoakResult): string[] {
  const out = [...result.violations];
  if (result.heapBaseline !== undefined && result.heapEnd !== undefined && result.heapEnd - result.heapBaseline > HEAP_LIMIT_BYTES) {
    out.push(`heap grew ${mb(result.heapEnd - result.heapBaseline)} after GC (limit ${mb(HEAP_LIMIT_BYTES)})`);
  }
  const excess = handleExcess(result.handlesBefore, result.handlesAfter);
  if (excess.length > 0) out.push(`handles above the baseline after stop: ${excess.join(', ')}`);
  return out;
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The summary lines (printed by the script, written to docs/RELIABILITY.md). */
export function summary(result: SoakResult): string[] {
  const sorted = [...result.cycleMs].sort((a, b) => a - b);
  const growth = result.heapBaseline !== undefined && result.heapEnd !== undefined ? result.heapEnd - result.heapBaseline : undefined;
  const excess = handleExcess(result.handlesBefore, result.handlesAfter);
  return [
    `cycles: ${result.cycles} (both hubs dropped each cycle), violations: ${verdict(result).length}`,
    `reconnect + re-subscribe per cycle: p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${(sorted[sorted.length - 1] ?? 0).toFixed(1)} ms`,
    growth === undefined ? 'heap: not measured (no gc)' : `heap after GC: ${mb(result.heapBaseline ?? 0)} after warm-up → ${mb(result.heapEnd ?? 0)} at the end (growth ${mb(growth)}, limit ${mb(HEAP_LIMIT_BYTES)})`,
    `active handles after stop: ${excess.length === 0 ? 'back to the baseline' : excess.join(', ')} (${JSON.stringify(result.handlesAfter)}); most TCP sockets at once: ${result.maxSockets}`,
    ...result.notes,
    `duration: ${(result.durationMs / 1000).toFixed(1)} s`,
  ];
}
