// The sentinel test, in a real extension host: a sentinel API key and the tokens the gateway issues
// for it are used through a whole session (sign in, connect, fault, reconnect, diagnose, record,
// copy summary, sign out) against a simulator started here on 127.0.0.1 (a profile of its own in
// hubmon.profiles). Afterwards neither the key nor any issued token may appear in the output log
// files, any settings scope, globalState, workspaceState, the recording, the summary, the doctor's
// report, the chart page or any message shown to the user. The chart page's CSP is strict and a
// malformed webview message is rejected and logged.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { ChartFeed } from '../../src/core/chart/chartFeed';
import { ChartSession } from '../../src/core/chart/chartSession';
import type { DoctorReport } from '../../src/core/doctor/types';
import type { HubMonitorApi } from '../../src/extension/api';
import { chartCsp, chartHtml } from '../../src/extension/chart/chartHtml';
import { createPublicApi } from '../../src/extension/publicApi';
import type { SignInResult } from '../../src/extension/controller/monitorController';
import { GatewaySimulator } from '../../src/simulator/index';
import { activateApi, EXTENSION_ID, until } from './support/host';

const extensionId = EXTENSION_ID;
const SENTINEL_KEY = `SENTINEL-KEY-${randomBytes(9).toString('hex')}`;
const USER = 'sentinel-trader';
const PROFILE = 'sentinel';


function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** The extension's log folder and the output channel files VS Code writes beside it. */
function logFiles(logUri: vscode.Uri): string[] {
  const hostLogs = dirname(logUri.fsPath);
  const channels = existsSync(hostLogs) ? readdirSync(hostLogs).filter((d) => d.startsWith('output_logging_')).flatMap((d) => filesUnder(join(hostLogs, d))) : [];
  return [...filesUnder(logUri.fsPath), ...channels];
}

describe('Secrets: a sentinel key and its tokens through a whole session (in host)', function () {
  this.timeout(90_000);
  let a: HubMonitorApi;
  let sim: GatewaySimulator;
  const tokens = new Set<string>();
  const recordingFile = join(tmpdir(), `hubmon-sentinel-${process.pid}-${Date.now()}.jsonl`);
  /** Every place a secret must not reach, gathered during the session. */
  const haystacks: { where: string; text: string }[] = [];
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('hubmon');
  const connected = (): boolean => {
    const s = a.controller.snapshot();
    return s.profile.id === PROFILE && s.user?.kind === 'connected' && s.market?.kind === 'connected';
  };
  const collectToken = async (): Promise<void> => {
    const stored = (await a.secrets.get(PROFILE)).token;
    if (stored) tokens.add(stored);
    const live = a.controller.monitor?.tokens;
    if (live) tokens.add(await live.getToken());
  };

  before(async () => {
    a = await activateApi();
    sim = new GatewaySimulator({ users: [{ userName: USER, apiKey: SENTINEL_KEY }], marketIntervalMs: 250, userActivityIntervalMs: 1000 });
    const urls = await sim.start();
    await config().update('profiles', [{ id: PROFILE, name: 'Sentinel gateway', apiUrl: urls.restUrl, userHubUrl: urls.userHubUrl, marketHubUrl: urls.marketHubUrl }], vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    if (a.recording.recording) await vscode.commands.executeCommand('hubmon.stopRecording');
    await vscode.commands.executeCommand('hubmon.signOut', { profileId: PROFILE });
    await config().update('activeProfile', undefined, vscode.ConfigurationTarget.Global);
    await config().update('profiles', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sim.stop();
    rmSync(recordingFile, { force: true });
  });

  it('runs the session: sign in, connect, fault, reconnect, diagnose, record, copy summary, sign out', async () => {
    await vscode.commands.executeCommand('hubmon.selectProfile', PROFILE);
    // A wrong key that contains the sentinel: its error line must not echo it.
    const wrong = await vscode.commands.executeCommand<SignInResult>('hubmon.signIn', { userName: USER, apiKey: `${SENTINEL_KEY}-wrong` });
    assert.ok(wrong && !wrong.ok);
    const result = await vscode.commands.executeCommand<SignInResult>('hubmon.signIn', { userName: USER, apiKey: SENTINEL_KEY });
    assert.deepEqual(result, { ok: true });
    await until('connected to the sentinel gateway', connected);
    await collectToken();
    // Every token the session ever holds is checked, refreshed ones included.
    const tokenWatch = a.controller.monitor?.tokens.onDidChangeToken(() => void collectToken());
    const account = sim.world.accounts[0];
    const contract = sim.world.contracts[0];
    assert.ok(account && contract);
    const m0 = (): NonNullable<typeof a.controller.monitor> => {
      assert.ok(a.controller.monitor);
      return a.controller.monitor;
    };
    await vscode.commands.executeCommand('hubmon.subscribeAccount', { accountId: account.id });
    await vscode.commands.executeCommand('hubmon.subscribeContract', { contractId: contract.id });

    // What other extensions get (the public API's state and its change events) and what a chart
    // page is sent, through the whole session below.
    const publicApi = createPublicApi(a.controller);
    const apiEvents: unknown[] = [publicApi.api.state()];
    const apiWatch = publicApi.api.onDidChangeState((state) => apiEvents.push(state));
    const webviewMessages: unknown[] = [];
    const chartFeed = new ChartFeed(m0().market, { historySeconds: 300 });
    const chart = new ChartSession(
      { post: (msg) => webviewMessages.push(msg), feed: () => chartFeed, contracts: () => [{ id: contract.id, label: contract.name }], historySeconds: () => 300, log: () => undefined, onDidSelectContract: () => undefined, noFeedNotice: () => 'not connected' },
      contract.id,
    );
    chart.handleMessage({ type: 'ready' });

    await vscode.commands.executeCommand('hubmon.startRecording', recordingFile);
    // Fault: every socket dropped; then a refused upgrade (401) on the next attempt, so the token is refreshed.
    const m = a.controller.monitor;
    assert.ok(m);
    let reconnects = 0;
    const subs = [m.user.onDidReconnect(() => (reconnects += 1)), m.market.onDidReconnect(() => (reconnects += 1))];
    try {
      sim.faults.revokeTokens();
      sim.faults.dropAll();
      await until('both hubs reconnected', () => reconnects >= 2 && connected(), 30_000);
    } finally {
      subs.forEach((s) => s.dispose());
    }
    await collectToken();
    // A server that echoed the secrets into a frame: the recording and the frame view must drop them.
    const token = [...tokens].at(-1) ?? '';
    sim.faults.sendInvocation('user', 'GatewayUserAccount', [{ id: account.id, name: `${SENTINEL_KEY} ${token}`, balance: 1, canTrade: true, isVisible: true, simulated: true }]);
    await until('the echo reached the frame log', () => (a.extras.frames?.entries('user') ?? []).some((f) => f.records.some((r) => r.summary === 'invocation GatewayUserAccount' && r.text.includes('«redacted»'))));
    haystacks.push({ where: 'raw frame view', text: (await vscode.commands.executeCommand<string>('hubmon.showRawFrames', 'user')) ?? '' });

    const report = await vscode.commands.executeCommand<DoctorReport>('hubmon.diagnose', { timeoutMs: 5000, firstEventMs: 3000 });
    assert.ok(report);
    assert.equal(report.firstFailure, undefined, `doctor: ${report.firstFailure?.title}: ${report.firstFailure?.cause}`);
    const reportDoc = vscode.workspace.textDocuments.find((d) => d.languageId === 'markdown' && d.getText().startsWith('# Hub Monitor connection report'));
    assert.ok(reportDoc, 'the report is open');
    haystacks.push({ where: 'doctor report', text: reportDoc.getText() }, { where: 'doctor steps', text: JSON.stringify(report) });

    const recorded = await vscode.commands.executeCommand<{ lines: number }>('hubmon.stopRecording');
    assert.ok(recorded && recorded.lines > 0);
    haystacks.push({ where: 'recording', text: readFileSync(recordingFile, 'utf8') });

    const summary = await vscode.commands.executeCommand<string>('hubmon.copyDiagnostics');
    assert.ok(summary);
    haystacks.push({ where: 'diagnostic summary', text: summary }, { where: 'clipboard', text: await vscode.env.clipboard.readText() });

    await vscode.commands.executeCommand('hubmon.openQuoteChart', contract.id);
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext);
    haystacks.push({ where: 'chart page', text: chartHtml({ cspSource: 'https://webview.test', script: 'main.js', style: 'style.css', codicons: 'codicon.css' }) });

    // A failure whose texts could carry the token: the hub states' causes and details.
    sim.faults.rejectUpgrades(401);
    await vscode.commands.executeCommand('hubmon.reconnectNow');
    await until('a failed or reconnecting hub', () => ['failed', 'reconnecting'].includes(a.controller.snapshot().user?.kind ?? ''));
    haystacks.push({ where: 'hub states', text: JSON.stringify(a.controller.snapshot()) });
    sim.faults.reset();
    await collectToken();
    tokenWatch?.dispose();
    haystacks.push({ where: 'public API (exports) state and events', text: JSON.stringify(apiEvents) }, { where: 'chart webview messages', text: JSON.stringify(webviewMessages) });
    assert.ok(apiEvents.length > 1 && webviewMessages.length > 1, 'the public API and the chart page saw the session');
    apiWatch.dispose();
    publicApi.disposable.dispose();
    chart.dispose();
    chartFeed.dispose();

    await vscode.commands.executeCommand('hubmon.signOut');
    assert.deepEqual(await a.secrets.get(PROFILE), { userName: undefined, apiKey: undefined, token: undefined });
    assert.ok(tokens.size >= 2, `the gateway issued a new token after the revocation (${tokens.size} seen)`);
  });

  it('the sentinel key and every issued token are nowhere outside SecretStorage', async () => {
    assert.ok(haystacks.length > 0, 'the session ran');
    // The log files are written asynchronously: wait until the sign-out line is in them.
    let logs = '';
    await until('the log files hold the sign-out', () => {
      logs = logFiles(a.logUri).map((f) => readFileSync(f, 'utf8')).join('\n');
      return logs.includes('signed out of Sentinel gateway');
    });
    haystacks.push({ where: 'log files', text: logs });
    const ext = vscode.extensions.getExtension(extensionId);
    const keys = Object.keys((ext?.packageJSON as { contributes: { configuration: { properties: Record<string, unknown> } } }).contributes.configuration.properties);
    haystacks.push({ where: 'settings (every scope)', text: keys.map((k) => JSON.stringify(vscode.workspace.getConfiguration().inspect(k) ?? null)).join('\n') });
    for (const [where, memento] of [['globalState', a.globalState], ['workspaceState', a.workspaceState]] as const) {
      haystacks.push({ where, text: memento.keys().map((k) => `${k}=${JSON.stringify(memento.get(k))}`).join('\n') });
    }
    haystacks.push({ where: 'notifications and errors', text: a.notifier.history.map((h) => h.text).join('\n') });
    assert.ok(a.notifier.history.some((h) => /InvalidCredentials/.test(h.text)), 'the wrong-key error was shown (and is checked)');
    const leaks: string[] = [];
    for (const { where, text } of haystacks) {
      if (text.includes(SENTINEL_KEY)) leaks.push(`${where}: the API key`);
      for (const token of tokens) if (text.includes(token)) leaks.push(`${where}: a token`);
    }
    assert.deepEqual(leaks, []);
  });

  it('the chart page allows no inline or eval script, and a malformed webview message is rejected and logged', () => {
    const csp = chartCsp('https://webview.test', 'bm9uY2U=');
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-bm9uY2U='/);
    const logged: string[] = [];
    const posted: unknown[] = [];
    const session = new ChartSession(
      { post: (m) => posted.push(m), feed: () => undefined, contracts: () => [], historySeconds: () => 300, log: (_level, text) => logged.push(text), onDidSelectContract: () => undefined, noFeedNotice: () => 'not connected' },
      undefined,
    );
    try {
      session.handleMessage({ type: 'runCommand', command: 'rm -rf /' });
      session.handleMessage('not an object');
      session.handleMessage({ type: 'selectContract', contractId: 42 });
    } finally {
      session.dispose();
    }
    assert.equal(logged.filter((l) => /rejected a message from the chart webview/.test(l)).length, 3, logged.join('\n'));
  });
});
