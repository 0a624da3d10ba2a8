/** The bench's command line: `node out/bench/main.js [--quick] [--only ours,bare] [--phases saturation,latency] [--no-package]`. */
import type { ReceiverName } from './receivers/types';

export const PHASES = ['saturation', 'latency', 'heap', 'reconnect', 'connect', 'activation', 'package'] as const;
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
  readonly quick: boolean;
  /** Profile our receiver's saturation windows into this .cpuprofile. */
  readonly profileOut: string | undefined;
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
    else throw new Error(`unknown option "${arg}": use --quick, --only <raw,bare,ours>, --phases <${PHASES.join(',')}>, --no-package, --profile-out <file>`);
  }
  return {
    receivers,
    phases,
    quick,
    profileOut,
    windowMs: quick ? 1500 : 5000,
    rounds: quick ? 1 : 3,
    warmupEvents: quick ? 20_000 : 60_000,
    latencyRate: 5000,
    latencyMs: quick ? 2000 : 5000,
    heapEvents: quick ? 200_000 : 1_000_000,
    repeats: quick ? 3 : 7,
  };
}
