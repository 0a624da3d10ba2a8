/**
 * The one place the extension imports the engine's implementations (the contracts are imported
 * directly). Keeping them together makes the extension's dependency on the core easy to audit.
 */
export { createMonitor } from '../core/monitor/monitor';
export { formatEntry } from '../core/timeline/format';
export { Timeline } from '../core/timeline/timeline';
export { GatewayClient } from '../core/gateway/gatewayClient';
export { GatewayError } from '../core/gateway/gatewayError';
export { TokenSource } from '../core/auth/tokenSource';
export { redact } from '../core/util/redact';
export { subscriptionKey } from '../core/subscriptions/subscriptionSet';
