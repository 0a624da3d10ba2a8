/**
 * `hubmon watch`: connects both hubs, subscribes, and prints states, the timeline, subscriptions
 * and events until Ctrl+C, --duration, or a failure the engine gives up on.
 */
import { ACCOUNT_METHODS, CONTRACT_METHODS } from '../../core/hub/methods';
import type { HubClient, Monitor, SubscriptionInfo } from '../../core/monitor/types';
import { tapPings } from '../../core/timeline/pingTap';
import type { Disposable } from '../../core/util/emitter';
import { ExitCode, type CliCommand, type CliIo } from '../command';
import { createMonitor, GatewayClient, Timeline, TokenSource } from '../engine';
import { explainError, explainHubFailure, type ExplainedFailure } from '../failures';
import { waitForStop } from '../interrupt';
import { createPrinter, type WatchPrinter } from '../output';
import { watchAccounts } from '../accountWatch';
import { resolveWatchOptions, type WatchOptions } from './watchOptions';
import { startWatchMetrics } from '../metrics/watchMetrics';

const HELP = `Usage: hubmon watch [options]

Connects the User and Market hubs, subscribes, and prints the connection timeline and the events
until Ctrl+C or --duration.

Gateway:
  --profile topstepx|demo       built-in hosts (default topstepx; demo = hubmon demo on 127.0.0.1)
  --api-url URL                 REST base URL (overrides the profile's)
  --user-hub-url URL            User hub URL
  --market-hub-url URL          Market hub URL (without --profile, all three URLs are needed)
Credentials:
  --token JWT                   a session token (or set PROJECTX_TOKEN)
  --username NAME               sign in with the API key from PROJECTX_API_KEY
                                (--profile demo without credentials uses the demo account)
Subscriptions:
  --account ID                  accounts, orders, positions, trades of this account (repeatable)
  --contract ID                 quotes, trades, depth of this contract (repeatable)
Accounts (with --account; an \`account\` line per change of positions, orders, trades or P&L):
  --daily-loss-limit MONEY      net today may not fall below -MONEY
  --max-loss-limit MONEY        equity may not fall MONEY below the start balance
  --trailing                    ...or below the highest end-of-day balance
  --max-position CONTRACTS      open contracts across the account
  --warn-at FRACTION            a rule warns once this much of it is used (default 0.8)
Connection:
  --token-transport header|query|both   how the token reaches the hub (default: the profile's)
  --reconnect-delays MS,MS,...  reconnect delays, e.g. 0,2000,5000,10000
  --negotiate                   call /negotiate first (the gateway documents skipping it)
Output:
  --json                        one JSON object per line: kind state|timeline|subscription|event|account|error
  --duration SECONDS            stop after this long (exit 0)
  --verbose                     also print the SignalR client's log on stderr and each ping
                                sent and received with its interval
  --metrics [HOST:]PORT         serve Prometheus /metrics and /healthz (default host 127.0.0.1)
  --token-file PATH             read the token from a 0600 file (or set PROJECTX_TOKEN_FILE)
  -h, --help                    this help

Exit codes: 0 done, 1 failure, 2 bad usage, 3 authentication failed.
`;

export const watchCommand: CliCommand = {
  name: 'watch',
  summary: 'connect both hubs, subscribe, print the timeline and events',
  synopsis: 'hubmon watch [--profile topstepx|demo] [--token JWT | --username NAME] [--account ID]... [--contract ID]... [--json] [--duration S]',
  help: HELP,
  async run(args, io) {
    return watch(resolveWatchOptions(args, io.env), io);
  },
};

async function watch(options: WatchOptions, io: CliIo): Promise<number> {
  const printer = createPrinter({ json: options.json, io, secrets: () => options.secrets });
  const gateway = new GatewayClient(options.profile.apiUrl);
  // One timeline for the token source and both hubs, so sign-in and refresh steps print in order.
  const timeline = new Timeline();
  const tokens = new TokenSource({ gateway, token: options.token, credentials: options.credentials, record: timeline.recorder(undefined) });
  const monitor = createMonitor({
    profile: options.profile,
    tokens,
    gateway,
    timeline,
    retryDelaysMs: options.retryDelaysMs,
    log: options.verbose ? (level: unknown, message: string) => printer.log(`${String(level)} ${message}`) : undefined,
  });

  const served = options.metrics && (await startWatchMetrics(monitor, options.metrics, (text) => printer.log(text)));
  const stop = waitForStop(options.durationMs);
  let failure: ExplainedFailure | undefined;
  let stopping = false;
  const fail = (explained: ExplainedFailure): void => {
    // After Ctrl+C or --duration, whatever the shutdown stirs up is not the run's outcome.
    if (stopping) return;
    failure ??= explained;
    stop.abort();
  };
  printer.note(`Watching ${options.profile.name} (${options.profile.userHubUrl}, ${options.profile.marketHubUrl}); Ctrl+C to stop`);
  const listeners = attach(monitor, printer, fail);
  if (options.verbose) listeners.push(tapPings([monitor.user, monitor.market], (hub, step) => timeline.record(hub, step)));
  subscribe(monitor, options);
  const accounts = watchAccounts(monitor, gateway, tokens, timeline, options, io);
  // The hubmon_account_* series come from the same account model the account lines print.
  const accountSeries = accounts && served ? served.metrics.addAccountSource(accounts) : undefined;

  // Sign in first so a wrong key reads as a login failure, not as a hub failure.
  tokens.getToken().then(
    () => (stopping ? undefined : monitor.connect().then(() => accounts?.seed(), (error: unknown) => fail(explainError(error)))),
    (error: unknown) => fail(explainError(error, true)),
  );
  await stop.stopped;
  stopping = true;
  stop.dispose();
  await monitor.disconnect().catch(() => undefined);
  await served?.close();
  for (const listener of listeners) listener.dispose();
  accountSeries?.dispose();
  accounts?.dispose();
  monitor.dispose();
  tokens.dispose();
  timeline.dispose();
  if (failure === undefined) return ExitCode.ok;
  printer.error(failure.message, failure.errorKind, failure.exitCode, failure.hub);
  return failure.exitCode;
}

function attach(monitor: Monitor, printer: WatchPrinter, fail: (failure: ExplainedFailure) => void): Disposable[] {
  const listeners: Disposable[] = [monitor.timeline.onEntry((entry) => printer.timeline(entry))];
  const hubs: HubClient[] = [monitor.user, monitor.market];
  for (const client of hubs) {
    listeners.push(
      client.onDidChangeState((state) => {
        printer.state(client.hub, state);
        if (state.kind === 'failed') fail(explainHubFailure(state.cause, client.hub));
      }),
      client.subscriptions.onDidChange(onStatusChange((info) => printer.subscription(info))),
      client.onEvent((event) => printer.event(event)),
    );
  }
  // A failed refresh is not fatal by itself (the timeline shows it): the hubs stay up until they
  // need a new token, then report their own terminal failure, which names the step that failed.
  return listeners;
}

/** onDidChange also fires for every event (counters); pass on only changes of status. */
function onStatusChange(listener: (info: SubscriptionInfo) => void): (info: SubscriptionInfo) => void {
  const last = new Map<string, string>();
  return (info) => {
    const status = info.status.kind === 'failed' ? `failed:${info.status.error}` : info.status.kind;
    if (last.get(info.key) === status) return;
    last.set(info.key, status);
    listener(info);
  };
}

/** Registered before connecting: the engine invokes them on connect and again after every reconnect. */
function subscribe(monitor: Monitor, options: WatchOptions): void {
  const add = (client: HubClient, method: string, arg?: number | string): void => {
    // The outcome arrives through onDidChange (pending → active | failed); nothing to await here.
    client.subscriptions.add(method, arg).catch(() => undefined);
  };
  if (options.accounts.length > 0) add(monitor.user, 'SubscribeAccounts');
  for (const account of options.accounts) {
    for (const method of ACCOUNT_METHODS) if (method !== 'SubscribeAccounts') add(monitor.user, method, account);
  }
  for (const contract of options.contracts) {
    for (const method of CONTRACT_METHODS) add(monitor.market, method, contract);
  }
}
