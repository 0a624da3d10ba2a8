// The bounds on what a server controls (src/core/limits.ts), one by one: a REST body read at most
// so far, a Map keyed by server data that stays at its limit, view text clipped to one short line,
// the raw-frame log bounded in characters, and a recording that stops at its size limit.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHubInvocation } from '../../src/core/events/parse';
import type { GatewayEvent } from '../../src/core/events/types';
import { BodyTooLargeError, readBoundedText } from '../../src/core/gateway/boundedBody';
import { AccountState } from '../../src/core/resync/accountState';
import { RawFrameLog } from '../../src/core/recording/rawFrameLog';
import { SessionRecorder } from '../../src/core/recording/recorder';
import type { RawFrame } from '../../src/core/recording/types';
import { Timeline } from '../../src/core/timeline/timeline';
import { BoundedMap, MAX_ACCOUNT_KEYS } from '../../src/core/util/boundedMap';
import { clipText } from '../../src/core/util/clip';
import { Emitter } from '../../src/core/util/emitter';

/** A body that never ends; counts the chunks pulled and whether it was cancelled. */
function endlessResponse(headers: Record<string, string> = {}): { response: Response; pulled: () => number; cancelled: () => boolean } {
  let pulled = 0;
  let cancelled = false;
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled++;
      controller.enqueue(chunk);
    },
    cancel() {
      cancelled = true;
    },
  });
  return { response: new Response(body, { headers }), pulled: () => pulled, cancelled: () => cancelled };
}

describe('bounds on what a server sends', () => {
  describe('readBoundedText', () => {
    it('reads a body under the limit as text', async () => {
      assert.equal(await readBoundedText(new Response('{"success":true}'), 1024), '{"success":true}');
    });

    it('cuts a never-ending body at the limit and cancels the stream', async () => {
      const endless = endlessResponse();
      await assert.rejects(readBoundedText(endless.response, 1024 * 1024), (e: unknown) => e instanceof BodyTooLargeError && e.limit === 1024 * 1024);
      assert.ok(endless.cancelled(), 'the stream was cancelled');
      assert.ok(endless.pulled() <= 1024 / 64 + 2, `read ${endless.pulled()} chunks of 64 KiB for a 1 MiB limit`);
    });

    it('refuses a declared Content-Length over the limit without reading', async () => {
      const endless = endlessResponse({ 'content-length': String(10 * 1024 * 1024) });
      await assert.rejects(readBoundedText(endless.response, 1024 * 1024), BodyTooLargeError);
      assert.ok(endless.pulled() <= 1, `pulled ${endless.pulled()} chunks`);
    });
  });

  describe('BoundedMap', () => {
    it('keeps at most its limit, dropping the least recently set key', () => {
      const map = new BoundedMap<string, number>(500);
      for (let i = 0; i < 100_000; i++) map.set(`CON.${i}`, i);
      assert.equal(map.size, 500);
      assert.ok(!map.has('CON.0') && map.has('CON.99999') && map.has('CON.99500'));
    });

    it('setting a key again makes it the newest', () => {
      const map = new BoundedMap<string, number>(2);
      map.set('a', 1).set('b', 2).set('a', 3).set('c', 4);
      assert.deepEqual([...map.entries()], [['a', 3], ['c', 4]]);
    });
  });

  describe('clipText', () => {
    it('makes a server string one short line', () => {
      const clipped = clipText(`evil\nname\u2028${'x'.repeat(5_000_000)}`);
      assert.equal(clipped.length, 200);
      assert.ok(clipped.endsWith('…') && !/[\n\u2028]/.test(clipped), clipped.slice(0, 20));
      assert.equal(clipText('ES Mini'), 'ES Mini');
    });
  });

  describe('RawFrameLog', () => {
    const frame = (text: string, at = 0): RawFrame => ({ at, hub: 'market', direction: 'in', text });

    it('keeps at most maxChars of frame text per hub, dropping the oldest frames', () => {
      const log = new RawFrameLog({ capacity: 1_000, maxChars: 100_000, notifyIntervalMs: 0 });
      for (let i = 0; i < 500; i++) log.append(frame(`{"type":6}\u001e${'x'.repeat(5_000)}`, i));
      const entries = log.entries('market');
      const kept = entries.reduce((sum, e) => sum + e.length, 0);
      assert.ok(kept <= 100_000, `kept ${kept} characters`);
      assert.ok(entries.length >= 10 && entries[entries.length - 1].at === 499, 'the newest frames are kept');
      log.dispose();
    });

    it('cuts a huge frame to its share of the budget and says so', () => {
      const log = new RawFrameLog({ maxChars: 80_000, notifyIntervalMs: 0 });
      log.append(frame(`{"type":1,"target":"GatewayQuote","arguments":["${'x'.repeat(8 * 1024 * 1024)}"]}\u001e`));
      log.append(frame('{"type":6}\u001e'));
      const [huge, ping] = log.entries('market');
      assert.ok(huge.length > 8 * 1024 * 1024, 'the full length is reported');
      assert.ok(huge.records.every((r) => r.text.length <= 10_001));
      assert.match(huge.records[huge.records.length - 1].summary + JSON.stringify(huge.records[huge.records.length - 1].label), /cut at 10000/);
      assert.equal(ping.records[0].label.kind, 'ping');
      log.dispose();
    });
  });

  describe('SessionRecorder', () => {
    let dir = '';
    before(() => (dir = mkdtempSync(join(tmpdir(), 'hubmon-bounds-'))));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('stops at its size limit with one line, keeping what came before', () => {
      const frames = new Emitter<RawFrame>();
      const timeline = new Timeline();
      const errors: string[] = [];
      const file = join(dir, 'capped.jsonl');
      const recorder = new SessionRecorder({ file, profileName: 'test', frames: (l) => frames.event(l), timeline, onError: (m) => errors.push(m), maxBytes: 256 * 1024, flushMs: 0 });
      for (let i = 0; i < 200; i++) frames.fire({ at: i, hub: 'market', direction: 'in', text: 'y'.repeat(10_000) });
      recorder.dispose();
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0], /stopped at its size limit \(256 KiB\)/);
      assert.ok(!errors[0].includes('\n'));
      assert.ok(statSync(file).size <= 256 * 1024, `file is ${statSync(file).size} bytes`);
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      assert.ok(lines.length > 10 && lines.every((l) => JSON.parse(l) !== undefined), 'the kept lines are whole JSON lines');
      assert.equal(recorder.isRecording, false);
      timeline.dispose();
      frames.dispose();
    });
  });
});

describe('AccountState keyed by what the server sends', () => {
  it('keeps at most MAX_ACCOUNT_KEYS accounts, the newest', () => {
    const state = new AccountState();
    const order = (accountId: number): GatewayEvent => {
      const parsed = parseHubInvocation('user', 'GatewayUserOrder', [{ id: accountId, accountId, contractId: 'CON.F.US.EP.U25', creationTimestamp: '2025-07-01T14:00:00Z', updateTimestamp: '2025-07-01T14:00:00Z', status: 1, type: 1, side: 0, size: 1, limitPrice: 6000, stopPrice: null, fillVolume: 0, filledPrice: null }]);
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
      return parsed.events[0];
    };
    for (let id = 1; id <= 10_000; id++) state.apply(order(id));
    assert.equal(state.openOrders(10_000).length, 1, 'the newest account is kept');
    assert.equal(state.openOrders(1).length, 0, 'the oldest is dropped');
    const kept = Array.from({ length: 10_000 }, (_, i) => state.openOrders(i + 1).length).reduce((a, b) => a + b, 0);
    assert.equal(kept, MAX_ACCOUNT_KEYS);
  });
});
