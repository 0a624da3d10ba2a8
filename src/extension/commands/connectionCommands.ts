import vscode = require('vscode');
import type { Services } from '../services';
import { registerSafeCommand } from '../util/notify';
import { Command } from '../commandIds';

/** hubmon.connect, disconnect, reconnectNow, showTimeline and the status bar's hubmon.showActions. */
export function registerConnectionCommands(s: Services, recording: () => boolean = () => false): vscode.Disposable[] {
  const { controller, notifier, log, demo } = s;
  return [
    registerSafeCommand(Command.connect, notifier, () => controller.connect()),
    registerSafeCommand(Command.disconnect, notifier, () => controller.disconnect()),
    registerSafeCommand(Command.reconnectNow, notifier, () => controller.reconnectNow()),
    registerSafeCommand(Command.showTimeline, notifier, () => log.show()),
    registerSafeCommand(Command.showActions, notifier, async () => {
      const snap = controller.snapshot();
      const signedIn = snap.auth === 'signed-in';
      const connected = snap.user?.kind === 'connected' || snap.market?.kind === 'connected';
      const actions: { label: string; detail?: string; command: string; show: boolean }[] = [
        { label: '$(sign-in) Sign In…', detail: `to ${snap.profile.name}`, command: Command.signIn, show: !signedIn },
        { label: '$(beaker) Start Demo Gateway', detail: 'A simulated gateway on 127.0.0.1: live data without an account', command: Command.startDemo, show: !demo.running },
        { label: '$(plug) Connect', command: Command.connect, show: signedIn && !connected },
        { label: '$(refresh) Reconnect Now', command: Command.reconnectNow, show: signedIn },
        { label: '$(debug-disconnect) Disconnect', command: Command.disconnect, show: signedIn && connected },
        { label: '$(account) Subscribe to Account…', command: Command.subscribeAccount, show: connected },
        { label: '$(symbol-number) Subscribe to Contract…', command: Command.subscribeContract, show: connected },
        { label: '$(graph-line) Open Quote Chart', command: Command.openQuoteChart, show: connected },
        { label: '$(output) Show Timeline', command: Command.showTimeline, show: true },
        { label: '$(pulse) Diagnose Connection', detail: 'Test DNS, TCP, TLS, token, upgrade, handshake, ping, subscription, first event', command: Command.diagnose, show: true },
        { label: '$(file-code) Show Raw Frames', command: Command.showRawFrames, show: signedIn },
        { label: '$(copy) Copy Diagnostic Summary', command: Command.copyDiagnostics, show: true },
        { label: '$(record) Record Session…', command: Command.startRecording, show: connected && !recording() },
        { label: '$(debug-stop) Stop Recording', command: Command.stopRecording, show: recording() },
        { label: '$(play) Replay Recording…', detail: 'Through the demo gateway into the views', command: Command.replay, show: true },
        { label: '$(server-environment) Select Profile…', detail: `active: ${snap.profile.name}`, command: Command.selectProfile, show: true },
        { label: '$(debug-stop) Stop Demo Gateway', command: Command.stopDemo, show: demo.running },
        { label: '$(sign-out) Sign Out', command: Command.signOut, show: signedIn },
      ];
      const picked = await vscode.window.showQuickPick(
        actions.filter((a) => a.show),
        { title: `Hub Monitor · ${snap.profile.name}`, placeHolder: 'Choose an action' },
      );
      if (picked) await vscode.commands.executeCommand(picked.command);
    }),
  ];
}
