// The extension layer inside a real extension host, against the embedded demo gateway (the real
// simulator on 127.0.0.1, the real @microsoft/signalr client): sign-in, SecretStorage only,
// connect, the tree and status bar, a drop and re-ack, the log file, sign-out, a bad key.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { HubState } from '../../src/core/hub/types';
import { DEMO_API_KEY, DEMO_USERNAME } from '../../src/core/profiles';
import type { HubMonitorApi } from '../../src/extension/api';
import type { SignInResult } from '../../src/extension/controller/monitorController';

const extensionId = 'hubmon.topstepx-hub-monitor';

async function api(): Promise<HubMonitorApi> {
  const ext = vscode.extensions.getExtension<HubMonitorApi>(extensionId);
  assert.ok(ext, `${extensionId} is not loaded`);
  const exported = await ext.activate();
  await exported.ready;
  return exported;
}

/** Resolves when `check` holds, re-checked on every controller change and every 100 ms. */
async function until(a: HubMonitorApi, what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  if (check()) return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error): void => {
      sub.dispose();
      clearInterval(poll);
      clearTimeout(limit);
      if (error) reject(error);
      else resolve();
    };
    const test = (): void => {
      if (check()) done();
    };
    const sub = a.controller.onDidChange(test);
    const poll = setInterval(test, 100);
    const limit = setTimeout(() => done(new Error(`timed out waiting for: ${what}`)), timeoutMs);
  });
}

const bothConnected = (a: HubMonitorApi): boolean => {
  const s = a.controller.snapshot();
  return s.user?.kind === 'connected' && s.market?.kind === 'connected';
};

const allSubscriptionsActive = (a: HubMonitorApi): boolean => {
  const m = a.controller.monitor;
  const all = m ? [...m.user.subscriptions.list(), ...m.market.subscriptions.list()] : [];
  return all.length > 0 && all.every((s) => s.status.kind === 'active');
};

/** Everything the extension wrote outside SecretStorage: settings (every scope) and globalState. */
function nonSecretStorage(a: HubMonitorApi): string {
  const config = vscode.workspace.getConfiguration('hubmon');
  const keys = ['activeProfile', 'profiles', 'autoConnect', 'reconnectDelaysMs', 'tokenTransport', 'logDetail', 'demo.autoStart', 'chart.historySeconds'];
  const settings = keys.map((k) => JSON.stringify(config.inspect(k) ?? null));
  const state = a.globalState.keys().map((k) => `${k}=${JSON.stringify(a.globalState.get(k))}`);
  return [...settings, ...state].join('\n');
}

/**
 * The "Hub Monitor" output channel's log file: VS Code writes a LogOutputChannel's file into the
 * extension's log folder (older versions: <exthost>/output_logging_<ts>/<n>-Hub Monitor.log).
 */
function outputLogText(logUri: vscode.Uri): string {
  const candidates = [join(logUri.fsPath, 'Hub Monitor.log')];
  const hostLogs = dirname(logUri.fsPath);
  if (existsSync(hostLogs)) {
    for (const dir of readdirSync(hostLogs).filter((d) => d.startsWith('output_logging_'))) {
      for (const file of readdirSync(join(hostLogs, dir)).filter((f) => f.endsWith('Hub Monitor.log'))) candidates.push(join(hostLogs, dir, file));
    }
  }
  return candidates.filter((f) => existsSync(f)).map((f) => readFileSync(f, 'utf8')).join('\n');
}

describe('Hub Monitor extension (in host, demo gateway)', function () {
  this.timeout(60_000);
  let a: HubMonitorApi;

  before(async () => {
    a = await api();
  });

  after(async () => {
    await vscode.commands.executeCommand('hubmon.signOut', { profileId: 'demo' });
    await vscode.commands.executeCommand('hubmon.stopDemo');
  });

  it('activates and registers every contributed command', async () => {
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext?.isActive);
    const contributed = ((ext.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length >= 15, `only ${contributed.length} commands contributed`);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
  });

  it('starts the demo gateway from its command and connects both hubs', async () => {
    await vscode.commands.executeCommand('hubmon.startDemo');
    assert.equal(a.demo.running, true);
    assert.equal(a.controller.profile.id, 'demo');
    await until(a, 'both hubs connected', () => bothConnected(a));
    await until(a, 'default subscriptions acknowledged', () => allSubscriptionsActive(a));
  });

  it('signs in through the command: key and token in SecretStorage and nowhere else', async () => {
    await vscode.commands.executeCommand('hubmon.signOut');
    assert.equal(a.controller.snapshot().auth, 'signed-out');
    const result = await vscode.commands.executeCommand<SignInResult>('hubmon.signIn', { userName: DEMO_USERNAME, apiKey: DEMO_API_KEY });
    assert.deepEqual(result, { ok: true });
    const stored = await a.secrets.get('demo');
    assert.equal(stored.apiKey, DEMO_API_KEY);
    assert.equal(stored.userName, DEMO_USERNAME);
    assert.match(stored.token ?? '', /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/, 'a JWT is stored');
    const elsewhere = nonSecretStorage(a);
    assert.ok(!elsewhere.includes(stored.token ?? '<none>'), 'the token reached settings or globalState');
    assert.ok(!elsewhere.includes(DEMO_API_KEY), 'the API key reached settings or globalState');
  });

  it('shows both hubs connected in the tree model and the status bar', async () => {
    await until(a, 'both hubs connected', () => bothConnected(a));
    await until(a, 'subscriptions re-acknowledged after sign-in', () => allSubscriptionsActive(a));
    const rows = a.tree.model.rows();
    const hubRows = rows.filter((r) => r.node.kind === 'hub').map((r) => `${r.label}: ${r.description}`);
    assert.deepEqual(hubRows, ['User Hub: connected', 'Market Hub: connected']);
    assert.ok(rows.some((r) => r.node.kind === 'subscription' && r.node.contractId && r.description.startsWith('active')), 'an active contract subscription row');
    assert.ok(rows.some((r) => r.node.kind === 'subscription' && r.node.accountId !== undefined && r.description.startsWith('active')), 'an active account subscription row');
    const view = a.status.view;
    assert.equal(view.text, '$(pass-filled) User ✓  Market ✓');
    assert.equal(view.background, undefined);
    assert.equal(view.color, 'testing.iconPassed');
  });

  it('persists the subscriptions per profile in globalState (ids only)', () => {
    const saved = a.controller.savedSubscriptions('demo');
    const m = a.controller.monitor;
    assert.ok(m);
    const live = [...m.user.subscriptions.list(), ...m.market.subscriptions.list()].map((s) => ({ method: s.method, arg: s.arg }));
    assert.deepEqual(
      saved.map((s) => `${s.method}:${s.arg ?? ''}`).sort(),
      live.map((s) => `${s.method}:${s.arg ?? ''}`).sort(),
    );
  });

  it('a simulator drop shows reconnecting, then connected, and re-acknowledges the subscriptions', async () => {
    const sim = a.demo.simulator;
    const m = a.controller.monitor;
    assert.ok(sim && m);
    const seen: HubState['kind'][] = [];
    const statusTexts: string[] = [];
    const reconnected: string[] = [];
    const subs = [
      m.market.onDidChangeState((s) => seen.push(s.kind)),
      a.controller.onDidChange(() => statusTexts.push(a.status.view.text)),
      m.market.onDidReconnect(() => reconnected.push('market')),
      m.user.onDidReconnect(() => reconnected.push('user')),
    ];
    try {
      sim.faults.dropAll();
      await until(a, 'both hubs reconnected', () => reconnected.length === 2 && bothConnected(a));
      await until(a, 'subscriptions re-acknowledged', () => allSubscriptionsActive(a));
    } finally {
      for (const s of subs) s.dispose();
    }
    const firstReconnecting = seen.indexOf('reconnecting');
    assert.ok(firstReconnecting >= 0, `market states: ${seen.join(' → ')}`);
    assert.ok(seen.indexOf('connected', firstReconnecting) > firstReconnecting, `market states: ${seen.join(' → ')}`);
    assert.ok(statusTexts.some((t) => t.includes('↻')), `status texts: ${statusTexts.join(' | ')}`);
    assert.equal(a.status.view.text, '$(pass-filled) User ✓  Market ✓');
  });

  it('writes the timeline to the output channel log file, without the token', async () => {
    const token = (await a.secrets.get('demo')).token;
    assert.ok(token);
    // The log file is written asynchronously: wait for the reconnect lines to land.
    const logUri = a.logUri;
    let text = '';
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      text = outputLogText(logUri);
      if (/\[market\].*reconnect/i.test(text)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.match(text, /\[demo\] .*\[user\] .*connected/i, 'a user-hub connected line');
    assert.match(text, /\[market\].*reconnect/i, 'the market reconnect lines');
    assert.ok(!text.includes(token), 'the token reached the log file');
    assert.ok(!text.includes(DEMO_API_KEY), 'the API key reached the log file');
  });

  it('copies a redacted diagnostic summary with the timeline', async () => {
    const token = (await a.secrets.get('demo')).token ?? '<none>';
    const text = await vscode.commands.executeCommand<string>('hubmon.copyDiagnostics');
    assert.ok(text);
    assert.match(text, /user hub: connected/);
    assert.match(text, /timeline \(last \d+\):/);
    assert.ok(!text.includes(token));
    assert.equal(await vscode.env.clipboard.readText(), text);
  });

  it('a wrong API key fails with the gateway\'s error name and keeps the session', async () => {
    const result = await vscode.commands.executeCommand<SignInResult>('hubmon.signIn', { userName: DEMO_USERNAME, apiKey: 'wrong-key-123' });
    assert.ok(result && !result.ok);
    assert.match(result.message, /InvalidCredentials \(3\)/);
    assert.ok(!result.message.includes('wrong-key-123'), 'the key is not echoed');
    const shown = a.notifier.history.at(-1);
    assert.equal(shown?.level, 'error');
    assert.equal(shown?.text, result.message);
    assert.equal((await a.secrets.get('demo')).apiKey, DEMO_API_KEY, 'a failed sign-in leaves the stored key alone');
  });

  it('signs out: secrets deleted, monitor gone, status signed out', async () => {
    await vscode.commands.executeCommand('hubmon.signOut');
    assert.deepEqual(await a.secrets.get('demo'), { userName: undefined, apiKey: undefined, token: undefined });
    assert.equal(a.controller.monitor, undefined);
    assert.equal(a.tree.model.roots().length, 0);
    assert.equal(a.status.view.text, '$(account) Hub Monitor: signed out');
  });

  it('restores and re-invokes the saved subscriptions on the next sign-in', async () => {
    const saved = a.controller.savedSubscriptions('demo');
    assert.ok(saved.length > 0);
    const result = await vscode.commands.executeCommand<SignInResult>('hubmon.signIn', { userName: DEMO_USERNAME, apiKey: DEMO_API_KEY });
    assert.deepEqual(result, { ok: true });
    await until(a, 'restored subscriptions acknowledged', () => bothConnected(a) && allSubscriptionsActive(a));
    const m = a.controller.monitor;
    assert.ok(m);
    const live = [...m.user.subscriptions.list(), ...m.market.subscriptions.list()].map((s) => `${s.method}:${s.arg ?? ''}`).sort();
    assert.deepEqual(live, saved.map((s) => `${s.method}:${s.arg ?? ''}`).sort());
  });

  it('a server-refused subscription shows the server\'s error in its tree row', async () => {
    await vscode.commands.executeCommand('hubmon.subscribeContract', { contractId: 'CON.F.US.NOPE.Z99', methods: ['SubscribeContractQuotes'] });
    const row = a.tree.model.rows().find((r) => r.node.kind === 'subscription' && r.node.contractId === 'CON.F.US.NOPE.Z99');
    assert.ok(row, 'the failed subscription has a row');
    assert.match(row.description, /^failed: \S/);
    assert.match(a.notifier.history.at(-1)?.text ?? '', /SubscribeContractQuotes\(CON\.F\.US\.NOPE\.Z99\) failed/);
    await vscode.commands.executeCommand('hubmon.unsubscribe', row.node);
    assert.equal(a.tree.model.rows().some((r) => r.node.kind === 'subscription' && r.node.contractId === 'CON.F.US.NOPE.Z99'), false);
  });
});
