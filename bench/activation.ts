/** The activation figure: median of cold `require` + `activate()` runs, each in a fresh process. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './stats';

export interface ActivationResult {
  /** Median with the host's Node built-ins already loaded (as in the extension host). */
  readonly ms: number | undefined;
  readonly runs: readonly number[];
  /** Of which `require` of the bundle (parse + module init), median. */
  readonly requireMs: number | undefined;
  /** Median in a bare Node process (the built-ins' own start-up included). */
  readonly coldMs: number | undefined;
  readonly note: string;
}

type Mode = 'host' | 'cold';

/** One probe run: `{ms, requireMs}` or a reason it gave none. */
function probe(mode: Mode): { ms: number; requireMs: number } | string {
  const child = spawnSync(process.execPath, [join(__dirname, 'activationProbe.js'), BUNDLE, mode], { encoding: 'utf8', timeout: 30_000 });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  let parsed: { ms?: unknown; requireMs?: unknown; error?: unknown };
  try {
    parsed = JSON.parse(line) as typeof parsed;
  } catch {
    return `the probe printed no result (exit ${child.status ?? 'none'}): ${child.stderr.trim().split('\n')[0] ?? ''}`;
  }
  if (typeof parsed.error === 'string') return `activate() failed with the inert vscode stub: ${parsed.error}; measure it in the in-host suite`;
  if (typeof parsed.ms !== 'number' || typeof parsed.requireMs !== 'number') return `the probe printed an unexpected line: ${line.slice(0, 120)}`;
  return { ms: parsed.ms, requireMs: parsed.requireMs };
}

const BUNDLE = 'dist/extension.js';

/** esbuild --production writes no source map link. */
function production(file: string): boolean {
  return !readFileSync(file, 'utf8').includes('//# sourceMappingURL=');
}

export async function measureActivation(repeats: number): Promise<ActivationResult> {
  const none = (note: string): ActivationResult => ({ ms: undefined, runs: [], requireMs: undefined, coldMs: undefined, note });
  if (!existsSync(BUNDLE)) return none(`${BUNDLE} is missing: build first (node esbuild.mjs)`);
  const runs: number[] = [];
  const requires: number[] = [];
  const cold: number[] = [];
  // Alternating modes, so load from elsewhere hits both alike.
  for (let i = 0; i < repeats; i++) {
    for (const mode of ['host', 'cold'] as const) {
      const r = probe(mode);
      if (typeof r === 'string') return none(r);
      if (mode === 'cold') cold.push(r.ms);
      else {
        runs.push(r.ms);
        requires.push(r.requireMs);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const kind = production(BUNDLE) ? 'production' : 'development (not minified: run with the package phase for the shipped one)';
  return {
    ms: median(runs),
    runs,
    requireMs: median(requires),
    coldMs: median(cold),
    note:
      `${kind} ${BUNDLE}: require (${median(requires).toFixed(0)} ms of it) + activate() with an inert vscode stub, ` +
      `Node built-ins preloaded as in the extension host; in a bare cold Node ${median(cold).toFixed(0)} ms`,
  };
}
