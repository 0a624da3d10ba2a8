/** Debian's promtool (installed by scripts/deps.mjs) as a test oracle for the exposition format. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

/**
 * prom-client's default metrics that promtool's linter flags (gauges named *_total): not ours to
 * rename. Any other complaint, and every parse error, fails the test.
 */
const KNOWN_DEFAULT_LINTS = /^nodejs_active_(handles|requests|resources)_total non-counter metrics should not have "_total" suffix$/;

/** Fails the test unless `promtool check metrics` parses the scrape and finds no lint problem in our metrics. */
export function assertPromtoolAccepts(text: string): void {
  const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  assert.equal(r.error, undefined, `promtool could not run (${String(r.error)}); run node scripts/deps.mjs`);
  const complaints = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.trim() !== '' && !KNOWN_DEFAULT_LINTS.test(l));
  assert.deepEqual(complaints, [], 'promtool check metrics complained');
  // 0: clean; 3: lint findings only (all of them the known ones above); 1 would be a parse error.
  assert.ok(r.status === 0 || r.status === 3, `promtool exit ${r.status}`);
}

/** The value of one sample, e.g. sample(text, 'hubmon_hub_up{hub="user"}'); undefined when absent. */
export function sample(text: string, series: string): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1));
  }
  return undefined;
}
