import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runDoctor, type DoctorOptions } from '../../src/core/doctor/doctor';
import { formatReportMarkdown } from '../../src/core/doctor/report';
import type { DoctorReport, DoctorStepResult } from '../../src/core/doctor/types';
import { GatewayClient } from '../../src/core/gateway/gatewayClient';
import { demoProfile, type Profile } from '../../src/core/profiles';
import { GatewaySimulator } from '../../src/simulator';

const CONTRACT = 'CON.F.US.EP.U25';
// A Wednesday noon in New York (market open) and a Saturday (closed), for the first-event verdict.
const WEDNESDAY_NOON_NY = Date.parse('2026-11-18T17:00:00Z');
const SATURDAY_NY = Date.parse('2026-11-21T17:00:00Z');

function step(report: DoctorReport, id: DoctorStepResult['id'], hub?: 'user' | 'market'): DoctorStepResult {
  const found = report.steps.find((s) => s.id === id && (hub === undefined || s.hub === hub));
  assert.ok(found, `step ${id} ${hub ?? ''} missing: ${report.steps.map((s) => s.id).join(',')}`);
  return found;
}

describe('connection doctor', function () {
  this.timeout(30_000);
  let sim: GatewaySimulator;
  let profile: Profile;
  let token: string;

  before(async () => {
    sim = new GatewaySimulator({ marketIntervalMs: 50, userActivityIntervalMs: 0 });
    const urls = await sim.start();
    profile = { ...demoProfile(urls.port) };
    token = await sim.issueToken();
  });
  after(() => sim.stop());
  afterEach(() => sim.faults.reset());

  const run = (over: Partial<DoctorOptions> = {}): Promise<DoctorReport> =>
    runDoctor({ profile, token, gateway: new GatewayClient((over.profile ?? profile).apiUrl), contractId: CONTRACT, timeoutMs: 1500, firstEventMs: 1500, now: () => WEDNESDAY_NOON_NY, ...over });

  it('passes every step against a healthy gateway, and the report holds no secret', async () => {
    const report = await run();
    assert.equal(report.firstFailure, undefined, JSON.stringify(report.firstFailure));
    assert.equal(step(report, 'dns').verdict, 'skip', 'an IP address needs no DNS');
    for (const id of ['tcp', 'rest', 'upgrade-header', 'upgrade-query', 'handshake', 'ping', 'subscribe'] as const) {
      assert.equal(step(report, id, id === 'tcp' || id === 'rest' ? undefined : 'market').verdict, 'pass', id);
    }
    assert.equal(step(report, 'tls').verdict, 'skip');
    assert.equal(step(report, 'negotiate', 'market').verdict, 'skip');
    assert.equal(step(report, 'first-event', 'market').verdict, 'pass');
    const markdown = formatReportMarkdown(report);
    assert.match(markdown, /Every step passed/);
    assert.ok(!markdown.includes(token), 'the token leaked into the report');
  });

  it('walks negotiate too when the profile uses it', async () => {
    const report = await run({ profile: { ...profile, skipNegotiation: false } });
    assert.equal(step(report, 'negotiate', 'user').verdict, 'pass');
    assert.equal(report.firstFailure, undefined);
  });

  it('names a rejected token at the REST step and both upgrades as HTTP 401', async () => {
    const bad = token.slice(0, -4) + 'AAAA';
    const report = await run({ token: bad });
    assert.equal(report.firstFailure?.id, 'rest');
    const header = step(report, 'upgrade-header', 'market');
    assert.equal(header.verdict, 'fail');
    assert.equal(header.kind, 'unauthorized');
    assert.match(header.cause ?? '', /HTTP 401/);
    assert.ok(!formatReportMarkdown(report).includes(bad));
  });

  it('names DNS for an unresolvable host', async () => {
    const dead = { ...profile, apiUrl: 'http://hubmon-doctor.invalid', userHubUrl: 'http://hubmon-doctor.invalid/hubs/user', marketHubUrl: 'http://hubmon-doctor.invalid/hubs/market' };
    const report = await run({ profile: dead });
    assert.equal(report.firstFailure?.id, 'dns');
    assert.equal(report.firstFailure?.kind, 'dns');
    assert.match(report.firstFailure?.cause ?? '', /does not resolve/);
  });

  it('names TCP when nothing listens', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const report = await run({ profile: demoProfile(port) });
    assert.equal(report.firstFailure?.id, 'tcp');
    assert.equal(report.firstFailure?.kind, 'refused');
    assert.match(report.firstFailure?.cause ?? '', /ECONNREFUSED/);
  });

  it('names TLS for a self-signed certificate', async () => {
    const dir = join(__dirname, '..', '..', '..', 'test', 'fixtures');
    const server: Server = createServer({ key: readFileSync(join(dir, 'selfsigned.key')), cert: readFileSync(join(dir, 'selfsigned.crt')) });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const report = await run({ profile: { ...profile, apiUrl: base, userHubUrl: `${base}/hubs/user`, marketHubUrl: `${base}/hubs/market` } });
      assert.equal(report.firstFailure?.id, 'tls');
      assert.equal(report.firstFailure?.kind, 'tls');
      assert.match(report.firstFailure?.cause ?? '', /SELF_SIGNED/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('names an upgrade that is never answered', async () => {
    sim.faults.hangUpgrades(true);
    const report = await run({ hubs: ['market'] });
    assert.equal(report.firstFailure?.id, 'upgrade-header');
    assert.equal(report.firstFailure?.kind, 'upgrade-timeout');
  });

  it('names a 503 on the upgrade', async () => {
    sim.faults.rejectUpgrades(503);
    const report = await run({ hubs: ['market'] });
    assert.equal(report.firstFailure?.kind, 'server-error');
    assert.match(report.firstFailure?.cause ?? '', /HTTP 503/);
  });

  it('names a handshake error', async () => {
    sim.faults.handshakeError('Requested protocol is not available');
    const report = await run({ hubs: ['market'] });
    assert.equal(report.firstFailure?.id, 'handshake');
    assert.equal(report.firstFailure?.kind, 'handshake-error');
  });

  it('finds the test contract from the gateway (Contract/search activeContract) and times a no-op Unsubscribe as the round trip', async () => {
    const searched = await new GatewayClient(profile.apiUrl).searchContracts(token, 'ES', false);
    const active = searched.find((c) => c.activeContract);
    assert.ok(active, 'the simulator flags an ES contract as active');
    const report = await run({ hubs: ['market'], contractId: undefined });
    assert.equal(report.firstFailure, undefined, JSON.stringify(report.firstFailure));
    assert.match(step(report, 'subscribe', 'market').detail, new RegExp(`^SubscribeContractQuotes\\(${active.id.replace(/\./g, '\\.')}\\) acknowledged \\(the active contract Contract/search found for "ES"\\)`));
    assert.match(step(report, 'ping', 'market').detail, new RegExp(`^UnsubscribeContractQuotes\\(${active.id.replace(/\./g, '\\.')}\\) before subscribing .* completed: round trip`));
    const invoked = sim.invocations('market').map((i) => i.target);
    assert.ok(invoked.includes('UnsubscribeContractQuotes') && !invoked.includes('HubMonitorPing'), invoked.join(','));
  });

  it('with no active contract, warns and asks for --contract instead of subscribing to a made-up one', async () => {
    const saved = sim.world.contracts.map((c) => c.activeContract);
    for (const c of sim.world.contracts) c.activeContract = false;
    try {
      const report = await run({ hubs: ['market'], contractId: undefined });
      const subscribe = step(report, 'subscribe', 'market');
      assert.equal(subscribe.verdict, 'warn');
      assert.match(subscribe.detail, /flags no contract as active/);
      assert.match(subscribe.fix ?? '', /--contract/);
      assert.equal(step(report, 'ping', 'market').verdict, 'skip');
      assert.equal(step(report, 'handshake', 'market').verdict, 'pass');
      assert.equal(report.firstFailure, undefined);
    } finally {
      sim.world.contracts.forEach((c, i) => (c.activeContract = saved[i]));
    }
  });

  it('names a subscription the server rejects, with the server error', async () => {
    sim.faults.failSubscribe('SubscribeContractQuotes', 'contract is not entitled');
    const report = await run({ hubs: ['market'] });
    assert.equal(report.firstFailure?.id, 'subscribe');
    assert.match(report.firstFailure?.detail ?? '', /not entitled/);
  });

  it('says "market closed" rather than failing when no quote comes at the weekend', async () => {
    sim.faults.silence(true);
    const closed = await run({ hubs: ['market'], now: () => SATURDAY_NY });
    const first = step(closed, 'first-event', 'market');
    assert.equal(first.verdict, 'info');
    assert.match(first.detail, /market closed/);
    const open = await run({ hubs: ['market'] });
    assert.equal(open.firstFailure?.id, 'first-event');
  });
});
