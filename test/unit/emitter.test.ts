import assert from 'node:assert/strict';
import { Emitter } from '../../src/core/util/emitter';

describe('Emitter', () => {
  it('delivers to every listener, isolates a throwing one and stops after dispose', () => {
    const errors: unknown[] = [];
    const emitter = new Emitter<number>((e) => errors.push(e));
    const seen: number[] = [];
    emitter.event(() => {
      throw new Error('boom');
    });
    const sub = emitter.event((v) => seen.push(v));
    emitter.fire(1);
    sub.dispose();
    emitter.fire(2);
    assert.deepEqual(seen, [1]);
    assert.equal(errors.length, 2);
  });
});
