import assert from 'node:assert/strict';
import { parseHubInvocation } from '../../src/core/events/parse';
import type { HubKind } from '../../src/core/hub/types';

const TRADE = { id: 1, accountId: 2, contractId: 'C', price: 10, side: 0, size: 1, orderId: 3 };
const deep = (levels: number): unknown => {
  let v: unknown = {};
  for (let i = 0; i < levels; i++) v = { data: v, action: 1 };
  return v;
};

// [label, hub, target, args, the stable kind]
const MALFORMED: Array<[string, HubKind, string, readonly unknown[], string]> = [
  ['unknown target', 'user', 'GatewaySomethingNew', [{}], 'unknown-event:GatewaySomethingNew'],
  ['market event on the user hub', 'user', 'GatewayQuote', ['C', {}], 'wrong-hub:GatewayQuote'],
  ['user event on the market hub', 'market', 'GatewayUserTrade', [TRADE], 'wrong-hub:GatewayUserTrade'],
  ['no arguments', 'user', 'GatewayUserTrade', [], 'GatewayUserTrade:arguments'],
  ['null payload', 'user', 'GatewayUserTrade', [null], 'GatewayUserTrade:payload'],
  ['a string payload', 'user', 'GatewayUserOrder', ['{"id":1}'], 'GatewayUserOrder:payload'],
  ['a 1 MB string payload', 'user', 'GatewayUserPosition', ['x'.repeat(1 << 20)], 'GatewayUserPosition:payload'],
  ['a number payload', 'user', 'GatewayUserAccount', [42], 'GatewayUserAccount:payload'],
  ['a trade without id', 'user', 'GatewayUserTrade', [{ ...TRADE, id: undefined }], 'GatewayUserTrade:id'],
  ['a trade without price', 'user', 'GatewayUserTrade', [{ ...TRADE, price: undefined }], 'GatewayUserTrade:price'],
  ['a fractional id', 'user', 'GatewayUserTrade', [{ ...TRADE, id: 1.5 }], 'GatewayUserTrade:id'],
  ['an id beyond 2^53', 'user', 'GatewayUserTrade', [{ ...TRADE, id: 2 ** 60 }], 'GatewayUserTrade:id'],
  ['a huge number (1e400 → Infinity)', 'user', 'GatewayUserTrade', [JSON.parse('{"id":1,"accountId":2,"price":1e400,"side":0,"size":1,"orderId":3}')], 'GatewayUserTrade:price'],
  ['NaN price', 'user', 'GatewayUserTrade', [{ ...TRADE, price: Number.NaN }], 'GatewayUserTrade:price'],
  ['-Infinity size', 'user', 'GatewayUserTrade', [{ ...TRADE, size: -Infinity }], 'GatewayUserTrade:size'],
  ['price as an object', 'user', 'GatewayUserTrade', [{ ...TRADE, price: { value: 10 } }], 'GatewayUserTrade:price'],
  ['a non-numeric string price', 'user', 'GatewayUserTrade', [{ ...TRADE, price: '10 USD' }], 'GatewayUserTrade:price'],
  ['voided as a number', 'user', 'GatewayUserTrade', [{ ...TRADE, voided: 1 }], 'GatewayUserTrade:voided'],
  ['side as an unknown name', 'user', 'GatewayUserTrade', [{ ...TRADE, side: 'Sideways' }], 'GatewayUserTrade:side'],
  ['side as a fraction', 'user', 'GatewayUserTrade', [{ ...TRADE, side: 0.5 }], 'GatewayUserTrade:side'],
  ['a garbage timestamp', 'user', 'GatewayUserTrade', [{ ...TRADE, creationTimestamp: 'not a time' }], 'GatewayUserTrade:creationTimestamp'],
  ['a contractId that is a number', 'user', 'GatewayUserPosition', [{ id: 1, accountId: 2, contractId: 5, size: 1 }], 'GatewayUserPosition:contractId'],
  ['an account without a name', 'user', 'GatewayUserAccount', [{ id: 1, balance: 5 }], 'GatewayUserAccount:name'],
  ['an order without status', 'user', 'GatewayUserOrder', [{ id: 1, accountId: 2, type: 1, side: 0, size: 1 }], 'GatewayUserOrder:status'],
  ['an array with one bad item', 'user', 'GatewayUserTrade', [[TRADE, { ...TRADE, orderId: 'x' }]], 'GatewayUserTrade:orderId'],
  ['an array of garbage', 'user', 'GatewayUserTrade', [[1, 'a', null, []]], 'GatewayUserTrade:payload'],
  ['a wrapper with a string action', 'user', 'GatewayUserTrade', [{ action: 'add', data: TRADE }], 'GatewayUserTrade:action'],
  ['a wrapper around null', 'user', 'GatewayUserTrade', [{ action: 1, data: null }], 'GatewayUserTrade:payload'],
  ['wrappers nested 10,000 deep', 'user', 'GatewayUserTrade', [deep(10_000)], 'GatewayUserTrade:id'], // one wrapper level is unwrapped; the inner one is no trade,
  ['a quote without the contract id argument', 'market', 'GatewayQuote', [{ bestBid: 1 }], 'GatewayQuote:contractId'],
  ['a quote with an empty contract id', 'market', 'GatewayQuote', ['', { bestBid: 1 }], 'GatewayQuote:contractId'],
  ['a quote without data', 'market', 'GatewayQuote', ['C'], 'GatewayQuote:arguments'],
  ['a quote with null data', 'market', 'GatewayQuote', ['C', null], 'GatewayQuote:payload'],
  ['a quote with a text bestBid', 'market', 'GatewayQuote', ['C', { bestBid: 'n/a' }], 'GatewayQuote:bestBid'],
  ['a quote with a boolean volume', 'market', 'GatewayQuote', ['C', { volume: true }], 'GatewayQuote:volume'],
  ['a market trade without price', 'market', 'GatewayTrade', ['C', [{ type: 0, volume: 1 }]], 'GatewayTrade:price'],
  ['a market trade list of garbage', 'market', 'GatewayTrade', ['C', [null, 7]], 'GatewayTrade:payload'],
  ['a depth row without type', 'market', 'GatewayDepth', ['C', [{ price: 1, volume: 1 }]], 'GatewayDepth:type'],
  ['a depth bid row without price', 'market', 'GatewayDepth', ['C', [{ type: 2, volume: 1 }]], 'GatewayDepth:price'],
  ['a quote with a 1 MB symbol (no name is that long)', 'market', 'GatewayQuote', ['C', { symbol: 'S'.repeat(1 << 20) }], 'GatewayQuote:symbol'],
  ['an order with a 2,000-character custom tag', 'user', 'GatewayUserOrder', [{ id: 1, accountId: 2, status: 1, type: 1, side: 0, size: 1, customTag: 't'.repeat(2000) }], 'GatewayUserOrder:customTag'],
  ['a depth row with a huge string timestamp', 'market', 'GatewayDepth', ['C', [{ type: 6, timestamp: '9'.repeat(1 << 20) }]], 'GatewayDepth:timestamp'],
];

describe('malformed hub payloads', () => {
  for (const [label, hub, target, args, kind] of MALFORMED) {
    it(`${label} → ok:false ${kind}`, () => {
      const outcome = parseHubInvocation(hub, target, args);
      assert.equal(outcome.ok, false, 'expected a failure');
      if (outcome.ok) return;
      assert.equal(outcome.kind, kind);
      assert.ok(outcome.reason.length > 0 && outcome.reason.length < 300, `reason is one short line: ${outcome.reason.slice(0, 80)}`);
      assert.ok(!outcome.reason.includes('\n'));
    });
  }

  it('control characters in a bad value never reach the reason (no terminal escapes, no line breaks)', () => {
    const outcome = parseHubInvocation('market', 'GatewayQuote', ['C', { bestBid: '\u001b[2J\u0007\r\n\u2028\u0085x' }]);
    assert.equal(outcome.ok, false);
    // eslint-disable-next-line no-control-regex -- the point of the check
    if (!outcome.ok) assert.ok(!/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(outcome.reason), JSON.stringify(outcome.reason));
  });

  it('a hostile target name is shortened and made printable in the kind', () => {
    const outcome = parseHubInvocation('user', `Gateway\n${'A'.repeat(5000)}`, []);
    assert.equal(outcome.ok, false);
    if (!outcome.ok) {
      assert.ok(outcome.kind.startsWith('unknown-event:Gateway?'));
      assert.ok(outcome.kind.length < 100);
    }
  });

  it('never throws, even for arguments that are not an array or a throwing getter', () => {
    const trap = Object.defineProperty({}, 'id', { get: () => { throw new Error('getter'); }, enumerable: true });
    const outcomes = [
      parseHubInvocation('user', 'GatewayUserTrade', null as unknown as unknown[]),
      parseHubInvocation('user', 'GatewayUserTrade', [trap]),
      parseHubInvocation('market', 'GatewayDepth', ['C', new Array(100_000).fill({ type: 'bogus' })]),
    ];
    assert.deepEqual(outcomes.map((o) => o.ok), [false, false, false]);
    assert.deepEqual(outcomes.map((o) => (o.ok ? '' : o.kind)), ['GatewayUserTrade:arguments', 'GatewayUserTrade:internal', 'GatewayDepth:type']);
  });
});
