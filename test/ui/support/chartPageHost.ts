// The chart page outside VS Code, for the UI tests: the real page HTML and CSP (chartHtml) and the
// real bundle served from dist/webview on 127.0.0.1, with what VS Code provides stood in for:
// acquireVsCodeApi (state kept in sessionStorage so a reload keeps it) and the --vscode-* variables.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../scripts/vscode/codeServer.mjs';
import { chartHtml } from '../../../src/extension/chart/chartHtml';

declare const document: {
  body: { classList: { add(c: string): void; remove(...c: string[]): void } };
  documentElement: { style: { setProperty(name: string, value: string): void } };
  addEventListener(type: string, listener: (e: { violatedDirective?: string; blockedURI?: string }) => void): void;
};
declare const sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
declare const window: { postMessage(message: unknown, targetOrigin: string): void };

export const webviewDir = resolve('dist/webview');

export const THEMES = {
  dark: { cls: 'vscode-dark', vars: { '--vscode-editor-background': '#1e1e1e', '--vscode-editor-foreground': '#d4d4d4', '--vscode-foreground': '#cccccc', '--vscode-charts-blue': '#3794ff', '--vscode-charts-green': '#89d185', '--vscode-charts-red': '#f14c4c', '--vscode-panel-border': '#80808059', '--vscode-descriptionForeground': '#ccccccb3', '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px' } },
  'high-contrast': { cls: 'vscode-high-contrast', vars: { '--vscode-editor-background': '#000000', '--vscode-editor-foreground': '#ffffff', '--vscode-foreground': '#ffffff', '--vscode-charts-blue': '#3794ff', '--vscode-charts-green': '#89d185', '--vscode-charts-red': '#f48771', '--vscode-contrastBorder': '#6fc3df', '--vscode-panel-border': '#6fc3df', '--vscode-descriptionForeground': '#ffffffb3', '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px' } },
  light: { cls: 'vscode-light', vars: { '--vscode-editor-background': '#ffffff', '--vscode-editor-foreground': '#000000', '--vscode-foreground': '#616161', '--vscode-charts-blue': '#1a85ff', '--vscode-charts-green': '#388a34', '--vscode-charts-red': '#e51400', '--vscode-panel-border': '#80808059', '--vscode-descriptionForeground': '#717171', '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px' } },
};

/** The page HTML for an origin: the chart's by default; another webview page (the account panel) passes its own. */
export type PageHtml = (origin: string) => string;
const chartPage: PageHtml = (origin) => chartHtml({ cspSource: origin, script: `${origin}/main.js`, style: `${origin}/style.css`, codicons: `${origin}/codicon.css` });

export function serveWebview(pageHtml: PageHtml = chartPage): Promise<Server> {
  const types: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.map': 'application/json' };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(pageHtml(origin));
      return;
    }
    const file = join(webviewDir, url.pathname.replace(/^\/+/, ''));
    if (!file.startsWith(webviewDir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** Stands in for VS Code in the page: messages go to `__toHost` (exposed by the test), themes switch by __setTheme. */
export async function stubVsCode(page: Page): Promise<void> {
  await page.addInitScript((themes) => {
    const w = window as unknown as Record<string, unknown>;
    w.acquireVsCodeApi = () => ({
      postMessage: (m: unknown) => (w.__toHost as (m: unknown) => void)(m),
      getState: () => JSON.parse(sessionStorage.getItem('state') ?? 'null'),
      setState: (s: unknown) => sessionStorage.setItem('state', JSON.stringify(s)),
    });
    // What VS Code does on a theme switch: new variables on <html>, a new class on <body>.
    w.__setTheme = (kind: keyof typeof themes) => {
      const theme = themes[kind];
      for (const [k, v] of Object.entries(theme.vars)) document.documentElement.style.setProperty(k, v);
      document.body.classList.remove('vscode-dark', 'vscode-light', 'vscode-high-contrast');
      document.body.classList.add(theme.cls);
    };
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    document.addEventListener('DOMContentLoaded', () => (w.__setTheme as (k: string) => void)(sessionStorage.getItem('theme') ?? 'dark'));
  }, THEMES);
}

/** A chart page in Chromium, wired to a host the test builds (a ChartSession): not loaded yet. */
export interface ChartPageRun {
  readonly browser: Browser;
  readonly page: Page;
  /** Console errors (CSP violations among them) and page errors. */
  readonly problems: string[];
  /** Host → page, in order (a ChartSessionDeps.post). */
  post(message: unknown): void;
  /** Loads the page from `server`; its `ready` then reaches toHost. */
  load(server: Server): Promise<void>;
}

export async function openChartPage(viewport: { width: number; height: number }, toHost: (message: unknown) => void): Promise<ChartPageRun> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  let queue = Promise.resolve();
  const post = (message: unknown): void => {
    queue = queue.then(() => page.evaluate((m) => window.postMessage(m, '*'), message)).catch(() => undefined);
  };
  await page.exposeFunction('__toHost', toHost);
  await stubVsCode(page);
  const load = async (server: Server): Promise<void> => {
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  };
  return { browser, page, problems, post, load };
}
