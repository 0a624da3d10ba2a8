/**
 * The one place the CLI imports the engine's and the simulator's implementations (the contracts
 * are imported directly), so the CLI's dependency on them is easy to audit and to re-point.
 */
export { createMonitor } from '../core/monitor/monitor';
export { GatewayClient } from '../core/gateway/gatewayClient';
export { GatewayError } from '../core/gateway/gatewayError';
export { TokenSource } from '../core/auth/tokenSource';
export { Timeline } from '../core/timeline/timeline';
export { GatewaySimulator } from '../simulator/index';
