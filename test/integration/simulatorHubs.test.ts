import assert from 'node:assert/strict';
import { GatewaySimulator, type SimulatorUrls } from '../../src/simulator';
import { ClientPool, eventually, RS, postJson, tryUpgrade, wsUrl } from '../unit/simulator/rawHubClient';

const ES = 'CON.F.US.EP.U25';
const ISO_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('simulator hubs', () => {
  let sim: GatewaySimulator;
  let urls: SimulatorUrls;
  let token: string;
  const pool = new ClientPool(() => token);
  const open = pool.open.bind(pool);

  before(async () => {
    sim = new GatewaySimulator({ marketIntervalMs: 20, userActivityIntervalMs: 0, keepAliveIntervalMs: 100 });
    urls = await sim.start();
    token = await sim.issueToken();
  });
  afterEach(async () => {
    await pool.closeAll();
  });
  after(() => sim.stop());

  it('negotiates (version 1) and upgrades with the connection token once; an unknown id is 404', async () => {
    const r = await postJson(`${urls.userHubUrl}/negotiate?negotiateVersion=1`, '', token);
    assert.equal(r.status, 200);
    assert.equal(r.json?.negotiateVersion, 1);
    assert.deepEqual(r.json?.availableTransports, [{ transport: 'WebSockets', transferFormats: ['Text', 'Binary'] }]);
    const id = String(r.json?.connectionToken);
    const c = await open(urls.userHubUrl, { id });
    assert.deepEqual(c.handshakeReply, {});
    const info = sim.connections('user').find((x) => x.connectionId === r.json?.connectionId);
    assert.equal(info?.negotiated, true);
    const reused = await tryUpgrade(`${urls.userHubUrl}?id=${encodeURIComponent(id)}`, { Authorization: `Bearer ${token}` });
    assert.equal(reused.status, 404);
    const unknown = await tryUpgrade(`${urls.userHubUrl}?id=nope`, { Authorization: `Bearer ${token}` });
    assert.equal(unknown.status, 404);
  });

  it('accepts the token in the header or the access_token query, and refuses none or a bad one with 401 + WWW-Authenticate', async () => {
    const byHeader = await open(urls.marketHubUrl, { via: 'header' });
    const byQuery = await open(urls.marketHubUrl, { via: 'query' });
    assert.deepEqual([byHeader.handshakeReply, byQuery.handshakeReply], [{}, {}]);
    for (const headers of [{}, { Authorization: 'Bearer invalid.token.here' }] as Record<string, string>[]) {
      const r = await tryUpgrade(urls.userHubUrl, headers);
      assert.equal(r.status, 401);
      assert.match(String(r.headers['www-authenticate']), /^Bearer error="invalid_token"/);
    }
    const neg = await postJson(`${urls.userHubUrl}/negotiate?negotiateVersion=1`, '');
    assert.equal(neg.status, 401);
    const offMap = await tryUpgrade(`${urls.restUrl}/hubs/nothing`, { Authorization: `Bearer ${token}` });
    assert.equal(offMap.status, 404);
  });

  it('refuses an expired token on the upgrade', async () => {
    const short = await sim.issueToken(undefined, 1);
    await new Promise((r) => setTimeout(r, 5));
    const r = await tryUpgrade(urls.userHubUrl, { Authorization: `Bearer ${short}` });
    assert.equal(r.status, 401);
    assert.match(String(r.headers['www-authenticate']), /expired/);
  });

  it('answers an unsupported protocol with a handshake error and closes', async () => {
    const c = await open(urls.userHubUrl, { handshake: false });
    c.send(`{"protocol":"messagepack","version":1}${RS}`);
    await c.waitFor(() => c.handshakeReply, 'handshake reply');
    assert.match(String(c.handshakeReply?.error), /messagepack/);
    await c.waitClosed();
  });

  it('pings every keepAliveIntervalMs after the handshake', async () => {
    const c = await open(urls.userHubUrl);
    await c.waitFor(() => c.messages.filter((m) => m.type === 6).length >= 3, 'three pings', 2000);
  });

  it('accepts several records in one message; Invocation without id gets no Completion; Close from the client closes', async () => {
    const c = await open(urls.marketHubUrl);
    c.send(`{"type":6}${RS}{"type":1,"target":"SubscribeContractQuotes","arguments":["${ES}"]}${RS}{"type":99}${RS}{"type":1,"invocationId":"x","target":"SubscribeContractTrades","arguments":["${ES}"]}${RS}`);
    const done = await c.waitFor(() => c.messages.find((m) => m.type === 3), 'completion');
    assert.deepEqual(done, { type: 3, invocationId: 'x' });
    assert.equal(c.messages.filter((m) => m.type === 3).length, 1);
    const subs = sim.connections('market').flatMap((x) => x.subscriptions);
    assert.ok(subs.includes(`SubscribeContractQuotes:${ES}`) && subs.includes(`SubscribeContractTrades:${ES}`));
    c.send(`{"type":7}${RS}`);
    await c.waitClosed();
  });

  it('validates Subscribe arguments with ASP.NET-like Completion errors', async () => {
    const u = await open(urls.userHubUrl);
    assert.deepEqual(await u.invoke('SubscribeOrders', 123), { type: 3, invocationId: '1' });
    const cases: [string, unknown[], RegExp][] = [
      ['SubscribeOrders', ['123'], /Error binding arguments/],
      ['SubscribeOrders', [], /provides 0 argument\(s\) but target expects 1/],
      ['SubscribeOrders', [999], /Account 999 was not found/],
      ['SubscribeAccounts', [123], /expects 0/],
      ['SubscribeContractQuotes', [ES], /Method does not exist/],
      ['Nope', [], /^Failed to invoke 'Nope' due to an error on the server\. HubException: Method does not exist\.$/],
    ];
    for (const [target, args, pattern] of cases) {
      const r = await u.invoke(target, ...args);
      assert.match(String(r.error), pattern, target);
      assert.match(String(r.error), new RegExp(`^Failed to invoke '${target}' due to an error on the server\\.`));
    }
    const m = await open(urls.marketHubUrl);
    assert.match(String((await m.invoke('SubscribeContractQuotes', 'CON.F.US.XX.Z99')).error), /Failed to invoke.*not found/);
    assert.equal((await m.invoke('subscribecontractquotes', ES)).error, undefined, 'method names are case-insensitive');
  });

  it('sends quotes, trade arrays and depth arrays only to subscribers, shaped like the gateway', async () => {
    const m = await open(urls.marketHubUrl);
    const idle = await open(urls.marketHubUrl);
    await m.invoke('SubscribeContractQuotes', ES);
    await m.invoke('SubscribeContractTrades', ES);
    await m.invoke('SubscribeContractMarketDepth', ES);
    await m.waitFor(() => m.invocations('GatewayQuote').length >= 3 && m.invocations('GatewayTrade').length >= 1 && m.invocations('GatewayDepth').length >= 2, 'market events');
    for (const [contractId, q] of m.invocations('GatewayQuote') as [string, Record<string, number | string>][]) {
      assert.equal(contractId, ES);
      assert.deepEqual(Object.keys(q).sort(), ['bestAsk', 'bestBid', 'change', 'changePercent', 'high', 'lastPrice', 'lastUpdated', 'low', 'open', 'symbol', 'symbolName', 'timestamp', 'volume']);
      assert.equal(q.symbol, 'F.US.EP');
      assert.ok(q.bestBid <= q.lastPrice && q.lastPrice <= q.bestAsk, JSON.stringify(q));
      assert.equal((Number(q.lastPrice) / 0.25) % 1, 0, 'on the tick grid');
      assert.match(String(q.timestamp), ISO_Z);
    }
    const [, trades] = m.invocations('GatewayTrade')[0] as [string, Record<string, unknown>[]];
    assert.ok(Array.isArray(trades) && trades.length > 0);
    assert.deepEqual(Object.keys(trades[0]).sort(), ['price', 'symbolId', 'timestamp', 'type', 'volume']);
    const [, snapshot] = m.invocations('GatewayDepth')[0] as [string, { type: number }[]];
    assert.equal(snapshot[0].type, 6, 'a depth subscription starts with a Reset snapshot');
    assert.ok(JSON.stringify(snapshot).length > 10_240, 'snapshots exceed 10 KB like the gateway’s');
    assert.equal(idle.invocations('GatewayQuote').length, 0);
    await m.invoke('UnsubscribeContractQuotes', ES);
    assert.ok(!sim.connections('market').some((x) => x.subscriptions.includes(`SubscribeContractQuotes:${ES}`)));
  });

  it('runs placeOrder through Order (Open) → Order (Filled) → Position → Trade for subscribers of the account', async () => {
    const u = await open(urls.userHubUrl);
    const other = await open(urls.userHubUrl);
    for (const method of ['SubscribeOrders', 'SubscribePositions', 'SubscribeTrades']) await u.invoke(method, 123);
    await other.invoke('SubscribeOrders', 456);
    sim.placeOrder(123, 'CON.F.US.MNQ.U25', 'Ask', 1);
    await u.waitFor(() => u.invocations('GatewayUserTrade').length === 1, 'trade');
    const targets = u.messages.filter((m) => m.type === 1).map((m) => m.target);
    assert.deepEqual(targets, ['GatewayUserOrder', 'GatewayUserOrder', 'GatewayUserPosition', 'GatewayUserTrade']);
    const [[open1], [filled]] = u.invocations('GatewayUserOrder') as [Record<string, unknown>][];
    assert.deepEqual([open1.status, filled.status, filled.fillVolume, filled.side, filled.type], [1, 2, 1, 1, 2]);
    const [[position]] = u.invocations('GatewayUserPosition') as [Record<string, unknown>][];
    assert.deepEqual([position.accountId, position.type, position.size], [123, 2, 1]);
    const [[trade]] = u.invocations('GatewayUserTrade') as [Record<string, unknown>][];
    assert.deepEqual(Object.keys(trade).sort(), ['accountId', 'contractId', 'creationTimestamp', 'fees', 'id', 'orderId', 'price', 'profitAndLoss', 'side', 'size', 'voided']);
    assert.deepEqual([trade.accountId, trade.orderId, trade.profitAndLoss, trade.price], [123, open1.id, null, filled.filledPrice]);
    assert.equal(other.invocations('GatewayUserOrder').length, 0, 'account 456 saw nothing');
    sim.placeOrder(123, 'CON.F.US.MNQ.U25', 'Bid', 1);
    await u.waitFor(() => u.invocations('GatewayUserTrade').length === 2, 'closing trade');
    const [closing] = u.invocations('GatewayUserTrade')[1] as [Record<string, unknown>];
    assert.equal(typeof closing.profitAndLoss, 'number', 'a closing trade carries P&L');
    const [closed] = u.invocations('GatewayUserPosition')[1] as [Record<string, unknown>];
    assert.equal(closed.size, 0);
  });

  it('logs client invocations in order and loses subscriptions with the connection', async () => {
    const u = await open(urls.userHubUrl);
    await u.invoke('SubscribeTrades', 123);
    await u.invoke('SubscribePositions', 123);
    const id = sim.connections('user').at(-1)?.connectionId;
    const mine = sim.invocations('user').filter((i) => i.connectionId === id).map((i) => `${i.target}(${i.args.join()})`);
    assert.deepEqual(mine, ['SubscribeTrades(123)', 'SubscribePositions(123)']);
    await u.close();
    await eventually(() => !sim.connections('user').some((c) => c.connectionId === id), 'connection gone');
  });

  it('reports every raw frame in and out through onFrame', async () => {
    const seen: string[] = [];
    const sub = sim.onFrame((f) => seen.push(`${f.hub}:${f.direction}:${f.text}`));
    const c = await open(urls.userHubUrl);
    sub.dispose();
    assert.deepEqual(seen.slice(0, 2), [`user:in:{"protocol":"json","version":1}${RS}`, `user:out:{}${RS}`]);
    assert.ok(c.rawFrames.length >= 1);
  });

  it('upgrades a real browser-style URL with the token in the query through ws', async () => {
    const url = new URL(wsUrl(urls.userHubUrl));
    url.searchParams.set('access_token', token);
    assert.equal((await tryUpgrade(url.toString().replace(/^ws/, 'http'))).status, 101);
  });
});
