// `npm run demo` (its workspace and settings, nobody clicks): within 10 s of the hubs connecting the
// tree shows the demo account's balance, net P&L, rule states, positions, working orders and trades.
import * as assert from 'node:assert/strict';
import { DEMO_USER_SETTINGS, demoWorkspaceFiles } from '../../scripts/vscode/demoWorkspace.mjs';
import { statusBarText, useWorkbench } from './support/workbench';

describe('UI: npm run demo shows the demo account in the tree', function () {
  this.timeout(180_000);
  const workbench = useWorkbench({ settings: { ...DEMO_USER_SETTINGS }, files: demoWorkspaceFiles() });

  it('balance, net P&L, rules, positions, working orders and trades appear with no click', async () => {
    const { page } = workbench();
    const rows = page.locator('.part.sidebar .pane-body .monaco-list-row');
    await rows.filter({ hasText: 'Market Hub' }).filter({ hasText: 'connected' }).first().waitFor({ state: 'visible', timeout: 90_000 });
    // From here on: 10 s for the account rows (seeded through REST, then live).
    const labels = async (): Promise<string[]> => rows.evaluateAll((els) => els.map((el) => (el.textContent ?? '').trim()));
    const wanted: [string, RegExp][] = [
      ['balance', /^Balance[\d,]+\.\d\d$/],
      ['net P&L', /^Net P&L today[+-]?[\d,]+\.\d\d \(realized [+-]?[\d,]+\.\d\d, fees [\d,]+\.\d\d, unrealized [+-]?[\d,]+\.\d\d\)$/],
      ['daily loss rule', /^Daily loss limit(ok|warning|breached) · /],
      ['max position rule', /^Max position(ok|warning|breached) · \d+ of 10 contracts$/],
      ['positions group', /^Positions\d+$/],
      ['working orders group', /^Working orders\d+$/],
      ["today's trades group", /^Today's trades\d+$/],
    ];
    const deadline = Date.now() + 10_000;
    const seen: string[] = [];
    while (Date.now() < deadline) {
      // The list renders only the rows in view: scroll down to the account's rows and collect.
      await rows.first().hover().catch(() => undefined);
      await page.mouse.wheel(0, 600);
      for (const l of await labels()) if (!seen.includes(l)) seen.push(l);
      if (wanted.every(([, re]) => seen.some((l) => re.test(l)))) break;
      await page.waitForTimeout(250);
    }
    for (const [what, re] of wanted) assert.ok(seen.some((l) => re.test(l)), `${what} row missing: ${JSON.stringify(seen)}`);
    const pnl = await statusBarText(page, 'hubmon.accountStatus').catch(() => '');
    assert.match(pnl, /[+-]?[\d,]+\.\d\d/, `P&L status item: ${pnl}`);
  });
});
