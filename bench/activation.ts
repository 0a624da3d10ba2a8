/** The activation figure: median of cold `require` + `activate()` runs, each in a fresh process. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './stats';

export interface ActivationResult {
  readonly ms: number | undefined;
  readonly runs: readonly number[];
  /** Of which `require` of the bundle (parse + module init), median. */
  readonly requireMs: number | undefined;
  readonly note: string;
}

const BUNDLE = 'dist/extension.js';

/** esbuild --production writes no source map link. */
function production(file: string): boolean {
  return !readFileSync(file, 'utf8').includes('//# sourceMappingURL=');
}

export async function measureActivation(repeats: number): Promise<ActivationResult> {
  if (!existsSync(BUNDLE)) return { ms: undefined, runs: [], requireMs: undefined, note: `${BUNDLE} is missing: build first (node esbuild.mjs)` };
  const runs: number[] = [];
  const requires: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const child = spawnSync(process.execPath, [join(__dirname, 'activationProbe.js'), BUNDLE], { encoding: 'utf8', timeout: 30_000 });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    let parsed: { ms?: unknown; requireMs?: unknown; error?: unknown };
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch {
      return { ms: undefined, runs, requireMs: undefined, note: `the probe printed no result (exit ${child.status ?? 'none'}): ${child.stderr.trim().split('\n')[0] ?? ''}` };
    }
    if (typeof parsed.error === 'string') return { ms: undefined, runs, requireMs: undefined, note: `activate() failed with the inert vscode stub: ${parsed.error}; measure it in the in-host suite` };
    if (typeof parsed.ms === 'number') runs.push(parsed.ms);
    if (typeof parsed.requireMs === 'number') requires.push(parsed.requireMs);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return {
    ms: median(runs),
    runs,
    requireMs: median(requires),
    note: `${production(BUNDLE) ? 'production' : 'development (not minified: run with the package phase for the shipped one)'} ${BUNDLE}: cold require (${median(requires).toFixed(0)} ms of it) + activate() in a fresh Node with an inert vscode stub: our code only, the host's own work excluded`,
  };
}
