import assert from 'node:assert/strict';
import { DEMO_API_KEY, DEMO_USERNAME } from '../../src/core/profiles';
import { GatewaySimulator, type SimulatorUrls } from '../../src/simulator';
import { ClientPool, eventually, postJson, RawHubClient, RS, tryUpgrade } from '../unit/simulator/rawHubClient';

const ES = 'CON.F.US.EP.U25';
const never = (ms: number): Promise<'pending'> => new Promise((r) => setTimeout(() => r('pending'), ms));

describe('simulator fault controls', () => {
  let sim: GatewaySimulator;
  let urls: SimulatorUrls;
  let token: string;
  const pool = new ClientPool(() => token);
  const open = pool.open.bind(pool);
  const bearer = (): Record<string, string> => ({ Authorization: `Bearer ${token}` });

  before(async () => {
    sim = new GatewaySimulator({ marketIntervalMs: 20, userActivityIntervalMs: 0, keepAliveIntervalMs: 50 });
    urls = await sim.start();
    token = await sim.issueToken();
  });
  afterEach(async () => {
    sim.faults.reset();
    await pool.closeAll();
  });
  after(() => sim.stop());

  it('dropAll terminates sockets without a Close frame (1006)', async () => {
    const u = await open(urls.userHubUrl);
    const m = await open(urls.marketHubUrl);
    sim.faults.dropAll('user');
    assert.equal(await u.waitClosed(), 1006);
    assert.equal(m.closeCode, undefined, 'the market hub was not touched');
    sim.faults.dropAll();
    assert.equal(await m.waitClosed(), 1006);
  });

  it('refuseConnections stops listening (ECONNREFUSED) and listens again on the same port', async () => {
    await sim.faults.refuseConnections(true);
    const refused = await fetch(`${urls.restUrl}/api/Status/ping`).then(() => 'answered', (e: { cause?: { code?: string } }) => e.cause?.code);
    assert.equal(refused, 'ECONNREFUSED');
    await sim.faults.refuseConnections(false);
    assert.equal(sim.urls.port, urls.port);
    assert.equal((await fetch(`${urls.restUrl}/api/Status/ping`)).status, 200);
  });

  it('rejectUpgrades answers a hub’s upgrades with the status, the given number of times', async () => {
    sim.faults.rejectUpgrades(503, { hub: 'market', times: 1 });
    assert.equal((await tryUpgrade(urls.userHubUrl, bearer())).status, 101);
    assert.equal((await tryUpgrade(urls.marketHubUrl, bearer())).status, 503);
    assert.equal((await tryUpgrade(urls.marketHubUrl, bearer())).status, 101);
    sim.faults.rejectUpgrades(403);
    assert.equal((await tryUpgrade(urls.userHubUrl, bearer())).status, 403);
    sim.faults.rejectUpgrades(undefined);
    assert.equal((await tryUpgrade(urls.userHubUrl, bearer())).status, 101);
  });

  it('hangUpgrades leaves the upgrade unanswered until released', async () => {
    sim.faults.hangUpgrades(true);
    const attempt = tryUpgrade(urls.userHubUrl, bearer()).then(() => 'answered', () => 'reset');
    assert.equal(await Promise.race([attempt, never(300)]), 'pending');
    sim.faults.hangUpgrades(false);
    assert.equal(await attempt, 'reset');
  });

  it('handshakeError answers the handshake with the error and closes; hangHandshake never answers', async () => {
    sim.faults.handshakeError('no hubs today');
    const failed = await open(urls.userHubUrl, { handshake: false });
    failed.send(`{"protocol":"json","version":1}${RS}`);
    await failed.waitClosed();
    assert.deepEqual(failed.handshakeReply, { error: 'no hubs today' });
    sim.faults.handshakeError(undefined);
    sim.faults.hangHandshake(true);
    const hung = await open(urls.userHubUrl, { handshake: false });
    hung.send(`{"protocol":"json","version":1}${RS}`);
    await never(300);
    assert.deepEqual([hung.rawFrames, hung.closeCode], [[], undefined]);
  });

  it('silence stops pings and events but keeps the connection; lifting it resumes them', async () => {
    const m = await open(urls.marketHubUrl);
    await m.invoke('SubscribeContractQuotes', ES);
    sim.faults.silence(true);
    await never(100);
    const count = m.rawFrames.length;
    await never(300);
    assert.equal(m.rawFrames.length, count, 'nothing arrived while silent');
    assert.equal(m.closeCode, undefined);
    sim.faults.silence(false);
    await m.waitFor(() => m.rawFrames.length > count, 'traffic again');
  });

  it('closeWithError sends a Close message with the error (and allowReconnect) then closes', async () => {
    const u = await open(urls.userHubUrl);
    const m = await open(urls.marketHubUrl);
    sim.faults.closeWithError('maintenance', { allowReconnect: true, hub: 'user' });
    await u.waitClosed();
    assert.deepEqual(u.messages.find((x) => x.type === 7), { type: 7, error: 'maintenance', allowReconnect: true });
    assert.equal(m.closeCode, undefined);
  });

  it('sendRaw and sendInvocation reach every connection of the hub', async () => {
    const m = await open(urls.marketHubUrl);
    sim.faults.sendRaw('market', '{"type":1,"target":"GatewayQuote","arguments":["X",{"bestBid":"oops"}');
    await m.waitFor(() => m.rawFrames.some((f) => f.includes('"oops"')), 'raw frame');
    sim.faults.sendInvocation('market', 'GatewayQuote', [ES, { lastPrice: 'not a number', side: 42 }]);
    await m.waitFor(() => m.invocations('GatewayQuote').some(([, d]) => (d as { side?: number }).side === 42), 'odd invocation');
  });

  it('delaySubscribe, failSubscribe and neverCompleteSubscribe shape the Completions', async () => {
    const u = await open(urls.userHubUrl);
    sim.faults.delaySubscribe(300, 'SubscribeOrders');
    const slow = u.invoke('SubscribeOrders', 123);
    await u.invoke('SubscribeTrades', 123);
    assert.equal(await Promise.race([slow.then(() => 'done'), never(0)]), 'pending', 'the delayed one completes after the later one');
    await slow;
    sim.faults.failSubscribe('SubscribePositions', 'positions are down');
    assert.equal((await u.invoke('SubscribePositions', 123)).error, 'positions are down');
    sim.faults.failSubscribe('SubscribePositions');
    assert.match(String((await u.invoke('SubscribePositions', 123)).error), /^Failed to invoke 'SubscribePositions' due to an error on the server\.$/);
    sim.faults.failSubscribe(undefined);
    sim.faults.neverCompleteSubscribe('SubscribeAccounts');
    const hanging = u.invoke('SubscribeAccounts');
    await u.invoke('SubscribePositions', 123);
    assert.equal(await Promise.race([hanging.then(() => 'done', () => 'done'), never(200)]), 'pending');
    hanging.catch(() => undefined);
  });

  it('tokenLifetime shortens new tokens; revokeTokens rejects every token issued so far', async () => {
    sim.faults.tokenLifetime(1);
    const login = await postJson(`${urls.restUrl}/api/Auth/loginKey`, { userName: DEMO_USERNAME, apiKey: DEMO_API_KEY });
    await never(5);
    assert.equal((await tryUpgrade(urls.userHubUrl, { Authorization: `Bearer ${String(login.json?.token)}` })).status, 401);
    sim.faults.tokenLifetime(undefined);
    const before = await sim.issueToken();
    sim.faults.revokeTokens();
    assert.equal((await tryUpgrade(urls.userHubUrl, { Authorization: `Bearer ${before}` })).status, 401);
    assert.equal((await postJson(`${urls.restUrl}/api/Account/search`, {}, before)).status, 401);
    token = await sim.issueToken();
    assert.equal((await tryUpgrade(urls.userHubUrl, bearer())).status, 101);
  });

  it('reset clears every fault', async () => {
    sim.faults.rejectUpgrades(500);
    sim.faults.handshakeError('x');
    sim.faults.silence(true);
    sim.faults.reset();
    const u = await open(urls.userHubUrl);
    assert.deepEqual(u.handshakeReply, {});
    await u.waitFor(() => u.messages.some((x) => x.type === 6), 'a ping');
  });
});

describe('simulator robustness and lifecycle', () => {
  it('closes a client that stays silent past clientTimeoutMs with a Close error', async () => {
    const sim = new GatewaySimulator({ marketIntervalMs: 0, userActivityIntervalMs: 0, clientTimeoutMs: 200 });
    const urls = await sim.start();
    const c = await RawHubClient.connect(urls.userHubUrl, { token: await sim.issueToken() });
    try {
      await c.waitClosed();
      assert.match(String(c.messages.find((m) => m.type === 7)?.error), /client timeout/);
    } finally {
      await c.close();
      await sim.stop();
    }
  });

  it('survives abusive clients: a 1 MB frame, garbage text and invalid UTF-8 each close only that client', async () => {
    const sim = new GatewaySimulator({ marketIntervalMs: 0, userActivityIntervalMs: 0 });
    const urls = await sim.start();
    const token = await sim.issueToken();
    const big = await RawHubClient.connect(urls.userHubUrl, { token });
    big.send('x'.repeat(1_000_000));
    await big.waitClosed();
    assert.match(String(big.messages.find((m) => m.type === 7)?.error), /maximum message size/);
    const garbage = await RawHubClient.connect(urls.userHubUrl, { token });
    garbage.send(`this is not json${RS}`);
    await garbage.waitClosed();
    assert.match(String(garbage.messages.find((m) => m.type === 7)?.error), /not valid JSON/);
    const badBytes = await RawHubClient.connect(urls.userHubUrl, { token, handshake: false });
    badBytes.ws.send(Buffer.from([0xff, 0xfe, 0x1e]), { binary: false });
    assert.equal(await badBytes.waitClosed(), 1007);
    const fine = await RawHubClient.connect(urls.userHubUrl, { token });
    assert.equal((await fine.invoke('SubscribeOrders', 123)).error, undefined);
    await Promise.all([big, garbage, badBytes, fine].map((c) => c.close()));
    await sim.stop();
  });

  it('stop() closes every socket and timer: active resources return to the baseline', async () => {
    // After one turn: mocha arms its own per-test timer just after the test starts.
    await new Promise((r) => setImmediate(r));
    const baseline = process.getActiveResourcesInfo().sort();
    const sim = new GatewaySimulator({ marketIntervalMs: 10, userActivityIntervalMs: 10, keepAliveIntervalMs: 10 });
    const urls = await sim.start();
    const token = await sim.issueToken();
    const m = await RawHubClient.connect(urls.marketHubUrl, { token });
    await m.invoke('SubscribeContractMarketDepth', ES);
    const u = await RawHubClient.connect(urls.userHubUrl, { token });
    await u.invoke('SubscribeOrders', 123);
    sim.faults.hangUpgrades(true);
    const hung = tryUpgrade(urls.userHubUrl).catch(() => 'reset');
    sim.faults.delaySubscribe(10_000);
    // Sent raw: a pending invoke() would leave the helper's own wait timer among the resources.
    u.send(`{"type":1,"invocationId":"delayed","target":"SubscribeTrades","arguments":[123]}${RS}`);
    await postJson(`${urls.restUrl}/api/Account/search`, {}, token);
    await sim.stop();
    await Promise.all([m.waitClosed(), u.waitClosed(), hung, u.close(), m.close()]);
    await eventually(() => JSON.stringify(process.getActiveResourcesInfo().sort()) === JSON.stringify(baseline), `resources back to ${JSON.stringify(baseline)}, have ${JSON.stringify(process.getActiveResourcesInfo())}`);
  });
});

describe('simulator flood, variants and seeds', () => {
  it('flood sends identical quote frames with sentAt to subscribers and waits for a stalled socket', async () => {
    const sim = new GatewaySimulator({ marketIntervalMs: 0, userActivityIntervalMs: 0 });
    const urls = await sim.start();
    const token = await sim.issueToken();
    const m = await RawHubClient.connect(urls.marketHubUrl, { token });
    try {
      await m.invoke('SubscribeContractQuotes', ES);
      const { sent } = await sim.flood({ contracts: [ES], count: 500 });
      assert.equal(sent, 500);
      await m.waitFor(() => m.invocations('GatewayQuote').length === 500, '500 quotes');
      const quotes = m.invocations('GatewayQuote').map(([, q]) => q as Record<string, unknown>);
      assert.ok(quotes.every((q) => typeof q.sentAt === 'number' && q.lastPrice === quotes[0].lastPrice));
      const paced = await sim.flood({ contracts: [ES], eventsPerSecond: 100, durationMs: 100 });
      assert.ok(paced.sent > 0 && paced.sent <= 11);

      const stalled = await RawHubClient.connect(urls.marketHubUrl, { token });
      await stalled.invoke('SubscribeContractQuotes', ES);
      await m.close();
      (stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      const burst = await sim.flood({ contracts: [ES], count: 200_000, durationMs: 500 });
      assert.ok(burst.sent < 200_000, `flood buffered without bound: sent ${burst.sent}`);
      await stalled.close();
    } finally {
      await m.close();
      await sim.stop();
    }
  });

  it('flood packs several records into one message when asked, and a paced flood never holds one back', async () => {
    const sim = new GatewaySimulator({ marketIntervalMs: 0, userActivityIntervalMs: 0 });
    const urls = await sim.start();
    const m = await RawHubClient.connect(urls.marketHubUrl, { token: await sim.issueToken() });
    try {
      await m.invoke('SubscribeContractQuotes', ES);
      const framesBefore = m.rawFrames.length;
      const { sent } = await sim.flood({ contracts: [ES], count: 103, recordsPerMessage: 8 });
      assert.equal(sent, 103);
      await m.waitFor(() => m.invocations('GatewayQuote').length === 103, '103 quotes');
      const frames = m.rawFrames.slice(framesBefore);
      assert.ok(frames.length <= 16, `103 records in ≤ 16 messages, got ${frames.length}`);
      assert.ok(frames.every((f) => f.endsWith(RS)), 'every message ends on a record boundary');
      const paced = await sim.flood({ contracts: [ES], eventsPerSecond: 200, durationMs: 60, recordsPerMessage: 50 });
      await m.waitFor(() => m.invocations('GatewayQuote').length === 103 + paced.sent, 'every paced quote');
    } finally {
      await m.close();
      await sim.stop();
    }
  });

  it('syntheticContracts adds CON.F.US.SYN{n}.Z25 contracts that subscribe and flood like real ones; the default world keeps 7', async () => {
    const plain = new GatewaySimulator({ marketIntervalMs: 0, userActivityIntervalMs: 0 });
    assert.equal(plain.world.contracts.length, 7);
    const sim = new GatewaySimulator({ marketIntervalMs: 0, userActivityIntervalMs: 0, syntheticContracts: 13 });
    const ids = sim.world.contracts.map((c) => c.id);
    assert.equal(new Set(ids).size, 20);
    assert.deepEqual(ids.slice(7, 9), ['CON.F.US.SYN1.Z25', 'CON.F.US.SYN2.Z25']);
    const urls = await sim.start();
    const m = await RawHubClient.connect(urls.marketHubUrl, { token: await sim.issueToken() });
    try {
      for (const id of ids) await m.invoke('SubscribeContractQuotes', id);
      const unknown = await m.invoke('SubscribeContractQuotes', 'CON.F.US.SYN14.Z25');
      assert.match(String(unknown.error), /was not found/);
      const { sent } = await sim.flood({ contracts: ids, count: 10, recordsPerMessage: 4 });
      assert.equal(sent, 200);
      await m.waitFor(() => m.invocations('GatewayQuote').length === 200, '200 quotes');
      const per = new Map<unknown, number>();
      for (const [id] of m.invocations('GatewayQuote')) per.set(id, (per.get(id) ?? 0) + 1);
      assert.deepEqual([...per.values()], Array<number>(20).fill(10));
    } finally {
      await m.close();
      await sim.stop();
    }
  });

  it('variants also sends {action,data} wrappers, arrays, 7-digit offsets and a partial position', async () => {
    const sim = new GatewaySimulator({ marketIntervalMs: 0, userActivityIntervalMs: 0, variants: true });
    const urls = await sim.start();
    const u = await RawHubClient.connect(urls.userHubUrl, { token: await sim.issueToken() });
    try {
      for (const method of ['SubscribeOrders', 'SubscribePositions', 'SubscribeTrades']) await u.invoke(method, 123);
      for (let i = 0; i < 4; i++) sim.placeOrder(123, ES, i % 2 ? 'Ask' : 'Bid', 1);
      await u.waitFor(() => u.invocations('GatewayUserTrade').length === 4, 'four trades');
      const payloads = u.messages.filter((m) => m.type === 1).map((m) => (m.arguments as unknown[])[0]);
      const text = JSON.stringify(payloads);
      assert.ok(payloads.some((p) => Array.isArray(p)), 'arrays');
      assert.ok(payloads.some((p) => !Array.isArray(p) && typeof p === 'object' && p !== null && 'action' in p), 'wrappers');
      assert.match(text, /\.\d{7}\+00:00/);
      assert.match(text, /"contractDisplayName":"ESU5"/);
    } finally {
      await u.close();
      await sim.stop();
    }
  });

  it('the same seed gives the same quotes; another seed does not', async () => {
    const run = async (seed: number): Promise<unknown[]> => {
      const sim = new GatewaySimulator({ seed, marketIntervalMs: 0, userActivityIntervalMs: 0 });
      const urls = await sim.start();
      const m = await RawHubClient.connect(urls.marketHubUrl, { token: await sim.issueToken() });
      await m.invoke('SubscribeContractQuotes', ES);
      for (let i = 0; i < 20; i++) sim.tickMarket();
      await m.waitFor(() => m.invocations('GatewayQuote').length === 20, '20 quotes');
      await m.close();
      await sim.stop();
      return m.invocations('GatewayQuote').map(([, q]) => (q as { lastPrice: number }).lastPrice);
    };
    const a = await run(7);
    assert.deepEqual(await run(7), a);
    assert.notDeepEqual(await run(8), a);
  });
});
