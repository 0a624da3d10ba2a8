import assert from 'node:assert/strict';
import { MAX_ROUNDS, workRestingOrder } from '../../../src/simulator/account/restingOrders';
import { UserEventFaults } from '../../../src/simulator/account/userEventFaults';
import { Prng } from '../../../src/simulator/prng';

describe('simulator: the demo account\'s resting orders and user-event faults', () => {
  const touch = { bid: 5000, ask: 5000.25, last: 5000.25 };
  const buy = { side: 0, size: 3, fillVolume: 0, limitPrice: 5000.25 };

  it('a buy limit fills at its price once the ask reaches it, partly or fully, never beyond what is left', () => {
    const rng = new Prng(7);
    const sizes = new Set<number>();
    for (let i = 0; i < 50; i++) {
      const d = workRestingOrder(buy, touch, 1, rng);
      assert.equal(d.kind, 'fill');
      if (d.kind === 'fill') {
        assert.equal(d.price, 5000.25);
        assert.ok(d.size >= 1 && d.size <= 3);
        sizes.add(d.size);
      }
    }
    assert.ok(sizes.has(3) && (sizes.has(1) || sizes.has(2)), `both partial and full fills happen: ${[...sizes].join(',')}`);
    assert.deepEqual(workRestingOrder({ ...buy, fillVolume: 2 }, touch, 1, rng), { kind: 'fill', size: 1, price: 5000.25 });
  });

  it('an untouched sell limit waits, then is cancelled after MAX_ROUNDS rounds', () => {
    const sell = { side: 1, size: 1, fillVolume: 0, limitPrice: 5001 };
    assert.deepEqual(workRestingOrder(sell, touch, 1, new Prng(1)), { kind: 'wait' });
    assert.deepEqual(workRestingOrder(sell, touch, MAX_ROUNDS, new Prng(1)), { kind: 'cancel' });
    assert.equal(workRestingOrder(sell, { ...touch, bid: 5001 }, 1, new Prng(1)).kind, 'fill');
  });

  it('user-event faults: duplicates send twice; reorder swaps each pair and flushes a lone one', () => {
    const faults = new UserEventFaults();
    const sent: string[] = [];
    const send = (name: string) => () => sent.push(name);
    faults.duplicate = true;
    faults.send(send('a'));
    assert.deepEqual(sent, ['a', 'a']);
    faults.duplicate = false;
    faults.reorder = true;
    faults.send(send('b'));
    faults.send(send('c'));
    faults.send(send('d'));
    assert.deepEqual(sent, ['a', 'a', 'c', 'b']);
    faults.reset();
    assert.deepEqual(sent, ['a', 'a', 'c', 'b', 'd']);
  });
});
