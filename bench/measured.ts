/** Everything one bench run measured, before it becomes table rows. */
import type { AccountCost } from './accountPhase';
import type { ActivationResult } from './activation';
import type { PackageResult } from './packageSize';
import type { MetricsCostResult } from './metricsCost';
import type { HeapResult, LatencyResult, SaturationSample } from './phases';
import type { ReceiverName } from './receivers/types';

export interface Measured {
  contracts: readonly string[];
  saturation: Partial<Record<ReceiverName, SaturationSample[]>>;
  /** Webview batches per second of the busiest panel, per ours' saturation window. */
  batchesPerSecond: number[];
  latency: Partial<Record<ReceiverName, LatencyResult>>;
  heap: Partial<Record<ReceiverName, HeapResult>>;
  reconnectMs: Partial<Record<ReceiverName, number[]>>;
  connectMs: Partial<Record<ReceiverName, number[]>>;
  account?: AccountCost;
  activation?: ActivationResult;
  package?: PackageResult;
  /** Prometheus metrics on vs off under the 100,000 events/s flood (#13). */
  metrics?: MetricsCostResult;
}
