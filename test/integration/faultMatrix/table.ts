// The reliability table: every fault-matrix test records one row; a root after() hook writes
// out/docs/RELIABILITY.md once the whole matrix ran (a partial run leaves the document alone).
// `npm run docs` copies it into docs/ when someone means to update the committed one.
// Each test file is bundled on its own, so the rows live on globalThis, not in a module variable.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MARKET_CONTROLS } from '../../../src/simulator/market/marketControls';

/**
 * yes: by itself once the fault cleared. after restart / after retry: the engine stops (or marks the
 * subscription failed) by design and the user's start / add succeeds once the fault cleared. n.a.: the
 * fault cannot clear inside the test (a name that never resolves, a bad certificate, a wrong URL).
 */
export type Recovered = 'yes' | 'after restart' | 'after retry' | 'n.a.' | 'no';

export interface Row {
  readonly id: string;
  readonly scenario: string;
  readonly states: string;
  readonly errorClass: string;
  readonly wording: string;
  readonly recovered: Recovered;
  readonly recoveryMs: number | undefined;
  readonly invariants: string;
  readonly held: boolean;
}

/** Every scenario of the matrix, in table order. A row per id is what "the whole matrix ran" means. */
export const CATALOG: readonly { readonly id: string; readonly title: string }[] = [
  { id: 'F01', title: 'connection refused at first start' },
  { id: 'F02', title: 'connection refused during reconnect' },
  { id: 'F03', title: 'DNS failure (host does not resolve)' },
  { id: 'F04', title: 'TLS failure (self-signed certificate)' },
  { id: 'F05', title: '401 on upgrade (bad token, no credentials)' },
  { id: 'F06', title: '401 on upgrade, then success after a token refresh' },
  { id: 'F07', title: '403 on upgrade' },
  { id: 'F08', title: '404 hub URL' },
  { id: 'F09', title: '500 on upgrade' },
  { id: 'F10', title: '503 on upgrade' },
  { id: 'F11', title: 'upgrade never answered' },
  { id: 'F12', title: 'handshake error' },
  { id: 'F13', title: 'handshake never answered' },
  { id: 'F14', title: 'server silent after connect' },
  { id: 'F15', title: 'TCP drop' },
  { id: 'F16', title: 'Close with error' },
  { id: 'F17', title: 'Close with error and allowReconnect' },
  { id: 'F18', title: 'subscribe rejected by the server' },
  { id: 'F19', title: 'subscribe never completed' },
  { id: 'F20', title: 'token expiring on an open connection' },
  { id: 'F21', title: 'server restart with a new connection id' },
  { id: 'F22', title: 'drop in the middle of resubscribing' },
  { id: 'F23', title: 'stop while connecting' },
  { id: 'F24', title: 'stop while connected' },
  { id: 'F25', title: 'stop while reconnecting (in the delay)' },
  { id: 'F26', title: 'stop while reconnecting (in an attempt)' },
  { id: 'F27', title: 'stop while failed' },
  { id: 'F28', title: 'rapid connect/disconnect (50 cycles, not awaited)' },
  { id: 'F29', title: 'hostile server: a 64 MB WebSocket frame' },
  { id: 'F30', title: 'hostile server: 1 million distinct unknown event names' },
  { id: 'F31', title: 'hostile server: deeply nested JSON (1 million levels)' },
  { id: 'F32', title: 'hostile server: a never-ending chunked REST body at sign-in' },
  { id: 'F33', title: 'hostile server: the upgrade answer trickled one byte a second' },
  { id: 'F34', title: 'hostile server: a never-ending negotiate answer (negotiation on)' },
];

const ROWS_KEY = Symbol.for('hubmon.faultMatrix.rows');
const HOOK_KEY = Symbol.for('hubmon.faultMatrix.afterHook');
export const SOAK_BEGIN = '<!-- soak:begin -->';
export const SOAK_END = '<!-- soak:end -->';

type Shared = typeof globalThis & { [ROWS_KEY]?: Map<string, Row>; [HOOK_KEY]?: boolean };

function rows(): Map<string, Row> {
  const g = globalThis as Shared;
  g[ROWS_KEY] ??= new Map<string, Row>();
  return g[ROWS_KEY];
}

export function titleOf(id: string): string {
  const entry = CATALOG.find((c) => c.id === id);
  if (!entry) throw new Error(`fault matrix: ${id} is not in the catalog (table.ts)`);
  return entry.title;
}

export function recordRow(row: Row): void {
  rows().set(row.id, row);
}

/** The repository root (the folder with our package.json), from wherever the bundle runs. */
export function repoRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && readFileSync(pkg, 'utf8').includes('"name": "topstepx-hub-monitor"')) return dir;
  }
  return process.cwd();
}

/** Where the tests write the document: an ignored folder, so a test run leaves the tree clean. */
export function reliabilityPath(): string {
  return join(repoRoot(), 'out', 'docs', 'RELIABILITY.md');
}

/** The latest document: this checkout's last written one, else the committed docs/RELIABILITY.md. */
export function currentReliability(): string | undefined {
  for (const path of [reliabilityPath(), join(repoRoot(), 'docs', 'RELIABILITY.md')]) {
    if (existsSync(path)) return readFileSync(path, 'utf8');
  }
  return undefined;
}

export function writeReliabilityFile(text: string): string {
  const path = reliabilityPath();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** Markdown cells: one line, no pipe breaking the table. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

export function renderMatrix(all: readonly Row[], at: Date): string {
  const held = all.filter((r) => r.held).length;
  const lines = [
    '# Reliability',
    '',
    `Generated by \`npm test\` (test/integration/faultMatrix/**) on ${at.toISOString()}: do not edit by hand.`,
    'Each row is one test driving the real engine (`createMonitor`, both hubs, the real @microsoft/signalr client)',
    'against the gateway simulator over loopback, with retry delays [0, 50, 100, 200] ms. **Recovery** is the time',
    'from the fault being cleared (or, for one-shot faults, injected) to both hubs connected with every',
    'subscription re-acknowledged and present exactly once on the server. **Invariants** checked per row: the',
    "server's live connection holds exactly the registered subscriptions, each Subscribe invoked once on it (none",
    'lost, none doubled), no unhandled rejection or uncaught exception, active handles (sockets, timers, DNS',
    'requests) back to the pre-scenario baseline after stop, and the engine emitters (and the token source) left',
    'with no listeners. *States seen* are the user hub\'s, as the status bar shows them (×n = repeated).',
    '*Recovered*: **yes** = by itself once the fault cleared; **after restart** / **after retry** = the engine stops',
    '(or marks the subscription failed) by design, and the user\'s start / re-add succeeds once the fault cleared;',
    '**n.a.** = the fault cannot clear inside a test (a name that never resolves, a bad certificate, a wrong URL):',
    'the row proves the failure is named, retried or stopped as designed, and that stop() leaves nothing behind.',
    '',
    `**${held} of ${all.length} rows hold.**`,
    '',
    '| # | scenario | states seen (user hub) | error class | wording (cause. fix) | recovered | recovery ms | invariants |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of all) {
    const ms = r.recoveryMs === undefined ? '–' : String(Math.round(r.recoveryMs));
    lines.push(`| ${r.id} | ${cell(r.scenario)} | ${cell(r.states)} | ${cell(r.errorClass)} | ${cell(r.wording)} | ${r.recovered} | ${ms} | ${cell(r.invariants)} |`);
  }
  lines.push('', ...marketControlLines());
  return lines.join('\n') + '\n';
}

/** The simulator's market controls (`sim.market`), each exercised by test/integration/market*.test.ts. */
function marketControlLines(): string[] {
  return [
    '## Market fault and variety controls',
    '',
    'Each is turned on by test/integration/marketDepth.test.ts or marketHistory.test.ts: an independent book built from',
    'the depth stream must hold every invariant under it, or break visibly and be right again from the next Reset.',
    '',
    '| control | effect |',
    '| --- | --- |',
    ...MARKET_CONTROLS.map((c) => `| \`${cell(c.name)}\` | ${cell(c.effect)} |`),
  ];
}

/** Replaces (or appends) the soak section of the document, keeping the rest. */
export function withSection(document: string, section: string): string {
  const block = `${SOAK_BEGIN}\n${section.trim()}\n${SOAK_END}\n`;
  const begin = document.indexOf(SOAK_BEGIN);
  const end = document.indexOf(SOAK_END);
  if (begin >= 0 && end > begin) return document.slice(0, begin) + block + document.slice(end + SOAK_END.length).replace(/^\n/, '');
  return `${document.trimEnd()}\n\n${block}`;
}

function existingSoakSection(document: string): string | undefined {
  const begin = document.indexOf(SOAK_BEGIN);
  const end = document.indexOf(SOAK_END);
  return begin >= 0 && end > begin ? document.slice(begin + SOAK_BEGIN.length, end) : undefined;
}

/** Writes the document when every catalog scenario has a row; says why not otherwise. */
export function writeReliability(): void {
  const have = rows();
  const missing = CATALOG.filter((c) => !have.has(c.id)).map((c) => c.id);
  if (missing.length > 0) {
    if (have.size > 0) console.log(`  fault matrix: partial run (${have.size} of ${CATALOG.length}); out/docs/RELIABILITY.md left as it is`);
    return;
  }
  const old = currentReliability() ?? '';
  const soak = existingSoakSection(old) ?? '## Soak\n\nNot run yet: `node scripts/soak.mjs` writes this section.';
  const ordered = CATALOG.map((c) => have.get(c.id)).filter((r): r is Row => r !== undefined);
  const path = writeReliabilityFile(withSection(renderMatrix(ordered, new Date()), soak));
  console.log(`  fault matrix: ${path} written (${ordered.filter((r) => r.held).length}/${ordered.length} rows hold; npm run docs copies it into docs/)`);
}

/** Registers the writer on mocha's root suite once, whichever matrix file loads first. */
export function registerWriter(): void {
  const g = globalThis as Shared;
  if (g[HOOK_KEY]) return;
  g[HOOK_KEY] = true;
  after(writeReliability);
}
