// Types for codeServer.mjs, so TypeScript tests (test/ui/support/workbench.ts) can import it.
import type { Browser, Page } from 'playwright-core';

export const CODE_SERVER_VERSION: string;
export const EXTENSION_ID: string;
export const CHROMIUM_PATH: string;
export const CHROMIUM_ARGS: readonly string[];

export interface CodeServer {
  /** http://127.0.0.1:PORT/ */
  url: string;
  port: number;
  runDir: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  /** Everything the server printed so far. */
  log(): string;
  /** Settles when the server process ends (its exit code or signal). */
  exited: Promise<number | string | null>;
  /** Stops the whole process group (idempotent). */
  stop(): Promise<void>;
}

export interface LaunchOptions {
  runDir: string;
  extensionsDir?: string;
  /** Merged into the user settings.json (which always has "workbench.startupEditor": "none"). */
  settings?: Record<string, unknown>;
  /** The repository root holding .tools/code-server; default the current directory. */
  root?: string;
  /** 0 (default) = any free port. */
  port?: number;
  timeoutMs?: number;
  /** Extra environment for the server (and, usually, its extension hosts). */
  env?: Record<string, string>;
  /** Keep VS Code's workspace trust on (default off: --disable-workspace-trust); pair with UNTRUSTED_SETTINGS. */
  workspaceTrust?: boolean;
}

/** User settings that open the folder untrusted (restricted mode) without a trust prompt. */
export const UNTRUSTED_SETTINGS: Record<string, unknown>;

export interface WorkbenchTarget {
  folder: string;
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
}

export function toolsDir(root?: string): string;
export function codeServerEntry(root?: string): string;
export function installedVersion(root?: string): string | undefined;
export function launchCodeServer(options: LaunchOptions): Promise<CodeServer>;
export function installExtension(options: { runDir: string; extensionsDir?: string; vsix: string; root?: string }): string;
export function listExtensions(options: { runDir: string; extensionsDir?: string; root?: string }): string[];
export function workbenchUrl(url: string, target: WorkbenchTarget): string;
export function openWorkbench(page: Page, url: string, options: WorkbenchTarget & { onExit?: (code: number) => void; timeoutMs?: number }): Promise<void>;
export function launchChromium(options?: { headless?: boolean }): Promise<Browser>;
