/** What every receiver under test offers the bench phases. */
import type { SimulatorUrls } from '../../src/simulator/index';

export type ReceiverName = 'ours' | 'bare' | 'raw';

export const RECEIVER_LABELS: Readonly<Record<ReceiverName, string>> = {
  ours: 'ours (engine)',
  bare: 'bare signalr',
  raw: 'raw ws',
};

/** Where to connect and what to subscribe. */
export interface Target {
  readonly urls: SimulatorUrls;
  readonly contracts: readonly string[];
  readonly accountId: number;
  readonly userName: string;
  readonly apiKey: string;
}

/** Called at each quote dispatch while set: the frame's send time and the dispatch time (epoch ms). */
export type LatencyProbe = (sentAt: number, dispatchedAt: number) => void;

export interface Receiver {
  readonly name: ReceiverName;
  /** GatewayQuote events dispatched so far. */
  readonly events: number;
  probe: LatencyProbe | undefined;
  /** Connects (both hubs where the receiver has two) and resolves once every subscription is acknowledged. */
  connect(): Promise<void>;
  close(): Promise<void>;
}

/** A receiver that recovers from a drop by itself. */
export interface Reconnecting extends Receiver {
  /** Resolves with the epoch ms at which every hub is back and every subscription re-acknowledged. */
  recovered(): Promise<number>;
}

export function isReconnecting(r: Receiver): r is Reconnecting {
  return typeof (r as Partial<Reconnecting>).recovered === 'function';
}

/** The flood's `sentAt` field of a parsed quote payload (NaN when it has none). */
export function sentAtOf(quote: unknown): number {
  const sentAt = typeof quote === 'object' && quote !== null ? (quote as { sentAt?: unknown }).sentAt : undefined;
  return typeof sentAt === 'number' ? sentAt : NaN;
}
