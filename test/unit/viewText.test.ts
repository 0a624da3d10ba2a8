// Server-chosen strings in the views (issue 10): a profile, contract or error text of 10,000
// characters, with line breaks in it, reaches a tree row, the status bar or the chart's contract
// list clipped to one short line (MAX_VIEW_TEXT_CHARS plus our own words).
import assert from 'node:assert/strict';
import type { HubFailure } from '../../src/core/errors/hubError';
import type { HubState, HubStats } from '../../src/core/hub/types';
import { MAX_VIEW_TEXT_CHARS } from '../../src/core/limits';
import type { HubClient, Monitor, SubscriptionInfo, SubscriptionSet } from '../../src/core/monitor/types';
import type { Profile } from '../../src/core/profiles';
import { subscribedContracts } from '../../src/extension/chart/contracts';
import { describe as describeState, statusView } from '../../src/extension/status/statusModel';
import { detailView, profileView, subscriptionView, type NodeView, type ViewInputs } from '../../src/extension/tree/nodeViews';

const HUGE = `${'X'.repeat(5_000)}\n${'Y'.repeat(4_999)}`;
/** Our own words around one clipped server text stay well under this. */
const LINE_BOUND = MAX_VIEW_TEXT_CHARS * 3;

const profile: Profile = { id: 'custom', name: HUGE, apiUrl: 'https://api.example.com', userHubUrl: 'https://rtc.example.com/hubs/user', marketHubUrl: 'https://rtc.example.com/hubs/market', tokenTransport: 'header', skipNegotiation: true };
const cause: HubFailure = { kind: 'unknown', cause: HUGE, fix: HUGE };
const inputs: ViewInputs = { now: Date.now(), health: undefined, accounts: undefined, quotes: new Map(), rates: new Map() };

function assertShort(what: string, text: string | undefined): void {
  if (text === undefined) return;
  assert.ok(text.length <= LINE_BOUND, `${what}: ${text.length} characters`);
  assert.ok(!/[\r\n\u2028\u2029]/.test(text), `${what}: one line`);
}

function assertNode(what: string, view: NodeView): void {
  assertShort(`${what} label`, view.label);
  assertShort(`${what} description`, view.description);
  // A tooltip may be Markdown of several lines: each of them is short.
  (view.tooltip ?? '').split('\n').forEach((line, i) => assertShort(`${what} tooltip line ${i}`, line));
}

/** A hub client as the view functions read it: its hub, state and counters. */
function client(state: HubState, connectionId?: string): HubClient {
  const stats: HubStats = { messages: 0, events: 0, lastMessageAt: undefined, lastEventAt: undefined, connectedSince: undefined, connectionId, reconnects: 0, parseFailures: 0 };
  const seen: Pick<HubClient, 'hub' | 'state' | 'stats'> = { hub: 'market', state, stats };
  return seen as HubClient;
}

describe('server text in the views is clipped to one short line', () => {
  it('tree: profile row', () => {
    assertNode('profile', profileView(profile));
    assert.ok(profileView(profile).label.startsWith('XXX'));
  });

  it('tree: subscription row with a huge contract id and failure text', () => {
    const info: SubscriptionInfo = { key: 'k', hub: 'market', method: 'SubscribeContractQuotes', arg: HUGE, status: { kind: 'failed', error: HUGE }, events: 0, lastEventAt: undefined };
    assertNode('subscription', subscriptionView(info, undefined, inputs));
    const unknown: SubscriptionInfo = { ...info, method: HUGE, arg: undefined };
    assertNode('unknown method', subscriptionView(unknown, undefined, inputs));
  });

  it('tree: hub detail rows (connection id, failed state)', () => {
    assertNode('connection id', detailView(client({ kind: 'disconnected' }, HUGE), 'connectionId', inputs));
    assertNode('state', detailView(client({ kind: 'failed', cause }), 'state', inputs));
    const reconnecting: HubState = { kind: 'reconnecting', attempt: 2, delayMs: 1000, nextAttemptAt: new Date(inputs.now + 1000), cause };
    assertShort('describe reconnecting', describeState(reconnecting, inputs.now));
  });

  it('status bar: text and every tooltip line', () => {
    const failed: HubState = { kind: 'failed', cause };
    const views = [
      statusView({ profile, auth: 'signed-in', user: failed, market: failed, authFailure: HUGE }, inputs.now),
      statusView({ profile, auth: 'signed-out', user: undefined, market: undefined, authFailure: HUGE }, inputs.now),
    ];
    for (const view of views) {
      assertShort('status text', view.text);
      // A line about one hub holds two clipped texts (the cause and the fix): still under the bound.
      view.tooltip.forEach((line, i) => assertShort(`tooltip line ${i}`, line));
    }
  });

  it('chart: the contract list shows a clipped symbol name', () => {
    const info: SubscriptionInfo = { key: 'q', hub: 'market', method: 'SubscribeContractQuotes', arg: 'CON.F.US.EP.U25', status: { kind: 'pending' }, events: 0, lastEventAt: undefined };
    const subscriptions = { list: () => [info] } as Pick<SubscriptionSet, 'list'> as SubscriptionSet;
    const market: Pick<HubClient, 'subscriptions'> = { subscriptions };
    const monitor = { market } as Pick<Monitor, 'market'> as Monitor;
    const [option] = subscribedContracts(monitor, () => HUGE);
    assertShort('contract option', option.label);
    assert.ok(option.label.endsWith('CON.F.US.EP.U25'), 'the id stays whole');
  });
});
