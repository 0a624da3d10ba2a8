/**
 * Reads a V8 .cpuprofile and prints where the time went: self time by function and by source file.
 * Our sources are bundled into out/bench/main.js; esbuild marks each module with a `// src/...ts`
 * comment line, which maps a bundle line back to its source file.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const sectionsCache = new Map<string, { line: number; file: string }[]>();

/** Module markers of a bundle: [{line, file}], in line order. */
function sections(url: string): { line: number; file: string }[] {
  let found = sectionsCache.get(url);
  if (found) return found;
  found = [];
  try {
    const lines = readFileSync(url.startsWith('file:') ? fileURLToPath(url) : url, 'utf8').split('\n');
    lines.forEach((text, line) => {
      const m = /^\/\/ ((?:src|bench)\/\S+\.ts)$/.exec(text);
      if (m) found?.push({ line, file: m[1] });
    });
  } catch {
    // Not a readable file (node internals): no sections.
  }
  sectionsCache.set(url, found);
  return found;
}

function sourceOf(frame: CallFrame): string {
  if (!frame.url) return '(native/gc/idle)';
  if (frame.url.startsWith('node:')) return frame.url;
  const nm = frame.url.indexOf('node_modules/');
  if (nm >= 0) return frame.url.slice(nm + 'node_modules/'.length);
  let file = frame.url;
  for (const s of sections(frame.url)) {
    if (s.line > frame.lineNumber) break;
    file = s.file;
  }
  return file;
}

function table(title: string, totals: Map<string, number>, all: number, limit: number): string {
  const rows = [...totals].sort((a, b) => b[1] - a[1]).slice(0, limit);
  const lines = rows.map(([name, us]) => `${((100 * us) / all).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`);
  return [`${title}`, ...lines].join('\n');
}

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error('usage: node out/bench/profileSummary.js <file.cpuprofile>');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let all = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    const f = node.callFrame;
    // The inspector's own `dispatch` serializing the profile at Profiler.stop: not our work.
    if (f.functionName === 'dispatch' && f.url === '') return;
    if (f.functionName === '(idle)' || f.functionName === '(program)') {
      idle += f.functionName === '(idle)' ? dt : 0;
      if (f.functionName === '(idle)') return;
    }
    all += dt;
    const source = sourceOf(f);
    const name = `${f.functionName || '(anonymous)'}  ${source}:${f.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + dt);
    byFile.set(source, (byFile.get(source) ?? 0) + dt);
  });
  process.stdout.write(`\nCPU profile ${file}: ${(all / 1000).toFixed(0)} ms busy, ${(idle / 1000).toFixed(0)} ms idle\n\n`);
  process.stdout.write(`${table('self time by source file', byFile, all, 20)}\n\n${table('self time by function', byFunction, all, 35)}\n`);
}

main();
