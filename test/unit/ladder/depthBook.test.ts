import assert from 'node:assert/strict';
import { DepthBook } from '../../../src/core/market/depthBook';
import type { DomTypeValue } from '../../../src/core/events/enums';
import type { DepthItem } from '../../../src/core/events/types';

function item(type: DomTypeValue, price = 0, volume = 0): DepthItem {
  return { timestamp: undefined, type, price, volume, currentVolume: 0 };
}

/** A two-sided book: bids 99.75/99.5, asks 100/100.25. */
function seeded(): DepthBook {
  const book = new DepthBook();
  book.apply([item('Reset'), item('BestBid', 99.75, 5), item('Bid', 99.5, 7), item('BestAsk', 100, 4), item('Ask', 100.25, 9)]);
  return book;
}

describe('core depth book (gateway rules, every DomType)', () => {
  it('Bid and Ask set the volume at their price (set, not add); volume 0 removes the level', () => {
    const book = seeded();
    book.apply([item('Bid', 99.5, 3), item('Ask', 100.25, 11)]);
    assert.equal(book.volumeAt('bid', 99.5), 3, 'replaced, not 7 + 3');
    assert.equal(book.volumeAt('ask', 100.25), 11);
    book.apply([item('Bid', 99.5, 0), item('Ask', 100.25, 0)]);
    assert.deepEqual(book.view(), { bids: [{ price: 99.75, volume: 5 }], asks: [{ price: 100, volume: 4 }] });
  });

  it('BestBid/BestAsk and NewBestBid/NewBestAsk set levels and move the inside market', () => {
    const book = seeded();
    book.apply([item('NewBestBid', 99.875, 2)]);
    assert.equal(book.bestBid, 99.875);
    book.apply([item('NewBestAsk', 99.9, 6)]);
    assert.equal(book.bestAsk, 99.9);
    book.apply([item('BestAsk', 99.9, 0), item('BestBid', 99.875, 0)]);
    assert.equal(book.bestAsk, 100, 'the next ask is the best once the best goes');
    assert.equal(book.bestBid, 99.75);
    assert.equal(book.spread, 0.25);
  });

  it('Trade and Fill are prints: the last trade, not a level', () => {
    const book = seeded();
    book.apply([item('Trade', 100, 2)]);
    assert.deepEqual(book.last, { price: 100, volume: 2, kind: 'Trade' });
    book.apply([item('Fill', 99.75, 1)]);
    assert.deepEqual(book.last, { price: 99.75, volume: 1, kind: 'Fill' });
    assert.equal(book.volumeAt('ask', 100), 4, 'a print alone does not change resting volume');
  });

  it('Low and High carry the session extremes', () => {
    const book = seeded();
    book.apply([item('Low', 98.5, 0), item('High', 101.25, 0)]);
    assert.equal(book.low, 98.5);
    assert.equal(book.high, 101.25);
  });

  it('Reset empties the book (levels, last trade, extremes); the snapshot after it rebuilds it', () => {
    const book = seeded();
    book.apply([item('Trade', 100, 1), item('High', 101, 0), item('Reset')]);
    assert.ok(book.isEmpty);
    assert.equal(book.bestBid, undefined);
    assert.equal(book.last, undefined);
    assert.equal(book.high, undefined);
    assert.equal(book.resets, 2);
    book.apply([item('BestBid', 50, 1), item('BestAsk', 50.25, 1)]);
    assert.deepEqual(book.view(), { bids: [{ price: 50, volume: 1 }], asks: [{ price: 50.25, volume: 1 }] });
  });

  it('Unknown DomTypes (0 and numbers outside the list) are counted, never fatal, and change nothing', () => {
    const book = seeded();
    const before = book.view();
    book.apply([item('Unknown', 100, 5), item(42, 100, 5)]);
    assert.equal(book.unknownItems, 2);
    assert.deepEqual(book.view(), before);
  });

  it('crossed-book guard: a crossed state is reported (crossed, crossedItems) and kept as received until a Reset', () => {
    const book = seeded();
    assert.equal(book.crossed, false);
    book.apply([item('Bid', 100.25, 3)]);
    assert.equal(book.crossed, true);
    assert.equal(book.crossedItems, 1);
    assert.equal(book.bestBid, 100.25);
    assert.ok((book.spread ?? 0) < 0, 'a negative spread shows the cross');
    book.apply([item('Bid', 100.25, 0)]);
    assert.equal(book.crossed, false, 'removing the crossing level uncrosses it');
    book.apply([item('Ask', 99.75, 1)]);
    assert.equal(book.crossed, true, 'locked counts as crossed');
    book.apply([item('Reset'), item('BestBid', 99, 1), item('BestAsk', 99.25, 1)]);
    assert.equal(book.crossed, false);
  });
});
