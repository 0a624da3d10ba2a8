// deploy/: the alert rules pass promtool's checks and their unit tests; the scrape config is valid;
// the dashboard only queries metrics hubmon exports; the service recipes keep the key off the command line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HubmonMetrics } from '../../../src/core/metrics/hubmonMetrics';
import { repoRoot } from '../cliHarness';

const deploy = (file: string): string => join(repoRoot(), 'deploy', file);

function promtool(...args: string[]): string {
  const r = spawnSync('promtool', args, { cwd: join(repoRoot(), 'deploy'), encoding: 'utf8' });
  assert.equal(r.error, undefined, `promtool could not run (${String(r.error)}); run node scripts/deps.mjs`);
  assert.equal(r.status, 0, `promtool ${args.join(' ')}:\n${r.stdout}${r.stderr}`);
  return `${r.stdout}${r.stderr}`;
}

/** Every hubmon_* metric name the registry can export (account metrics with a source registered). */
async function exportedNames(): Promise<Set<string>> {
  const noop = { dispose: () => undefined };
  const hub = (name: 'user' | 'market') => ({
    hub: name,
    state: { kind: 'disconnected' as const },
    stats: { messages: 0, events: 0, lastMessageAt: undefined, lastEventAt: undefined, connectedSince: undefined, connectionId: undefined, reconnects: 0, parseFailures: 0 },
    subscriptions: { add: () => Promise.reject(new Error('unused')), remove: () => Promise.resolve(), list: () => [], onDidChange: () => noop, onDidRemove: () => noop },
    connection: { parseFailureCounts: new Map<string, number>() },
    onDidChangeState: () => noop,
    onEvent: () => noop,
    onFrame: () => noop,
    onDidReconnect: () => noop,
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    reconnectNow: () => Promise.resolve(),
    dispose: () => undefined,
  });
  const tokens = { expiresAt: undefined, getToken: () => Promise.resolve(''), refresh: () => Promise.resolve(''), onDidChangeToken: () => noop, onDidFail: () => noop };
  const metrics = new HubmonMetrics({ hubs: [hub('user'), hub('market')], tokens, processMetrics: false });
  metrics.addAccountSource({ accountMetrics: () => [] });
  const names = new Set((await metrics.registry.getMetricsAsJSON()).map((m) => m.name));
  metrics.dispose();
  return names;
}

describe('deploy/ files', function () {
  this.timeout(20_000);

  it('alerts.yml passes promtool check rules and every unit test in alerts.test.yml; prometheus.yml is a valid config', () => {
    assert.match(promtool('check', 'rules', 'alerts.yml'), /SUCCESS: 7 rules found/);
    assert.match(promtool('test', 'rules', 'alerts.test.yml'), /SUCCESS/);
    assert.match(promtool('check', 'config', 'prometheus.yml'), /valid prometheus config/);
  });

  it('each alert has a unit test', () => {
    const alerts = [...readFileSync(deploy('alerts.yml'), 'utf8').matchAll(/- alert: (\w+)/g)].map((m) => m[1]);
    const tested = new Set([...readFileSync(deploy('alerts.test.yml'), 'utf8').matchAll(/alertname: (\w+)/g)].map((m) => m[1]));
    assert.ok(alerts.length >= 7);
    for (const alert of alerts) assert.ok(tested.has(alert), `${alert} has no unit test`);
  });

  it('the dashboard and the rules query only metrics hubmon exports', async () => {
    const names = await exportedNames();
    const texts = [readFileSync(deploy('grafana-dashboard.json'), 'utf8'), readFileSync(deploy('alerts.yml'), 'utf8')];
    const dashboard = JSON.parse(texts[0]) as { panels: { targets: { expr: string }[] }[] };
    assert.ok(dashboard.panels.length >= 10);
    for (const text of texts) {
      for (const [used] of text.matchAll(/hubmon_[a-z_]+/g)) {
        const base = used.replace(/_(bucket|count|sum)$/, '');
        assert.ok(names.has(used) || names.has(base), `${used} is not a hubmon metric`);
      }
    }
    for (const must of ['hubmon_hub_state', 'hubmon_hub_reconnects_total', 'hubmon_events_total', 'hubmon_quote_age_seconds', 'hubmon_event_delay_seconds_bucket', 'hubmon_account_net_pnl', 'hubmon_account_rule_distance']) {
      assert.ok(texts[0].includes(must), `the dashboard shows ${must}`);
    }
  });

  it('the Dockerfile uses the official Node image as a non-root user; no recipe puts a key on the command line', () => {
    const docker = readFileSync(deploy('Dockerfile'), 'utf8');
    assert.match(docker, /^FROM node:\d+/m);
    assert.match(docker, /^USER node$/m);
    const unit = readFileSync(deploy('hubmon.service'), 'utf8');
    assert.match(unit, /^User=hubmon$/m);
    const exec = /^ExecStart=(.*)$/m.exec(unit)?.[1] ?? '';
    assert.match(exec, /watch .*--metrics 127\.0\.0\.1:9464/);
    for (const text of [exec, /^ENTRYPOINT (.*)$/m.exec(docker)?.[1] ?? '']) assert.doesNotMatch(text, /--token\b|PROJECTX_API_KEY=/);
  });
});
