/**
 * The measurements, each against one connected receiver: saturation (events/s, CPU per event,
 * loss), latency at a fixed rate, heap growth over a million events, drop → recovered.
 */
import { epochNow } from './protocol';
import type { Receiver, Reconnecting } from './receivers/types';
import type { FloodServer } from './serverProcess';
import { percentile, sleep } from './stats';

export interface SaturationSample {
  readonly sent: number;
  readonly received: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly cpuUsPerEvent: number;
  /** The server process's CPU per frame it sent (to show it was not the bottleneck). */
  readonly serverCpuUsPerEvent: number;
}

export interface LatencyResult {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface HeapResult {
  readonly events: number;
  readonly growthMb: number;
}

const IDLE_GIVE_UP_MS = 3000;

/**
 * Waits until the receiver counted `target` events; gives up after IDLE_GIVE_UP_MS without progress
 * (events were lost). Resolves with the time (performance.now) the count was reached or given up.
 */
export async function waitForEvents(receiver: Receiver, target: number): Promise<number> {
  let last = receiver.events;
  let lastProgress = performance.now();
  while (receiver.events < target) {
    await sleep(2);
    const now = performance.now();
    if (receiver.events !== last) {
      last = receiver.events;
      lastProgress = now;
    } else if (now - lastProgress > IDLE_GIVE_UP_MS) {
      return lastProgress;
    }
  }
  return performance.now();
}

/** A short flood so the JIT has seen the hot path before anything is measured. */
export async function warmUp(server: FloodServer, receiver: Receiver, contracts: readonly string[], events: number, pack: number): Promise<void> {
  const before = receiver.events;
  const { sent } = await server.flood({ contracts: [...contracts], count: Math.ceil(events / contracts.length), recordsPerMessage: pack });
  await waitForEvents(receiver, before + sent);
}

/** One saturation window: the server floods as fast as the receiver drains for `durationMs`. */
export async function saturation(server: FloodServer, receiver: Receiver, contracts: readonly string[], durationMs: number, pack: number): Promise<SaturationSample> {
  const before = receiver.events;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const reply = await server.flood({ contracts: [...contracts], durationMs, recordsPerMessage: pack });
  const ended = await waitForEvents(receiver, before + reply.sent);
  const used = process.cpuUsage(cpu);
  const received = receiver.events - before;
  const seconds = (ended - started) / 1000;
  return {
    sent: reply.sent,
    received,
    seconds,
    eventsPerSecond: received / seconds,
    cpuUsPerEvent: (used.user + used.system) / Math.max(1, received),
    serverCpuUsPerEvent: reply.cpuUs / Math.max(1, reply.sent),
  };
}

/** Send → dispatch latency at a fixed rate on one contract; the first `warmupMs` are not counted. */
export async function latency(server: FloodServer, receiver: Receiver, contract: string, eventsPerSecond: number, durationMs: number, warmupMs: number): Promise<LatencyResult> {
  const skip = Math.round((eventsPerSecond * warmupMs) / 1000);
  const values = new Float64Array(Math.ceil((eventsPerSecond * durationMs) / 1000) + 16);
  let seen = 0;
  let n = 0;
  receiver.probe = (sentAt, at) => {
    if (seen++ < skip || n >= values.length) return;
    values[n++] = at - sentAt;
  };
  try {
    const before = receiver.events;
    const { sent } = await server.flood({ contracts: [contract], eventsPerSecond, durationMs });
    await waitForEvents(receiver, before + sent);
  } finally {
    receiver.probe = undefined;
  }
  const samples = values.subarray(0, n).filter((v) => Number.isFinite(v));
  return { samples: samples.length, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), maxMs: percentile(samples, 100) };
}

function collectGarbage(): void {
  const gc = globalThis.gc;
  if (!gc) throw new Error('heap figures need node --expose-gc (run the bench through scripts/bench.mjs)');
  gc();
  gc();
}

/** Heap growth (after full GCs) over `total` events spread over `contracts`. */
export async function heapGrowth(server: FloodServer, receiver: Receiver, contracts: readonly string[], total: number, pack: number): Promise<HeapResult> {
  collectGarbage();
  await sleep(50);
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const before = receiver.events;
  const { sent } = await server.flood({ contracts: [...contracts], count: Math.ceil(total / contracts.length), recordsPerMessage: pack });
  await waitForEvents(receiver, before + sent);
  // Let a pending chart flush (≤ 1/30 s) and timers settle, as a running extension would.
  await sleep(100);
  collectGarbage();
  await sleep(50);
  collectGarbage();
  const growth = process.memoryUsage().heapUsed - heapBefore;
  return { events: receiver.events - before, growthMb: growth / (1024 * 1024) };
}

/**
 * Drop → every hub reconnected and every subscription re-acknowledged, in ms (server back at once).
 * Each drop hits a connection that has been up for `stableMs` (the engine backs off a connection
 * that lived < STABLE_CONNECTION_MS, on purpose: a server that accepts and drops must not be
 * hammered), which is the drop a user meets; the bare client is given the same schedule.
 */
export async function dropToRecovered(server: FloodServer, receiver: Reconnecting, upSince: number, stableMs: number): Promise<{ ms: number; recoveredAt: number }> {
  await sleep(Math.max(0, upSince + stableMs - performance.now()));
  const recovered = receiver.recovered();
  const { at } = await server.drop();
  const done = await withTimeout(recovered, 15_000, 'the receiver did not recover within 15 s of the drop');
  return { ms: done - at, recoveredAt: performance.now() };
}

/** Creates, connects and closes a fresh receiver; returns the connect time in ms. */
export async function firstConnect(make: () => Receiver): Promise<number> {
  const started = epochNow();
  const receiver = make();
  try {
    await receiver.connect();
    return epochNow() - started;
  } finally {
    await receiver.close();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
