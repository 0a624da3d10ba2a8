import assert from 'node:assert/strict';
import { UsageError } from '../../../src/cli/args';
import { resolveWatchOptions } from '../../../src/cli/commands/watchOptions';

describe('hubmon watch risk options', () => {
  const watch = (...args: string[]) => resolveWatchOptions(['--profile', 'demo', ...args], {});

  it('reads every limit for the watched account', () => {
    const o = watch('--account', '123', '--daily-loss-limit', '1000', '--max-loss-limit', '2000.5', '--trailing', '--max-position', '5', '--warn-at', '0.9');
    assert.deepEqual(o.limits, { dailyLoss: 1000, maxLoss: 2000.5, trailing: true, maxPosition: 5, warnAt: 0.9 });
  });

  it('rejects bad values with one line naming the option and the fix', () => {
    const cases: [string[], RegExp][] = [
      [['--daily-loss-limit', '1000'], /need --account ID/],
      [['--account', '123', '--daily-loss-limit', 'lots'], /--daily-loss-limit takes a positive amount of money like 1000, not 'lots'/],
      [['--account', '123', '--trailing'], /--trailing needs --max-loss-limit/],
      [['--account', '123', '--max-position', '1.5'], /--max-position must be a positive whole number of contracts/],
      [['--account', '123', '--warn-at', '1.5'], /--warn-at must be a fraction above 0 and at most 1/],
    ];
    for (const [args, message] of cases) assert.throws(() => watch(...args), (e: unknown) => e instanceof UsageError && message.test(e.message));
  });
});
