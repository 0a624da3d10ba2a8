import assert from 'node:assert/strict';
import { formatPrice, tickDecimals } from '../../src/core/market/tickFormat';

describe('prices to the contract tick size', () => {
  it('knows the decimals of common ticks', () => {
    assert.deepEqual([0.25, 0.01, 0.1, 1, 0.03125, 0.0001, 0.5].map(tickDecimals), [2, 2, 1, 0, 5, 4, 1]);
  });

  it('rounds to the nearest tick and pads to its decimals', () => {
    assert.equal(formatPrice(5000.5, 0.25), '5000.50');
    assert.equal(formatPrice(5000, 0.25), '5000.00');
    assert.equal(formatPrice(5000.1300000001, 0.25), '5000.25');
    assert.equal(formatPrice(71.23, 0.01), '71.23');
    assert.equal(formatPrice(110.15625, 0.03125), '110.15625');
    assert.equal(formatPrice(18250, 1), '18250');
  });

  it('without a tick (not yet known) shows the price as sent, and a dash for none', () => {
    assert.equal(formatPrice(5000.5, undefined), '5000.5');
    assert.equal(formatPrice(undefined, 0.25), '—');
    assert.equal(formatPrice(Number.NaN, 0.25), '—');
    assert.equal(formatPrice(12.5, 0), '12.5');
  });
});
