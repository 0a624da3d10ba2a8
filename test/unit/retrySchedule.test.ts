import assert from 'node:assert/strict';
import { DEFAULT_RETRY_DELAYS_MS, normalizeRetryDelays, retryDelay, WakeableDelay } from '../../src/core/hub/retrySchedule';

describe('retry schedule', () => {
  it('uses the given delays in order, then repeats the last forever', () => {
    const delays = [0, 2000, 5000, 10000];
    assert.deepEqual([0, 1, 2, 3, 4, 50].map((i) => retryDelay(delays, i)), [0, 2000, 5000, 10000, 10000, 10000]);
  });

  it('defaults to [0, 2000, 5000, 10000]', () => {
    assert.deepEqual(normalizeRetryDelays(undefined), [0, 2000, 5000, 10000]);
    assert.equal(normalizeRetryDelays(undefined), DEFAULT_RETRY_DELAYS_MS);
  });

  it('drops unusable delays (negative, NaN, Infinity) and falls back when none remain', () => {
    assert.deepEqual(normalizeRetryDelays([-1, 50, Number.NaN, 100.4, Number.POSITIVE_INFINITY]), [50, 100]);
    assert.deepEqual(normalizeRetryDelays([-5]), DEFAULT_RETRY_DELAYS_MS);
    assert.deepEqual(normalizeRetryDelays([]), DEFAULT_RETRY_DELAYS_MS);
  });

  it('a pending delay can be woken early (stop / reconnect now) and leaves no timer behind', async () => {
    const delay = new WakeableDelay();
    let done = false;
    const waiting = delay.wait(60_000).then(() => (done = true));
    await Promise.resolve();
    assert.equal(done, false);
    delay.wake();
    await waiting;
    assert.equal(done, true);
  });
});
