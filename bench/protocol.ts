/** The IPC messages between the bench runner and its flood server process (discriminated unions). */
import type { SimulatorUrls } from '../src/simulator/index';

export type ServerCommand =
  | {
      readonly id: number;
      readonly kind: 'flood';
      readonly contracts: string[];
      readonly eventsPerSecond?: number;
      readonly durationMs?: number;
      readonly count?: number;
      readonly recordsPerMessage?: number;
    }
  | { readonly id: number; readonly kind: 'drop' }
  /** Opens a 1-lot position in each contract on the bench account (the account phase's 10 positions). */
  | { readonly id: number; readonly kind: 'positions'; readonly contracts: string[] }
  | { readonly id: number; readonly kind: 'stop' };

export type ServerReply =
  | { readonly kind: 'ready'; readonly urls: SimulatorUrls; readonly contracts: string[]; readonly accountId: number }
  | { readonly id: number; readonly kind: 'flooded'; readonly sent: number; readonly cpuUs: number }
  /** `at`: epoch ms (performance.timeOrigin + now) just before every socket was cut. */
  | { readonly id: number; readonly kind: 'dropped'; readonly at: number }
  | { readonly id: number; readonly kind: 'positioned' }
  | { readonly id: number; readonly kind: 'stopped' }
  | { readonly id: number; readonly kind: 'error'; readonly message: string };

/** Commands without their id (the harness numbers them). */
export type ServerRequest = ServerCommand extends infer C ? (C extends { id: number } ? Omit<C, 'id'> : never) : never;

/** Contracts the flood server adds to the world's 7 (the heap target is over 20 contracts). */
export const BENCH_SYNTHETIC_CONTRACTS = 13;

/** The user and key the bench server accepts (not a secret: a loopback-only simulator). */
export const BENCH_USER = { userName: 'bench', apiKey: 'bench-key' } as const;

/** Epoch milliseconds with sub-millisecond resolution; both processes use the same formula. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

export function isServerReply(value: unknown): value is ServerReply {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}

export function isServerCommand(value: unknown): value is ServerCommand {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { id?: unknown; kind?: unknown };
  return typeof v.id === 'number' && (v.kind === 'flood' || v.kind === 'drop' || v.kind === 'positions' || v.kind === 'stop');
}
