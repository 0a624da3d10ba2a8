// The in-host test runner: VS Code loads this module as extensionTestsPath (code-server through
// scripts/vscode/runInHost.mjs, desktop VS Code through scripts/vscode/runElectron.mjs) and awaits
// run(). It runs mocha over every out/test/vscode/**/*.suite.js and appends its counts as one JSON
// line (same format as scripts/mochaReporter.cjs) so `npm test` can total every stage.
import { appendFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import * as vscode from 'vscode';

/**
 * Where the counts go: $HUBMON_COUNTS when the host has it (desktop: runElectron passes it); else
 * the workspace folder (code-server may not pass our environment on; runInHost.mjs collects the file
 * from there, so concurrent runs never mix); else out/test-counts.jsonl.
 */
function countsFile(): string {
  if (process.env.HUBMON_COUNTS) return process.env.HUBMON_COUNTS;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder?.uri.scheme === 'file') return join(folder.uri.fsPath, COUNTS_IN_WORKSPACE);
  return resolve(__dirname, '..', '..', 'test-counts.jsonl');
}

/** The file name runInHost.mjs looks for in the workspace folder it opened. */
const COUNTS_IN_WORKSPACE = '.hubmon-counts.jsonl';

function findSuites(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) found.push(...findSuites(full));
    else if (name.endsWith('.suite.js')) found.push(full);
  }
  return found;
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function writeCounts(stage: string, counts: Counts): void {
  const file = countsFile();
  try {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, JSON.stringify({ stage, ...counts }) + '\n');
  } catch (error) {
    console.error(`${stage}: could not write test counts to ${file}: ${String(error)}`);
  }
}

export function run(): Promise<void> {
  return runSuites('vscode-host', () => true);
}

/** Runs the suites whose file name `pick` accepts and writes their counts under `stage`. */
export async function runSuites(stage: string, pick: (fileName: string) => boolean): Promise<void> {
  // mocha 12 is an ES module: import() loads it in both Node (code-server) and Electron hosts.
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, reporter: 'spec', color: false });
  const suites = findSuites(__dirname).filter((file) => pick(basename(file)));
  for (const file of suites) mocha.addFile(file);
  console.log(`${stage}: ${suites.length} suite file(s) in ${__dirname}`);

  const counts = await new Promise<Counts>((settle, reject) => {
    try {
      const runner = mocha.run(() => {
        const { passes = 0, failures = 0, pending = 0 } = runner.stats ?? {};
        settle({ passed: passes, failed: failures, skipped: pending });
      });
    } catch (error) {
      reject(error);
    }
  }).catch((error: unknown) => {
    // A suite that throws while loading counts as one failure, not a silent pass.
    console.error(`${stage}: could not run the suites: ${error instanceof Error ? error.stack : String(error)}`);
    return { passed: 0, failed: 1, skipped: 0 };
  });
  writeCounts(stage, counts);
  if (suites.length === 0) throw new Error(`no *.suite.js files under ${__dirname}: build with node esbuild.mjs --tests`);
  if (counts.failed > 0) throw new Error(`${counts.failed} in-host test(s) failed`);
}
