import vscode = require('vscode');
// A named import: @vscode/l10n-dev finds l10n.t calls through it (not through import-equals).
import { l10n } from 'vscode';
import { DEMO_API_KEY, DEMO_PORT, DEMO_USERNAME } from '../../core/profiles';
import type { Services } from '../services';
import { registerSafeCommand } from '../util/notify';
import { Command } from '../commandIds';

const DEMO_PROFILE_ID = 'demo';

/**
 * Runs the embedded simulator, makes the demo profile active, signs in with the published demo key,
 * connects, and subscribes to a first account and contract when the demo profile has none saved.
 */
export async function startDemo(s: Services): Promise<void> {
  const { demo, profiles, controller, log } = s;
  const port = await demo.start();
  profiles.setDemoPort(port === DEMO_PORT ? undefined : port);
  if (profiles.active.id !== DEMO_PROFILE_ID) await profiles.setActive(DEMO_PROFILE_ID);
  const result = await controller.signInWithKey(DEMO_PROFILE_ID, DEMO_USERNAME, DEMO_API_KEY);
  if (!result.ok) throw new Error(result.message);
  await controller.connect();
  if (controller.savedSubscriptions(DEMO_PROFILE_ID).length === 0) await subscribeDefaults(s);
  log.info('demo', 'demo gateway connected');
}

async function subscribeDefaults(s: Services): Promise<void> {
  const m = s.controller.monitor;
  if (!m) return;
  const token = await m.tokens.getToken();
  const [accounts, contracts] = await Promise.all([m.gateway.searchAccounts(token, true), m.gateway.searchContracts(token, '', false)]);
  if (accounts[0]) await vscode.commands.executeCommand(Command.subscribeAccount, { accountId: accounts[0].id });
  if (contracts[0]) await vscode.commands.executeCommand(Command.subscribeContract, { contractId: contracts[0].id });
}

/** hubmon.startDemo, hubmon.stopDemo; demo auto-start on activation with hubmon.demo.autoStart. */
export function registerDemoCommands(s: Services): vscode.Disposable[] {
  return [
    registerSafeCommand(Command.startDemo, s.notifier, async () => {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: l10n.t('Hub Monitor: starting the demo gateway') }, () => startDemo(s));
    }),
    registerSafeCommand(Command.stopDemo, s.notifier, async () => {
      if (s.controller.profile.id === DEMO_PROFILE_ID) await s.controller.disconnect();
      await s.demo.stop();
    }),
  ];
}
