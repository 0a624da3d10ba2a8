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
export { SubscribedHub, type SubscribedHubOptions } from './hub/subscribedHub';
export { HubConnectionMachine, type ConnectInfo } from './hub/connectionMachine';
export type { HubConnectionOptions } from './hub/connectionOptions';
export type { LogFn, LogLevelName } from './hub/hubLogger';
export { DEFAULT_RETRY_DELAYS_MS, normalizeRetryDelays, retryDelay } from './hub/retrySchedule';
export { HubSubscriptionSet, normalizeSubscription, subscriptionKey, type SubscriptionInvoker } from './subscriptions/subscriptionSet';
export { classifyFailure, errorCode, errorText, invokeTimeoutFailure, type FailureEvidence, type FailurePhase } from './errors/classify';
export { Timeline, DEFAULT_TIMELINE_CAPACITY } from './timeline/timeline';
export { formatEntry, formatStep, formatTime } from './timeline/format';
export { minLevel, type LogEnabled } from './hub/hubLogger';

// Raw frames, record and replay
export type * from './recording/types';
export { RECORDING_VERSION } from './recording/types';
export { RawFrameLog, DEFAULT_FRAME_LOG_CAPACITY, MAX_RECORD_CHARS, type LabelledFrame, type LabelledRecord, type RawFrameLogOptions } from './recording/rawFrameLog';
export { describeLabel, labelRecord, splitRecords, type RecordKind, type RecordLabel } from './wire/signalrCodec';
export { SessionRecorder, framesOf, recordMonitor, type RecorderOptions } from './recording/recorder';
export { readRecording, parseRecording, RecordingError, MAX_RECORDING_BYTES } from './recording/recordingFile';
export { replay, replayFrames, recordedSubscriptions, type ReplayFrame, type ReplayOptions, type ReplayResult, type ReplayTarget, type RecordedSubscription } from './recording/replay';

// Other engineers' modules
export { parseHubInvocation, type ParseOutcome } from './events/parse';
export { redact } from './util/redact';
export { GatewayClient, type GatewayClientOptions } from './gateway/gatewayClient';
export { GatewayError } from './gateway/gatewayError';
export { TokenSource, type TokenSourceOptions } from './auth/tokenSource';

// Accounts: positions, P&L, loss limits (issue 11)
export { AccountMonitor, COALESCE_MS, type AccountMonitorOptions } from './account/accountMonitor';
export type { AccountSnapshot, AccountMetricsRow, PositionView, OrderView } from './account/types';
export { evaluateRisk, validateLimits, DEFAULT_WARN_AT, type RiskLimits, type RiskState, type RiskRuleName, type RiskStateKind } from './account/riskRules';
export { formatMoney, formatPrice, priceDecimals, contractLabel } from './account/format';
export { tradingDayStart } from './account/tradingDay';
