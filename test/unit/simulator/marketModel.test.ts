import assert from 'node:assert/strict';
import { ContractMarket } from '../../../src/simulator/market/contractMarket';
import { bucketStart } from '../../../src/simulator/market/historyApi';
import { OrderBook } from '../../../src/simulator/market/orderBook';
import { GatewaySimulator } from '../../../src/simulator';

describe('simulator market model', () => {
  it('the book sets and removes levels, reports each change with its new volume, and refuses to cross or lock', () => {
    const book = new OrderBook();
    book.set('bid', 100, 5);
    book.set('ask', 101, 7);
    book.set('bid', 99, 3);
    book.set('bid', 100, 0);
    book.set('bid', 98, 0);
    assert.deepEqual(book.takeChanges(), [
      { side: 'bid', ticks: 100, volume: 5 },
      { side: 'ask', ticks: 101, volume: 7 },
      { side: 'bid', ticks: 99, volume: 3 },
      { side: 'bid', ticks: 100, volume: 0 },
    ], 'removing a level that is not there reports nothing');
    assert.equal(book.bestBid(), 99);
    assert.throws(() => book.set('bid', 101, 1), /cross or lock/);
    assert.throws(() => book.set('ask', 99, 1), /cross or lock/);
    assert.deepEqual(book.takeChanges(), []);
  });

  it('every step keeps bid < ask, bid ≤ last ≤ ask, a one-tick spread and at least 20 levels a side', () => {
    const world = new GatewaySimulator().world;
    for (const contract of world.contracts) {
      const m = new ContractMarket(contract, 4);
      for (let i = 0; i < 2000; i++) {
        const events = m.step(i * 250);
        const bid = m.book.bestBid() ?? Number.NaN;
        const ask = m.book.bestAsk() ?? Number.NaN;
        assert.ok(bid < ask && ask - bid === 1 && bid <= m.last && m.last <= ask, `${contract.id} step ${i}: ${bid} ${m.last} ${ask}`);
        assert.ok(m.book.size('bid') >= 20 && m.book.size('ask') >= 20);
        assert.ok(events.some((e) => e.kind === 'print'), 'every step prints');
      }
    }
  });

  it('bars start on their unit’s boundary: seconds to hours, Monday weeks, calendar months', () => {
    const t = Date.UTC(2026, 11, 6, 2, 47, 31, 250); // a Sunday
    assert.equal(bucketStart(t, 1, 5), Date.UTC(2026, 11, 6, 2, 47, 30));
    assert.equal(bucketStart(t, 2, 15), Date.UTC(2026, 11, 6, 2, 45));
    assert.equal(bucketStart(t, 3, 1), Date.UTC(2026, 11, 6, 2));
    assert.equal(bucketStart(t, 4, 1), Date.UTC(2026, 11, 6));
    assert.equal(bucketStart(t, 5, 1), Date.UTC(2026, 10, 30), 'the Monday before');
    assert.equal(bucketStart(t, 6, 1), Date.UTC(2026, 11, 1));
    assert.equal(bucketStart(t, 6, 3), Date.UTC(2026, 9, 1), 'quarters from January');
  });
});
