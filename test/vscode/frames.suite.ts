// Raw frames, record and replay inside a real extension host against the embedded demo gateway:
// the hubmon-frames: documents list labelled SignalR records, redacted; a recorded session played
// back through the simulator delivers the same events to the views again.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { GatewayEvent } from '../../src/core/events/types';
import { DEMO_API_KEY } from '../../src/core/profiles';
import { readRecording } from '../../src/core/recording/recordingFile';
import { recordedSubscriptions, replayFrames, type ReplayResult } from '../../src/core/recording/replay';
import type { HubMonitorApi } from '../../src/extension/api';
import type { RecordingResult } from '../../src/extension/recording/sessionRecording';
import { activateApi, EXTENSION_ID, until } from './support/host';

const extensionId = EXTENSION_ID;


/** Distinctive last prices no live demo quote has (the demo world trades far from these). */
const MARK_PRICES = [1111.25, 2222.5, 3333.75];

describe('Raw frames, record and replay (in host, demo gateway)', function () {
  this.timeout(60_000);
  let a: HubMonitorApi;
  const files: string[] = [];
  const connectedWithSubs = (): boolean => {
    const s = a.controller.snapshot();
    const m = a.controller.monitor;
    const subs = m ? [...m.user.subscriptions.list(), ...m.market.subscriptions.list()] : [];
    return s.user?.kind === 'connected' && s.market?.kind === 'connected' && subs.length > 0 && subs.every((x) => x.status.kind === 'active');
  };
  const quoteContract = (): string => {
    const sub = a.controller.monitor?.market.subscriptions.list().find((s) => s.method === 'SubscribeContractQuotes');
    assert.ok(sub && typeof sub.arg === 'string', 'the demo subscribes to a contract');
    return sub.arg;
  };
  /** Collects the marked quotes the monitor delivers (what the tree and the chart consume). */
  const markedQuotes = (): { prices: number[]; dispose(): void } => {
    const prices: number[] = [];
    const m = a.controller.monitor;
    assert.ok(m);
    const sub = m.market.onEvent((e: GatewayEvent) => {
      if (e.name === 'GatewayQuote' && e.data.lastPrice !== undefined && MARK_PRICES.includes(e.data.lastPrice)) prices.push(e.data.lastPrice);
    });
    return { prices, dispose: () => sub.dispose() };
  };

  before(async () => {
    a = await activateApi();
    await vscode.commands.executeCommand('hubmon.startDemo');
    await until('connected with active subscriptions', connectedWithSubs);
  });

  after(async () => {
    if (a.recording.recording) await vscode.commands.executeCommand('hubmon.stopRecording');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('hubmon.signOut', { profileId: 'demo' });
    await vscode.commands.executeCommand('hubmon.stopDemo');
    for (const f of files) rmSync(f, { force: true });
  });

  it('Show Raw Frames lists the handshake, invocations, completions and pings of a hub, redacted', async () => {
    const m = a.controller.monitor;
    const sim = a.demo.simulator;
    assert.ok(m && sim);
    // A fresh connection, so its handshake is among the last frames.
    await m.user.reconnectNow();
    await until('the user hub re-subscribed', connectedWithSubs);
    const token = (await a.secrets.get('demo')).token;
    assert.ok(token);
    // A payload carrying the secrets: the view must not show them even if a server echoed them.
    sim.faults.sendInvocation('user', 'GatewayUserAccount', [{ id: 1, name: `echo ${token} ${DEMO_API_KEY}`, balance: 1, canTrade: true, isVisible: true, simulated: true }]);
    await until('the echo frame is logged', () => (a.extras.frames?.entries('user') ?? []).some((f) => f.records.some((r) => r.summary === 'invocation GatewayUserAccount' && r.text.includes('echo'))));
    const text = await vscode.commands.executeCommand<string>('hubmon.showRawFrames', 'user');
    assert.ok(text);
    for (const line of [/→ handshake request json v1/, /← handshake ok/, /→ invocation SubscribeAccounts #\d+/, /← completion #\d+ ok/, /ping/, /← invocation GatewayUserAccount/]) {
      assert.match(text, line);
    }
    assert.ok(!text.includes(token), 'the token reached the raw frame view');
    assert.ok(!text.includes(DEMO_API_KEY), 'the API key reached the raw frame view');
    assert.match(text, /echo («jwt»|«redacted») «redacted»/);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'hubmon-frames' && d.uri.query === 'user');
    assert.ok(doc, 'a hubmon-frames: document is open');
    const market = await vscode.commands.executeCommand<string>('hubmon.showRawFrames', { hub: 'market' });
    assert.match(market ?? '', /← invocation GatewayQuote/);
  });

  it('Show Raw Frames refuses an argument that is not a hub, in one line', async () => {
    const before = a.notifier.history.length;
    const result = await vscode.commands.executeCommand('hubmon.showRawFrames', 'bogus');
    assert.equal(result, undefined);
    assert.equal(a.notifier.history.length, before + 1);
    assert.match(a.notifier.history.at(-1)?.text ?? '', /Show Raw Frames takes "user" or "market"/);
  });

  it('records a session, and a replay delivers the same events to the views again', async () => {
    const sim = a.demo.simulator;
    assert.ok(sim);
    const contractId = quoteContract();
    const file = join(tmpdir(), `hubmon-frames-suite-${process.pid}-${Date.now()}.jsonl`);
    files.push(file);
    const started = await vscode.commands.executeCommand<string>('hubmon.startRecording', { file });
    assert.equal(started, file);
    assert.equal(a.recording.recording, true);
    const live = markedQuotes();
    try {
      for (const price of MARK_PRICES) sim.faults.sendInvocation('market', 'GatewayQuote', [contractId, { symbol: 'F.US.X', symbolName: 'X', lastPrice: price, bestBid: price - 0.25, bestAsk: price + 0.25, timestamp: new Date().toISOString() }]);
      await until('the marked quotes arrived', () => live.prices.length === MARK_PRICES.length);
    } finally {
      live.dispose();
    }
    const done = await vscode.commands.executeCommand<RecordingResult>('hubmon.stopRecording');
    assert.ok(done && done.lines > 0);
    assert.equal(a.recording.recording, false);
    const recorded = readFileSync(file, 'utf8');
    assert.match(recorded.split('\n')[0], /"type":"header"/);
    for (const price of MARK_PRICES) assert.ok(recorded.includes(String(price)), `the recording holds the quote ${price}`);
    const token = (await a.secrets.get('demo')).token ?? '<none>';
    assert.ok(!recorded.includes(token), 'the token reached the recording');

    const replayed = markedQuotes();
    let result: ReplayResult | undefined;
    try {
      result = await vscode.commands.executeCommand<ReplayResult>('hubmon.replay', { file, speed: 'max' });
      await until('the replayed quotes arrived', () => replayed.prices.length >= MARK_PRICES.length);
    } finally {
      replayed.dispose();
    }
    assert.ok(result && !result.aborted && result.events >= MARK_PRICES.length, `replay result ${JSON.stringify(result)}`);
    assert.deepEqual(replayed.prices, MARK_PRICES, 'the same events, in the recorded order');
    assert.match(a.log.timelineLines().join('\n'), /replay of hubmon-frames-suite-.*finished: \d+ events/);
  });

  it('a file that is not a recording is refused in one line naming the line', async () => {
    const file = join(tmpdir(), `hubmon-frames-suite-bad-${process.pid}.jsonl`);
    files.push(file);
    writeFileSync(file, '{"type":"header","version":1,"profile":"x","startedAt":"2025-01-01T00:00:00Z","tool":"hubmon"}\nnot json\n');
    const result = await vscode.commands.executeCommand('hubmon.replay', { file, speed: 'max' });
    assert.equal(result, undefined);
    const shown = a.notifier.history.at(-1);
    assert.equal(shown?.level, 'error');
    assert.match(shown.text, /:2: not a JSON line/);
  });

  it('replays the shipped example recording into the views', async function () {
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext);
    const example = vscode.Uri.joinPath(ext.extensionUri, 'media', 'examples', 'demo-session.jsonl').fsPath;
    let text: string;
    try {
      text = readFileSync(example, 'utf8');
    } catch {
      this.skip(); // media/examples is written by the engine engineer; absent in this checkout.
    }
    assert.ok(!/eyJ[\w-]+\.[\w-]+\.[\w-]+/.test(text), 'the shipped example holds no JWT');
    const recording = readRecording(example);
    const expected = replayFrames(recording).reduce((n, f) => n + f.events, 0);
    const result = await vscode.commands.executeCommand<ReplayResult>('hubmon.replay', { file: example, speed: 'max' });
    assert.ok(result && !result.aborted, `replay result ${JSON.stringify(result)}`);
    assert.equal(result.events, expected, 'every recorded event was played');
    // The replay subscribed what the recording's frames needed: those rows are in the tree.
    const keys = new Set(a.tree.model.rows().flatMap((r) => (r.node.kind === 'subscription' ? [r.node.key] : [])));
    for (const sub of recordedSubscriptions(recording)) assert.ok(keys.has(sub.arg === undefined ? sub.method : `${sub.method}:${sub.arg}`), `a row for ${sub.method} ${String(sub.arg)}`);
  });
});
