/**
 * The public, vscode-free core API shared by the extension, the CLI, the benchmark and the tests.
 * Internal helpers (connect attempts, the ws subclass, parse field helpers) stay unexported here.
 */
// Contracts
export type * from './monitor/types';
export type * from './hub/types';
export type * from './timeline/types';
export type * from './gateway/types';
export * from './events/types';
export * from './events/enums';
export * from './errors/hubError';
export * from './hub/methods';
export * from './profiles';
export * from './util/emitter';
export * from './util/clock';

// Engine
export { createMonitor, type EngineMonitor, type MonitorOptions } from './monitor/monitor';
export { HubConnectionClient, type HubClientOptions } from './hub/hubClient';
export { HubSession, type ConnectInfo, type HubSessionOptions } from './hub/hubSession';
export type { LogFn, LogLevelName } from './hub/hubLogger';
export { DEFAULT_RETRY_DELAYS_MS, normalizeRetryDelays, retryDelay } from './hub/retrySchedule';
export { HubSubscriptionSet, normalizeSubscription, subscriptionKey, type SubscriptionInvoker } from './subscriptions/subscriptionSet';
export { classifyFailure, errorCode, errorText, invokeTimeoutFailure, type FailureEvidence, type FailurePhase } from './errors/classify';
export { Timeline, DEFAULT_TIMELINE_CAPACITY } from './timeline/timeline';
export { formatEntry, formatStep, formatTime } from './timeline/format';

// Other engineers' modules
export { parseHubInvocation, type ParseOutcome } from './events/parse';
export { redact } from './util/redact';
export { GatewayClient, type GatewayClientOptions } from './gateway/gatewayClient';
export { GatewayError } from './gateway/gatewayError';
export { TokenSource, type TokenSourceOptions } from './auth/tokenSource';
