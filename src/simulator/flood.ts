import { performance } from 'node:perf_hooks';
import type { HubConnection } from './hubConnection';
import { RECORD_SEPARATOR as RS } from '../core/wire/signalrCodec';

export interface FloodOptions {
  contracts: string[];
  /** undefined: as fast as the sockets drain. */
  eventsPerSecond?: number;
  durationMs?: number;
  /** Events per contract; with neither count nor durationMs, 1000. */
  count?: number;
  /**
   * Records packed into one WebSocket message per connection (default 1). A busy SignalR server
   * writes whatever its pipe holds as one frame, so under a flood frames carry several records;
   * packing also keeps the flood server from being the bottleneck. Partial packs go out before
   * every pause, so a paced flood never holds a record back.
   */
  recordsPerMessage?: number;
  /**
   * One market step (depth increment + trades + a fresh quote to their subscribers) every n quote
   * events per contract, so a flood is the same consistent market run fast: 4 with 20,000 quotes/s
   * gives 5,000 depth updates/s. Default: none (the book holds still; quotes repeat its touch).
   */
  marketStepEvery?: number;
}

/** Past this many buffered bytes on any target socket the flood waits for it to drain. */
const HIGH_WATER_BYTES = 1024 * 1024;
const YIELD_EVERY = 64;

export interface FloodSource {
  quoteOf(contractId: string): Record<string, unknown> | undefined;
  /** One market step of the contract, published to its subscribers. */
  step(contractId: string): void;
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
  const headOf = (contractId: string): string => {
    const quote = source.quoteOf(contractId);
    if (!quote) throw new Error(`flood: unknown contract '${contractId}'.`);
    const json = JSON.stringify({ type: 1, target: 'GatewayQuote', arguments: [contractId, quote] });
    return `${json.slice(0, -3)},"sentAt":`;
  };
  for (const contractId of opts.contracts) templates.push({ contractId, head: headOf(contractId) });
  const stepEvery = opts.marketStepEvery !== undefined && opts.marketStepEvery >= 1 ? Math.floor(opts.marketStepEvery) : 0;
  const tail = `}]}${RS}`;
  const maxEvents = opts.count ?? (opts.durationMs === undefined ? 1000 : Number.POSITIVE_INFINITY);
  const started = performance.now();
  const until = opts.durationMs === undefined ? Number.POSITIVE_INFINITY : started + opts.durationMs;
  const rate = opts.eventsPerSecond;
  const packs = new Packs(Math.max(1, Math.floor(opts.recordsPerMessage ?? 1)));
  let events = 0;
  let steppedAt = 0;
  while (events < maxEvents && performance.now() < until && !source.stopped()) {
    if (rate !== undefined && rate > 0) {
      const dueAtMs = (events / rate) * 1000;
      const elapsed = performance.now() - started;
      if (elapsed < dueAtMs) {
        packs.flushAll();
        await pause(Math.min(50, Math.max(1, dueAtMs - elapsed)));
        continue;
      }
    }
    if (stepEvery > 0 && events > 0 && events % stepEvery === 0 && steppedAt !== events) {
      steppedAt = events;
      // Pending quote packs go first: every frame on a socket stays in market order.
      packs.flushAll();
      for (const t of templates) {
        source.step(t.contractId);
        t.head = headOf(t.contractId);
      }
    }
    const targets = templates.map((t) => ({ head: t.head, conns: source.subscribers(t.contractId) }));
    if (targets.every((t) => t.conns.length === 0)) break;
    if (targets.some((t) => t.conns.some((c) => c.bufferedAmount > HIGH_WATER_BYTES))) {
      packs.flushAll();
      await pause(1);
      continue;
    }
    for (const t of targets) {
      const text = t.head + (performance.timeOrigin + performance.now()) + tail;
      for (const c of t.conns) packs.add(c, text);
    }
    events += 1;
    if (events % YIELD_EVERY === 0) {
      packs.flushAll();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  packs.flushAll();
  return { sent: packs.sent };
}

/** Records waiting per connection until `size` of them make one message; `sent` counts records delivered. */
class Packs {
  sent = 0;
  private readonly pending = new Map<HubConnection, { text: string; records: number }>();

  constructor(private readonly size: number) {}

  add(conn: HubConnection, record: string): void {
    if (this.size === 1) {
      if (conn.sendEvent(record)) this.sent += 1;
      return;
    }
    let pack = this.pending.get(conn);
    if (!pack) this.pending.set(conn, (pack = { text: '', records: 0 }));
    pack.text += record;
    pack.records += 1;
    if (pack.records >= this.size) this.flush(conn, pack);
  }

  flushAll(): void {
    for (const [conn, pack] of this.pending) if (pack.records > 0) this.flush(conn, pack);
  }

  private flush(conn: HubConnection, pack: { text: string; records: number }): void {
    if (conn.sendEvent(pack.text)) this.sent += pack.records;
    pack.text = '';
    pack.records = 0;
  }
}
