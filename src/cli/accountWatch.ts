/** `hubmon watch --account`: the account model beside the hubs, printing an account line per change. */
import { AccountMonitor } from '../core/account/accountMonitor';
import type { RiskLimits } from '../core/account/riskRules';
import type { GatewayApi } from '../core/gateway/types';
import type { TokenProvider } from '../core/hub/types';
import type { Monitor } from '../core/monitor/types';
import { formatTime } from '../core/timeline/format';
import type { Timeline } from '../core/timeline/timeline';
import { accountHumanLine, accountLine } from './accountLines';
import type { CliIo } from './command';

export interface AccountWatchOptions {
  readonly accounts: readonly number[];
  readonly limits: RiskLimits;
  readonly json: boolean;
}

/** Undefined when no account is watched; seed() once the hubs are up. */
export function watchAccounts(monitor: Monitor, gateway: GatewayApi, tokens: TokenProvider, timeline: Timeline, options: AccountWatchOptions, io: CliIo): AccountMonitor | undefined {
  if (options.accounts.length === 0) return undefined;
  const model = new AccountMonitor({ user: monitor.user, market: monitor.market, gateway, tokens, accounts: options.accounts, limits: options.limits, record: timeline.recorder('user') });
  model.onDidChange((snapshot) => {
    const text = options.json ? JSON.stringify(accountLine(snapshot)) : `${formatTime(new Date())} [account ${snapshot.accountId}] ${accountHumanLine(snapshot, (id) => model.contract(id))}`;
    io.stdout.write(`${text}\n`);
  });
  return model;
}
