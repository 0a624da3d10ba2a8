// Trust, in a real extension host: a workspace's .vscode/settings.json that redefines the signed-in
// profile (same id, URLs of a recording server on 127.0.0.1) changes nothing and receives nothing;
// a user-settings change that moves the profile asks once before the stored key goes there, and
// declining keeps every request at the old URLs; accepting sends it (so the recorder can see it).
// The vscode-untrusted stage runs this suite again in a workspace VS Code does not trust.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HubMonitorApi } from '../../src/extension/api';
import { KEEP_OLD, SEND_THERE, type AskUser } from '../../src/extension/auth/originBinding';
import type { SignInResult } from '../../src/extension/controller/monitorController';
import { USER_ONLY_SETTINGS } from '../../src/extension/profiles/settings';
import { GatewaySimulator } from '../../src/simulator/index';
import { RecordingServer } from '../support/recordingServer';
import { activateApi, EXTENSION_ID, UNTRUSTED_RUN, until } from './support/host';

const KEY = `TRUST-KEY-${randomBytes(9).toString('hex')}`;
const USER = 'trust-trader';
const PROFILE = 'trusted';
const NAME = 'Trusted gateway';

/** The untrusted run (runInHost.mjs --untrusted) opens the same folder in restricted mode. */
const untrusted = process.env[UNTRUSTED_RUN] === '1';

const profileAt = (base: string): Record<string, string> => ({ id: PROFILE, name: NAME, apiUrl: base, userHubUrl: `${base}/hubs/user`, marketHubUrl: `${base}/hubs/market` });

describe(`Trust: hostile workspace settings and moved profiles (in host, ${untrusted ? 'untrusted' : 'trusted'} workspace)`, function () {
  this.timeout(90_000);
  let a: HubMonitorApi;
  let sim: GatewaySimulator;
  let simBase: string;
  const attacker = new RecordingServer();
  const second = new RecordingServer();
  let attackerBase: string;
  let secondBase: string;
  let askBefore: AskUser;
  const questions: string[] = [];
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const workspaceSettings = folder ? join(folder, '.vscode', 'settings.json') : '';
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('hubmon');
  const connectedAt = (base: string): boolean => {
    const s = a.controller.snapshot();
    return a.controller.monitor !== undefined && s.user?.kind === 'connected' && s.market?.kind === 'connected' && a.controller.monitor.profile.apiUrl === base;
  };

  before(async function () {
    if (!folder) this.skip();
    a = await activateApi();
    askBefore = a.controller.originBinding.ask;
    // A modal cannot be clicked from here: every question is recorded and declined unless a test says otherwise.
    a.controller.originBinding.ask = (question) => {
      questions.push(question);
      return Promise.resolve(KEEP_OLD);
    };
    sim = new GatewaySimulator({ users: [{ userName: USER, apiKey: KEY }], marketIntervalMs: 500, userActivityIntervalMs: 1000 });
    simBase = (await sim.start()).restUrl;
    attackerBase = await attacker.start();
    secondBase = await second.start();
    await config().update('profiles', [profileAt(simBase)], vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('hubmon.selectProfile', PROFILE);
    const result = await vscode.commands.executeCommand<SignInResult>('hubmon.signIn', { userName: USER, apiKey: KEY });
    assert.deepEqual(result, { ok: true });
    await until('connected to the trusted gateway', () => connectedAt(simBase));
  });

  after(async () => {
    if (a) {
      a.controller.originBinding.ask = askBefore;
      rmSync(join(folder ?? '', '.vscode'), { recursive: true, force: true });
      await vscode.commands.executeCommand('hubmon.signOut', { profileId: PROFILE });
      await config().update('activeProfile', undefined, vscode.ConfigurationTarget.Global);
      await config().update('profiles', undefined, vscode.ConfigurationTarget.Global);
    }
    await sim?.stop();
    await attacker.stop();
    await second.stop();
  });

  it(`the workspace is ${untrusted ? 'not trusted (restricted mode)' : 'trusted'}, as this run asks`, () => {
    assert.equal(vscode.workspace.isTrusted, !untrusted);
  });

  it('every setting that decides where a key goes is application-scoped, read from user settings only and restricted in untrusted workspaces', () => {
    interface Manifest {
      capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] }; virtualWorkspaces: unknown };
      contributes: { configuration: { properties: Record<string, { scope?: string }> } };
    }
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as Manifest;
    const userOnly = [...USER_ONLY_SETTINGS].map((k) => `hubmon.${k}`).sort();
    assert.deepEqual(userOnly, ['hubmon.activeProfile', 'hubmon.autoConnect', 'hubmon.demo.autoStart', 'hubmon.profiles', 'hubmon.tokenTransport']);
    for (const key of userOnly) assert.equal(manifest.contributes.configuration.properties[key]?.scope, 'application', key);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual([...manifest.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(), userOnly);
    assert.equal(manifest.capabilities.virtualWorkspaces, true);
  });

  it('a workspace redefining the signed-in profile (and auto-connect) reaches neither the settings nor the attacker', async () => {
    mkdirSync(join(folder ?? '', '.vscode'), { recursive: true });
    writeFileSync(workspaceSettings, JSON.stringify({
      'hubmon.profiles': [profileAt(attackerBase)],
      'hubmon.activeProfile': PROFILE,
      'hubmon.autoConnect': true,
      'hubmon.tokenTransport': 'query',
      // A setting workspaces may set: tells us VS Code has read this file.
      'hubmon.staleAfterSeconds': 17,
    }, null, 2));
    await until('VS Code read the workspace settings', () => config().inspect('staleAfterSeconds')?.workspaceValue === 17);
    assert.equal(a.profiles.active.apiUrl, simBase, 'the profile keeps its user-settings URLs');
    assert.equal(a.profiles.settings.tokenTransport, 'both');
    // A reconnect uses the stored token (the doctor is run in the next test).
    await vscode.commands.executeCommand('hubmon.reconnectNow');
    await until('reconnected at the trusted gateway', () => connectedAt(simBase));
    assert.deepEqual(questions, [], 'nothing to ask: the workspace changed nothing');
    assert.equal(attacker.connections, 0, `the attacker saw: ${attacker.transcript()}`);
    rmSync(join(folder ?? '', '.vscode'), { recursive: true, force: true });
    await until('the workspace settings are gone', () => config().inspect('staleAfterSeconds')?.workspaceValue === undefined);
  });

  it('a user-settings change that moves the profile asks once; declining keeps every request at the old URLs', async () => {
    a.controller.originBinding.ask = (question, yes, no) => {
      questions.push(question);
      assert.deepEqual([yes, no], [SEND_THERE, KEEP_OLD]);
      return Promise.resolve(no);
    };
    await config().update('profiles', [profileAt(attackerBase)], vscode.ConfigurationTarget.Global);
    await until('the user was asked', () => questions.length === 1);
    const [, attackerPort] = /:(\d+)$/.exec(attackerBase) ?? [];
    const [, simPort] = /:(\d+)$/.exec(simBase) ?? [];
    assert.equal(questions[0], `Profile ${NAME} now points to 127.0.0.1:${attackerPort} (was 127.0.0.1:${simPort}). Send your key there?`);
    await until('reconnected at the old URLs', () => connectedAt(simBase));
    // Another settings change rebuilds nothing new and does not ask again; a reconnect and the doctor stay home.
    await config().update('staleAfterSeconds', 12, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('hubmon.reconnectNow');
    await until('connected at the old URLs', () => connectedAt(simBase));
    const report = await vscode.commands.executeCommand<{ firstFailure?: unknown }>('hubmon.diagnose', { timeoutMs: 5000, firstEventMs: 3000 });
    assert.ok(report && report.firstFailure === undefined, 'the doctor ran against the old URLs');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('staleAfterSeconds', undefined, vscode.ConfigurationTarget.Global);
    assert.equal(questions.length, 1, questions.join('\n'));
    assert.equal(attacker.connections, 0, `the new URLs saw: ${attacker.transcript()}`);
  });

  it('accepting sends the key to the new URLs (the recorder does see requests it is allowed)', async () => {
    a.controller.originBinding.ask = (question) => {
      questions.push(question);
      return Promise.resolve(SEND_THERE);
    };
    await config().update('profiles', [profileAt(secondBase)], vscode.ConfigurationTarget.Global);
    await until('asked about the second server', () => questions.length === 2);
    const token = (await a.secrets.get(PROFILE)).token ?? 'no stored token';
    await until('the second server got the key or the token', () => second.transcript().includes(KEY) || second.transcript().includes(token));
    assert.equal(attacker.connections, 0);
  });
});
