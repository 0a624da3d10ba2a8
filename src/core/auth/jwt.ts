import { decodeJwt } from 'jose';

const JWT_SHAPE = /^eyJ[\w-]*\.[\w-]+\.[\w-]*$/;

/** True when the text has the three-part shape of a JWT with a JSON header (it is not verified). */
export function looksLikeJwt(token: string): boolean {
  return JWT_SHAPE.test(token);
}

/** The `exp` claim as a Date, or undefined for anything that is not a JWT with a numeric exp. Never throws. */
export function readJwtExpiry(token: string): Date | undefined {
  if (!looksLikeJwt(token)) return undefined;
  try {
    const exp = decodeJwt(token).exp;
    if (typeof exp !== 'number' || !Number.isFinite(exp)) return undefined;
    const date = new Date(exp * 1000);
    return Number.isNaN(date.getTime()) ? undefined : date;
  } catch {
    return undefined;
  }
}
