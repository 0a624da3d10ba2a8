import assert from 'node:assert/strict';
import { SignJWT, UnsecuredJWT } from 'jose';
import { looksLikeJwt, readJwtExpiry } from '../../src/core/auth/jwt';

const KEY = new TextEncoder().encode('a-test-signing-key-of-sufficient-length');

describe('jwt helpers', () => {
  it('reads exp from a signed token', async () => {
    const token = await new SignJWT({ sub: 'demo' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(1_721_570_000).sign(KEY);
    assert.equal(looksLikeJwt(token), true);
    assert.equal(readJwtExpiry(token)?.toISOString(), new Date(1_721_570_000_000).toISOString());
  });

  it('reads exp from an unsecured token (the signature is not verified here)', () => {
    const token = new UnsecuredJWT({}).setExpirationTime(2_000_000_000).encode();
    assert.equal(readJwtExpiry(token)?.getTime(), 2_000_000_000_000);
  });

  it('gives undefined for a token without exp', async () => {
    const token = await new SignJWT({ sub: 'demo' }).setProtectedHeader({ alg: 'HS256' }).sign(KEY);
    assert.equal(looksLikeJwt(token), true);
    assert.equal(readJwtExpiry(token), undefined);
  });

  it('never throws on garbage and says it is not a JWT', () => {
    const header = Buffer.from('{"alg":"none"}').toString('base64url');
    const badClaims = `${header}.${Buffer.from('{"exp":"soon"}').toString('base64url')}.`;
    const notJson = `${header}.${Buffer.from('not json').toString('base64url')}.sig`;
    for (const input of ['', 'invalid.token.here', 'abc', 'eyJ.eyJ.', notJson, badClaims, 'x'.repeat(100_000), `${header}.${'A'.repeat(10)}`]) {
      assert.equal(readJwtExpiry(input), undefined, input.slice(0, 30));
    }
    assert.equal(looksLikeJwt('invalid.token.here'), false);
    assert.equal(looksLikeJwt(' eyJa.eyJb.c'), false);
    assert.equal(looksLikeJwt('eyJa.eyJb.c'), true);
  });
});
