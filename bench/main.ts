/**
 * `npm run bench`: three receivers of the same flood, one after another in this process, the flood
 * server in a process of its own. Prints every figure beside its target and writes
 * bench/results/latest.json. Not part of the test command.
 */
import { join } from 'node:path';
import { GatewayClient } from '../src/core/gateway/gatewayClient';
import { STABLE_CONNECTION_MS } from '../src/core/hub/connectionMachine';
import { measureAccountCost } from './accountPhase';
import { measureActivation } from './activation';
import { METRICS_FLOOD_RATE, metricsCost } from './metricsCost';
import type { Measured } from './measured';
import { profiled } from './profiler';
import { parseOptions, type BenchOptions } from './options';
import { packageSize } from './packageSize';
import { dropToRecovered, firstConnect, heapGrowth, latency, saturation, warmUp } from './phases';
import { BENCH_USER } from './protocol';
import { BareSignalrReceiver } from './receivers/bareSignalr';
import { EngineReceiver } from './receivers/engine';
import { RawWsReceiver } from './receivers/rawWs';
import { type Receiver, type ReceiverName, type Target } from './receivers/types';
import { buildRows } from './rows';
import { formatTable, machine, writeResult } from './report';
import { FloodServer } from './serverProcess';
import { median } from './stats';

function log(text: string): void {
  process.stderr.write(`[bench] ${text}\n`);
}

async function withReceiver<T>(make: () => Receiver, use: (r: Receiver) => Promise<T>): Promise<T> {
  const receiver = make();
  try {
    await receiver.connect();
    return await use(receiver);
  } finally {
    await receiver.close();
  }
}

async function measureHubs(opts: BenchOptions, server: FloodServer, out: Measured): Promise<void> {
  const target: Target = { urls: server.urls, contracts: server.contracts, accountId: server.accountId, ...BENCH_USER };
  const token = await new GatewayClient(server.urls.restUrl).loginKey(BENCH_USER.userName, BENCH_USER.apiKey);
  const make: Record<ReceiverName, () => Receiver> = {
    raw: () => new RawWsReceiver(target, token),
    bare: () => new BareSignalrReceiver(target, token),
    ours: () => new EngineReceiver(target, token),
  };
  const contracts = server.contracts;
  out.contracts = contracts;
  const { phases } = opts;

  // Saturation windows interleaved round by round, so load from elsewhere hits every receiver alike.
  for (let round = 1; phases.has('saturation') && round <= opts.rounds; round++) {
    for (const name of opts.receivers) {
      await withReceiver(make[name], async (r) => {
        await warmUp(server, r, contracts, opts.warmupEvents, opts.pack);
        const before = r instanceof EngineReceiver ? new Map(r.batches) : undefined;
        const window = () => saturation(server, r, contracts, opts.windowMs, opts.pack);
        const sample = name === 'ours' ? await profiled(opts.profileOut, window) : await window();
        (out.saturation[name] ??= []).push(sample);
        if (r instanceof EngineReceiver && before) {
          const busiest = Math.max(...[...r.batches].map(([c, n]) => n - (before.get(c) ?? 0)));
          out.batchesPerSecond.push(busiest / sample.seconds);
        }
        log(`saturation ${round}/${opts.rounds} ${name}: ${Math.round(sample.eventsPerSecond)} events/s, ${sample.cpuUsPerEvent.toFixed(2)} µs/event, lost ${sample.sent - sample.received}`);
      });
    }
  }

  for (const name of opts.receivers) {
    if (!phases.has('latency') && !phases.has('heap')) break;
    await withReceiver(make[name], async (r) => {
      await warmUp(server, r, contracts, opts.warmupEvents, opts.pack);
      if (phases.has('latency')) {
        const result = await latency(server, r, contracts[0], opts.latencyRate, opts.latencyMs, 500);
        out.latency[name] = result;
        log(`latency ${name}: p50 ${result.p50Ms.toFixed(3)} ms, p99 ${result.p99Ms.toFixed(3)} ms over ${result.samples} events`);
      }
      // Heap over a million events: ours against the bare client (raw ws would only add minutes).
      if (phases.has('heap') && name !== 'raw') {
        const result = await heapGrowth(server, r, contracts, opts.heapEvents, opts.pack);
        out.heap[name] = result;
        log(`heap ${name}: ${result.growthMb.toFixed(2)} MB over ${result.events} events`);
      }
    });
  }

  const reconnecting = opts.receivers.filter((n): n is 'ours' | 'bare' => n !== 'raw');
  for (const name of phases.has('reconnect') ? reconnecting : []) {
    const times: number[] = [];
    await withReceiver(make[name], async (r) => {
      if (!(r instanceof EngineReceiver || r instanceof BareSignalrReceiver)) return;
      // The first drop comes at once (a fresh connection starts the retry schedule at 0 ms too).
      let upSince = -Infinity;
      for (let i = 0; i < opts.reconnectRepeats; i++) {
        const { ms, recoveredAt } = await dropToRecovered(server, r, upSince, STABLE_CONNECTION_MS + 200);
        times.push(ms);
        upSince = recoveredAt;
      }
    });
    out.reconnectMs[name] = times;
    log(`drop → recovered ${name}: median ${median(times).toFixed(1)} ms (${times.map((t) => t.toFixed(0)).join(', ')})`);
  }

  if (phases.has('metrics') && opts.receivers.includes('ours')) {
    await withReceiver(make.ours, async (r) => {
      if (!(r instanceof EngineReceiver)) return;
      await warmUp(server, r, contracts, opts.warmupEvents, opts.pack);
      out.metrics = await metricsCost(server, r, contracts, { windowMs: opts.windowMs, rounds: opts.rounds, pack: opts.pack });
      log(`metrics ${METRICS_FLOOD_RATE}/s: +${out.metrics.extraCpuPercent.toFixed(2)} % CPU (off ${out.metrics.offCpuPercent.map((c) => c.toFixed(1)).join('/')} %, on ${out.metrics.onCpuPercent.map((c) => c.toFixed(1)).join('/')} %), scrape ${out.metrics.scrapeMs.toFixed(2)} ms, lost ${out.metrics.lost}`);
    });
  }

  if (phases.has('account')) out.account = await measureAccountCost(server, target, token, { rounds: opts.rounds, windowMs: opts.windowMs, warmupEvents: opts.warmupEvents, pack: opts.pack, log });

  for (let i = 0; phases.has('connect') && i < opts.repeats; i++) {
    for (const name of reconnecting) (out.connectMs[name] ??= []).push(await firstConnect(make[name]));
  }
  for (const name of phases.has('connect') ? reconnecting : []) {
    log(`first connect ${name}: median ${median(out.connectMs[name] ?? []).toFixed(1)} ms`);
  }
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const startedAt = new Date();
  const t0 = performance.now();
  const out: Measured = { contracts: [], saturation: {}, batchesPerSecond: [], latency: {}, heap: {}, reconnectMs: {}, connectMs: {} };
  const hubPhases = ['saturation', 'latency', 'heap', 'reconnect', 'connect', 'metrics', 'account'] as const;
  if (hubPhases.some((p) => opts.phases.has(p))) {
    const server = await FloodServer.start();
    try {
      await measureHubs(opts, server, out);
    } finally {
      await server.stop();
    }
  }
  // Package first: activation is then measured on the production bundle that ships.
  if (opts.phases.has('package')) out.package = await packageSize();
  if (opts.phases.has('activation')) out.activation = await measureActivation(opts.repeats);
  const rows = buildRows(out);
  const seconds = (performance.now() - t0) / 1000;
  // A profiling run is partial and slowed by the profiler: it must not replace the latest full run.
  const file = writeResult(join(process.cwd(), 'bench', 'results'), opts.profileOut ? 'profile-run.json' : 'latest.json', {
    startedAt: startedAt.toISOString(),
    seconds,
    machine: machine(),
    settings: {
      quick: opts.quick,
      contracts: out.contracts.length,
      windowMs: opts.windowMs,
      rounds: opts.rounds,
      latencyRate: opts.latencyRate,
      latencyMs: opts.latencyMs,
      heapEvents: opts.heapEvents,
      repeats: opts.repeats,
      reconnectRepeats: opts.reconnectRepeats,
      recordsPerMessage: opts.pack,
    },
    rows,
    raw: { ...out },
  });
  const m = machine();
  process.stdout.write(`\nTopstepX Hub Monitor bench: ${m.cpus} × ${m.model}, Node ${m.node}, ${seconds.toFixed(0)} s${opts.quick ? ' (--quick)' : ''}\n\n`);
  process.stdout.write(`${formatTable(rows)}\n\nwritten to ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
