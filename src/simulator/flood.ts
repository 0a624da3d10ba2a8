import { performance } from 'node:perf_hooks';
import type { HubConnection } from './hubConnection';
import { RS } from './signalrProtocol';

export interface FloodOptions {
  contracts: string[];
  /** undefined: as fast as the sockets drain. */
  eventsPerSecond?: number;
  durationMs?: number;
  /** Events per contract; with neither count nor durationMs, 1000. */
  count?: number;
}

/** Past this many buffered bytes on any target socket the flood waits for it to drain. */
const HIGH_WATER_BYTES = 1024 * 1024;
const YIELD_EVERY = 64;

export interface FloodSource {
  quoteOf(contractId: string): Record<string, unknown> | undefined;
  subscribers(contractId: string): HubConnection[];
  stopped(): boolean;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * Identical pre-serialized GatewayQuote frames per contract, with `sentAt` (ms since the epoch from
 * performance.timeOrigin + now) spliced in at send time. Returns the number of frames written
 * (events × subscribed connections). Stops early when nobody is subscribed any more or on stop().
 */
export async function runFlood(source: FloodSource, opts: FloodOptions): Promise<{ sent: number }> {
  const templates: { contractId: string; head: string }[] = [];
  for (const contractId of opts.contracts) {
    const quote = source.quoteOf(contractId);
    if (!quote) throw new Error(`flood: unknown contract '${contractId}'.`);
    const json = JSON.stringify({ type: 1, target: 'GatewayQuote', arguments: [contractId, quote] });
    templates.push({ contractId, head: `${json.slice(0, -3)},"sentAt":` });
  }
  const tail = `}]}${RS}`;
  const maxEvents = opts.count ?? (opts.durationMs === undefined ? 1000 : Number.POSITIVE_INFINITY);
  const started = performance.now();
  const until = opts.durationMs === undefined ? Number.POSITIVE_INFINITY : started + opts.durationMs;
  const rate = opts.eventsPerSecond;
  let events = 0;
  let sent = 0;
  while (events < maxEvents && performance.now() < until && !source.stopped()) {
    if (rate !== undefined && rate > 0) {
      const dueAtMs = (events / rate) * 1000;
      const elapsed = performance.now() - started;
      if (elapsed < dueAtMs) {
        await pause(Math.min(50, Math.max(1, dueAtMs - elapsed)));
        continue;
      }
    }
    const targets = templates.map((t) => ({ head: t.head, conns: source.subscribers(t.contractId) }));
    if (targets.every((t) => t.conns.length === 0)) break;
    if (targets.some((t) => t.conns.some((c) => c.bufferedAmount > HIGH_WATER_BYTES))) {
      await pause(1);
      continue;
    }
    for (const t of targets) {
      const text = t.head + (performance.timeOrigin + performance.now()) + tail;
      for (const c of t.conns) if (c.sendEvent(text)) sent += 1;
    }
    events += 1;
    if (events % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { sent };
}
