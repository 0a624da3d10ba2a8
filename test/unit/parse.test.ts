import assert from 'node:assert/strict';
import {
  ParseError,
  parseDepthItem,
  parseHubInvocation,
  parseMarketTrade,
  parseQuote,
  parseTimestamp,
  parseUserOrder,
  parseUserPosition,
  parseUserTrade,
  type ParseOutcome,
} from '../../src/core/events/parse';
import type { GatewayEvent } from '../../src/core/events/types';

function events(outcome: ParseOutcome): GatewayEvent[] {
  if (!outcome.ok) assert.fail(`expected ok, got ${outcome.kind}: ${outcome.reason}`);
  return outcome.events;
}

// The spec's sample payloads (IT-SIG-008, IT-SIG-009), verbatim.
const TRADE_EVENT_PAYLOAD = {
  id: 101112,
  accountId: 123,
  contractId: 'CON.F.US.EP.U25',
  creationTimestamp: '2024-07-21T13:47:00Z',
  price: 2100.75,
  profitAndLoss: 50.25,
  fees: 2.5,
  side: 0,
  size: 1,
  voided: false,
  orderId: 789,
};
const POSITION_EVENT_PAYLOAD = {
  id: 456,
  accountId: 123,
  contractId: 'CON.F.US.EP.U25',
  creationTimestamp: '2024-07-21T13:45:00Z',
  type: 1,
  size: 2,
  averagePrice: 2100.25,
};

describe('event parsing', () => {
  describe('the spec samples', () => {
    it('IT-SIG-008: parses the GatewayUserTrade sample', () => {
      const trade = parseUserTrade(TRADE_EVENT_PAYLOAD);
      assert.equal(trade.id, 101112);
      assert.equal(trade.accountId, 123);
      assert.equal(trade.contractId, 'CON.F.US.EP.U25');
      assert.equal(trade.price, 2100.75);
      assert.equal(trade.profitAndLoss, 50.25);
      assert.equal(trade.fees, 2.5);
      assert.ok(trade.creationTimestamp instanceof Date);
      assert.equal(trade.creationTimestamp.toISOString(), '2024-07-21T13:47:00.000Z');
      assert.equal(trade.side, 'Bid');
      assert.equal(trade.size, 1);
      assert.equal(trade.voided, false);
      assert.equal(trade.orderId, 789);
    });

    it('IT-SIG-009: parses the GatewayUserPosition sample', () => {
      const position = parseUserPosition(POSITION_EVENT_PAYLOAD);
      assert.equal(position.id, 456);
      assert.equal(position.accountId, 123);
      assert.equal(position.contractId, 'CON.F.US.EP.U25');
      assert.equal(position.type, 'Long');
      assert.equal(position.size, 2);
      assert.equal(position.averagePrice, 2100.25);
      assert.ok(position.creationTimestamp instanceof Date);
      assert.equal(position.creationTimestamp.toISOString(), '2024-07-21T13:45:00.000Z');
    });

    it('delivers the samples through the hub boundary as typed events', () => {
      const [trade] = events(parseHubInvocation('user', 'GatewayUserTrade', [TRADE_EVENT_PAYLOAD]));
      assert.equal(trade.name, 'GatewayUserTrade');
      assert.equal(trade.hub, 'user');
      if (trade.name === 'GatewayUserTrade') assert.equal(trade.data.side, 'Bid');
      const [position] = events(parseHubInvocation('user', 'GatewayUserPosition', [POSITION_EVENT_PAYLOAD]));
      if (position.name !== 'GatewayUserPosition') assert.fail(position.name);
      assert.equal(position.data.type, 'Long');
      assert.equal('action' in position, false);
    });
  });

  describe('every event type', () => {
    it('GatewayUserAccount', () => {
      const [e] = events(parseHubInvocation('user', 'GatewayUserAccount', [{ id: 7, name: 'PRAC-1', balance: 50000.5, canTrade: true, isVisible: true, simulated: true }]));
      assert.deepEqual(e, { hub: 'user', name: 'GatewayUserAccount', data: { id: 7, name: 'PRAC-1', balance: 50000.5, canTrade: true, isVisible: true, simulated: true } });
    });

    it('GatewayUserOrder with every documented field', () => {
      const order = parseUserOrder({
        id: 9001, accountId: 123, contractId: 'CON.F.US.EP.U25', symbolId: 'F.US.EP',
        creationTimestamp: '2024-07-21T13:40:00Z', updateTimestamp: '2024-07-21T13:41:00.5+00:00',
        status: 1, type: 1, side: 1, size: 3, limitPrice: 2099.5, stopPrice: null, fillVolume: 0, filledPrice: null, customTag: 'tag-1',
      });
      assert.equal(order.status, 'Open');
      assert.equal(order.type, 'Limit');
      assert.equal(order.side, 'Ask');
      assert.equal(order.limitPrice, 2099.5);
      assert.equal(order.stopPrice, null);
      assert.equal(order.filledPrice, null);
      assert.equal(order.customTag, 'tag-1');
      assert.equal(order.symbolId, 'F.US.EP');
      assert.equal(order.updateTimestamp?.toISOString(), '2024-07-21T13:41:00.500Z');
    });

    it('GatewayQuote keyed by the hub argument, not by the product-root symbol', () => {
      const [e] = events(parseHubInvocation('market', 'GatewayQuote', ['CON.F.US.EP.U25', {
        symbol: 'F.US.EP', symbolName: '/ES', lastPrice: 2100.5, bestBid: 2100.25, bestAsk: 2100.75, change: 12.5, changePercent: 0.6,
        open: 2088, high: 2105, low: 2080.25, volume: 125000, lastUpdated: '2024-07-21T13:47:00.1234567+00:00', timestamp: '2024-07-21T13:47:00Z',
      }]));
      if (e.name !== 'GatewayQuote') assert.fail(e.name);
      assert.equal(e.contractId, 'CON.F.US.EP.U25');
      assert.equal(e.data.symbol, 'F.US.EP');
      assert.equal(e.data.bestBid, 2100.25);
      assert.equal(e.data.lastUpdated?.toISOString(), '2024-07-21T13:47:00.123Z');
    });

    it('GatewayQuote with only some fields leaves the others undefined', () => {
      const quote = parseQuote({ bestBid: 2100.25, extra: { nested: true } });
      assert.equal(quote.bestBid, 2100.25);
      assert.equal(quote.bestAsk, undefined);
      assert.equal(quote.lastPrice, undefined);
      assert.equal(quote.timestamp, undefined);
    });

    it('GatewayTrade: data is an array, one event with every item', () => {
      const [e] = events(parseHubInvocation('market', 'GatewayTrade', ['CON.F.US.EP.U25', [
        { symbolId: 'F.US.EP', price: 2100.5, timestamp: '2024-07-21T13:47:00Z', type: 0, volume: 2 },
        { symbolId: 'F.US.EP', price: 2100.25, timestamp: '2024-07-21T13:47:01Z', type: 1, volume: 1 },
      ]]));
      if (e.name !== 'GatewayTrade') assert.fail(e.name);
      assert.deepEqual(e.data.map((t) => [t.type, t.price, t.volume]), [['Buy', 2100.5, 2], ['Sell', 2100.25, 1]]);
    });

    it('GatewayDepth: data is an array; a Reset row may omit price and volume', () => {
      const [e] = events(parseHubInvocation('market', 'GatewayDepth', ['CON.F.US.EP.U25', [
        { type: 6 },
        { timestamp: '2024-07-21T13:47:00Z', type: 2, price: 2100.25, volume: 14, currentVolume: 14 },
        { timestamp: '2024-07-21T13:47:00Z', type: 1, price: 2100.5, volume: 9, currentVolume: 9 },
      ]]));
      if (e.name !== 'GatewayDepth') assert.fail(e.name);
      assert.deepEqual(e.data.map((d) => [d.type, d.price, d.volume]), [['Reset', 0, 0], ['Bid', 2100.25, 14], ['Ask', 2100.5, 9]]);
    });

    it('GatewayLogout is known, its payload kept as it came', () => {
      assert.deepEqual(events(parseHubInvocation('user', 'GatewayLogout', [{ reason: 'session ended' }])), [{ hub: 'user', name: 'GatewayLogout', data: { reason: 'session ended' } }]);
      assert.deepEqual(events(parseHubInvocation('user', 'GatewayLogout', [])), [{ hub: 'user', name: 'GatewayLogout', data: undefined }]);
    });
  });

  describe('observed variants', () => {
    it('unwraps {action, data}: 1 → upsert, 0 → removed, other numbers kept', () => {
      const wrapped = (action: number) => parseHubInvocation('user', 'GatewayUserPosition', [{ action, data: POSITION_EVENT_PAYLOAD }]);
      const actions = [1, 0, 7].map((a) => {
        const [e] = events(wrapped(a));
        return e.name === 'GatewayUserPosition' ? [e.action, e.data.id] : undefined;
      });
      assert.deepEqual(actions, [['upsert', 456], ['removed', 456], [7, 456]]);
    });

    it('an array of items gives one event per item; a wrapper around an array too', () => {
      const second = { ...TRADE_EVENT_PAYLOAD, id: 101113 };
      const plain = events(parseHubInvocation('user', 'GatewayUserTrade', [[TRADE_EVENT_PAYLOAD, second]]));
      assert.deepEqual(plain.map((e) => (e.name === 'GatewayUserTrade' ? e.data.id : 0)), [101112, 101113]);
      const wrapped = events(parseHubInvocation('user', 'GatewayUserTrade', [{ action: 1, data: [TRADE_EVENT_PAYLOAD, second] }]));
      assert.deepEqual(wrapped.map((e) => (e.name === 'GatewayUserTrade' ? [e.action, e.data.id] : 0)), [['upsert', 101112], ['upsert', 101113]]);
      const arrayOfWrappers = events(parseHubInvocation('user', 'GatewayUserTrade', [[{ action: 0, data: second }]]));
      assert.equal(arrayOfWrappers.length, 1);
      assert.equal(arrayOfWrappers[0].name === 'GatewayUserTrade' && arrayOfWrappers[0].action, 'removed');
    });

    it('a partial position (contractDisplayName, no contractId) has contractId undefined', () => {
      const p = parseUserPosition({ id: 456, accountId: 123, contractDisplayName: '/ESU25', type: 2, size: 1, averagePrice: 2100 });
      assert.equal(p.contractId, undefined);
      assert.equal(p.type, 'Short');
      assert.equal(p.creationTimestamp, undefined);
    });

    it('a closed position (size 0) without a price parses with averagePrice 0', () => {
      const p = parseUserPosition({ id: 456, accountId: 123, contractId: 'CON.F.US.EP.U25', type: 1, size: 0 });
      assert.equal(p.size, 0);
      assert.equal(p.averagePrice, 0);
    });

    it('ignores unknown extra fields', () => {
      const trade = parseUserTrade({ ...TRADE_EVENT_PAYLOAD, brandNewField: [1, 2, 3], nested: { a: { b: 1 } } });
      assert.equal(trade.id, 101112);
      assert.equal(Object.keys(trade).includes('brandNewField'), false);
    });

    it('a half-turn trade has profitAndLoss null', () => {
      assert.equal(parseUserTrade({ ...TRADE_EVENT_PAYLOAD, profitAndLoss: null }).profitAndLoss, null);
      const { profitAndLoss: _omit, ...withoutPnl } = TRADE_EVENT_PAYLOAD;
      assert.equal(parseUserTrade(withoutPnl).profitAndLoss, null);
    });

    it('accepts decimal strings for numbers and numeric strings for ids', () => {
      const trade = parseUserTrade({ ...TRADE_EVENT_PAYLOAD, id: '101112', price: '2100.75', side: '1' });
      assert.equal(trade.id, 101112);
      assert.equal(trade.price, 2100.75);
      assert.equal(trade.side, 'Ask');
    });

    it('keeps unknown enum values as numbers, accepts known names', () => {
      assert.equal(parseUserTrade({ ...TRADE_EVENT_PAYLOAD, side: 5 }).side, 5);
      assert.equal(parseUserPosition({ ...POSITION_EVENT_PAYLOAD, type: 99 }).type, 99);
      assert.equal(parseUserOrder({ id: 1, accountId: 2, status: 42, type: 8, side: 'Ask', size: 1 }).status, 42);
      assert.equal(parseMarketTrade({ price: 1, volume: 1, type: -1 }).type, -1);
      assert.equal(parseDepthItem({ price: 1, volume: 1, type: 12 }).type, 12);
      const [e] = events(parseHubInvocation('market', 'GatewayDepth', ['C', [{ price: 1, volume: 2, type: 300 }]]));
      assert.equal(e.name === 'GatewayDepth' && e.data[0].type, 300);
    });

    it('a single trade or depth object (not an array) is taken as a list of one', () => {
      const [e] = events(parseHubInvocation('market', 'GatewayTrade', ['C', { price: 1, volume: 2, type: 0 }]));
      assert.equal(e.name === 'GatewayTrade' && e.data.length, 1);
    });
  });

  describe('parseTimestamp', () => {
    const cases: Array<[unknown, string | undefined]> = [
      ['2024-07-21T13:47:00Z', '2024-07-21T13:47:00.000Z'],
      ['2024-07-21T13:47:00+00:00', '2024-07-21T13:47:00.000Z'],
      ['2024-07-21T13:47:00.1234567+00:00', '2024-07-21T13:47:00.123Z'],
      ['2024-07-21T13:47:59.9999999Z', '2024-07-21T13:47:59.999Z'],
      ['2024-07-21T15:47:00.5+02:00', '2024-07-21T13:47:00.500Z'],
      ['2024-07-21T08:47:00-0500', '2024-07-21T13:47:00.000Z'],
      ['2024-07-21T13:47:00', '2024-07-21T13:47:00.000Z'], // no offset: UTC, not local time
      ['2024-07-21 13:47:00.12Z', '2024-07-21T13:47:00.120Z'],
      ['2024-07-21T13:47Z', '2024-07-21T13:47:00.000Z'],
      [1721569620000, '2024-07-21T13:47:00.000Z'],
      ['2024-07-21T19:17:00+05:30', '2024-07-21T13:47:00.000Z'],
      ['2024-07-21T14:47:00+01', '2024-07-21T13:47:00.000Z'],
      ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
      ['2023-02-29T00:00:00Z', undefined],
      ['2024-04-31T00:00:00Z', undefined],
      ['2024-07-21T13:47:00.Z', undefined],
      ['2024-07-21T13:47:00Zjunk', undefined],
      ['2024-07-21T13:47:00+25:00', undefined],
      ['2024-07-21T24:00:00Z', undefined],
      ['2024-13-45T99:00:00Z', undefined],
      ['yesterday', undefined],
      ['', undefined],
      [null, undefined],
      [Number.NaN, undefined],
      [Infinity, undefined],
      [{}, undefined],
      ['2024-07-21T13:47:00Z'.repeat(1000), undefined],
    ];
    for (const [input, expected] of cases) {
      it(`${(typeof input === "string" ? JSON.stringify(input) : String(input)).slice(0, 40)} → ${expected ?? "undefined"}`, () => {
        assert.equal(parseTimestamp(input)?.toISOString(), expected);
      });
    }
  });

  it('parseTimestamp agrees with Date.parse on 20,000 dates from year 1000 to 9999, with offsets and 1–7 fractional digits', () => {
    let seed = 12345;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const lo = Date.UTC(1000, 0, 1);
    const hi = Date.UTC(9999, 11, 31);
    for (let n = 0; n < 20_000; n++) {
      const ms = Math.floor(lo + next() * (hi - lo));
      const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
      const digits = 1 + Math.floor(next() * 7);
      const fraction = `${iso.slice(20, 23)}4567`.slice(0, digits);
      const zone = ['Z', '+00:00', '-05:30', '+1400'.slice(0, 3) + ':00'][n % 4];
      const text = `${iso.slice(0, 20)}${fraction}${zone}`;
      const expected = Date.parse(`${iso.slice(0, 20)}${fraction.padEnd(3, '0').slice(0, 3)}${zone}`);
      assert.equal(parseTimestamp(text)?.getTime(), expected, text);
    }
  });

  describe('repeated quote timestamps (the per-field cache)', () => {
    it('each quote gets its own Date with the right time, whether the text repeats or not', () => {
      const seq = ['2024-07-21T13:47:00.25Z', '2024-07-21T13:47:00.25Z', '2024-07-21T13:48:01Z', '2024-07-21T13:47:00.25Z'];
      const dates = seq.map((t) => parseQuote({ lastUpdated: t, timestamp: t }).lastUpdated);
      assert.deepEqual(dates.map((d) => d?.toISOString()), seq.map((t) => parseTimestamp(t)?.toISOString()));
      assert.notEqual(dates[0], dates[1], 'a Date is mutable: two events must not share one');
    });

    it('mutating one event\'s Date does not change the next event parsed from the same text', () => {
      const first = parseQuote({ timestamp: '2024-07-21T13:47:00Z' }).timestamp;
      first?.setTime(0);
      assert.equal(parseQuote({ timestamp: '2024-07-21T13:47:00Z' }).timestamp?.toISOString(), '2024-07-21T13:47:00.000Z');
    });

    it('bad text after good text still fails, and good text after bad text still parses', () => {
      parseQuote({ lastUpdated: '2024-07-21T13:47:00Z' });
      assert.throws(() => parseQuote({ lastUpdated: '2024-07-21T25:47:00Z' }), (e: unknown) => e instanceof ParseError && e.kind === 'GatewayQuote:lastUpdated');
      assert.throws(() => parseQuote({ lastUpdated: '2024-07-21T25:47:00Z' }), (e: unknown) => e instanceof ParseError);
      assert.equal(parseQuote({ lastUpdated: '2024-07-21T13:47:00Z' }).lastUpdated?.toISOString(), '2024-07-21T13:47:00.000Z');
    });

    it('the fields do not share a cache: lastUpdated and timestamp keep their own values', () => {
      for (let i = 0; i < 3; i++) {
        const q = parseQuote({ lastUpdated: '2024-07-21T13:00:00Z', timestamp: `2024-07-21T13:47:0${i}Z` });
        assert.equal(q.lastUpdated?.toISOString(), '2024-07-21T13:00:00.000Z');
        assert.equal(q.timestamp?.toISOString(), `2024-07-21T13:47:0${i}.000Z`);
      }
    });

    it('trade and depth timestamps parse the same way', () => {
      for (let i = 0; i < 2; i++) {
        assert.equal(parseMarketTrade({ price: 1, volume: 1, type: 0, timestamp: '2024-07-21T13:47:00.5+01:00' }).timestamp?.toISOString(), '2024-07-21T12:47:00.500Z');
        assert.equal(parseDepthItem({ price: 1, volume: 1, type: 1, timestamp: '2024-07-21T13:47:00.5Z' }).timestamp?.toISOString(), '2024-07-21T13:47:00.500Z');
      }
    });
  });

  it('ParseError names the event and field', () => {
    assert.throws(() => parseQuote({ bestBid: 'high' }), (e: unknown) => e instanceof ParseError && e.kind === 'GatewayQuote:bestBid');
    assert.throws(() => parseUserTrade({ ...TRADE_EVENT_PAYLOAD, id: undefined }), (e: unknown) => e instanceof ParseError && e.kind === 'GatewayUserTrade:id');
  });
});
