import vscode = require('vscode');
import type { HubMonitorApi } from './api';
import { AccountViews } from './account/index';
import { SecretStore } from './auth/secretStore';
import { registerQuoteChart } from './chart/index';
import { registerDepthLadder } from './ladder/index';
import { registerAuthCommands } from './commands/authCommands';
import { registerConnectionCommands } from './commands/connectionCommands';
import { registerDemoCommands, startDemo } from './commands/demoCommands';
import { registerSubscriptionCommands } from './commands/subscriptionCommands';
import { RecentContracts } from './contracts/contractPicker';
import { REVEAL_VIEW_COMMAND } from './commandIds';
import { ContextKeys } from './controller/contextKeys';
import { MonitorController } from './controller/monitorController';
import { DemoGateway } from './demo/demoGateway';
import { registerDiagnosticsCommands } from './diagnostics/summary';
import { registerDiagnoseCommand } from './doctor/diagnoseCommand';
import { registerFramesCommands } from './frames/framesCommands';
import { RawFramesProvider } from './frames/rawFramesDocument';
import { FeedHealthModel } from './health/feedHealthModel';
import { globexCalendar } from './health/globexCalendar';
import { OutputLog } from './log/outputLog';
import { ProfileStore } from './profiles/profileStore';
import { createPublicApi, exportsFor, type HubMonitorPublicApi } from './publicApi';
import { registerReplayCommand } from './recording/replayCommand';
import { registerRecordingCommands, SessionRecording } from './recording/sessionRecording';
import type { Services } from './services';
import { MonitorExtras } from './session/monitorExtras';
import { StatusBar } from './status/statusBar';
import { HubTreeProvider } from './tree/hubTreeProvider';
import { errorLine } from './util/errors';
import { Notifier } from './util/notify';
import { ShiftClock } from './util/shiftClock';

// activate() only builds objects, hands them to context.subscriptions and starts the start-up work.
export function activate(context: vscode.ExtensionContext): HubMonitorApi | HubMonitorPublicApi {
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
  const clock = new ShiftClock();
  const thresholds = (): { staleAfterMs: number; hubStaleAfterMs: number } => ({
    staleAfterMs: profiles.settings.staleAfterSeconds * 1000,
    hubStaleAfterMs: profiles.settings.hubStaleAfterSeconds * 1000,
  });
  const health = new FeedHealthModel(() => controller.monitor, thresholds, clock);
  const tree = own(new HubTreeProvider(controller));
  tree.model.setHealth(health);
  const status = own(new StatusBar(controller, health, () => profiles.settings.statusBarShowWhenSignedOut, profiles.onDidChange));
  own(new ContextKeys(controller, demo));
  const extras = own(new MonitorExtras(controller, log, tree.model));
  const account = own(new AccountViews(context.extensionUri, controller, tree.model, log, notifier));
  own(new RawFramesProvider(extras, controller.onDidChangeMonitor));
  const services: Services = { controller, profiles, secrets, demo, log, notifier, tree: tree.model, health, extras };
  const recording = own(new SessionRecording(services));
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  for (const d of [
    ...registerAuthCommands(services),
    ...registerConnectionCommands(services, () => recording.recording),
    ...registerSubscriptionCommands(services, new RecentContracts(context.globalState)),
    ...registerDemoCommands(services),
    ...registerDiagnosticsCommands(services, version),
    ...registerDiagnoseCommand(services),
    ...registerFramesCommands(services),
    ...registerRecordingCommands(services, recording),
    ...registerReplayCommand(services, context.extensionUri),
  ]) {
    own(d);
  }
  own(
    registerQuoteChart(context, {
      monitor: () => controller.monitor,
      onDidChangeMonitor: controller.onDidChangeMonitor,
      log: log.channel,
      feedOptions: () => ({ calendar: globexCalendar, clock, staleAfterMs: thresholds().staleAfterMs }),
      account: account.session,
    }),
  );
  own(registerDepthLadder(context, { monitor: () => controller.monitor, onDidChangeMonitor: controller.onDidChangeMonitor, log: log.channel }));

  log.info('extension', `Hub Monitor ${version} activated; profile ${profiles.active.name}`);
  for (const problem of profiles.problems) void notifier.error(problem);
  const ready = startUp(services).catch((error: unknown) => {
    void notifier.error(`Hub Monitor could not start: ${errorLine(error)}`);
  });
  // Other extensions get only the small read-only API; the tests' handle exists in test mode only.
  const publicApi = createPublicApi(controller);
  own(publicApi.disposable);
  return exportsFor(context, (): HubMonitorApi => ({
    controller, profiles, secrets, demo, tree, status, log, notifier, ready,
    globalState: context.globalState, workspaceState: context.workspaceState, logUri: context.logUri,
    clock, health, extras, recording, account,
  }), publicApi.api);
}

/**
 * Demo auto-start (hubmon.demo.autoStart with the demo profile active), else auto-connect if signed
 * in. Activation is onStartupFinished, so neither waits for the view; the demo, which someone set up
 * to look at, also reveals it.
 */
async function startUp(s: Services): Promise<void> {
  if (s.profiles.settings.demoAutoStart && s.profiles.active.id === 'demo') {
    void vscode.commands.executeCommand(REVEAL_VIEW_COMMAND);
    await startDemo(s);
    return;
  }
  await s.controller.initialize();
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions (the monitor and the demo gateway stop there).
}
