// The short metrics soak inside the test command: drop/reconnect cycles with /metrics scraped every
// 100 ms; heap back within the limit after GC and handles back. The full 10,000 cycles:
// node scripts/soak.mjs --cycles 10000 --metrics
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { attachMetricsScraper } from '../../soak/metricsScraper';
import { runSoak, summary, verdict } from '../../soak/soakRun';

const CYCLES = 150;

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as unknown;
  if (typeof gc !== 'function') throw new Error('could not expose gc through v8 flags');
  return () => (gc as () => void)();
}

describe('metrics soak (short variant)', function () {
  this.timeout(90_000);

  it(`${CYCLES} drop/reconnect cycles scraped every 100 ms: every scrape 200, reconnect counters = cycles, heap and handles back`, async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    const result = await runSoak({ cycles: CYCLES, gc: exposeGc(), attach: attachMetricsScraper });
    const lines = summary(result);
    console.log(lines.map((l) => `      ${l}`).join('\n'));
    assert.equal(result.cycles, CYCLES, lines.join('\n'));
    assert.deepEqual(verdict(result), [], lines.join('\n'));
    assert.ok(lines.some((l) => /^metrics: .* [1-9]\d* scrapes/.test(l)), lines.join('\n'));
  });
});
