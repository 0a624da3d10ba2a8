import assert from 'node:assert/strict';
import { parseFromLadder, parseLadderState, parseToLadder } from '../../../src/shared/ladderProtocol';

const window = { rows: [{ price: 100, bid: 5, ask: 0 }], tickSize: 0.25, bestBid: 100, bestAsk: 100.25, spread: 0.25, last: { price: 100, volume: 1 }, crossed: false, maxVolume: 5 };

describe('ladder protocol validation (both ways)', () => {
  it('the host accepts ready and recentre only', () => {
    assert.deepEqual(parseFromLadder({ type: 'recentre' }), { ok: true, value: { type: 'recentre' } });
    assert.deepEqual(parseFromLadder({ type: 'ready', extra: 1 }), { ok: true, value: { type: 'ready' } });
    assert.equal(parseFromLadder({ type: 'subscribe' }).ok, false);
    assert.equal(parseFromLadder('recentre').ok, false);
  });

  it('the page accepts a well-formed window and notice, and rejects broken ones', () => {
    assert.equal(parseToLadder({ type: 'window', contractId: 'CON.F.US.EP.U25', window }).ok, true);
    assert.equal(parseToLadder({ type: 'notice', level: 'error', text: 'x' }).ok, true);
    assert.equal(parseToLadder({ type: 'window', contractId: 'X', window: { ...window, rows: [{ price: 'a', bid: 1, ask: 1 }] } }).ok, false);
    assert.equal(parseToLadder({ type: 'window', contractId: 'X', window: { ...window, crossed: 'no' } }).ok, false);
    assert.equal(parseToLadder({ type: 'window', contractId: 'X', window: { ...window, last: { price: 1 } } }).ok, false);
    assert.equal(parseToLadder({ type: 'notice', level: 'loud', text: 'x' }).ok, false);
    assert.equal(parseToLadder(null).ok, false);
  });

  it('saved state restores only a plausible contract id', () => {
    assert.deepEqual(parseLadderState({ contractId: 'CON.F.US.EP.U25' }), { ok: true, value: { contractId: 'CON.F.US.EP.U25' } });
    assert.equal(parseLadderState({ contractId: '<script>' }).ok, false);
    assert.equal(parseLadderState(undefined).ok, false);
  });
});
