// The views under stress and failure, in a real extension host against the embedded demo gateway:
// a quote flood refreshes changed tree nodes only and at most ~4 times a second; a terminal hub
// failure shows in the status bar with its cause; a sign-out/sign-in made in another window (a
// direct SecretStorage change) is followed; bad settings give one line each.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { demoProfile, TOPSTEPX_PROFILE } from '../../src/core/profiles';
import type { HubMonitorApi } from '../../src/extension/api';
import { parseUserProfiles } from '../../src/extension/profiles/profileStore';
import { DEFAULT_RECONNECT_DELAYS_MS } from '../../src/extension/profiles/settings';
import { FLUSH_INTERVAL_MS, type HubNode } from '../../src/extension/tree/hubTreeModel';
import { activateApi, until } from './support/host';

describe('Hub Monitor views under a flood and failures (in host, demo gateway)', function () {
  this.timeout(60_000);
  let a: HubMonitorApi;

  const kinds = (): string => {
    const s = a.controller.snapshot();
    return `${s.user?.kind ?? '-'}/${s.market?.kind ?? '-'}`;
  };

  before(async () => {
    a = await activateApi();
    await vscode.commands.executeCommand('hubmon.startDemo');
    await until('both hubs connected', () => kinds() === 'connected/connected');
  });

  after(async () => {
    a.demo.simulator?.faults.reset();
    await vscode.commands.executeCommand('hubmon.signOut', { profileId: 'demo' });
    await vscode.commands.executeCommand('hubmon.stopDemo');
  });

  it('a quote flood refreshes only the touched nodes, in at most one batch per 250 ms', async () => {
    const m = a.controller.monitor;
    const sim = a.demo.simulator;
    assert.ok(m && sim);
    const quotes = m.market.subscriptions.list().find((s) => s.method === 'SubscribeContractQuotes');
    assert.ok(quotes && typeof quotes.arg === 'string', 'the demo subscribes to a contract');
    // A whole-tree refresh from the (re)connect may still be pending: let it go out first.
    await new Promise((r) => setTimeout(r, FLUSH_INTERVAL_MS * 2));
    const before = quotes.events;
    const batches: (readonly HubNode[] | undefined)[] = [];
    const sub = a.tree.model.onDidChange((nodes) => batches.push(nodes));
    const started = Date.now();
    let elapsed = 0;
    try {
      const { sent } = await sim.flood({ contracts: [quotes.arg], count: 3000 });
      assert.ok(sent >= 3000, `flood sent ${sent}`);
      const counted = (): number => m.market.subscriptions.list().find((s) => s.key === quotes.key)?.events ?? 0;
      await until('the flood arrived', () => counted() >= before + 3000);
      elapsed = Date.now() - started;
      // Let the last coalesced batch go out.
      await new Promise((r) => setTimeout(r, FLUSH_INTERVAL_MS * 2));
    } finally {
      sub.dispose();
    }
    assert.ok(batches.length > 0, 'the tree was refreshed');
    assert.ok(batches.every((b) => b !== undefined), 'a flood never refreshes the whole tree');
    const touched = new Set(batches.flatMap((b) => (b ?? []).map((n) => n.id)));
    assert.ok(touched.has(`market/sub/${quotes.key}`), `quote row refreshed; touched: ${[...touched].join(', ')}`);
    assert.ok(!touched.has('profile'), 'the profile row is not refreshed');
    // 3000 events, yet batches bounded by the flush interval over the time the flood took.
    const allowed = Math.ceil((elapsed + FLUSH_INTERVAL_MS * 2) / FLUSH_INTERVAL_MS) + 1;
    assert.ok(batches.length <= allowed, `${batches.length} batches in ${elapsed} ms (allowed ${allowed})`);
  });

  it('a terminal failure (hub URL answers 404) turns the status bar red with the cause, and recovers', async () => {
    const sim = a.demo.simulator;
    assert.ok(sim);
    sim.faults.rejectUpgrades(404);
    await vscode.commands.executeCommand('hubmon.reconnectNow');
    await until('both hubs failed', () => kinds() === 'failed/failed');
    const view = a.status.view;
    assert.match(view.text, /^\$\(error\) User ✗ {2}Market ✗ · \S/);
    assert.equal(view.background, 'error');
    const failed = a.controller.snapshot().user;
    assert.ok(failed?.kind === 'failed');
    assert.equal(failed.cause.kind, 'not-found');
    assert.ok(view.tooltip.some((line) => line.includes(failed.cause.fix)), `tooltip names the fix: ${view.tooltip.join(' / ')}`);
    const hubRow = a.tree.model.rows().find((r) => r.node.kind === 'hub' && r.node.hub === 'user');
    assert.equal(hubRow?.description, 'failed');

    sim.faults.reset();
    await vscode.commands.executeCommand('hubmon.reconnectNow');
    await until('both hubs connected again', () => kinds() === 'connected/connected');
    assert.equal(a.status.view.text, '$(pass-filled) User ✓  Market ✓');
  });

  it('follows a sign-out and a sign-in made in another window (SecretStorage changes)', async () => {
    const stored = await a.secrets.get('demo');
    assert.ok(stored.token && stored.apiKey && stored.userName);
    // Another window shares SecretStorage: write it directly, not through our commands.
    await a.secrets.clear('demo');
    await until('signed out after the other window did', () => a.controller.snapshot().auth === 'signed-out');
    assert.equal(a.controller.monitor, undefined);
    await a.secrets.storeKey('demo', stored.userName, stored.apiKey);
    await a.secrets.storeToken('demo', stored.token);
    await until('reconnected after the other window signed in', () => kinds() === 'connected/connected');
  });

  it('stores the refreshed token back in SecretStorage (short-lived tokens), never in the log', async () => {
    const sim = a.demo.simulator;
    assert.ok(sim);
    sim.faults.tokenLifetime(8000);
    try {
      const result = await vscode.commands.executeCommand('hubmon.signIn', { userName: 'demo', apiKey: 'demo-api-key' });
      assert.deepEqual(result, { ok: true });
      const first = (await a.secrets.get('demo')).token;
      assert.ok(first);
      let latest = first;
      const deadline = Date.now() + 15_000;
      while (latest === first && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        latest = (await a.secrets.get('demo')).token ?? first;
      }
      assert.notEqual(latest, first, 'the token was refreshed before it expired and stored back');
      assert.equal(await a.controller.monitor?.tokens.getToken(), latest);
      const lines = a.log.timelineLines().join('\n');
      assert.match(lines, /token refreshed/);
      assert.ok(!lines.includes(first) && !lines.includes(latest), 'a token reached the timeline');
    } finally {
      sim.faults.tokenLifetime(undefined);
    }
    await vscode.commands.executeCommand('hubmon.signIn', { userName: 'demo', apiKey: 'demo-api-key' });
    await until('connected with a normal token', () => kinds() === 'connected/connected');
  });

  it('switching the profile reconnects with the new one', async function () {
    // Only with no TopstepX credentials in this profile: the test must not reach the internet.
    if (await a.secrets.hasCredentials('topstepx')) this.skip();
    await vscode.commands.executeCommand('hubmon.selectProfile', 'topstepx');
    await until('TopstepX active, signed out', () => a.controller.snapshot().profile.id === 'topstepx' && a.controller.snapshot().auth === 'signed-out');
    assert.equal(a.controller.monitor, undefined);
    assert.equal(a.status.view.text, '$(account) Hub Monitor: signed out');
    await vscode.commands.executeCommand('hubmon.selectProfile', 'demo');
    await until('demo connected again', () => a.controller.snapshot().profile.id === 'demo' && kinds() === 'connected/connected');
  });

  it('reports each bad profile entry in one line naming the fix, and keeps the good ones', () => {
    const problems: string[] = [];
    const settings = { activeProfile: 'topstepx', reconnectDelaysMs: DEFAULT_RECONNECT_DELAYS_MS, tokenTransport: 'both' as const, autoConnect: true, logDetail: 'timeline' as const, demoAutoStart: false, staleAfterSeconds: 10, hubStaleAfterSeconds: 20, statusBarShowWhenSignedOut: true };
    const good = { id: 'alpha', name: 'Alpha Ticks', apiUrl: 'https://api.alphaticks.projectx.com/', userHubUrl: 'https://rtc.alphaticks.projectx.com/hubs/user', marketHubUrl: 'https://rtc.alphaticks.projectx.com/hubs/market', tokenTransport: 'query' };
    const parsed = parseUserProfiles(
      [good, 'nope', { ...good, id: 'demo' }, { ...good, id: 'bad url', name: 'x' }, { ...good, id: 'b2', userHubUrl: 'ftp://x' }, { ...good, id: 'b3', tokenTransport: 'smoke' }],
      [TOPSTEPX_PROFILE, demoProfile()],
      settings,
      problems,
    );
    assert.deepEqual(parsed.map((p) => p.id), ['alpha', 'b3']);
    assert.equal(parsed[0].apiUrl, 'https://api.alphaticks.projectx.com', 'trailing slash removed');
    assert.equal(parsed[0].tokenTransport, 'query');
    assert.equal(parsed[1].tokenTransport, 'both', 'an invalid transport falls back to the setting');
    assert.equal(problems.length, 5, problems.join('\n'));
    for (const line of problems) {
      assert.doesNotMatch(line, /\n/);
      assert.match(line, /^hubmon\.profiles\[\d\]/);
    }
    assert.match(problems[0], /not an object/);
    assert.match(problems[1], /id "demo" is already used/);
    assert.match(problems[2], /"id" must be/);
    assert.match(problems[3], /"userHubUrl" must be an http\(s\) URL/);
    assert.match(problems[4], /"tokenTransport" must be/);
  });
});
