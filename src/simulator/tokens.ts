import { randomBytes, randomUUID } from 'node:crypto';
import { compactVerify, SignJWT } from 'jose';
import type { Clock } from '../core/util/clock';

/** Why a token was refused; the REST and hub layers map this to their own answers. */
export type TokenCheck =
  | { ok: true; userName: string; expiresAtMs: number }
  | { ok: false; reason: 'missing' | 'malformed' | 'bad-signature' | 'expired' | 'revoked'; userName?: string };

interface SimClaims {
  sub?: unknown;
  jti?: unknown;
  exp?: unknown;
  /** Expiry in ms: lifetimes under a second are checked exactly (the standard `exp` is in seconds). */
  exp_ms?: unknown;
}

/**
 * HS256 JWTs signed with a per-simulator random key: a token from another simulator instance (or a
 * real gateway) fails the signature check, like the gateway's "signature key not found".
 */
export class TokenService {
  private readonly key = randomBytes(32);
  private readonly issued = new Set<string>();
  private readonly revoked = new Set<string>();
  private lifetimeOverrideMs: number | undefined;

  constructor(
    private readonly defaultLifetimeMs: number,
    private readonly clock: Clock,
  ) {}

  /** Tokens issued from now on live this long (undefined: back to the configured lifetime). */
  setLifetimeOverride(ms: number | undefined): void {
    this.lifetimeOverrideMs = ms;
  }

  revokeAll(): void {
    for (const jti of this.issued) this.revoked.add(jti);
  }

  async issue(userName: string, lifetimeMs?: number): Promise<string> {
    const now = this.clock.now();
    const expMs = now + (lifetimeMs ?? this.lifetimeOverrideMs ?? this.defaultLifetimeMs);
    const jti = randomUUID();
    this.issued.add(jti);
    // exp rounds down so a client planning from `exp` never believes a token lives longer than it does.
    return new SignJWT({ exp_ms: expMs, name: userName })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userName)
      .setJti(jti)
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(expMs / 1000))
      .setIssuer('hubmon-simulator')
      .sign(this.key);
  }

  async check(token: string | undefined): Promise<TokenCheck> {
    if (!token) return { ok: false, reason: 'missing' };
    if (token.split('.').length !== 3) return { ok: false, reason: 'malformed' };
    let claims: SimClaims;
    try {
      const { payload } = await compactVerify(token, this.key, { algorithms: ['HS256'] });
      claims = JSON.parse(new TextDecoder().decode(payload)) as SimClaims;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return { ok: false, reason: code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' ? 'bad-signature' : 'malformed' };
    }
    if (typeof claims !== 'object' || claims === null || typeof claims.sub !== 'string' || typeof claims.jti !== 'string') {
      return { ok: false, reason: 'malformed' };
    }
    const expMs = typeof claims.exp_ms === 'number' ? claims.exp_ms : typeof claims.exp === 'number' ? claims.exp * 1000 : 0;
    if (this.revoked.has(claims.jti)) return { ok: false, reason: 'revoked', userName: claims.sub };
    if (this.clock.now() >= expMs) return { ok: false, reason: 'expired', userName: claims.sub };
    return { ok: true, userName: claims.sub, expiresAtMs: expMs };
  }
}

/** The bearer token of a request: `Authorization: Bearer x` first, else the `access_token` query. */
export function tokenOf(authorization: string | undefined, query: URLSearchParams | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (m) return m[1];
  return query?.get('access_token') ?? undefined;
}

export function describeTokenFailure(reason: Exclude<TokenCheck, { ok: true }>['reason']): string {
  switch (reason) {
    case 'missing':
      return 'no bearer token';
    case 'malformed':
      return 'the token is not a valid JWT';
    case 'bad-signature':
      return 'the signature key was not found';
    case 'expired':
      return 'the token has expired';
    case 'revoked':
      return 'the token was revoked';
  }
}
