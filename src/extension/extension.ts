import * as vscode from 'vscode';
import type { HubMonitorApi } from './api';
import { SecretStore } from './auth/secretStore';
import { registerQuoteChart } from './chart/index';
import { registerAuthCommands } from './commands/authCommands';
import { registerConnectionCommands } from './commands/connectionCommands';
import { registerDemoCommands, startDemo } from './commands/demoCommands';
import { registerSubscriptionCommands } from './commands/subscriptionCommands';
import { ContextKeys } from './controller/contextKeys';
import { MonitorController } from './controller/monitorController';
import { DemoGateway } from './demo/demoGateway';
import { registerDiagnosticsCommands } from './diagnostics/summary';
import { OutputLog } from './log/outputLog';
import { ProfileStore } from './profiles/profileStore';
import type { Services } from './services';
import { StatusBar } from './status/statusBar';
import { HubTreeProvider } from './tree/hubTreeProvider';
import { errorLine } from './util/errors';
import { Notifier } from './util/notify';

// activate() only builds objects, hands them to context.subscriptions and starts the start-up work.
export function activate(context: vscode.ExtensionContext): HubMonitorApi {
  const own = <T extends vscode.Disposable>(d: T): T => {
    context.subscriptions.push(d);
    return d;
  };
  const profiles = own(new ProfileStore());
  const log = own(new OutputLog(() => profiles.settings.logDetail));
  const notifier = new Notifier(log);
  const secrets = own(new SecretStore(context.secrets));
  const controller = own(new MonitorController(profiles, secrets, context.globalState, log, notifier));
  const demo = own(new DemoGateway(log));
  const tree = own(new HubTreeProvider(controller));
  const status = own(new StatusBar(controller));
  own(new ContextKeys(controller, demo));
  const services: Services = { controller, profiles, secrets, demo, log, notifier, tree: tree.model };
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  for (const d of [
    ...registerAuthCommands(services),
    ...registerConnectionCommands(services),
    ...registerSubscriptionCommands(services),
    ...registerDemoCommands(services),
    ...registerDiagnosticsCommands(services, version),
  ]) {
    own(d);
  }
  own(registerQuoteChart(context, { monitor: () => controller.monitor, onDidChangeMonitor: controller.onDidChangeMonitor, log: log.channel }));

  log.info('extension', `Hub Monitor ${version} activated; profile ${profiles.active.name}`);
  for (const problem of profiles.problems) void notifier.error(problem);
  const ready = startUp(services).catch((error: unknown) => {
    void notifier.error(`Hub Monitor could not start: ${errorLine(error)}`);
  });
  return { controller, profiles, secrets, demo, tree, status, log, notifier, globalState: context.globalState, logUri: context.logUri, ready };
}

/** Demo auto-start (hubmon.demo.autoStart with the demo profile active), else auto-connect if signed in. */
async function startUp(s: Services): Promise<void> {
  if (s.profiles.settings.demoAutoStart && s.profiles.active.id === 'demo') {
    await startDemo(s);
    return;
  }
  await s.controller.initialize();
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions (the monitor and the demo gateway stop there).
}
