/** Debian's promtool (installed by scripts/deps.mjs) as a test oracle for the exposition format. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

/** Fails the test unless `promtool check metrics` accepts the scrape without a single complaint. */
export function assertPromtoolAccepts(text: string): void {
  const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  assert.equal(r.error, undefined, `promtool could not run (${String(r.error)}); run node scripts/deps.mjs`);
  assert.equal(`${r.stdout}${r.stderr}`.trim(), '', 'promtool check metrics complained');
  assert.equal(r.status, 0);
}

/** The value of one sample, e.g. sample(text, 'hubmon_hub_up{hub="user"}'); undefined when absent. */
export function sample(text: string, series: string): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1));
  }
  return undefined;
}
