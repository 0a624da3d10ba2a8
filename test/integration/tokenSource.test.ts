// TokenSource with the real GatewayClient against the simulator. Where time must move (a 24 h
// token nearing expiry) the simulator and the token source share one injected clock.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TokenSource } from '../../src/core/auth/tokenSource';
import { HubError, type HubFailure } from '../../src/core/errors/hubError';
import { GatewayClient } from '../../src/core/gateway/gatewayClient';
import { DEMO_API_KEY, DEMO_USERNAME } from '../../src/core/profiles';
import type { TimelineStep } from '../../src/core/timeline/types';
import { GatewaySimulator } from '../../src/simulator';

class MovableClock {
  offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
}

interface Rig {
  sim: GatewaySimulator;
  gateway: GatewayClient;
  clock: MovableClock;
  /** REST calls as the client recorded them, e.g. 'Auth/validate: ok'. */
  calls: string[];
  steps: TimelineStep[];
}

const HOUR = 3600_000;

async function rig(): Promise<Rig> {
  const clock = new MovableClock();
  const sim = new GatewaySimulator({ marketIntervalMs: 0, userActivityIntervalMs: 0, clock });
  const { restUrl } = await sim.start();
  const calls: string[] = [];
  const gateway = new GatewayClient(restUrl, { record: (s) => s.kind === 'note' && calls.push(s.text.replace(/^REST /, '').replace(/ in \d+ ms$| \(\d+ ms\)$/, '')) });
  return { sim, gateway, clock, calls, steps: [] };
}

function tokenActions(steps: readonly TimelineStep[]): string[] {
  return steps.flatMap((s) => (s.kind === 'token' ? [s.action] : []));
}

function assertNoSecretIn(value: unknown, secrets: readonly string[]): void {
  const text = JSON.stringify(value);
  for (const s of secrets) assert.ok(!text.includes(s), `secret leaked into ${text.slice(0, 120)}`);
}

function nextChange(source: TokenSource): Promise<{ expiresAt: Date | undefined }> {
  return new Promise((resolve) => {
    const sub = source.onDidChangeToken((info) => {
      sub.dispose();
      resolve(info);
    });
  });
}

describe('TokenSource against the simulator', () => {
  let r: Rig;
  let source: TokenSource | undefined;
  beforeEach(async () => {
    r = await rig();
  });
  afterEach(async () => {
    source?.dispose();
    source = undefined;
    await r.sim.stop();
  });

  it('signs in with the API key on first use and serves the token without asking again', async () => {
    source = new TokenSource({ gateway: r.gateway, credentials: { userName: DEMO_USERNAME, apiKey: DEMO_API_KEY }, clock: r.clock, record: (s) => r.steps.push(s) });
    const token = await source.getToken();
    assert.equal(await source.getToken(), token);
    assert.equal(source.currentToken(), token);
    assert.ok((source.expiresAt?.getTime() ?? 0) > r.clock.now() + 23 * HOUR);
    assert.deepEqual(r.calls, ['Auth/loginKey: ok']);
    assert.deepEqual(tokenActions(r.steps), ['login']);
    assertNoSecretIn(r.steps, [token, DEMO_API_KEY]);
  });

  it('refreshes through validate before expiry, on its own timer (short-lived tokens)', async () => {
    r.sim.faults.tokenLifetime(2500);
    const first = await r.gateway.loginKey(DEMO_USERNAME, DEMO_API_KEY);
    source = new TokenSource({ gateway: r.gateway, token: first, record: (s) => r.steps.push(s) });
    const firstExpiry = source.expiresAt;
    assert.ok(firstExpiry);
    const changed = await nextChange(source);
    assert.ok(changed.expiresAt && changed.expiresAt.getTime() > firstExpiry.getTime(), 'the new token lives longer');
    const second = source.currentToken();
    assert.ok(second !== undefined && second !== first);
    assert.ok(Date.now() < firstExpiry.getTime() + 1000, 'refreshed before the old token expired');
    assert.deepEqual(r.calls.slice(0, 2), ['Auth/loginKey: ok', 'Auth/validate: ok']);
    assert.deepEqual(tokenActions(r.steps).slice(0, 1), ['refreshed']);
    assertNoSecretIn(r.steps, [first, second]);
    await r.gateway.searchAccounts(second); // the refreshed token is accepted
  });

  it('getToken() refreshes once the refresh window opens (clock moved to 30 min before exp)', async () => {
    const first = await r.gateway.loginKey(DEMO_USERNAME, DEMO_API_KEY);
    source = new TokenSource({ gateway: r.gateway, token: first, clock: r.clock });
    assert.equal(await source.getToken(), first);
    r.clock.offset = 23 * HOUR + 31 * 60_000;
    const second = await source.getToken();
    assert.notEqual(second, first);
    assert.ok((source.expiresAt?.getTime() ?? 0) > r.clock.now() + 23 * HOUR);
    assert.equal(await source.getToken(), second);
    assert.deepEqual(r.calls, ['Auth/loginKey: ok', 'Auth/validate: ok']);
  });

  it('concurrent callers share one in-flight refresh', async () => {
    const first = await r.gateway.loginKey(DEMO_USERNAME, DEMO_API_KEY);
    source = new TokenSource({ gateway: r.gateway, token: first, clock: r.clock });
    r.clock.offset = 23 * HOUR + 45 * 60_000;
    const s = source;
    const results = await Promise.all([s.getToken(), s.getToken(), s.refresh('hub 401'), s.refresh('other hub 401'), s.getToken()]);
    assert.equal(new Set(results).size, 1);
    assert.notEqual(results[0], first);
    assert.deepEqual(r.calls.filter((c) => c.startsWith('Auth/validate')), ['Auth/validate: ok']);
  });

  it('signs in again with the API key when validate refuses the token', async () => {
    const first = await r.gateway.loginKey(DEMO_USERNAME, DEMO_API_KEY);
    const fails: HubFailure[] = [];
    source = new TokenSource({ gateway: r.gateway, token: first, credentials: { userName: DEMO_USERNAME, apiKey: DEMO_API_KEY }, clock: r.clock, record: (s) => r.steps.push(s) });
    source.onDidFail((f) => fails.push(f));
    r.sim.faults.revokeTokens();
    const changed = nextChange(source);
    const second = await source.refresh('hub 401');
    assert.notEqual(second, first);
    assert.ok((await changed).expiresAt);
    assert.deepEqual(tokenActions(r.steps), ['refresh-failed', 'login']);
    assert.deepEqual(fails, []);
    await r.gateway.searchAccounts(second);
    assertNoSecretIn(r.steps, [first, second, DEMO_API_KEY]);
  });

  it('signs in again when the token already expired (validate answers ExpiredToken)', async () => {
    const first = await r.gateway.loginKey(DEMO_USERNAME, DEMO_API_KEY);
    source = new TokenSource({ gateway: r.gateway, token: first, credentials: { userName: DEMO_USERNAME, apiKey: DEMO_API_KEY }, clock: r.clock, record: (s) => r.steps.push(s) });
    r.clock.offset = 25 * HOUR;
    const second = await source.getToken();
    assert.notEqual(second, first);
    assert.deepEqual(tokenActions(r.steps), ['expired', 'refresh-failed', 'login']);
    const failed = r.steps.find((s) => s.kind === 'token' && s.action === 'refresh-failed');
    assert.ok(failed?.kind === 'token' && failed.error?.includes('ExpiredToken (3)'));
  });

  it('without credentials, a refused refresh fires onDidFail once and getToken() rejects', async () => {
    const first = await r.gateway.loginKey(DEMO_USERNAME, DEMO_API_KEY);
    const fails: HubFailure[] = [];
    source = new TokenSource({ gateway: r.gateway, token: first, clock: r.clock });
    source.onDidFail((f) => fails.push(f));
    r.sim.faults.revokeTokens();
    const expectation = (e: unknown): boolean => e instanceof HubError && e.kind === 'token-unavailable' && e.message === 'the session expired and could not be refreshed. sign in again';
    await assert.rejects(source.refresh('hub 401'), expectation);
    await assert.rejects(source.getToken(), expectation);
    // The other hub's 401 gets the same answer without asking the gateway again.
    await assert.rejects(source.refresh('other hub 401'), expectation);
    assert.deepEqual(r.calls.filter((c) => c.startsWith('Auth/validate')).length, 1);
    assert.equal(fails.length, 1);
    assert.equal(fails[0].cause, 'the session expired and could not be refreshed');
    assert.equal(fails[0].fix, 'sign in again');
    assert.ok(fails[0].detail?.includes('InvalidSession (1)'));
    assertNoSecretIn(fails, [first]);
    // A pasted token brings it back.
    const pasted = await r.gateway.loginKey(DEMO_USERNAME, DEMO_API_KEY);
    source.setToken(pasted);
    assert.equal(await source.getToken(), pasted);
  });

  it('a wrong API key fails as token-unavailable naming InvalidCredentials, without the key', async () => {
    const fails: HubFailure[] = [];
    source = new TokenSource({ gateway: r.gateway, credentials: { userName: DEMO_USERNAME, apiKey: 'not-the-key-42' } });
    source.onDidFail((f) => fails.push(f));
    await assert.rejects(source.getToken(), (e: unknown) => e instanceof HubError && e.kind === 'token-unavailable' && e.message.includes('InvalidCredentials (3)'));
    assert.equal(fails.length, 1);
    assert.equal(fails[0].fix, 'check the user name and API key');
    assertNoSecretIn(fails, ['not-the-key-42']);
  });

  it('not signed in at all: getToken() rejects with a clear failure', async () => {
    source = new TokenSource({ gateway: r.gateway });
    await assert.rejects(source.getToken(), (e: unknown) => e instanceof HubError && e.kind === 'token-unavailable' && e.failure.cause.includes('not signed in'));
  });
});

describe('TokenSource when the gateway is unreachable', () => {
  it('keeps serving a still-valid token, reports a non-terminal failure and does not fire onDidFail', async () => {
    const sim = new GatewaySimulator({ marketIntervalMs: 0, userActivityIntervalMs: 0 });
    const { restUrl } = await sim.start();
    const token = await new GatewayClient(restUrl).loginKey(DEMO_USERNAME, DEMO_API_KEY);
    await sim.stop();
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise((resolve) => probe.close(resolve));

    const clock = new MovableClock();
    const fails: HubFailure[] = [];
    const source = new TokenSource({ gateway: new GatewayClient(deadUrl), token, credentials: { userName: DEMO_USERNAME, apiKey: DEMO_API_KEY }, clock });
    source.onDidFail((f) => fails.push(f));
    try {
      clock.offset = 23 * HOUR + 50 * 60_000; // inside the refresh window, not yet expired
      assert.equal(await source.getToken(), token);
      assert.equal(await source.getToken(), token, 'a second call does not wait for another attempt');
      await assert.rejects(source.refresh('hub 401'), (e: unknown) => e instanceof HubError && e.kind === 'refused' && e.failure.cause.includes('ECONNREFUSED') && e.failure.fix === "check the profile's REST URL");
      assert.deepEqual(fails, []);
      clock.offset = 25 * HOUR; // expired: no stale token is handed out
      await assert.rejects(source.getToken(), (e: unknown) => e instanceof HubError && e.kind === 'refused');
    } finally {
      source.dispose();
    }
  });
});
