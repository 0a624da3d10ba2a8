import vscode = require('vscode');
import type { Services } from '../services';
import { registerSafeCommand } from '../util/notify';

/** hubmon.connect, disconnect, reconnectNow, showTimeline and the status bar's hubmon.showActions. */
export function registerConnectionCommands(s: Services, recording: () => boolean = () => false): vscode.Disposable[] {
  const { controller, notifier, log, demo } = s;
  return [
    registerSafeCommand('hubmon.connect', notifier, () => controller.connect()),
    registerSafeCommand('hubmon.disconnect', notifier, () => controller.disconnect()),
    registerSafeCommand('hubmon.reconnectNow', notifier, () => controller.reconnectNow()),
    registerSafeCommand('hubmon.showTimeline', notifier, () => log.show()),
    registerSafeCommand('hubmon.showActions', notifier, async () => {
      const snap = controller.snapshot();
      const signedIn = snap.auth === 'signed-in';
      const connected = snap.user?.kind === 'connected' || snap.market?.kind === 'connected';
      const actions: { label: string; detail?: string; command: string; show: boolean }[] = [
        { label: '$(sign-in) Sign In…', detail: `to ${snap.profile.name}`, command: 'hubmon.signIn', show: !signedIn },
        { label: '$(beaker) Start Demo Gateway', detail: 'A simulated gateway on 127.0.0.1: live data without an account', command: 'hubmon.startDemo', show: !demo.running },
        { label: '$(plug) Connect', command: 'hubmon.connect', show: signedIn && !connected },
        { label: '$(refresh) Reconnect Now', command: 'hubmon.reconnectNow', show: signedIn },
        { label: '$(debug-disconnect) Disconnect', command: 'hubmon.disconnect', show: signedIn && connected },
        { label: '$(account) Subscribe to Account…', command: 'hubmon.subscribeAccount', show: connected },
        { label: '$(symbol-number) Subscribe to Contract…', command: 'hubmon.subscribeContract', show: connected },
        { label: '$(graph-line) Open Quote Chart', command: 'hubmon.openQuoteChart', show: connected },
        { label: '$(output) Show Timeline', command: 'hubmon.showTimeline', show: true },
        { label: '$(pulse) Diagnose Connection', detail: 'Test DNS, TCP, TLS, token, upgrade, handshake, ping, subscription, first event', command: 'hubmon.diagnose', show: true },
        { label: '$(file-code) Show Raw Frames', command: 'hubmon.showRawFrames', show: signedIn },
        { label: '$(copy) Copy Diagnostic Summary', command: 'hubmon.copyDiagnostics', show: true },
        { label: '$(record) Record Session…', command: 'hubmon.startRecording', show: connected && !recording() },
        { label: '$(debug-stop) Stop Recording', command: 'hubmon.stopRecording', show: recording() },
        { label: '$(play) Replay Recording…', detail: 'Through the demo gateway into the views', command: 'hubmon.replay', show: true },
        { label: '$(server-environment) Select Profile…', detail: `active: ${snap.profile.name}`, command: 'hubmon.selectProfile', show: true },
        { label: '$(debug-stop) Stop Demo Gateway', command: 'hubmon.stopDemo', show: demo.running },
        { label: '$(sign-out) Sign Out', command: 'hubmon.signOut', show: signedIn },
      ];
      const picked = await vscode.window.showQuickPick(
        actions.filter((a) => a.show),
        { title: `Hub Monitor · ${snap.profile.name}`, placeHolder: 'Choose an action' },
      );
      if (picked) await vscode.commands.executeCommand(picked.command);
    }),
  ];
}
