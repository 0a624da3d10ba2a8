/**
 * Turns whatever ended a command into one line and an exit code: 3 when the gateway refused the
 * credentials (login failed, token rejected, token could not be refreshed), 1 for anything else.
 */
import { HubError, type HubFailure } from '../core/errors/hubError';
import type { HubKind } from '../core/hub/types';
import { ExitCode, type ExitCodeValue } from './command';
import { GatewayError } from './engine';

export interface ExplainedFailure {
  /** One line without the "hubmon:" prefix. */
  readonly message: string;
  readonly exitCode: ExitCodeValue;
  /** The HubErrorKind, "login" or "gateway-…" (for the JSON `error` line). */
  readonly errorKind: string;
  readonly hub?: HubKind;
}

const SIGN_IN_FIX = 'sign in again (--username with PROJECTX_API_KEY) or check --token / PROJECTX_TOKEN';
/** A hub's 401 may also mean the gateway wants the token elsewhere on the upgrade. */
const REJECTED_FIX = `${SIGN_IN_FIX} (or try --token-transport header|query)`;

/** A hub's terminal failure: the engine's cause, with a fix phrased for the command line when it is about credentials. */
export function explainHubFailure(failure: HubFailure, hub?: HubKind): ExplainedFailure {
  const auth = failure.kind === 'unauthorized' || failure.kind === 'forbidden' || failure.kind === 'token-unavailable';
  const fix = failure.kind === 'unauthorized' ? REJECTED_FIX : auth ? SIGN_IN_FIX : failure.fix;
  const message = `${failure.cause}: ${fix}`;
  const base = { message, exitCode: auth ? ExitCode.auth : ExitCode.failure, errorKind: failure.kind };
  return hub === undefined ? base : { ...base, hub };
}

/**
 * Any error out of the engine. `duringLogin` marks errors from obtaining the first token: a
 * business or 401 answer there means the credentials are wrong.
 */
export function explainError(error: unknown, duringLogin = false, hub?: HubKind): ExplainedFailure {
  if (error instanceof HubError) {
    const explained = explainHubFailure(error.failure, hub);
    // The token source words a failed first sign-in as a failed renewal; its detail holds the
    // gateway's own line ("login failed: InvalidCredentials (3): check the user name and API key").
    return duringLogin && error.failure.detail ? { ...explained, message: error.failure.detail } : explained;
  }
  if (error instanceof GatewayError) {
    const auth = duringLogin && (error.kind === 'business' || error.kind === 'unauthorized');
    // The gateway client's messages already read "login failed: InvalidCredentials (3): …".
    return {
      message: error.message,
      exitCode: auth ? ExitCode.auth : ExitCode.failure,
      errorKind: auth ? 'login' : `gateway-${error.kind}`,
    };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { message: `unexpected error: ${text}`, exitCode: ExitCode.failure, errorKind: 'unknown' };
}
