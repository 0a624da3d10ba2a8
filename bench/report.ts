/** The figures beside their targets: a printed table and bench/results/latest.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { round } from './stats';

/** One figure per receiver (undefined: not measured for that receiver). */
export interface Row {
  readonly figure: string;
  readonly unit: string;
  readonly ours?: number | undefined;
  readonly bare?: number | undefined;
  readonly raw?: number | undefined;
  readonly target: string;
  /** undefined: no target, or the figure is missing. */
  readonly met: boolean | undefined;
  readonly note?: string;
}

export interface BenchResult {
  readonly startedAt: string;
  readonly seconds: number;
  readonly machine: { readonly cpus: number; readonly model: string; readonly node: string; readonly platform: string };
  readonly settings: Record<string, number | string | boolean>;
  readonly rows: readonly Row[];
  readonly raw: Record<string, unknown>;
}

export function machine(): BenchResult['machine'] {
  const list = cpus();
  return { cpus: list.length, model: list[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}` };
}

function cell(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '-';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  return String(round(value, abs >= 100 ? 0 : abs >= 10 ? 1 : 2));
}

export function formatTable(rows: readonly Row[]): string {
  const header = ['figure', 'ours', 'bare signalr', 'raw ws', 'target', 'met?'];
  const body = rows.map((r) => [
    `${r.figure}${r.unit ? ` (${r.unit})` : ''}`,
    cell(r.ours),
    cell(r.bare),
    cell(r.raw),
    r.target,
    r.met === undefined ? '-' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 || i >= 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 || i >= 4 ? `-${'-'.repeat(w)}-` : `-${'-'.repeat(w - 1)}:-`)).join('|')}|`;
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.figure}: ${r.note}`);
  return [line(header), rule, ...body.map(line), ...(notes.length ? ['', ...notes] : [])].join('\n');
}

export function writeResult(dir: string, name: string, result: BenchResult): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
