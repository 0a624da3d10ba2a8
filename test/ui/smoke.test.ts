// UI smoke test in a real VS Code (code-server) and Chromium: the workbench opens with our extension
// loaded from the repository in development mode, and a command of ours is in the palette and runs.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { probeCommand } from './support/manifest';
import { notifications, paletteEntries, runCommand, screenshot, useWorkbench } from './support/workbench';

describe('UI: workbench with the extension in development mode', function () {
  this.timeout(120_000);
  const workbench = useWorkbench();

  it('opens as an Extension Development Host', async () => {
    const { page } = workbench();
    // The title is set once the window has restored: wait for ours, then assert on what is there.
    await page.waitForFunction('document.title.includes("[Extension Development Host]")', undefined, { timeout: 30_000 })
      .catch(() => undefined);
    const title = await page.title();
    assert.match(title, /\[Extension Development Host\]/, `window title: ${title}`);
  });

  it('lists a command of ours in the palette and runs it without an error', async () => {
    const { page } = workbench();
    const probe = probeCommand();
    const labels = await paletteEntries(page, probe.label);
    assert.ok(labels.some((l) => l.includes(probe.label)), `"${probe.label}" not in the palette: ${JSON.stringify(labels)}`);
    await runCommand(page, probe.label);
    // The workbench reports a failed activation or an unregistered command as a notification.
    await page.waitForTimeout(1500);
    const shown = await notifications(page);
    const problems = shown.filter((t) => /not found|failed|error/i.test(t));
    assert.deepEqual(problems, [], `notifications after running ${probe.command}: ${JSON.stringify(shown)}`);
    const png = await screenshot(page, 'workbench-dev-mode');
    assert.ok(existsSync(png));
  });
});
