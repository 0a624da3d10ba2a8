import type { HubErrorKind } from '../errors/hubError';
import type { HubKind } from '../hub/types';

export type DoctorStepId =
  | 'dns'
  | 'tcp'
  | 'tls'
  | 'rest'
  | 'negotiate'
  | 'upgrade-header'
  | 'upgrade-query'
  | 'handshake'
  | 'ping'
  | 'subscribe'
  | 'first-event';

/** pass: works; warn: works with a caveat; fail: broken here; skip: not applicable or not reached; info: nothing to judge. */
export type DoctorVerdict = 'pass' | 'warn' | 'fail' | 'skip' | 'info';

export interface DoctorStepResult {
  readonly id: DoctorStepId;
  /** The host or hub the step concerns, e.g. "api.topstepx.com" or "market". */
  readonly target: string;
  readonly hub?: HubKind;
  readonly title: string;
  readonly verdict: DoctorVerdict;
  readonly ms: number;
  /** What was seen, one line, redacted. */
  readonly detail: string;
  /** On fail/warn: the cause and what to do, one line each. */
  readonly cause?: string;
  readonly fix?: string;
  readonly kind?: HubErrorKind;
}

export interface DoctorReport {
  readonly profileName: string;
  readonly startedAt: Date;
  readonly steps: readonly DoctorStepResult[];
  /** The first failing step, if any. */
  readonly firstFailure: DoctorStepResult | undefined;
}
