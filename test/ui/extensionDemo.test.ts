// The README's main flow (`npm run demo`) in a real workbench: the same workspace and settings
// scripts/demo.mjs opens. Nobody clicks: activation at start-up reveals the Hub Monitor view, starts
// the demo gateway, signs in and connects.
import * as assert from 'node:assert/strict';
import { DEMO_USER_SETTINGS, demoWorkspaceFiles } from '../../scripts/vscode/demoWorkspace.mjs';
import { statusBarText, useWorkbench } from './support/workbench';

describe('UI: npm run demo (its workspace and settings)', function () {
  this.timeout(180_000);
  const workbench = useWorkbench({ settings: { ...DEMO_USER_SETTINGS }, files: demoWorkspaceFiles() });

  it('opens the view by itself and connects the demo: status bar green, hubs connected in the tree', async () => {
    const { page } = workbench();
    const deadline = Date.now() + 90_000;
    let text = '';
    while (Date.now() < deadline && !(text.includes('User ✓') && text.includes('Market ✓'))) {
      text = await statusBarText(page, 'hubmon.status').catch(() => '');
      await page.waitForTimeout(250);
    }
    assert.match(text, /User ✓\s+Market ✓/, `status bar: ${text}`);
    const rows = page.locator('.part.sidebar .pane-body .monaco-list-row');
    await rows.filter({ hasText: 'Market Hub' }).filter({ hasText: 'connected' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    const labels = await rows.evaluateAll((els) => els.map((el) => (el.textContent ?? '').trim()));
    assert.ok(labels.some((l) => /^Demo gateway/.test(l)), JSON.stringify(labels));
    assert.ok(labels.some((l) => /User Hubconnected/.test(l)), JSON.stringify(labels));
    assert.ok(labels.some((l) => /^Quotes · CON\.F\.US\.EP\.U25\s*active/.test(l)), `the demo subscribed a contract: ${JSON.stringify(labels)}`);
  });
});
