// The account panel page in Debian Chromium, outside VS Code: the real bundle (dist/webview/account.js),
// the real page HTML and CSP (accountHtml) and the host's real figures (accountPanelView from an
// account snapshot). Stood in for VS Code: acquireVsCodeApi and the --vscode-* theme variables.
// Screenshots (light and dark) go to $HUBMON_SCREENSHOT_DIR, else out/docs/screenshots (npm run docs copies them into docs/).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/vscode/codeServer.mjs';
import type { AccountSnapshot } from '../../src/core/account/types';
import { accountHtml } from '../../src/extension/account/accountHtml';
import { accountPanelView } from '../../src/extension/account/pnlHistory';
import { serveWebview, webviewDir } from './support/chartPageHost';

declare const document: {
  querySelectorAll(selector: string): ArrayLike<{ width: number; height: number }>;
  body: { dataset: Record<string, string | undefined>; classList: { add(c: string): void; remove(...c: string[]): void } };
  documentElement: { style: { setProperty(name: string, value: string): void } };
  addEventListener(type: string, listener: (e: { violatedDirective?: string; blockedURI?: string }) => void): void;
};
declare const window: { postMessage(message: unknown, targetOrigin: string): void };

const ES = 'CON.F.US.EP.Z26';
const THEMES = {
  dark: { cls: 'vscode-dark', vars: { '--vscode-editor-background': '#1e1e1e', '--vscode-editor-foreground': '#d4d4d4', '--vscode-foreground': '#cccccc', '--vscode-charts-blue': '#3794ff', '--vscode-panel-border': '#80808059', '--vscode-descriptionForeground': '#ccccccb3', '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px' } },
  light: { cls: 'vscode-light', vars: { '--vscode-editor-background': '#ffffff', '--vscode-editor-foreground': '#000000', '--vscode-foreground': '#616161', '--vscode-charts-blue': '#1a85ff', '--vscode-panel-border': '#80808059', '--vscode-descriptionForeground': '#717171', '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px' } },
};

const snapshot: AccountSnapshot = {
  accountId: 9001, name: 'DEMO-9001', balance: 50000, canTrade: true, realizedPnl: -700, fees: 4.2, unrealizedPnl: -125, netPnl: -829.2, openContracts: 2,
  positions: [{ contractId: ES, type: 'Long', size: 2, averagePrice: 5000, markPrice: 4998.75, unrealizedPnl: -125 }],
  workingOrders: [],
  trades: [],
  risk: [
    { rule: 'dailyLoss', limit: 1000, used: 829.2, distance: 170.8, state: 'warning' },
    { rule: 'maxPosition', limit: 5, used: 2, distance: 3, state: 'ok' },
  ],
  tradingDayStart: 0,
};
const facts = (id: string) => (id === ES ? { id: ES, name: 'ESZ6', description: 'E-mini S&P 500', tickSize: 0.25, tickValue: 12.5, activeContract: true, symbolId: 'F.US.EP' } : undefined);
const start = 1_764_900_000;
const points = Array.from({ length: 120 }, (_, i) => ({ time: start + i * 30, value: Math.round(-7 * i + 50 * Math.sin(i / 6)) }));

describe('UI: the account panel page (Chromium, real bundle and CSP)', function () {
  this.timeout(120_000);
  let server: Server;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const fromPage: unknown[] = [];
  const shots = process.env.HUBMON_SCREENSHOT_DIR ?? resolve('out/docs/screenshots');

  before(async () => {
    if (!existsSync(join(webviewDir, 'account.js'))) spawnSync('node', ['esbuild.mjs'], { stdio: 'inherit' });
    mkdirSync(shots, { recursive: true });
    server = await serveWebview((origin) => accountHtml({ cspSource: origin, script: `${origin}/account.js`, style: `${origin}/account.css`, codicons: `${origin}/codicon.css` }));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 900, height: 560 } });
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    const view = accountPanelView(snapshot, facts, points);
    await page.exposeFunction('__toHost', (m: unknown) => {
      fromPage.push(m);
      // The host answers the page's ready with the figures, as AccountPanels does.
      if ((m as { type?: unknown }).type === 'ready') void page.evaluate((v) => window.postMessage({ type: 'account', view: v }, '*'), view);
    });
    await page.addInitScript((themes) => {
      const w = window as unknown as Record<string, unknown>;
      w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => (w.__toHost as (m: unknown) => void)(m), setState: (s: unknown) => (w.__state = s), getState: () => w.__state });
      w.__setTheme = (kind: 'dark' | 'light') => {
        for (const [k, v] of Object.entries(themes[kind].vars)) document.documentElement.style.setProperty(k, v);
        document.body.classList.remove('vscode-dark', 'vscode-light');
        document.body.classList.add(themes[kind].cls);
      };
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
      document.addEventListener('DOMContentLoaded', () => (w.__setTheme as (k: string) => void)('dark'));
    }, THEMES);
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  });

  after(async () => {
    await browser?.close();
    await new Promise((ok) => server?.close(ok));
  });

  it('shows the figures, rules, positions and the P&L line, in dark and light, without CSP problems', async () => {
    await page.waitForFunction(() => document.body.dataset.points === '120', undefined, { timeout: 10_000 });
    assert.equal(await page.locator('.title').textContent(), 'DEMO-9001 (9001)');
    assert.equal(await page.locator('[data-figure="balance"] .value').textContent(), '50,000.00');
    assert.equal(await page.locator('[data-figure="net"] .value').textContent(), '-829.20');
    assert.equal(await page.locator('[data-figure="fees"] .value').textContent(), '4.20');
    assert.equal(await page.locator('.rule.warning .name').textContent(), 'Daily loss limit');
    assert.match((await page.locator('.rule.warning .text').textContent()) ?? '', /^warning · 170\.80 left of 1,000\.00 \(83 % used\)$/);
    assert.equal(await page.locator('.rule.ok .name').textContent(), 'Max position');
    const cells = await page.locator('.positions td').allTextContents();
    assert.deepEqual(cells, ['ES Z26', 'Long', '2', '5000.00', '4998.75', '-125.00']);
    assert.equal(await page.evaluate(() => document.body.dataset.worst), 'warning');
    const canvases = await page.evaluate(() => Array.from(document.querySelectorAll('.pnl-chart canvas')).filter((c) => c.width > 100 && c.height > 100).length);
    assert.ok(canvases > 0, 'the P&L chart has a drawn canvas');
    assert.deepEqual(fromPage.filter((m) => (m as { type?: unknown }).type !== 'ready'), [], 'no error reported by the page');
    await page.screenshot({ path: join(shots, 'account-panel-dark.png') });
    await page.evaluate(() => (window as unknown as { __setTheme(k: string): void }).__setTheme('light'));
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, 'account-panel-light.png') });
    assert.deepEqual(problems, []);
    assert.ok(existsSync(join(shots, 'account-panel-dark.png')) && existsSync(join(shots, 'account-panel-light.png')));
  });
});
