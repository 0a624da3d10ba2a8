// The short soak inside the test command: a few hundred drop/reconnect cycles of both hubs, each ending
// connected and re-subscribed exactly once; heap after GC (gc exposed through v8 flags, as mocha
// runs without --expose-gc) and active handles back to the baseline. The long one: scripts/soak.mjs.
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runSoak, summary, verdict } from '../soak/soakRun';

const CYCLES = 300;

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as unknown;
  if (typeof gc !== 'function') throw new Error('could not expose gc through v8 flags');
  return () => (gc as () => void)();
}

describe('soak (short variant)', function () {
  this.timeout(90_000);

  it(`${CYCLES} drop/reconnect cycles: each re-subscribed exactly once; heap and handles back`, async () => {
    await new Promise((resolve) => setTimeout(resolve, 0)); // mocha's timeout timer joins the baseline
    const result = await runSoak({ cycles: CYCLES, gc: exposeGc() });
    const lines = summary(result);
    console.log(lines.map((l) => `      ${l}`).join('\n'));
    assert.equal(result.cycles, CYCLES, lines.join('\n'));
    assert.deepEqual(verdict(result), [], lines.join('\n'));
    assert.ok(result.heapBaseline !== undefined && result.heapEnd !== undefined, 'heap measured');
  });
});
