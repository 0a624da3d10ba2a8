import assert from 'node:assert/strict';
import type { SnapshotMessage } from '../../src/shared/chartProtocol';
import { isContractId, parseFromWebview, parsePanelState, parseToWebview } from '../../src/shared/chartValidate';

describe('chart protocol validation', () => {
  it('accepts every well-formed webview message', () => {
    for (const msg of [
      { type: 'ready' },
      { type: 'selectContract', contractId: 'CON.F.US.EP.U25' },
      { type: 'setWindow', seconds: 300 },
      { type: 'setPaused', paused: true },
      { type: 'webviewError', text: 'boom' },
    ]) {
      const parsed = parseFromWebview(msg);
      assert.ok(parsed.ok, JSON.stringify(msg));
      assert.deepEqual(parsed.value, msg);
    }
  });

  it('rejects unknown and malformed webview messages with a reason', () => {
    const cases: [unknown, RegExp][] = [
      [null, /got null/],
      ['ready', /got string/],
      [[], /got an array/],
      [{ type: 'runCommand', command: 'x' }, /unknown message type "runCommand"/],
      [{ type: 'selectContract', contractId: '../../etc' }, /not a contract id/],
      [{ type: 'selectContract', contractId: 'x'.repeat(101) }, /not a contract id/],
      [{ type: 'setWindow', seconds: 7 }, /seconds must be one of/],
      [{ type: 'setPaused', paused: 'yes' }, /boolean/],
      [{ type: 'webviewError', text: 3 }, /string/],
    ];
    for (const [msg, reason] of cases) {
      const parsed = parseFromWebview(msg);
      assert.equal(parsed.ok, false, JSON.stringify(msg));
      if (!parsed.ok) assert.match(parsed.error, reason);
    }
  });

  it('setChartMode: a known mode and timeframe only', () => {
    assert.deepEqual(parseFromWebview({ type: 'setChartMode', mode: 'candles', timeframe: '15m' }), { ok: true, value: { type: 'setChartMode', mode: 'candles', timeframe: '15m' } });
    const badMode = parseFromWebview({ type: 'setChartMode', mode: 'bars', timeframe: '1m' });
    assert.ok(!badMode.ok && /mode must be one of lines, candles/.test(badMode.error));
    const badTf = parseFromWebview({ type: 'setChartMode', mode: 'lines', timeframe: '2m' });
    assert.ok(!badTf.ok && /timeframe must be one of 1s, 5s, 1m, 5m, 15m, 1h/.test(badTf.error));
  });

  it('candles to the webview: OHLC bars validated, a bar with high under low or a bad timeframe refused', () => {
    const good = { type: 'candles', contractId: 'CON.F.US.EP.Z26', timeframe: '1m', replace: true, bars: [{ t: 60_000, o: 1, h: 2, l: 0.5, c: 1.5, v: 3 }] };
    assert.deepEqual(parseToWebview(good), { ok: true, value: good });
    for (const bad of [{ ...good, timeframe: '2m' }, { ...good, replace: 'yes' }, { ...good, bars: [{ t: 1, o: 1, h: 0, l: 2, c: 1, v: 1 }] }, { ...good, bars: [{ t: 1, o: 1, h: 2, l: 0, c: NaN, v: 1 }] }, { ...good, contractId: 'a b' }]) {
      assert.deepEqual(parseToWebview(bad), { ok: false, error: 'malformed candles' });
    }
  });

  it('truncates a long webview error text', () => {
    const parsed = parseFromWebview({ type: 'webviewError', text: 'e'.repeat(5000) });
    assert.ok(parsed.ok && parsed.value.type === 'webviewError' && parsed.value.text.length === 500);
  });

  it('re-validates saved panel state and defaults a bad window', () => {
    assert.deepEqual(parsePanelState({ v: 1, contractId: 'CON.F.US.MNQ.Z25', windowSeconds: 60 }), { ok: true, value: { v: 1, contractId: 'CON.F.US.MNQ.Z25', windowSeconds: 60, mode: 'candles', timeframe: '1m' } });
    assert.deepEqual(parsePanelState({ v: 1, contractId: 'A', windowSeconds: 60, mode: 'candles', timeframe: '5s' }), { ok: true, value: { v: 1, contractId: 'A', windowSeconds: 60, mode: 'candles', timeframe: '5s' } });
    const badMode = parsePanelState({ v: 1, contractId: 'A', windowSeconds: 60, mode: 'bars', timeframe: '2m' });
    assert.ok(badMode.ok && badMode.value.mode === 'candles' && badMode.value.timeframe === '1m');
    const bad = parsePanelState({ v: 1, contractId: 'CON.F.US.MNQ.Z25', windowSeconds: 61 });
    assert.ok(bad.ok && bad.value.windowSeconds === 300);
    assert.equal(parsePanelState(undefined).ok, false);
    assert.equal(parsePanelState({ v: 2, contractId: 'A' }).ok, false);
    assert.equal(parsePanelState({ v: 1, contractId: 'has space' }).ok, false);
  });

  it('round-trips a snapshot and a delta, and rejects corrupt points', () => {
    const snapshot: SnapshotMessage = {
      type: 'snapshot', contractId: 'CON.F.US.EP.U25', contracts: [{ id: 'CON.F.US.EP.U25', label: 'ES' }], windowSeconds: 300, historySeconds: 300, paused: false, mode: 'candles', timeframe: '5m',
      quotes: [{ t: 1, last: 2, bid: 1.75, ask: 2.25 }, { t: 2, bid: 1.5 }], trades: [{ t: 2, price: 2, buyVolume: 1, sellVolume: 0, count: 1 }],
      header: { last: 2, bid: 1.5, symbolName: 'ES' }, feed: { status: 'live', ageMs: 12, coalesced: 4 },
    };
    assert.deepEqual(parseToWebview(JSON.parse(JSON.stringify(snapshot))), { ok: true, value: snapshot });
    assert.equal(parseToWebview({ ...snapshot, quotes: [{ t: 'now', last: 1 }] }).ok, false);
    assert.equal(parseToWebview({ ...snapshot, feed: { status: 'exploded', coalesced: 0 } }).ok, false);
    assert.equal(parseToWebview({ ...snapshot, timeframe: '2m' }).ok, false);
    assert.equal(parseToWebview({ ...snapshot, mode: undefined }).ok, false);
    assert.deepEqual(parseToWebview({ ...snapshot, timeZone: 'America/Chicago' }), { ok: true, value: { ...snapshot, timeZone: 'America/Chicago' } });
    assert.equal(parseToWebview({ ...snapshot, timeZone: '<b>Chicago</b>' }).ok, false);
    assert.equal(parseToWebview({ ...snapshot, quotes: [{ t: 1, last: Infinity }] }).ok, false);
    const delta = { type: 'delta', contractId: 'CON.F.US.EP.U25', quotes: [], trades: [], header: {}, feed: { status: 'stale', coalesced: 0 } };
    assert.equal(parseToWebview(delta).ok, true);
    assert.equal(parseToWebview({ ...delta, contractId: undefined }).ok, false);
    assert.equal(parseToWebview({ type: 'notice', level: 'fatal', text: 'x' }).ok, false);
    assert.equal(parseToWebview({ type: 'eval', code: 'x' }).ok, false);
  });

  it('knows a contract id when it sees one', () => {
    assert.ok(isContractId('CON.F.US.EP.U25'));
    assert.ok(!isContractId(''));
    assert.ok(!isContractId('CON F'));
    assert.ok(!isContractId(42));
  });
});
