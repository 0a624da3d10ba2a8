/** A failed gateway REST call, with one line saying what failed and what to do. Never holds a secret. */
export type GatewayErrorKind = 'business' | 'unauthorized' | 'rate-limited' | 'http' | 'network' | 'malformed';

export interface GatewayErrorInit {
  readonly endpoint: string;
  readonly kind: GatewayErrorKind;
  readonly message: string;
  readonly code?: number;
  readonly codeName?: string;
  readonly httpStatus?: number;
  /** The network error code (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED, TimeoutError…). */
  readonly networkCode?: string;
}

export class GatewayError extends Error {
  /** e.g. 'Auth/loginKey' */
  readonly endpoint: string;
  readonly kind: GatewayErrorKind;
  /** The endpoint's errorCode on a business failure. */
  readonly code?: number;
  /** The errorCode's name when the endpoint's enum is known (LoginErrorCode, ValidateErrorCode). */
  readonly codeName?: string;
  readonly httpStatus?: number;
  readonly networkCode?: string;

  constructor(init: GatewayErrorInit) {
    super(init.message);
    this.name = 'GatewayError';
    this.endpoint = init.endpoint;
    this.kind = init.kind;
    this.code = init.code;
    this.codeName = init.codeName;
    this.httpStatus = init.httpStatus;
    this.networkCode = init.networkCode;
  }
}

/** True when the token (or key) itself was refused, as opposed to the gateway being unreachable or busy. */
export function isAuthRejection(error: unknown): boolean {
  return error instanceof GatewayError && (error.kind === 'unauthorized' || error.kind === 'business');
}
