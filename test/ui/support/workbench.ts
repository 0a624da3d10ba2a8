// Helpers for UI tests: a real VS Code workbench (code-server) in Debian Chromium, driven by
// playwright-core from mocha in Node. Selectors are the ones verified for VS Code 1.100
// (/work/shared/reference/real-vscode.md). Every start has a close() that always stops the server's
// process group and Chromium; useWorkbench() wires that into mocha hooks.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { EXTENSION_ID, launchChromium, launchCodeServer, openWorkbench, type CodeServer } from '../../../scripts/vscode/codeServer.mjs';

/** The repository root: tests run from it (npm test, scripts/t.mjs). */
export const repoRoot = process.cwd();
export { EXTENSION_ID };

export interface Workbench {
  page: Page;
  browser: Browser;
  server: CodeServer;
  /** The workspace folder the window has open. */
  folder: string;
  runDir: string;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  /** Load the extension from the repository (payload extensionDevelopmentPath); default true. */
  devMode?: boolean;
  /** Extra user settings, e.g. { 'hubmon.demo.autoStart': true }. */
  settings?: Record<string, unknown>;
  /** An extensions folder (e.g. one a .vsix was installed into). */
  extensionsDir?: string;
  /** An existing run folder (where extensionsDir lives); default a fresh temp folder. */
  runDir?: string;
  /** Files to create in the workspace folder, by relative path. */
  files?: Record<string, string>;
}

/** Starts code-server and Chromium and opens the workbench on a temp workspace folder. */
export async function startWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const ownRunDir = !options.runDir;
  const runDir = options.runDir ?? mkdtempSync(join(tmpdir(), 'hm-ui-'));
  const folder = join(runDir, 'workspace');
  mkdirSync(folder, { recursive: true });
  for (const [path, text] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (ownRunDir && !process.env.HUBMON_KEEP_RUNS) rmSync(runDir, { recursive: true, force: true });
  };
  try {
    server = await launchCodeServer({ runDir, root: repoRoot, settings: options.settings, extensionsDir: options.extensionsDir });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await openWorkbench(page, server.url, { folder, extensionDevelopmentPath: options.devMode === false ? undefined : repoRoot });
    return { page, browser, server, folder, runDir, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Registers before/after hooks that start one workbench for the suite and always close it. */
export function useWorkbench(options: WorkbenchOptions = {}): () => Workbench {
  let current: Workbench | undefined;
  before(async function () {
    this.timeout(120_000);
    current = await startWorkbench(options);
  });
  after(async function () {
    this.timeout(30_000);
    await current?.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('the workbench did not start (see the before hook)');
    return current;
  };
}

const quickInput = '.quick-input-widget';

/** Opens the command palette with F1, retrying while the workbench is still settling. */
export async function openPalette(page: Page): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 5 } }).catch(() => undefined);
    await page.keyboard.press('F1');
    try {
      await page.locator(`${quickInput} input`).waitFor({ state: 'visible', timeout: 3000 });
      return;
    } catch (error) {
      if (attempt >= 5) throw new Error(`the command palette did not open after ${attempt} tries: ${String(error)}`);
    }
  }
}

const paletteRows = `${quickInput} .quick-input-list .monaco-list-row`;

/**
 * Types a query into the palette until a row containing `title` shows (extensions register their
 * commands a little after the workbench draws, so one look is not enough). Leaves the palette open.
 */
async function findInPalette(page: Page, query: string, title: string, timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await openPalette(page);
    await page.locator(`${quickInput} input`).fill(`>${query}`);
    const row = page.locator(paletteRows, { hasText: title }).first();
    const found = await row.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false);
    const labels = await page.locator(paletteRows).evaluateAll((els) => els.map((el) => (el.getAttribute('aria-label') ?? el.textContent ?? '').trim()));
    if (found || Date.now() > deadline) return labels;
    await page.keyboard.press('Escape');
  }
}

/** The labels the palette lists for a query, waiting (up to timeoutMs) for one containing `query`; closes the palette. */
export async function paletteEntries(page: Page, query: string, timeoutMs = 30_000): Promise<string[]> {
  const labels = await findInPalette(page, query, query, timeoutMs);
  await page.keyboard.press('Escape');
  return labels;
}

/** Runs a command by its palette title (e.g. "Hub Monitor: Show Timeline") through F1. */
export async function runCommand(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  const labels = await findInPalette(page, title, title, timeoutMs);
  const row = page.locator(paletteRows, { hasText: title }).first();
  if (!(await row.isVisible())) {
    await page.keyboard.press('Escape');
    throw new Error(`no command "${title}" in the palette (it lists ${JSON.stringify(labels)})`);
  }
  await row.click();
  await page.locator(`${quickInput} input`).waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
}

/** The DOM id VS Code gives an extension's status bar item: `<extensionId>.<itemId>`. */
export function statusBarSelector(itemId: string): string {
  return `[id="${EXTENSION_ID}.${itemId}"]`;
}

/** The text of our status bar item (created with createStatusBarItem(itemId, ...)); waits for it. */
export async function statusBarText(page: Page, itemId: string, timeoutMs = 15_000): Promise<string> {
  const item = page.locator(statusBarSelector(itemId));
  await item.waitFor({ state: 'attached', timeout: timeoutMs });
  return ((await item.textContent()) ?? '').trim();
}

/**
 * The rows of a tree view, by the view's name (its container must be open, e.g. through
 * runCommand(page, '<Container>: Focus on <View> View')). Expands the view's pane if collapsed; a
 * view alone in its container has a hidden header, so the header only has to be attached.
 */
export async function treeRows(page: Page, viewName: string, timeoutMs = 15_000): Promise<string[]> {
  const header = page.locator(`.pane-header[aria-label="${viewName} Section"]`).first();
  await header.waitFor({ state: 'attached', timeout: timeoutMs });
  if ((await header.isVisible()) && (await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  const rows = page.locator('.pane', { has: header }).locator('.monaco-list-row');
  await rows.first().waitFor({ state: 'visible', timeout: timeoutMs }).catch(() => undefined);
  return rows.evaluateAll((els) => els.map((el) => (el.getAttribute('aria-label') ?? el.textContent ?? '').trim()));
}

/** Notification texts now showing: toasts plus the screen reader alerts (which outlive the toasts). */
export async function notifications(page: Page): Promise<string[]> {
  const toasts = await page.locator('.notification-toast .notification-list-item-message').allTextContents();
  const alerts = await page.locator('.monaco-aria-container .monaco-alert').allTextContents();
  return [...new Set([...toasts, ...alerts].map((t) => t.trim()).filter(Boolean))];
}

/** Saves a PNG of the window under out/docs/screenshots/ (npm run docs copies them into docs/); returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = resolve(repoRoot, process.env.HUBMON_SCREENSHOT_DIR ?? 'out/docs/screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path });
  return path;
}
