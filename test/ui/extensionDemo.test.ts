// The README's main flow (`npm run demo`) in a real workbench: with the settings scripts/demo.mjs
// writes (hubmon.demo.autoStart, hubmon.activeProfile = demo), opening the Hub Monitor view from the
// activity bar activates the extension, which starts the demo gateway, signs in and connects.
import * as assert from 'node:assert/strict';
import { statusBarText, useWorkbench } from './support/workbench';

describe('UI: demo auto-start from the settings npm run demo writes', function () {
  this.timeout(180_000);
  const workbench = useWorkbench({ settings: { 'hubmon.demo.autoStart': true, 'hubmon.activeProfile': 'demo' } });

  it('opening the view starts the demo: status bar green, hubs connected in the tree', async () => {
    const { page } = workbench();
    const container = page.locator('.activitybar .action-item a[aria-label^="Hub Monitor"], .activitybar .action-item[aria-label^="Hub Monitor"]').first();
    await container.waitFor({ state: 'visible', timeout: 30_000 });
    await container.click();
    const deadline = Date.now() + 60_000;
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
  });
});
