// Runs the built `hubmon` bundle as a child process and watches its output line by line.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root (the test runs from out/test/… or out/dev-test/…). */
export function repoRoot(): string {
  let dir = __dirname;
  while (dir !== dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'topstepx-hub-monitor') return dir;
    dir = dirname(dir);
  }
  throw new Error(`no repository root above ${__dirname}`);
}

/** Builds dist/ with the project's own build script (the bundles under test). */
export function buildBundles(): void {
  const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot(), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node esbuild.mjs failed: ${result.stderr}`);
}

/** The parent's environment without anything that would change hubmon's behaviour. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(PROJECTX_|NO_COLOR$|FORCE_COLOR$|HUBMON_|NODE_OPTIONS$)/.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export class CliProcess {
  readonly child: ChildProcess;
  readonly lines: string[] = [];
  private stderrText = '';
  private partial = '';
  private readonly waiters = new Set<() => void>();
  readonly exited: Promise<Exit>;

  constructor(script: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
    this.child = spawn(process.execPath, [script, ...args], { cwd: options.cwd ?? repoRoot(), env: options.env ?? cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (this.partial + chunk).split('\n');
      this.partial = parts.pop() ?? '';
      this.lines.push(...parts);
      this.wake();
    });
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderrText += chunk;
    });
    this.exited = new Promise((resolve) => this.child.on('close', (code, signal) => {
      if (this.partial) this.lines.push(this.partial);
      this.partial = '';
      resolve({ code, signal });
      this.wake();
    }));
  }

  get stderr(): string {
    return this.stderrText;
  }

  get stdout(): string {
    return this.lines.join('\n');
  }

  /** stdout lines that are JSON objects, parsed. */
  json(): JsonLine[] {
    return this.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as JsonLine);
  }

  /**
   * Resolves once `done` holds for the output so far. The limit only stops a hung test: it is a
   * guard, not a timing assertion.
   */
  async until(what: string, done: (p: this) => boolean, limitMs = 15_000): Promise<void> {
    const started = Date.now();
    while (!done(this)) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`hubmon exited before ${what}\n${this.transcript()}`);
      if (Date.now() - started > limitMs) throw new Error(`no ${what} after ${limitMs} ms\n${this.transcript()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Stops the process if the test did not already (cleanup after a failure). */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }

  transcript(): string {
    return `--- stdout (last 40 lines)\n${this.lines.slice(-40).join('\n')}\n--- stderr\n${this.stderrText.slice(-3000)}`;
  }

  private wake(): void {
    for (const waiter of this.waiters) waiter();
    this.waiters.clear();
  }
}

/** Runs hubmon to completion (killed after `limitMs`, a hang guard). */
export async function runToEnd(script: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; limitMs?: number } = {}): Promise<{ exit: Exit; proc: CliProcess }> {
  const proc = new CliProcess(script, args, options);
  const guard = setTimeout(() => proc.child.kill('SIGKILL'), options.limitMs ?? 20_000);
  const exit = await proc.exited;
  clearTimeout(guard);
  return { exit, proc };
}

/** A parsed `--json` line; the fields each kind carries are checked by the tests. */
export interface JsonLine {
  readonly kind: string;
  readonly hub?: string;
  readonly state?: string;
  readonly method?: string;
  readonly arg?: number | string;
  readonly key?: string;
  readonly status?: string;
  readonly name?: string;
  readonly contractId?: string;
  readonly delayMs?: number;
  readonly data?: unknown;
  readonly step?: { readonly kind: string };
  readonly message?: string;
}
