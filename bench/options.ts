/** The bench's command line: `node out/bench/main.js [--quick] [--only ours,bare] [--phases saturation,latency] [--no-package] [--pack n]`. */
import type { ReceiverName } from './receivers/types';

export const PHASES = ['saturation', 'latency', 'heap', 'reconnect', 'connect', 'metrics', 'account', 'activation', 'package'] as const;
export type Phase = (typeof PHASES)[number];
const NAMES: readonly ReceiverName[] = ['raw', 'bare', 'ours'];

export interface BenchOptions {
  readonly receivers: readonly ReceiverName[];
  readonly phases: ReadonlySet<Phase>;
  readonly windowMs: number;
  readonly rounds: number;
  readonly warmupEvents: number;
  readonly latencyRate: number;
  readonly latencyMs: number;
  readonly heapEvents: number;
  readonly repeats: number;
  /** Drops measured per receiver (each after > STABLE_CONNECTION_MS up, so each costs ~5 s). */
  readonly reconnectRepeats: number;
  readonly quick: boolean;
  /** Records per WebSocket message in the unpaced floods (saturation, warm-up, heap); paced latency floods send one. */
  readonly pack: number;
  /** Profile our receiver's saturation windows into this .cpuprofile. */
  readonly profileOut: string | undefined;
}

/**
 * Records per message under the unpaced flood. A busy SignalR server writes what its pipe holds as
 * one frame, so a flood arrives packed; 4 keeps the flood server (one core) ahead of the receivers.
 */
const DEFAULT_PACK = 4;

function positiveInteger(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`${flag}: expected a whole number from 1 to 1000, got "${value}"`);
  return n;
}

function list<T extends string>(value: string, allowed: readonly T[], flag: string): T[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    if (!allowed.includes(item as T)) throw new Error(`${flag}: unknown "${item}"; use any of ${allowed.join(', ')}`);
  }
  return items as T[];
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  let receivers: readonly ReceiverName[] = NAMES;
  let phases = new Set<Phase>(PHASES);
  let quick = false;
  let profileOut: string | undefined;
  let pack = DEFAULT_PACK;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--quick') quick = true;
    else if (arg === '--only') receivers = list(value(), NAMES, arg);
    else if (arg === '--phases') phases = new Set(list(value(), PHASES, arg));
    else if (arg === '--no-package') phases.delete('package');
    else if (arg === '--profile-out') profileOut = value();
    else if (arg === '--pack') pack = positiveInteger(value(), arg);
    else throw new Error(`unknown option "${arg}": use --quick, --only <raw,bare,ours>, --phases <${PHASES.join(',')}>, --no-package, --pack <records per message>, --profile-out <file>`);
  }
  return {
    receivers,
    phases,
    quick,
    profileOut,
    pack,
    windowMs: quick ? 1500 : 5000,
    rounds: quick ? 1 : 3,
    warmupEvents: quick ? 20_000 : 60_000,
    latencyRate: 5000,
    latencyMs: quick ? 2000 : 5000,
    heapEvents: quick ? 200_000 : 1_000_000,
    repeats: quick ? 3 : 7,
    reconnectRepeats: quick ? 2 : 5,
  };
}
