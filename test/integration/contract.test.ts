// The client against the gateway contract the simulator defines (src/simulator/contract, written from
// projectx-gateway.md): hub method names and argument types, event names, argument lists and payload
// fields with the observed variants, and every REST call's request and answer. A wrong name or type
// on either side fails here, even when client and simulator agree with each other.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayClient } from '../../src/core/gateway/gatewayClient';
import { parseHubInvocation } from '../../src/core/events/parse';
import { MARKET_EVENT_NAMES, USER_EVENT_NAMES } from '../../src/core/events/types';
import { SUBSCRIBE_METHODS } from '../../src/core/hub/methods';
import { DEMO_API_KEY, DEMO_USERNAME } from '../../src/core/profiles';
import { GatewaySimulator } from '../../src/simulator';
import { ARGUMENT_TYPE, HUB_EVENTS, HUB_METHODS, OBSERVED_VARIANTS, eventArguments } from '../../src/simulator/contract/hubContract';
import { ENVELOPE, findEndpoint, type RestEndpointContract } from '../../src/simulator/contract/restContract';
import { checkShape, sampleOf, type JsonObject, type Shape } from '../../src/simulator/contract/shapes';
import { ClientPool } from '../unit/simulator/rawHubClient';

interface CallContext {
  readonly token: string;
  readonly accountId: number;
  readonly contractId: string;
}

/** The public async methods of GatewayClient: each needs a line below, so a new REST call cannot skip the contract. */
type ClientRestCall = { [K in keyof GatewayClient]: GatewayClient[K] extends (...args: never[]) => Promise<unknown> ? K : never }[keyof GatewayClient];

const CLIENT_REST_CALLS: { readonly [K in ClientRestCall]: { readonly endpoint: string; readonly call: (client: GatewayClient, ctx: CallContext) => Promise<unknown> } } = {
  loginKey: { endpoint: 'Auth/loginKey', call: (c) => c.loginKey(DEMO_USERNAME, DEMO_API_KEY) },
  validate: { endpoint: 'Auth/validate', call: (c, x) => c.validate(x.token) },
  searchAccounts: { endpoint: 'Account/search', call: (c, x) => c.searchAccounts(x.token) },
  searchContracts: { endpoint: 'Contract/search', call: (c, x) => c.searchContracts(x.token, 'ES') },
  contractById: { endpoint: 'Contract/searchById', call: (c, x) => c.contractById(x.token, x.contractId) },
  openPositions: { endpoint: 'Position/searchOpen', call: (c, x) => c.openPositions(x.token, x.accountId) },
  openOrders: { endpoint: 'Order/searchOpen', call: (c, x) => c.openOrders(x.token, x.accountId) },
  searchTrades: { endpoint: 'Trade/search', call: (c, x) => c.searchTrades(x.token, x.accountId, new Date(Date.now() - 86_400_000)) },
  retrieveBars: {
    endpoint: 'History/retrieveBars',
    call: (c, x) => c.retrieveBars(x.token, { contractId: x.contractId, live: false, startTime: new Date(Date.now() - 3_600_000), endTime: new Date(), unit: 2, unitNumber: 1, limit: 60, includePartialBar: false }),
  },
};
const REST_LINES = Object.entries(CLIENT_REST_CALLS) as [ClientRestCall, (typeof CLIENT_REST_CALLS)[ClientRestCall]][];

function endpointOf(endpoint: string): RestEndpointContract {
  const contract = findEndpoint(endpoint);
  assert.ok(contract, `${endpoint} is not a documented endpoint`);
  assert.equal(contract.path, endpoint, 'endpoint spelling');
  return contract;
}

/**
 * Differences between what the client parsed and the documented item it was given: every documented
 * field must come through under its name (timestamps as the same instant, enums as their names), and
 * the client may not invent fields the gateway does not send.
 */
function readProblems(parsed: unknown, item: JsonObject, shape: Shape, where: string): string[] {
  if (typeof parsed !== 'object' || parsed === null) return [`${where}: the client returned ${JSON.stringify(parsed)}`];
  const out = parsed as Record<string, unknown>;
  const problems: string[] = [];
  for (const field of shape) {
    const sent = item[field.name];
    const got = out[field.name];
    if (!(field.name in out)) problems.push(`${where}.${field.name}: the client does not read this documented field`);
    else if (field.type === 'timestamp') {
      if (!(got instanceof Date) || got.getTime() !== Date.parse(String(sent))) problems.push(`${where}.${field.name}: sent ${String(sent)}, read ${String(got)}`);
    } else if (typeof field.type === 'object') {
      if (got !== field.type.enum[Number(sent)]) problems.push(`${where}.${field.name}: sent code ${String(sent)} (${field.type.enum[Number(sent)]}), read ${String(got)}`);
    } else if (got !== sent) problems.push(`${where}.${field.name}: sent ${JSON.stringify(sent)}, read ${JSON.stringify(got)}`);
  }
  const known = new Set(shape.map((f) => f.name));
  for (const key of Object.keys(out)) if (!known.has(key)) problems.push(`${where}.${key}: the client reads a field the contract does not have`);
  return problems;
}

describe('Gateway contract: the client against the simulator’s definition', function () {
  describe('hubs', () => {
    it('every client Subscribe method is a documented one: hub, unsubscribe twin, argument type and events', () => {
      for (const m of SUBSCRIBE_METHODS) {
        const c = HUB_METHODS.find((x) => x.method === m.method);
        assert.ok(c, `${m.method} is not a documented hub method`);
        assert.deepEqual([m.hub, m.unsubscribe, m.arg, [...m.events]], [c.hub, c.unsubscribe, c.argument, [...c.events]], m.method);
      }
      assert.deepEqual(HUB_METHODS.map((c) => c.method).filter((name) => !SUBSCRIBE_METHODS.some((m) => m.method === name)), [], 'documented methods the client lacks');
      assert.deepEqual(ARGUMENT_TYPE, { accountId: 'int', contractId: 'string' });
    });

    it('the client knows exactly the documented event names of each hub', () => {
      assert.deepEqual([...USER_EVENT_NAMES].sort(), HUB_EVENTS.filter((e) => e.hub === 'user').map((e) => e.name).sort());
      assert.deepEqual([...MARKET_EVENT_NAMES].sort(), HUB_EVENTS.filter((e) => e.hub === 'market').map((e) => e.name).sort());
    });

    it('the client parses each documented event with every documented field', () => {
      for (const event of HUB_EVENTS) {
        if (!event.payload) continue;
        const item = sampleOf(event.payload, 3);
        const data = event.data === 'items' ? [item] : item;
        const outcome = parseHubInvocation(event.hub, event.name, eventArguments(event, 'CON.F.US.EP.Z25', data));
        assert.ok(outcome.ok, `${event.name}: ${outcome.ok ? '' : `${outcome.kind}: ${outcome.reason}`}`);
        assert.equal(outcome.events.length, 1, event.name);
        const parsed = outcome.events[0];
        assert.equal(parsed.name, event.name);
        if (parsed.hub === 'market') assert.equal(parsed.contractId, 'CON.F.US.EP.Z25', `${event.name} is keyed by the hub's contractId argument`);
        const parsedItem = Array.isArray(parsed.data) ? parsed.data[0] : parsed.data;
        assert.deepEqual(readProblems(parsedItem, item, event.payload, event.name), []);
      }
    });

    it('the client tolerates every observed variant', () => {
      let tried = 0;
      for (const event of HUB_EVENTS) {
        if (!event.payload) continue;
        for (const variant of OBSERVED_VARIANTS.filter((v) => v.applies(event))) {
          const outcome = parseHubInvocation(event.hub, event.name, eventArguments(event, 'CON.F.US.EP.Z25', variant.data(sampleOf(event.payload, 4), event)));
          assert.ok(outcome.ok && outcome.events.length > 0, `${event.name}, ${variant.description}: ${outcome.ok ? 'no event' : `${outcome.kind}: ${outcome.reason}`}`);
          tried++;
        }
      }
      assert.ok(tried >= 20, `${tried} variant cases`);
      const logout = HUB_EVENTS.find((e) => e.name === 'GatewayLogout');
      assert.ok(logout);
      assert.equal(parseHubInvocation('user', logout.name, eventArguments(logout, '', { reason: 'unknown payload' })).ok, true, 'GatewayLogout (payload undocumented)');
    });

    it('the simulator sends what the contract says: argument lists and payload fields', async () => {
      const sim = new GatewaySimulator({ marketIntervalMs: 20, userActivityIntervalMs: 0, variants: false });
      const pool = new ClientPool(() => token);
      let token = '';
      try {
        const urls = await sim.start();
        token = await sim.issueToken();
        const accountId = sim.world.accounts[0].id;
        const user = await pool.open(urls.userHubUrl);
        const market = await pool.open(urls.marketHubUrl);
        for (const m of HUB_METHODS) {
          const hub = m.hub === 'user' ? user : market;
          const args = m.argument === 'none' ? [] : [m.argument === 'accountId' ? accountId : 'CON.F.US.EP.U25'];
          assert.equal((await hub.invoke(m.method, ...args)).error, undefined, m.method);
        }
        sim.placeOrder(accountId, 'CON.F.US.EP.U25', 'Bid', 1);
        const expected = HUB_EVENTS.filter((e) => e.name !== 'GatewayLogout');
        await Promise.all([user, market].map((hub) => hub.waitFor(() => expected.filter((e) => (e.hub === 'user') === (hub === user)).every((e) => hub.invocations(e.name).length > 0), 'one of each event', 10_000)));
        for (const event of expected) {
          const args = (event.hub === 'user' ? user : market).invocations(event.name)[0];
          assert.equal(args.length, event.args.length, `${event.name} argument count`);
          const data = args[event.args.indexOf('data')];
          const items = event.data === 'items' ? (data as unknown[]) : [data];
          assert.ok(Array.isArray(items) && items.length > 0, `${event.name} data`);
          assert.deepEqual(checkShape(items[0], event.payload ?? [], event.name), []);
        }
      } finally {
        await pool.closeAll();
        await sim.stop();
      }
    });
  });

  describe('REST', () => {
    it('every client call sends the documented request and the simulator answers the documented shape', async () => {
      const sim = new GatewaySimulator({ marketIntervalMs: 0, userActivityIntervalMs: 0 });
      const seen: { path: string; method: string; bearer: boolean; body: unknown; answer: unknown }[] = [];
      try {
        const { restUrl } = await sim.start();
        const client = new GatewayClient(restUrl, {
          fetch: async (input, init) => {
            const res = await fetch(input, init);
            const text = init?.body === undefined || init.body === null || init.body === '' ? undefined : String(init.body);
            const auth = new Headers(init?.headers).get('Authorization');
            seen.push({ path: new URL(String(input)).pathname, method: init?.method ?? 'GET', bearer: auth?.startsWith('Bearer ') ?? false, body: text === undefined ? undefined : JSON.parse(text), answer: await res.clone().json() });
            return res;
          },
        });
        const token = String(await client.loginKey(DEMO_USERNAME, DEMO_API_KEY));
        const ctx: CallContext = { token, accountId: sim.world.accounts[0].id, contractId: 'CON.F.US.EP.U25' };
        for (const [name, line] of REST_LINES) {
          seen.length = 0;
          await line.call(client, ctx);
          assert.equal(seen.length, 1, `${name}: one request`);
          const [request] = seen;
          const contract = endpointOf(line.endpoint);
          assert.equal(request.path, `/api/${contract.path}`, name);
          assert.equal(request.method, 'POST', name);
          assert.equal(request.bearer, contract.bearer, `${name}: bearer token`);
          if (contract.request === undefined) assert.equal(request.body, undefined, `${name}: no body`);
          else assert.deepEqual(checkShape(request.body, contract.request, `${name} request`, 'reject'), []);
          assert.deepEqual(checkShape(request.answer, ENVELOPE, `${name} answer`), []);
          const answer = request.answer as JsonObject;
          const payload = contract.answer;
          if (payload.kind === 'token') assert.equal(typeof answer[payload.field], 'string', `${name}: ${payload.field}`);
          else if (payload.kind === 'item') assert.deepEqual(checkShape(answer[payload.field], payload.item, `${name} ${payload.field}`), []);
          else {
            const list = answer[payload.field];
            assert.ok(Array.isArray(list), `${name}: ${payload.field} is a list`);
            for (const [i, item] of list.entries()) assert.deepEqual(checkShape(item, payload.item, `${name} ${payload.field}[${i}]`), []);
          }
        }
      } finally {
        await sim.stop();
      }
    });

    describe('the client reads every documented answer field (contract samples from a loopback server)', () => {
      let server: Server;
      let baseUrl: string;
      /** What the loopback server answers next, per endpoint path. */
      const answers = new Map<string, JsonObject>();
      before(async () => {
        server = createServer((req, res) => {
          const path = (req.url ?? '').replace(/^\/api\//, '');
          req.resume();
          req.on('end', () => {
            res.writeHead(200, { 'Content-Type': 'application/json' });
            res.end(JSON.stringify({ success: true, errorCode: 0, errorMessage: null, ...answers.get(path) }));
          });
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      });
      after(() => new Promise<void>((resolve) => server.close(() => resolve())));

      for (const [name, line] of REST_LINES) {
        it(`${name} (${line.endpoint})`, async () => {
          const contract = endpointOf(line.endpoint);
          const client = new GatewayClient(baseUrl);
          const ctx: CallContext = { token: 'header.payload.signature', accountId: 7, contractId: 'CON.F.US.EP.Z25' };
          const payload = contract.answer;
          if (payload.kind === 'token') {
            answers.set(contract.path, { [payload.field]: 'new.token.value' });
            assert.equal(await line.call(client, ctx), 'new.token.value');
            if (payload.optional) {
              answers.set(contract.path, {});
              assert.equal(await line.call(client, ctx), ctx.token, 'no new token: the current one is still good');
            }
            return;
          }
          const item = sampleOf(payload.item, 5);
          answers.set(contract.path, { [payload.field]: payload.kind === 'list' ? [item] : item });
          const result = await line.call(client, ctx);
          const parsed = payload.kind === 'list' ? (result as unknown[])[0] : result;
          assert.deepEqual(readProblems(parsed, item, payload.item, `${name} ${payload.field}`), []);
          if (payload.kind === 'item' && payload.olderListField) {
            answers.set(contract.path, { [payload.olderListField]: [item] });
            assert.deepEqual(readProblems(await line.call(client, ctx), item, payload.item, `${name} ${payload.olderListField}[0]`), []);
          }
        });
      }
    });
  });
});
