import assert from 'node:assert/strict';
import type { Contract } from '../../src/core/gateway/types';
import { contractRows, FRONT_MONTH, rememberRecent, type ContractRow } from '../../src/extension/contracts/contractItems';

const contract = (id: string, name: string, activeContract = false): Contract => ({ id, name, description: `${name} future`, tickSize: 0.25, tickValue: 12.5, activeContract, symbolId: undefined });
const ES_Z = contract('CON.F.US.EP.Z25', 'ESZ5', true);
const ES_H = contract('CON.F.US.EP.H26', 'ESH6');
const NQ = contract('CON.F.US.ENQ.Z25', 'NQZ5', true);

const shape = (rows: ContractRow[]): string[] => rows.map((r) => (r.kind === 'contract' ? `${r.section}:${r.id}` : `${r.kind}:${r.label}`));

describe('contract picker rows', () => {
  it('lists subscribed, then recent, then the search answer, each contract once', () => {
    const rows = contractRows({ subscribed: [NQ.id], recent: [ES_H.id, NQ.id], results: [ES_H, ES_Z, NQ], query: 'E' });
    assert.deepEqual(shape(rows), [
      'separator:Subscribed',
      `subscribed:${NQ.id}`,
      'separator:Recent',
      `recent:${ES_H.id}`,
      'separator:Matching "E"',
      `search:${ES_Z.id}`,
    ]);
  });

  it('marks the front month and puts it first in the answer', () => {
    const rows = contractRows({ subscribed: [], recent: [], results: [ES_H, ES_Z], query: 'ES' }).filter((r) => r.kind === 'contract');
    assert.deepEqual(rows.map((r) => r.kind === 'contract' && [r.id, r.frontMonth]), [[ES_Z.id, true], [ES_H.id, false]]);
    assert.ok(rows[0].kind === 'contract' && rows[0].description.includes(FRONT_MONTH));
    assert.ok(rows[1].kind === 'contract' && !rows[1].description.includes(FRONT_MONTH));
  });

  it('names subscribed ids from any earlier answer; unknown ids show as themselves', () => {
    const rows = contractRows({ subscribed: [ES_Z.id, 'CON.F.US.XX.Z25'], recent: [], known: new Map([[ES_Z.id, ES_Z]]) });
    const [first, second] = rows.filter((r) => r.kind === 'contract');
    assert.ok(first.kind === 'contract' && first.label === 'ESZ5' && first.detail?.includes('tick 0.25 = $12.50'));
    assert.ok(second.kind === 'contract' && second.label === 'CON.F.US.XX.Z25' && second.detail === undefined);
  });

  it('offers "All N subscribed" only with more than one, and only when asked', () => {
    assert.ok(contractRows({ subscribed: [ES_Z.id, NQ.id], recent: [], offerAll: true }).some((r) => r.kind === 'all' && r.ids.length === 2));
    assert.ok(!contractRows({ subscribed: [ES_Z.id, NQ.id], recent: [] }).some((r) => r.kind === 'all'));
    assert.ok(!contractRows({ subscribed: [ES_Z.id], recent: [], offerAll: true }).some((r) => r.kind === 'all'));
  });

  it('says why a search found nothing or failed, and still offers a full contract id typed out', () => {
    const none = contractRows({ subscribed: [], recent: [], results: [], query: 'CON.F.US.ZZ.Z25' });
    assert.deepEqual(shape(none), ['message:No contract matches "CON.F.US.ZZ.Z25": try a root symbol such as ES or NQ.', 'typed:Use CON.F.US.ZZ.Z25']);
    const failed = contractRows({ subscribed: [], recent: [], query: 'ES', error: 'HTTP 500' });
    assert.deepEqual(shape(failed), ['message:Search failed: HTTP 500']);
  });

  it('remembers recent picks newest first, without duplicates, capped', () => {
    assert.deepEqual(rememberRecent(['a', 'b', 'c'], ['c']), ['c', 'a', 'b']);
    assert.equal(rememberRecent(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], ['x']).length, 8);
  });
});
