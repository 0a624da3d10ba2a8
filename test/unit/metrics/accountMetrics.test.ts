import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { AccountMetrics, type AccountMetricsSnapshot, type AccountMetricsSource } from '../../../src/core/metrics/accountMetrics';
import { assertPromtoolAccepts, sample } from '../../support/promtool';

const alice: AccountMetricsSnapshot = {
  accountId: 101,
  name: 'Alice 50K',
  netPnl: -420.5,
  realizedPnl: -300,
  unrealizedPnl: -120.5,
  openPositions: 2,
  risk: [
    { rule: 'dailyLoss', distance: 579.5, state: 'warning' },
    { rule: 'maxLoss', distance: 1579.5, state: 'ok' },
    { rule: 'maxPosition', distance: 0, state: 'breached' },
  ],
};

describe('account metrics', () => {
  it('are absent without a source, follow a plain source per scrape, and vanish with its disposal', async () => {
    const registry = new Registry();
    const accounts = new AccountMetrics(registry);
    assert.doesNotMatch(await registry.metrics(), /hubmon_account_/);

    let snapshots: AccountMetricsSnapshot[] = [alice];
    const source: AccountMetricsSource = { accountMetrics: () => snapshots };
    const registration = accounts.addSource(source);
    let text = await registry.metrics();
    assertPromtoolAccepts(text);
    assert.equal(sample(text, 'hubmon_account_net_pnl{account="101"}'), -420.5);
    assert.equal(sample(text, 'hubmon_account_realized_pnl{account="101"}'), -300);
    assert.equal(sample(text, 'hubmon_account_unrealized_pnl{account="101"}'), -120.5);
    assert.equal(sample(text, 'hubmon_account_open_positions{account="101"}'), 2);
    assert.equal(sample(text, 'hubmon_account_rule_distance{account="101",rule="dailyLoss"}'), 579.5);
    assert.equal(sample(text, 'hubmon_account_rule_state{account="101",rule="dailyLoss",state="warning"}'), 1);
    assert.equal(sample(text, 'hubmon_account_rule_state{account="101",rule="dailyLoss",state="ok"}'), 0);
    assert.equal(sample(text, 'hubmon_account_rule_state{account="101",rule="maxPosition",state="breached"}'), 1);
    // Labels carry the id only: the name never becomes a label.
    assert.doesNotMatch(text, /Alice/);

    // The next scrape reads the source again: a closed position and a recovered rule show at once.
    snapshots = [{ ...alice, openPositions: 0, risk: [{ rule: 'dailyLoss', distance: 900, state: 'ok' }] }];
    text = await registry.metrics();
    assert.equal(sample(text, 'hubmon_account_open_positions{account="101"}'), 0);
    assert.equal(sample(text, 'hubmon_account_rule_state{account="101",rule="dailyLoss",state="warning"}'), 0);
    assert.equal(sample(text, 'hubmon_account_rule_distance{account="101",rule="maxPosition"}'), undefined);

    registration.dispose();
    assert.doesNotMatch(await registry.metrics(), /hubmon_account_/);
    // A second registration after the last disposal registers the gauges again.
    const again = accounts.addSource({ accountMetrics: () => [{ ...alice, accountId: 7 }] });
    assert.equal(sample(await registry.metrics(), 'hubmon_account_net_pnl{account="7"}'), -420.5);
    again.dispose();
  });
});
