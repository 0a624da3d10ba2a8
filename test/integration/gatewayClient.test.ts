// GatewayClient against the real simulator over loopback (and two tiny loopback servers for the
// answers the simulator never gives: silence and non-JSON).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { looksLikeJwt, readJwtExpiry } from '../../src/core/auth/jwt';
import { GatewayClient } from '../../src/core/gateway/gatewayClient';
import { GatewayError } from '../../src/core/gateway/gatewayError';
import { DEMO_API_KEY, DEMO_USERNAME } from '../../src/core/profiles';
import type { TimelineStep } from '../../src/core/timeline/types';
import { GatewaySimulator } from '../../src/simulator';

function gatewayError(expected: Partial<Pick<GatewayError, 'kind' | 'code' | 'codeName' | 'httpStatus' | 'networkCode'>>, messagePart: string, secrets: readonly string[] = []) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof GatewayError, `expected a GatewayError, got ${String(error)}`);
    for (const [key, value] of Object.entries(expected)) assert.equal(error[key as keyof GatewayError], value, key);
    assert.ok(error.message.includes(messagePart), `message "${error.message}" should include "${messagePart}"`);
    assert.ok(!error.message.includes('\n'), 'one line');
    for (const s of secrets) assert.ok(!error.message.includes(s), 'no secret in the message');
    return true;
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('GatewayClient against the simulator', function () {
  let sim: GatewaySimulator;
  let client: GatewayClient;
  const notes: TimelineStep[] = [];

  before(async () => {
    sim = new GatewaySimulator({ marketIntervalMs: 0, userActivityIntervalMs: 0 });
    const { restUrl } = await sim.start();
    client = new GatewayClient(restUrl, { record: (s) => notes.push(s) });
  });
  after(() => sim.stop());

  it('signs in with the API key and gets a JWT with an expiry', async () => {
    const token = await client.loginKey(DEMO_USERNAME, DEMO_API_KEY);
    assert.equal(looksLikeJwt(token), true);
    assert.ok((readJwtExpiry(token)?.getTime() ?? 0) > Date.now());
    const texts = notes.map((n) => (n.kind === 'note' ? n.text : ''));
    assert.ok(texts.some((t) => t.startsWith('REST Auth/loginKey: ok')));
    assert.ok(texts.every((t) => !t.includes(token) && !t.includes(DEMO_API_KEY)));
  });

  it('a wrong key fails with "login failed: InvalidCredentials (3)" and no key in the text', async () => {
    await assert.rejects(client.loginKey(DEMO_USERNAME, 'wrong-key-123'), gatewayError({ kind: 'business', code: 3, codeName: 'InvalidCredentials' }, 'login failed: InvalidCredentials (3)', ['wrong-key-123']));
  });

  it('an unknown user fails with UserNotFound (1)', async () => {
    await assert.rejects(client.loginKey('nobody', 'k'), gatewayError({ kind: 'business', code: 1, codeName: 'UserNotFound' }, 'login failed: UserNotFound (1)'));
  });

  it('validate renews the token; a revoked token answers InvalidSession (1)', async () => {
    const token = await client.loginKey(DEMO_USERNAME, DEMO_API_KEY);
    const renewed = await client.validate(token);
    assert.equal(looksLikeJwt(renewed), true);
    assert.notEqual(renewed, token);
    const other = new GatewaySimulator({ marketIntervalMs: 0, userActivityIntervalMs: 0 });
    const { restUrl } = await other.start();
    try {
      const otherClient = new GatewayClient(restUrl);
      const doomed = await otherClient.loginKey(DEMO_USERNAME, DEMO_API_KEY);
      other.faults.revokeTokens();
      await assert.rejects(otherClient.validate(doomed), gatewayError({ kind: 'business', code: 1, codeName: 'InvalidSession' }, 'token validation failed: InvalidSession (1)', [doomed]));
    } finally {
      await other.stop();
    }
  });

  it('reads accounts, contracts, positions and orders into typed objects', async () => {
    const token = await client.loginKey(DEMO_USERNAME, DEMO_API_KEY);
    const accounts = await client.searchAccounts(token);
    assert.ok(accounts.length > 0);
    assert.deepEqual(Object.keys(accounts[0]).sort(), ['balance', 'canTrade', 'id', 'isVisible', 'name', 'simulated']);
    assert.equal(typeof accounts[0].id, 'number');
    const contracts = await client.searchContracts(token, '');
    assert.ok(contracts.length > 0);
    const byId = await client.contractById(token, contracts[0].id);
    assert.deepEqual(byId, contracts[0]);
    assert.equal(await client.contractById(token, 'CON.F.US.NOPE.Z99'), undefined);
    assert.deepEqual(await client.searchContracts(token, '', true), [], 'the demo contracts are not in the live tier');

    const account = accounts[0].id;
    sim.setPosition(account, contracts[0].id, -2, 2100.25);
    const positions = await client.openPositions(token, account);
    const position = positions.find((p) => p.contractId === contracts[0].id);
    assert.ok(position, 'the position set in the simulator is listed');
    assert.equal(position.type, 'Short');
    assert.equal(position.size, 2);
    assert.equal(position.averagePrice, 2100.25);
    assert.ok(position.creationTimestamp instanceof Date);

    // A market order fills at once: it is not listed as open, and the position nets it.
    sim.placeOrder(account, contracts[0].id, 'Bid', 1);
    assert.deepEqual(await client.openOrders(token, account), []);
    const after = (await client.openPositions(token, account)).find((p) => p.contractId === contracts[0].id);
    assert.equal(after?.type, 'Short');
    assert.equal(after?.size, 1);
  });

  it('a rejected token is HTTP 401 "unauthorized", without the token in the message', async () => {
    const bogus = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    await assert.rejects(client.searchAccounts(bogus), gatewayError({ kind: 'unauthorized', httpStatus: 401 }, 'Account/search: the token was rejected (HTTP 401): sign in again', [bogus]));
  });

  it('a body the gateway refuses is HTTP 400 with the problem title', async () => {
    const token = await client.loginKey(DEMO_USERNAME, DEMO_API_KEY);
    await assert.rejects(client.openPositions(token, 1.5), gatewayError({ kind: 'http', httpStatus: 400 }, 'Position/searchOpen: the gateway rejected the request (HTTP 400) (One or more validation errors occurred.)'));
  });

  it('HTTP 429 is "rate-limited" and says how long to wait', async () => {
    const limited = new GatewaySimulator({ marketIntervalMs: 0, userActivityIntervalMs: 0, rateLimitPerMinute: 2 });
    const { restUrl } = await limited.start();
    try {
      const c = new GatewayClient(restUrl);
      const token = await c.loginKey(DEMO_USERNAME, DEMO_API_KEY);
      await c.searchAccounts(token);
      await assert.rejects(c.searchAccounts(token), gatewayError({ kind: 'rate-limited', httpStatus: 429 }, 'rate limited by the gateway (HTTP 429): wait 60 s'));
    } finally {
      await limited.stop();
    }
  });
});

describe('GatewayClient when the gateway cannot be used', () => {
  it('a dead port is ECONNREFUSED with the fix', async () => {
    const probe = createServer();
    const url = await listen(probe);
    await close(probe); // the port is now unused
    const client = new GatewayClient(url);
    await assert.rejects(client.loginKey(DEMO_USERNAME, 'secret-key-1'), gatewayError({ kind: 'network', networkCode: 'ECONNREFUSED' }, `cannot reach ${url} (ECONNREFUSED): check the profile's REST URL`, ['secret-key-1']));
  });

  it('a server that never answers times out with a clear line', async () => {
    const silent = createServer(() => undefined);
    const url = await listen(silent);
    try {
      const client = new GatewayClient(url, { timeoutMs: 300 });
      await assert.rejects(client.searchAccounts('t'), gatewayError({ kind: 'network', networkCode: 'TIMEOUT' }, `Account/search: no answer from ${url} within 0.3 s`));
    } finally {
      await close(silent);
    }
  });

  it('a non-JSON answer (a web page at that URL) is "malformed"; so is a list that is not a list', async () => {
    const web = createServer((req, res) => {
      if (req.url === '/api/Account/search') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true,"errorCode":0,"accounts":{"id":1}}');
      } else {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>');
      }
    });
    const url = await listen(web);
    try {
      const client = new GatewayClient(`${url}/`);
      await assert.rejects(client.loginKey('u', 'k'), gatewayError({ kind: 'malformed', httpStatus: 200 }, "Auth/loginKey: the gateway answered with text that is not JSON (HTTP 200): check the profile's REST URL"));
      await assert.rejects(client.searchAccounts('t'), gatewayError({ kind: 'malformed' }, 'Account/search: unexpected payload (accounts:payload'));
    } finally {
      await close(web);
    }
  });

  it('accepts the older Contract/searchById shape (contracts[]) and a base URL ending in /api', async () => {
    const seen: string[] = [];
    const older = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
        success: true, errorCode: 0, errorMessage: null,
        contracts: [{ id: 'CON.F.US.EP.U25', name: 'ESU5', description: 'E-mini S&P', tickSize: 0.25, tickValue: 12.5, activeContract: true, symbolId: 'F.US.EP', extra: 1 }],
      }));
    });
    const url = await listen(older);
    try {
      const contract = await new GatewayClient(`${url}/api`).contractById('tok', 'CON.F.US.EP.U25');
      assert.deepEqual(contract, { id: 'CON.F.US.EP.U25', name: 'ESU5', description: 'E-mini S&P', tickSize: 0.25, tickValue: 12.5, activeContract: true, symbolId: 'F.US.EP' });
      assert.deepEqual(seen, ['POST /api/Contract/searchById Bearer tok']);
    } finally {
      await close(older);
    }
  });

  it('an invalid base URL fails with a line naming the setting', async () => {
    await assert.rejects(new GatewayClient('api.topstepx.com').loginKey('u', 'k'), gatewayError({ kind: 'network', networkCode: 'EINVALIDURL' }, "fix the profile's REST URL"));
    await assert.rejects(new GatewayClient('ftp://x').loginKey('u', 'k'), gatewayError({ kind: 'network' }, 'must start with https://'));
  });
});
