/** The VSIX figure: `npm run package` (production bundles + vsce), then the file's size. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';

export interface PackageResult {
  readonly kb: number | undefined;
  readonly note: string;
}

const VSIX = 'dist/topstepx-hub-monitor.vsix';
const BUNDLE = 'dist/extension.js';
const FALLBACK = 'out/bench/topstepx-hub-monitor.vsix';

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (error) => resolve({ code: -1, output: error.message }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** The first line that says what went wrong, without colour codes. */
function reasonOf(output: string): string {
  // eslint-disable-next-line no-control-regex
  const lines = output.replace(/\x1b\[[0-9;]*m/g, '').split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines.find((l) => /error/i.test(l)) ?? lines.pop() ?? '').slice(0, 160);
}

function productionBuilt(): boolean {
  return existsSync(BUNDLE) && !readFileSync(BUNDLE, 'utf8').includes('//# sourceMappingURL=');
}

function sized(file: string, note: string): PackageResult {
  const bytes = statSync(file).size;
  return { kb: bytes / 1024, note: `${note}${file}, ${bytes.toLocaleString('en-US')} bytes` };
}

export async function packageSize(): Promise<PackageResult> {
  const packaged = await run('npm', ['run', '--silent', 'package']);
  if (packaged.code === 0) return sized(VSIX, '');
  const why = `npm run package failed (${reasonOf(packaged.output)})`;
  // vsce refuses relative README links without a repository; the package's content is the same with
  // placeholder base URLs, so the size is still measured and the failure reported beside it.
  // `npm run package` builds before vsce runs: rebuild only when that build did not happen.
  const built = productionBuilt() ? { code: 0, output: '' } : await run(process.execPath, ['esbuild.mjs', '--production']);
  if (built.code !== 0) return { kb: undefined, note: `${why}; the production build failed too: ${reasonOf(built.output)}` };
  const base = 'https://example.invalid/';
  const probe = await run('npx', ['vsce', 'package', '--no-dependencies', '--baseContentUrl', base, '--baseImagesUrl', base, '--out', FALLBACK]);
  if (probe.code !== 0) return { kb: undefined, note: `${why}; vsce with base URLs failed too: ${reasonOf(probe.output)}` };
  return sized(FALLBACK, `${why}; measured with placeholder --baseContentUrl/--baseImagesUrl: `);
}
