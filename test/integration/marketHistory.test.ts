import assert from 'node:assert/strict';
import { GatewayClient } from '../../src/core/gateway/gatewayClient';
import { GatewayError } from '../../src/core/gateway/gatewayError';
import { BarUnit, type HistoryBar, type RetrieveBarsRequest } from '../../src/core/gateway/historyBars';
import { MarketRig } from '../support/marketRig';
import { postJson } from '../unit/simulator/rawHubClient';

const ES = 'CON.F.US.EP.U25';
const TICK = 0.25;

function request(over: Partial<RetrieveBarsRequest> = {}): RetrieveBarsRequest {
  const now = Date.now();
  return { contractId: ES, live: false, startTime: new Date(now - 3700_000), endTime: new Date(now + 1000), unit: BarUnit.Minute, unitNumber: 1, limit: 1000, includePartialBar: true, ...over };
}

function assertBars(bars: readonly HistoryBar[], stepMs: number): void {
  for (let i = 0; i < bars.length; i++) {
    const b = bars[i];
    assert.equal(b.t.getTime() % stepMs, 0, `bar ${i} starts on its boundary`);
    if (i > 0) assert.ok(b.t > bars[i - 1].t, 'oldest first, no bar twice');
    assert.ok(b.h >= Math.max(b.o, b.c) && b.l <= Math.min(b.o, b.c) && b.v > 0, JSON.stringify(b));
    for (const p of [b.o, b.h, b.l, b.c]) assert.equal((p / TICK) % 1, 0, 'on the tick grid');
  }
}

describe('History/retrieveBars: bars from the market’s own prints', function () {
  this.timeout(30_000);
  let rig: MarketRig;
  let client: GatewayClient;
  let token: string;
  let api: string;

  before(async () => {
    rig = await MarketRig.open(ES, { seed: 2 });
    client = new GatewayClient(rig.sim.urls.restUrl);
    token = await rig.sim.issueToken();
    api = `${rig.sim.urls.restUrl}/api/History/retrieveBars`;
  });
  afterEach(() => rig.sim.market.reset());
  after(() => rig.close());

  it('an hour of minute bars, then live prints continue from the last bar without a jump', async () => {
    const minutes = await client.retrieveBars(token, request());
    assert.ok(minutes.length >= 60 && minutes.length <= 62, `${minutes.length} minute bars`);
    assertBars(minutes, 60_000);
    const seconds = await client.retrieveBars(token, request({ unit: BarUnit.Second, limit: 10 }));
    assert.equal(seconds.length, 10, 'limit keeps the newest bars');
    assertBars(seconds, 1000);
    const lastClose = seconds[seconds.length - 1].c;
    assert.equal(minutes[minutes.length - 1].c, lastClose, 'minute and second bars end on the same print');

    await rig.ticks(100);
    const live = rig.checker.tradePrices;
    assert.ok(live.length >= 100);
    assert.ok(Math.abs(live[0] - lastClose) <= TICK, `first live print ${live[0]} joins the last bar's close ${lastClose}`);
    const after = await client.retrieveBars(token, request({ unit: BarUnit.Second, limit: 5 }));
    assert.equal(after[after.length - 1].c, live[live.length - 1], 'the partial bar closes on the last live print');
    const complete = await client.retrieveBars(token, request({ unit: BarUnit.Second, includePartialBar: false }));
    assert.ok(complete.every((b) => b.t.getTime() < Math.floor(Date.now() / 1000) * 1000), 'no partial bar unless asked');
    const hours = await client.retrieveBars(token, request({ unit: BarUnit.Hour, startTime: new Date(Date.now() - 3 * 3600_000) }));
    assertBars(hours, 3600_000);
    assert.equal(hours.reduce((n, b) => n + b.v, 0), (await client.retrieveBars(token, request({ unit: BarUnit.Second, limit: 20_000, startTime: new Date(Date.now() - 3 * 3600_000) }))).reduce((n, b) => n + b.v, 0), 'every print counted once at any unit');
  });

  it('validates like the gateway: 400 problem details per field, an envelope for an unknown contract, an empty live tier', async () => {
    const body = { contractId: ES, live: false, startTime: new Date(Date.now() - 60_000).toISOString(), endTime: new Date().toISOString(), unit: 2, unitNumber: 1, limit: 10, includePartialBar: false };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...body, contractId: undefined }, 'contractId'],
      [{ ...body, unit: 9 }, 'unit'],
      [{ ...body, unitNumber: 0 }, 'unitNumber'],
      [{ ...body, limit: 'ten' }, 'limit'],
      [{ ...body, startTime: 'yesterday' }, 'startTime'],
      [{ ...body, endTime: new Date(Date.now() - 3600_000).toISOString() }, 'endTime'],
      [{ ...body, live: 'no' }, 'live'],
    ];
    for (const [bad, field] of cases) {
      const r = await postJson(api, bad, token);
      assert.equal(r.status, 400, field);
      assert.deepEqual(Object.keys(r.json?.errors as object), [field]);
    }
    const unknown = await postJson(api, { ...body, contractId: 'CON.F.US.XX.Z99' }, token);
    assert.deepEqual([unknown.status, unknown.json?.success, unknown.json?.errorCode], [200, false, 1]);
    const live = await postJson(api, { ...body, live: true }, token);
    assert.deepEqual([live.json?.success, live.json?.bars], [true, []]);
    assert.equal((await postJson(api, body)).status, 401);
    await assert.rejects(client.retrieveBars(token, request({ contractId: 'CON.F.US.XX.Z99' })), (e: unknown) => e instanceof GatewayError && e.kind === 'business' && /History\/retrieveBars/.test(e.message));
  });

  it('control history: slow, failing with an envelope, or HTTP 500, each named by the client', async () => {
    rig.sim.market.history({ fail: 'envelope' });
    await assert.rejects(client.retrieveBars(token, request()), (e: unknown) => e instanceof GatewayError && e.kind === 'business' && /unavailable/.test(e.message));
    rig.sim.market.history({ fail: 'http500' });
    await assert.rejects(client.retrieveBars(token, request()), (e: unknown) => e instanceof GatewayError && e.httpStatus === 500);
    rig.sim.market.history({ delayMs: 1500 });
    const impatient = new GatewayClient(rig.sim.urls.restUrl, { timeoutMs: 100 });
    await assert.rejects(impatient.retrieveBars(token, request()), (e: unknown) => e instanceof GatewayError && e.kind === 'network');
    rig.sim.market.history(undefined);
    assert.ok((await client.retrieveBars(token, request())).length > 0, 'answers again once the fault clears');
  });
});
