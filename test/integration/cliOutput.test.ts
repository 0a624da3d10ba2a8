// The CLI's argument parsing and line builders: the parts of `hubmon watch` output that do not
// need a gateway (the end-to-end behaviour is in cli.test.ts).
import * as assert from 'node:assert/strict';
import { UsageError, parseAccountId, parseDelays, parseOptions, parsePort, parseSeconds, parseTokenTransport } from '../../src/cli/args';
import { resolveWatchOptions } from '../../src/cli/commands/watchOptions';
import { COLORS, NO_COLORS, choosePaint, eventText, subscriptionText } from '../../src/cli/humanLines';
import { eventLine, serializeLine, stateLine, subscriptionLine } from '../../src/cli/jsonLines';
import type { GatewayEvent } from '../../src/core/events/types';
import type { SubscriptionInfo } from '../../src/core/monitor/types';
import { DEMO_API_KEY, DEMO_USERNAME } from '../../src/core/profiles';

const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('hubmon argument parsing', () => {
  it('rejects unknown options and stray positionals as usage errors with one short line', () => {
    const options = { port: { type: 'string' } } as const;
    assert.throws(() => parseOptions(['--bogus'], options), (e: unknown) => e instanceof UsageError && /unknown option '--bogus'$/i.test(e.message));
    assert.throws(() => parseOptions(['stray'], options), (e: unknown) => e instanceof UsageError && !e.message.includes('\n'));
    assert.deepEqual({ ...parseOptions(['--port', '5'], options) }, { port: '5' });
  });

  it('validates values and names the option in the message', () => {
    assert.equal(parsePort('0'), 0);
    assert.throws(() => parsePort('70000'), /--port takes a port number/);
    assert.throws(() => parsePort('8o'), /--port/);
    assert.deepEqual(parseDelays('0, 2000,5000,10000'), [0, 2000, 5000, 10000]);
    assert.throws(() => parseDelays('0,-1'), /--reconnect-delays/);
    assert.throws(() => parseDelays(''), /--reconnect-delays/);
    assert.equal(parseSeconds('1.5', '--duration'), 1.5);
    assert.throws(() => parseSeconds('0', '--duration'), /positive number of seconds/);
    assert.equal(parseAccountId('123'), 123);
    assert.throws(() => parseAccountId('abc'), /--account takes a numeric account id/);
    assert.equal(parseTokenTransport('query'), 'query');
    assert.throws(() => parseTokenTransport('cookie'), /header\|query\|both/);
  });

  it('resolves --profile demo with no credentials to the published demo account', () => {
    const o = resolveWatchOptions(['--profile', 'demo', '--account', '7', '--account', '7', '--contract', 'CON.F.US.EP.U25'], {});
    assert.equal(o.profile.id, 'demo');
    assert.deepEqual(o.credentials, { userName: DEMO_USERNAME, apiKey: DEMO_API_KEY });
    assert.deepEqual(o.accounts, [7]);
    assert.deepEqual(o.secrets, []);
  });

  it('takes the token from PROJECTX_TOKEN and keeps it among the secrets to redact', () => {
    const o = resolveWatchOptions(['--profile', 'topstepx', '--negotiate', '--token-transport', 'header'], { PROJECTX_TOKEN: 'tok-123456' });
    assert.equal(o.token, 'tok-123456');
    assert.deepEqual(o.secrets, ['tok-123456']);
    assert.equal(o.profile.skipNegotiation, false);
    assert.equal(o.profile.tokenTransport, 'header');
  });

  it('asks for credentials, a key for --username, and all three URLs without a profile', () => {
    assert.throws(() => resolveWatchOptions(['--profile', 'topstepx'], {}), /no credentials/);
    assert.throws(() => resolveWatchOptions(['--profile', 'topstepx', '--username', 'me'], {}), /PROJECTX_API_KEY/);
    assert.throws(() => resolveWatchOptions(['--api-url', 'http://127.0.0.1:1', '--token', 't'], {}), /all of --api-url/);
    assert.throws(() => resolveWatchOptions(['--profile', 'demo', '--api-url', 'ftp://x'], {}), /--api-url takes an http/);
    const custom = resolveWatchOptions(
      ['--api-url', 'http://127.0.0.1:1/', '--user-hub-url', 'http://127.0.0.1:1/hubs/user', '--market-hub-url', 'http://127.0.0.1:1/hubs/market', '--username', 'me'],
      { PROJECTX_API_KEY: 'key-abcdef' },
    );
    assert.equal(custom.profile.apiUrl, 'http://127.0.0.1:1');
    assert.deepEqual(custom.secrets, ['key-abcdef']);
  });
});

describe('hubmon JSON lines', () => {
  const at = new Date('2025-07-21T13:47:00.123Z');

  it('serializes event timestamps as ISO-8601 UTC ending in Z and keeps unknown enum values as numbers', () => {
    const event: GatewayEvent = {
      hub: 'market', name: 'GatewayTrade', contractId: 'CON.F.US.EP.U25',
      data: [{ symbolId: 'F.US.EP', price: 5000.25, timestamp: new Date('2025-07-21T13:47:00.1234567+02:00'), type: 7, volume: 2 }],
    };
    const parsed = JSON.parse(serializeLine(eventLine(event))) as { kind: string; hub: string; contractId: string; data: { timestamp: string; type: unknown }[] };
    assert.equal(parsed.kind, 'event');
    assert.equal(parsed.hub, 'market');
    assert.equal(parsed.contractId, 'CON.F.US.EP.U25');
    assert.match(parsed.data[0].timestamp, ISO_Z);
    assert.equal(parsed.data[0].timestamp, '2025-07-21T11:47:00.123Z');
    assert.equal(parsed.data[0].type, 7);
  });

  it('writes state lines with the state name and, when reconnecting, the delay and the cause', () => {
    const cause = { kind: 'dropped', cause: 'the connection dropped (1006)', fix: 'wait for the reconnect' } as const;
    const line = JSON.parse(serializeLine(stateLine('user', { kind: 'reconnecting', attempt: 2, delayMs: 2000, nextAttemptAt: at, cause }, at)));
    assert.deepEqual(line, {
      kind: 'state', hub: 'user', at: '2025-07-21T13:47:00.123Z', state: 'reconnecting', attempt: 2, delayMs: 2000,
      nextAttemptAt: '2025-07-21T13:47:00.123Z', error: cause.cause, errorKind: 'dropped',
    });
  });

  it('writes subscription lines without arg for SubscribeAccounts and with the error when failed', () => {
    const info = (method: string, arg: number | string | undefined, status: SubscriptionInfo['status']): SubscriptionInfo =>
      ({ key: arg === undefined ? method : `${method}:${arg}`, hub: 'user', method, arg, status, events: 0, lastEventAt: undefined });
    const accounts = JSON.parse(serializeLine(subscriptionLine(info('SubscribeAccounts', undefined, { kind: 'active', since: at })))) as Record<string, unknown>;
    assert.equal('arg' in accounts, false);
    assert.equal(accounts.status, 'active');
    const failed = JSON.parse(serializeLine(subscriptionLine(info('SubscribeTrades', 9, { kind: 'failed', error: 'error on server' })))) as Record<string, unknown>;
    assert.deepEqual([failed.method, failed.arg, failed.status, failed.error], ['SubscribeTrades', 9, 'failed', 'error on server']);
    assert.equal(subscriptionText(info('SubscribeTrades', 9, { kind: 'pending' }), NO_COLORS), 'SubscribeTrades(9) pending');
  });
});

describe('hubmon human lines', () => {
  it('colors only on a TTY and never with NO_COLOR', () => {
    assert.equal(choosePaint(true, {}), COLORS);
    assert.equal(choosePaint(true, { NO_COLOR: '1' }), NO_COLORS);
    assert.equal(choosePaint(false, {}), NO_COLORS);
    assert.equal(choosePaint(undefined, {}), NO_COLORS);
  });

  it('prints a quote compactly with its contract id', () => {
    const quote: GatewayEvent = {
      hub: 'market', name: 'GatewayQuote', contractId: 'CON.F.US.EP.U25',
      data: { symbol: 'F.US.EP', symbolName: '/ES', lastPrice: 5001.25, bestBid: 5001, bestAsk: 5001.5, change: 1, changePercent: 0.02, open: 5000, high: 5002, low: 4999, volume: 1200, lastUpdated: undefined, timestamp: undefined },
    };
    assert.equal(eventText(quote, NO_COLORS), 'GatewayQuote CON.F.US.EP.U25 last 5001.25 bid 5001 ask 5001.5 vol 1200');
  });
});
