import assert from 'node:assert/strict';
import { DEMO_API_KEY, DEMO_USERNAME } from '../../src/core/profiles';
import { GatewaySimulator } from '../../src/simulator';
import { postJson } from '../unit/simulator/rawHubClient';

describe('simulator REST API', () => {
  let sim: GatewaySimulator;
  let api: string;
  let token: string;

  before(async () => {
    sim = new GatewaySimulator({ marketIntervalMs: 0, userActivityIntervalMs: 0, users: [{ userName: DEMO_USERNAME, apiKey: DEMO_API_KEY }, { userName: 'other', apiKey: 'other-key' }] });
    api = `${(await sim.start()).restUrl}/api`;
    token = await sim.issueToken();
  });
  after(() => sim.stop());

  it('logs in with the demo key and answers the envelope with a three-part JWT', async () => {
    const r = await postJson(`${api}/Auth/loginKey`, { userName: DEMO_USERNAME, apiKey: DEMO_API_KEY });
    assert.equal(r.status, 200);
    assert.deepEqual([r.json?.success, r.json?.errorCode, r.json?.errorMessage], [true, 0, null]);
    assert.equal(String(r.json?.token).split('.').length, 3);
  });

  it('answers a wrong key with InvalidCredentials (3) and an unknown user with UserNotFound (1), both HTTP 200', async () => {
    const wrong = await postJson(`${api}/Auth/loginKey`, { userName: DEMO_USERNAME, apiKey: 'nope' });
    assert.equal(wrong.status, 200);
    assert.deepEqual([wrong.json?.success, wrong.json?.errorCode, wrong.json?.token], [false, 3, null]);
    assert.match(String(wrong.json?.errorMessage), /credentials/i);
    const unknown = await postJson(`${api}/Auth/loginKey`, { userName: 'ghost', apiKey: DEMO_API_KEY });
    assert.deepEqual([unknown.status, unknown.json?.success, unknown.json?.errorCode], [200, false, 1]);
  });

  it('validates a good token into a new one, refuses an expired one (3) and a foreign one (1)', async () => {
    const good = await postJson(`${api}/Auth/validate`, '', token);
    assert.deepEqual([good.json?.success, good.json?.errorCode], [true, 0]);
    assert.notEqual(good.json?.newToken, undefined);
    const short = await sim.issueToken(DEMO_USERNAME, 1);
    await new Promise((r) => setTimeout(r, 5));
    const expired = await postJson(`${api}/Auth/validate`, '', short);
    assert.deepEqual([expired.status, expired.json?.success, expired.json?.errorCode], [200, false, 3]);
    const foreign = await new GatewaySimulator().issueToken();
    const invalid = await postJson(`${api}/Auth/validate`, '', foreign);
    assert.deepEqual([invalid.json?.success, invalid.json?.errorCode], [false, 1]);
    const none = await postJson(`${api}/Auth/validate`, '');
    assert.equal(none.status, 401);
  });

  it('lists only the caller’s accounts (123 among the demo user’s) and contracts by search text', async () => {
    const accounts = await postJson(`${api}/Account/search`, { onlyActiveAccounts: true }, token);
    const ids = (accounts.json?.accounts as { id: number; name: string }[]).map((a) => a.id);
    assert.deepEqual(ids, [123, 456]);
    const other = await postJson(`${api}/Account/search`, { onlyActiveAccounts: true }, await sim.issueToken('other'));
    assert.ok((other.json?.accounts as { id: number }[]).every((a) => !ids.includes(a.id)));

    const nq = await postJson(`${api}/Contract/search`, { searchText: 'NQ', live: false }, token);
    const nqIds = (nq.json?.contracts as { id: string }[]).map((c) => c.id);
    assert.ok(nqIds.includes('CON.F.US.NQ.U25') && nqIds.includes('CON.F.US.MNQ.U25'));
    const live = await postJson(`${api}/Contract/search`, { searchText: 'NQ', live: true }, token);
    assert.deepEqual(live.json?.contracts, []);
    const es = await postJson(`${api}/Contract/searchById`, { contractId: 'CON.F.US.EP.U25' }, token);
    assert.deepEqual(es.json?.contract, { id: 'CON.F.US.EP.U25', name: 'ESU5', description: 'E-mini S&P 500: September 2025', tickSize: 0.25, tickValue: 12.5, activeContract: true, symbolId: 'F.US.EP' });
    const missing = await postJson(`${api}/Contract/searchById`, { contractId: 'CON.F.US.XX.Z99' }, token);
    assert.equal(missing.json?.contract, null);
  });

  it('keeps positions, orders and trades consistent with what the hub publishes', async () => {
    sim.placeOrder(123, 'CON.F.US.EP.U25', 'Bid', 2);
    const positions = await postJson(`${api}/Position/searchOpen`, { accountId: 123 }, token);
    const pos = (positions.json?.positions as { contractId: string; size: number; type: number }[]).find((p) => p.contractId === 'CON.F.US.EP.U25');
    assert.deepEqual([pos?.size, pos?.type], [2, 1]);
    assert.deepEqual(sim.world.openPositions(123), positions.json?.positions);
    const trades = await postJson(`${api}/Trade/search`, { accountId: 123, startTimestamp: new Date(Date.now() - 60_000).toISOString() }, token);
    assert.equal((trades.json?.trades as unknown[]).length, 1);
    sim.setPosition(123, 'CON.F.US.EP.U25', 0, 0);
    const after = await postJson(`${api}/Position/searchOpen`, { accountId: 123 }, token);
    assert.deepEqual(after.json?.positions, []);
    const orders = await postJson(`${api}/Order/searchOpen`, { accountId: 123 }, token);
    assert.deepEqual(orders.json?.orders, []);
    const foreign = await postJson(`${api}/Order/searchOpen`, { accountId: 123 }, await sim.issueToken('other'));
    assert.deepEqual([foreign.json?.success, foreign.json?.errorCode], [false, 1]);
  });

  it('answers 401 with a Bearer challenge without a token, 400 on malformed JSON or a bad field, 404 off the map', async () => {
    const anon = await postJson(`${api}/Account/search`, { onlyActiveAccounts: true });
    assert.equal(anon.status, 401);
    assert.match(anon.headers.get('www-authenticate') ?? '', /^Bearer/);
    const garbage = await postJson(`${api}/Account/search`, '{"onlyActive', token);
    assert.equal(garbage.status, 400);
    assert.match(garbage.text, /not valid JSON/);
    const badField = await postJson(`${api}/Position/searchOpen`, { accountId: '123' }, token);
    assert.equal(badField.status, 400);
    assert.match(badField.text, /accountId/);
    const nowhere = await postJson(`${api}/Nope/nothing`, {}, token);
    assert.equal(nowhere.status, 404);
    const ping = await fetch(`${api}/Status/ping`);
    assert.deepEqual([ping.status, await ping.text()], [200, 'pong']);
  });

  it('answers 429 past the rate limit', async () => {
    const limited = new GatewaySimulator({ rateLimitPerMinute: 3, marketIntervalMs: 0, userActivityIntervalMs: 0 });
    const base = `${(await limited.start()).restUrl}/api`;
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await postJson(`${base}/Auth/loginKey`, { userName: DEMO_USERNAME, apiKey: DEMO_API_KEY })).status);
      assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    } finally {
      await limited.stop();
    }
  });

  it('rejects start() on a port in use with a clear error', async () => {
    const second = new GatewaySimulator({ port: sim.urls.port });
    await assert.rejects(second.start(), /already in use/);
    await second.stop();
  });
});
