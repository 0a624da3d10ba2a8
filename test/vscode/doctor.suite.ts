// The connection doctor, stale/market-closed health and the resync after a reconnect, inside a real
// extension host against the embedded demo gateway (the real simulator, the real signalr client).
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DoctorReport } from '../../src/core/doctor/types';
import type { ResyncResult } from '../../src/core/resync/accountResync';
import type { HubMonitorApi } from '../../src/extension/api';
import { activateApi, until } from './support/host';

const DAY = 86_400_000;


/** The first instant after `from` + 1 day whose UTC weekday and hour are as given (future: ages stay positive). */
function nextUtc(from: number, weekday: number, hour: number): number {
  const d = new Date(from + DAY);
  d.setUTCMinutes(0, 0, 0);
  while (d.getUTCDay() !== weekday || d.getUTCHours() !== hour) d.setTime(d.getTime() + 3_600_000);
  return d.getTime();
}

describe('Diagnose, stale feeds and resync (in host, demo gateway)', function () {
  this.timeout(60_000);
  let a: HubMonitorApi;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('hubmon');
  const connected = (): boolean => {
    const s = a.controller.snapshot();
    return s.user?.kind === 'connected' && s.market?.kind === 'connected';
  };
  const subsActive = (): boolean => {
    const m = a.controller.monitor;
    const all = m ? [...m.user.subscriptions.list(), ...m.market.subscriptions.list()] : [];
    return all.length > 0 && all.every((s) => s.status.kind === 'active');
  };

  before(async () => {
    a = await activateApi();
    await vscode.commands.executeCommand('hubmon.startDemo');
    await until('both hubs connected with their subscriptions', () => connected() && subsActive());
  });

  after(async () => {
    a.demo.simulator?.faults.reset();
    a.clock.setTime(undefined);
    await config().update('staleAfterSeconds', undefined, vscode.ConfigurationTarget.Global);
    await config().update('hubStaleAfterSeconds', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('hubmon.signOut', { profileId: 'demo' });
    await vscode.commands.executeCommand('hubmon.stopDemo');
  });

  it('Diagnose Connection passes every step against the demo gateway and opens the Markdown report', async () => {
    const report = await vscode.commands.executeCommand<DoctorReport>('hubmon.diagnose', { timeoutMs: 5000, firstEventMs: 5000 });
    assert.ok(report, 'the command returns the report');
    const failed = report.steps.filter((s) => s.verdict === 'fail').map((s) => `${s.title}: ${s.cause ?? s.detail}`);
    assert.deepEqual(failed, []);
    const seen = new Set(report.steps.map((s) => `${s.hub ?? '-'}:${s.id}`));
    for (const id of ['-:dns', '-:tcp', '-:rest', 'user:handshake', 'user:ping', 'user:subscribe', 'market:handshake', 'market:subscribe', 'market:first-event']) {
      assert.ok(seen.has(id), `step ${id} ran; steps: ${[...seen].join(', ')}`);
    }
    assert.equal(report.steps.find((s) => s.hub === 'market' && s.id === 'first-event')?.verdict, 'pass', 'a quote arrived on the test subscription');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.languageId, 'markdown');
    assert.match(editor.document.getText(), /^# Hub Monitor connection report/);
    const token = (await a.secrets.get('demo')).token ?? '<none>';
    assert.ok(!editor.document.getText().includes(token), 'the token reached the report');
    assert.equal(editor.document.uri.scheme, 'hubmon-report', 'a read-only virtual document, not an untitled one');
    assert.equal(editor.document.isUntitled, false);
    const target = vscode.Uri.file(join(tmpdir(), `hubmon-report-${process.pid}.md`));
    try {
      assert.deepEqual(await vscode.commands.executeCommand('hubmon.saveReport', target), target);
      assert.equal(readFileSync(target.fsPath, 'utf8'), editor.document.getText(), 'Save As writes the report');
    } finally {
      rmSync(target.fsPath, { force: true });
    }
    await vscode.commands.executeCommand('hubmon.copyReport');
    assert.equal(await vscode.env.clipboard.readText(), editor.document.getText(), 'Copy Report copies the report');
    const shown = a.notifier.history.at(-1);
    assert.equal(shown?.level, 'info');
    assert.match(shown.text, /Every step passed/);
  });

  it('with WebSocket upgrades rejected (HTTP 401) the report names the failing step and its cause', async () => {
    const sim = a.demo.simulator;
    assert.ok(sim);
    sim.faults.rejectUpgrades(401);
    let report: DoctorReport | undefined;
    try {
      report = await vscode.commands.executeCommand<DoctorReport>('hubmon.diagnose', { hubs: ['market'], timeoutMs: 3000, firstEventMs: 2000 });
    } finally {
      sim.faults.reset();
    }
    assert.ok(report);
    const first = report.firstFailure;
    assert.ok(first, `a failing step; steps: ${report.steps.map((s) => `${s.id}=${s.verdict}`).join(' ')}`);
    assert.match(first.id, /^upgrade/);
    assert.match(`${first.cause ?? ''} ${first.detail}`, /401/);
    assert.ok(first.fix, 'the failing step says what to do');
    const shown = a.notifier.history.at(-1);
    assert.equal(shown?.level, 'error');
    assert.ok(shown.text.includes(first.title), `the notification names the step: ${shown.text}`);
  });

  it('a silent feed says "market closed" at a weekend clock, and "stale" (a warning) on a weekday', async () => {
    const sim = a.demo.simulator;
    assert.ok(sim);
    await config().update('staleAfterSeconds', 1, vscode.ConfigurationTarget.Global);
    await config().update('hubStaleAfterSeconds', 1, vscode.ConfigurationTarget.Global);
    const quoteRow = () => a.tree.model.rows().find((r) => r.node.kind === 'subscription' && r.label.startsWith('Quotes'));
    const hubRow = () => a.tree.model.rows().find((r) => r.node.kind === 'hub' && r.node.hub === 'market');
    try {
      a.clock.setTime(nextUtc(Date.now(), 3, 16)); // Wednesday 16:00 UTC = 11:00/12:00 New York: open
      await until('quotes live on a weekday', () => !/stale|closed/.test(quoteRow()?.description ?? 'stale'));
      sim.faults.silence(true);
      await until('the quote row is stale', () => /stale \(silent for/.test(quoteRow()?.description ?? ''), 10_000);
      assert.match(hubRow()?.description ?? '', /^connected · stale \(silent for \d+ s\)$/, 'a connected hub without pings is stale');
      let view = a.status.view;
      assert.match(view.text, / · stale$/);
      assert.equal(view.background, 'warning');

      // The hub itself stays judged live from here (threshold 60 s); only the quote feed is silent.
      await config().update('hubStaleAfterSeconds', 60, vscode.ConfigurationTarget.Global);
      a.clock.setTime(nextUtc(Date.now(), 6, 16)); // Saturday: closed
      await until('the hub is no longer stale', () => !/stale/.test(hubRow()?.description ?? 'stale'));
      assert.match(quoteRow()?.description ?? '', /market closed \(weekend; reopens Sunday 18:00 New York\)/);
      assert.doesNotMatch(quoteRow()?.description ?? '', /stale/);
      view = a.status.view;
      assert.match(view.text, / · market closed$/);
      assert.equal(view.background, undefined, 'a closed market is information, not a warning');
    } finally {
      sim.faults.silence(false);
      a.clock.setTime(undefined);
      await config().update('staleAfterSeconds', undefined, vscode.ConfigurationTarget.Global);
      await config().update('hubStaleAfterSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
    await until('live again', () => connected() && !/stale|closed/.test(`${quoteRow()?.description ?? ''} ${hubRow()?.description ?? ''}`));
  });

  it('after a drop the open positions and orders are resynced through REST, with the gap in the log', async () => {
    const sim = a.demo.simulator;
    assert.ok(sim);
    const resynced = new Promise<ResyncResult>((resolve) => {
      const sub = a.extras.onDidResync((r) => {
        sub.dispose();
        resolve(r);
      });
    });
    sim.faults.dropAll('user');
    const result = await resynced;
    assert.equal(result.error, undefined);
    assert.ok(result.accounts.length > 0, 'the subscribed account was resynced');
    assert.ok(result.downMs >= 0);
    const accountId = result.accounts[0];
    assert.match(a.log.timelineLines().join('\n'), new RegExp(`\\[user\\] resync after [\\d.]+ ?m?s down: ${result.positions} positions, ${result.orders} orders`));
    await until('subscriptions re-acknowledged', () => connected() && subsActive());
    const state = a.extras.resync?.state;
    assert.ok(state);
    const rows = a.tree.model.rows();
    const positionsRow = rows.find((r) => r.node.kind === 'subscription' && r.label === `Positions · account ${accountId}`);
    const ordersRow = rows.find((r) => r.node.kind === 'subscription' && r.label === `Orders · account ${accountId}`);
    assert.match(positionsRow?.description ?? '', new RegExp(`· ${state.openPositions(accountId).length} open`));
    assert.match(ordersRow?.description ?? '', new RegExp(`· ${state.openOrders(accountId).length} open`));
  });
});
