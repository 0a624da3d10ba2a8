import assert from 'node:assert/strict';
import { GatewayClient } from '../../src/core/gateway/gatewayClient';
import { GatewaySimulator } from '../../src/simulator';

describe('Contract/search answers what a trader types', () => {
  let sim: GatewaySimulator;
  let client: GatewayClient;
  let token: string;

  before(async () => {
    sim = new GatewaySimulator({ marketIntervalMs: 0, userActivityIntervalMs: 0 });
    client = new GatewayClient((await sim.start()).restUrl);
    token = await sim.issueToken();
  });
  after(() => sim.stop());

  const ids = async (text: string, live = false): Promise<string[]> => (await client.searchContracts(token, text, live)).map((c) => c.id).sort();

  it('symbol, product root and name; a product finds its micro; no substring of a description', async () => {
    assert.deepEqual(await ids('ES'), ['CON.F.US.EP.U25', 'CON.F.US.MES.U25']);
    assert.deepEqual(await ids('EP'), ['CON.F.US.EP.U25'], '"EP" is the E-mini’s root, not a piece of "September"');
    assert.deepEqual(await ids('MNQ'), ['CON.F.US.MNQ.U25']);
    assert.deepEqual(await ids('NQ'), ['CON.F.US.MNQ.U25', 'CON.F.US.NQ.U25']);
    assert.deepEqual(await ids('esu5'), ['CON.F.US.EP.U25'], 'the full symbol, any case');
    assert.deepEqual(await ids('gold'), ['CON.F.US.GC.Z25'], 'a word of the name');
    assert.deepEqual(await ids('CON.F.US.CL.X25'), ['CON.F.US.CL.X25'], 'the contract id');
  });

  it('a miss is empty, an empty text lists every contract, and the live tier holds none of the demo’s', async () => {
    assert.deepEqual(await ids('ZZZ'), []);
    assert.deepEqual(await ids('ep 500'), []);
    assert.deepEqual(await ids(''), sim.world.contracts.map((c) => c.id).sort());
    assert.deepEqual(await ids('ES', true), []);
  });

  it('each contract carries its real tick size and value', async () => {
    const facts = Object.fromEntries((await client.searchContracts(token, '')).map((c) => [c.name.slice(0, -2), [c.tickSize, c.tickValue]]));
    assert.deepEqual(facts, { ES: [0.25, 12.5], MES: [0.25, 1.25], NQ: [0.25, 5], MNQ: [0.25, 0.5], YM: [1, 5], GC: [0.1, 10], CL: [0.01, 10] });
  });
});
