import assert from 'node:assert/strict';
import { deriveSeed, Prng } from '../../../src/simulator/prng';
import { TokenService, tokenOf } from '../../../src/simulator/tokens';
import { sevenDigitTimestamp, Variants } from '../../../src/simulator/variants';
import { roundToTick, World } from '../../../src/simulator/world';

describe('simulator parts', () => {
  it('Prng repeats per seed, differs across seeds and stays in range', () => {
    const draw = (seed: number): number[] => {
      const p = new Prng(seed);
      return Array.from({ length: 50 }, () => p.int(-3, 3));
    };
    assert.deepEqual(draw(1), draw(1));
    assert.notDeepEqual(draw(1), draw(2));
    assert.ok(draw(3).every((n) => n >= -3 && n <= 3));
    assert.notEqual(deriveSeed(1, 'CON.F.US.EP.U25'), deriveSeed(1, 'CON.F.US.NQ.U25'));
  });

  it('tokens expire by the clock, are revoked by revokeAll and fail a foreign key', async () => {
    let now = Date.parse('2025-01-01T00:00:00Z');
    const clock = { now: () => now };
    const tokens = new TokenService(60_000, clock);
    const t = await tokens.issue('demo');
    assert.deepEqual(await tokens.check(t), { ok: true, userName: 'demo', expiresAtMs: now + 60_000 });
    const [, payload] = t.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { exp: number; sub: string };
    assert.deepEqual([claims.exp, claims.sub], [Math.floor((now + 60_000) / 1000), 'demo']);
    now += 60_000;
    assert.deepEqual(await tokens.check(t), { ok: false, reason: 'expired', userName: 'demo' });
    now -= 60_000;
    tokens.setLifetimeOverride(10);
    const short = await tokens.issue('demo');
    now += 10;
    assert.equal((await tokens.check(short)).ok, false);
    const fresh = await tokens.issue('demo', 1000);
    tokens.revokeAll();
    assert.deepEqual(await tokens.check(fresh), { ok: false, reason: 'revoked', userName: 'demo' });
    assert.equal((await tokens.check(await new TokenService(60_000, clock).issue('demo'))).ok, false);
    assert.deepEqual(await tokens.check('invalid.token.here'), { ok: false, reason: 'malformed' });
    assert.deepEqual(await tokens.check(undefined), { ok: false, reason: 'missing' });
  });

  it('takes the bearer header before the access_token query', () => {
    assert.equal(tokenOf('Bearer abc', new URLSearchParams('access_token=xyz')), 'abc');
    assert.equal(tokenOf(undefined, new URLSearchParams('access_token=xyz')), 'xyz');
    assert.equal(tokenOf('Basic abc', undefined), undefined);
  });

  it('writes 7-digit offset timestamps that still parse to the same millisecond', () => {
    const ms = Date.parse('2024-07-21T13:47:00.123Z');
    const text = sevenDigitTimestamp(ms, 4567);
    assert.equal(text, '2024-07-21T13:47:00.1234567+00:00');
    assert.equal(Date.parse(text), ms);
    const plain = new Variants(false);
    assert.equal(plain.timestamp(ms), '2024-07-21T13:47:00.123Z');
    assert.deepEqual(plain.userPayload({ a: 1 }), { a: 1 });
    const v = new Variants(true);
    assert.deepEqual([0, 1, 2, 3].map(() => v.userPayload({ a: 1 }, true)), [{ a: 1 }, { action: 0, data: { a: 1 } }, [{ a: 1 }], [{ action: 0, data: { a: 1 } }]]);
  });

  it('rounds to the tick grid and searches contracts case-insensitively', () => {
    assert.equal(roundToTick(65.0149999, 0.01), 65.01);
    assert.equal(roundToTick(5000.13, 0.25), 5000.25);
    const world = new World(['demo', 'other']);
    assert.deepEqual(world.accountsOf('demo').map((a) => a.id), [123, 456]);
    assert.ok(world.accountsOf('other').every((a) => a.id !== 123 && a.id !== 456));
    assert.deepEqual(world.searchContracts('gold').map((c) => c.id), ['CON.F.US.GC.Z25']);
    assert.equal(world.searchContracts('').length, world.contracts.length);
  });
});
