// The raw frame tap (HubClient.onFrame) and RawFrameLog: real client, real simulator, loopback only.
import assert from 'node:assert/strict';
import type { TokenSource } from '../../src/core/auth/tokenSource';
import type { RawFrame } from '../../src/core/recording/types';
import { RawFrameLog, type LabelledFrame } from '../../src/core/recording/rawFrameLog';
import { Timeline } from '../../src/core/timeline/timeline';
import { DEMO_API_KEY } from '../../src/core/profiles';
import type { FrameRecord } from '../../src/simulator';
import { ACCOUNT_ID, CONTRACT_ID, demoTokens, hubClient, startSim, until, waitForState, type SimContext } from './hubHarness.test';

const kinds = (frames: readonly LabelledFrame[]) => frames.flatMap((f) => f.records.map((r) => `${f.direction} ${r.summary}`));

describe('Raw frames: the tap on the hub socket and the labelled, redacted frame log', function () {
  let ctx: SimContext;
  let tokens: TokenSource;
  let timeline: Timeline;

  beforeEach(async () => {
    ctx = await startSim({ keepAliveIntervalMs: 100 });
    tokens = demoTokens(ctx);
    timeline = new Timeline();
  });
  afterEach(async () => {
    tokens.dispose();
    timeline.dispose();
    await ctx.sim.stop();
  });

  it('taps every message in and out, exactly as the server sent and received it', async () => {
    const client = hubClient(ctx, 'market', tokens, timeline);
    const seen: RawFrame[] = [];
    const server: FrameRecord[] = [];
    const tap = client.onFrame((f) => seen.push(f));
    const serverTap = ctx.sim.onFrame((f) => server.push(f));
    await client.start();
    await client.subscriptions.add('SubscribeContractQuotes', CONTRACT_ID);
    ctx.sim.tickMarket();
    await until('a quote and a ping to arrive', () => seen.some((f) => f.text.includes('"GatewayQuote"')) && seen.some((f) => f.text === '{"type":6}\x1e'));
    await client.stop();
    tap.dispose();
    serverTap.dispose();

    assert.ok(seen.every((f) => f.hub === 'market' && Number.isFinite(f.at)));
    // One WebSocket message = one frame on both sides: what the server wrote is what the client got, in order.
    const serverOut = server.filter((f) => f.hub === 'market' && f.direction === 'out').map((f) => f.text);
    const clientIn = seen.filter((f) => f.direction === 'in').map((f) => f.text);
    assert.deepEqual(clientIn, serverOut.slice(0, clientIn.length));
    const serverIn = server.filter((f) => f.hub === 'market' && f.direction === 'in').map((f) => f.text);
    const clientOut = seen.filter((f) => f.direction === 'out').map((f) => f.text);
    assert.deepEqual(serverIn, clientOut.slice(0, serverIn.length));
    assert.equal(clientOut[0], '{"protocol":"json","version":1}\x1e');
    assert.ok(clientOut.some((t) => t.includes('"target":"SubscribeContractQuotes"')));
  });

  it('labels handshake, invocation + id, completion ok/error, ping, event, close; bounded per hub', async () => {
    const log = new RawFrameLog({ capacity: 500, notifyIntervalMs: 0 });
    const client = hubClient(ctx, 'user', tokens, timeline);
    log.attach(client);
    const appended: number[] = [];
    log.onDidAppend((info) => appended.push(info.seq));
    await client.start();
    await client.subscriptions.add('SubscribeOrders', ACCOUNT_ID);
    ctx.sim.faults.failSubscribe('SubscribeTrades', 'no such account');
    await client.subscriptions.add('SubscribeTrades', ACCOUNT_ID);
    ctx.sim.placeOrder(ACCOUNT_ID, CONTRACT_ID, 'Bid', 1);
    await until('an order event', () => kinds(log.entries('user')).some((k) => k === 'in invocation GatewayUserOrder'));
    await until('a ping', () => kinds(log.entries('user')).includes('in ping'));
    ctx.sim.faults.closeWithError('maintenance', { allowReconnect: true, hub: 'user' });
    await until('the close', () => kinds(log.entries('user')).some((k) => k.startsWith('in close')));
    await waitForState(client, 'connected');
    await client.stop();

    const all = kinds(log.entries('user'));
    assert.equal(all[0], 'out handshake request json v1');
    assert.equal(all[1], 'in handshake ok');
    assert.ok(all.includes('out invocation SubscribeOrders #0'), all.join('\n'));
    assert.ok(all.includes('in completion #0 ok'), all.join('\n'));
    assert.ok(all.some((k) => /^in completion #\d+ error: .*no such account/.test(k)), all.join('\n'));
    assert.ok(all.includes('out ping'), 'the client keep-alive');
    assert.ok(all.includes('in close error: maintenance (reconnect allowed)'), all.join('\n'));
    assert.equal(log.entries('market').length, 0, 'nothing on the other hub');
    const frames = log.entries('user');
    assert.deepEqual(appended, frames.map((f) => f.seq), 'onDidAppend fired once per frame with notifyIntervalMs 0');
    const close = frames.flatMap((f) => f.records).find((r) => r.label.kind === 'close');
    assert.deepEqual(close?.label, { kind: 'close', error: 'maintenance', allowReconnect: true });

    const small = new RawFrameLog({ capacity: 3 });
    for (const f of frames) small.append({ at: f.at, hub: f.hub, direction: f.direction, text: f.records.map((r) => `${r.text}\x1e`).join('') });
    assert.deepEqual(kinds(small.entries('user')), kinds(frames.slice(-3)), 'keeps the last N');
    small.dispose();
    log.dispose();
    client.dispose();
  });

  it('redacts tokens a server echoes (and the API key given as a secret); labels malformed records as unknown', async () => {
    const token = await tokens.getToken();
    const log = new RawFrameLog({ secrets: () => [DEMO_API_KEY] });
    const client = hubClient(ctx, 'user', tokens, timeline);
    const raw: RawFrame[] = [];
    client.onFrame((f) => raw.push(f));
    log.attach(client);
    await client.start();
    ctx.sim.faults.sendInvocation('user', 'GatewayUserAccount', [{ note: `echo ${token} ${DEMO_API_KEY} wss://x/hubs/user?id=conn-secret&access_token=abc` }]);
    await until('the echo', () => raw.some((f) => f.text.includes('GatewayUserAccount')));
    ctx.sim.faults.sendRaw('user', '{"type":1,"target":"GatewayUserAccount","arguments":[{"token":"plain-secret-1"}]}\x1e{"type":42}\x1e{oops}\x1etrailing');
    await until('the malformed frame', () => raw.some((f) => f.text.includes('trailing')));
    await client.stop();

    const texts = [...raw.map((f) => f.text), ...log.entries('user').flatMap((f) => f.records.map((r) => r.text))];
    for (const text of texts) {
      assert.ok(!text.includes(token), `token in frame: ${text}`);
      assert.ok(!text.includes('conn-secret') && !text.includes('access_token=abc') && !text.includes('plain-secret-1'), `secret in frame: ${text}`);
    }
    assert.ok(raw.some((f) => f.text.includes(DEMO_API_KEY)), 'the tap redacts tokens only: the API key is the log owner’s secret');
    assert.ok(log.entries('user').every((f) => f.records.every((r) => !r.text.includes(DEMO_API_KEY))), 'the log redacts its own secrets');
    const last = log.entries('user').find((f) => f.records.some((r) => r.text.includes('trailing')));
    assert.deepEqual(
      last?.records.map((r) => r.summary),
      ['invocation GatewayUserAccount', 'unknown: unknown message type 42', 'unknown: not JSON', 'unknown: not terminated by the 0x1E record separator'],
    );
    log.dispose();
    client.dispose();
  });

  it('stops delivering when the listener is disposed; no listener, no frames kept', async () => {
    const client = hubClient(ctx, 'market', tokens, timeline);
    const seen: RawFrame[] = [];
    const sub = client.onFrame((f) => seen.push(f));
    await client.start();
    sub.dispose();
    const count = seen.length;
    assert.ok(count >= 2, 'handshake both ways');
    await client.subscriptions.add('SubscribeContractQuotes', CONTRACT_ID);
    ctx.sim.tickMarket();
    await until('the server to count a quote', () => (client.subscriptions.list()[0]?.events ?? 0) > 0);
    assert.equal(seen.length, count);
    client.dispose();
  });
});
