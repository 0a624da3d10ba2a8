/**
 * The account model's cost under the saturation flood: CPU per quote of our receiver with the model
 * watching the bench account's 10 open positions (in 10 of the flooded contracts), beside the same
 * receiver without it, window by window in alternation (target: ≤ 5 % more).
 */
import { AccountMonitor } from '../src/core/account/accountMonitor';
import { GatewayClient } from '../src/core/gateway/gatewayClient';
import { saturation, warmUp } from './phases';
import { EngineReceiver } from './receivers/engine';
import type { Target } from './receivers/types';
import type { FloodServer } from './serverProcess';

export const ACCOUNT_POSITIONS = 10;

export interface AccountCost {
  readonly positions: number;
  /** CPU µs per quote, one per window. */
  readonly withoutModel: number[];
  readonly withModel: number[];
  /** Account snapshots published per second during the model's windows (the ≤ 4/s coalescing). */
  readonly publishesPerSecond: number[];
}

export interface AccountPhaseOptions {
  readonly rounds: number;
  readonly windowMs: number;
  readonly warmupEvents: number;
  readonly pack: number;
  readonly log: (text: string) => void;
}

export async function measureAccountCost(server: FloodServer, target: Target, token: string, opts: AccountPhaseOptions): Promise<AccountCost> {
  const held = server.contracts.slice(0, ACCOUNT_POSITIONS);
  await server.positions(held);
  const out: AccountCost = { positions: held.length, withoutModel: [], withModel: [], publishesPerSecond: [] };
  for (let round = 1; round <= opts.rounds; round++) {
    for (const withModel of [false, true]) {
      const receiver = new EngineReceiver(target, token);
      let model: AccountMonitor | undefined;
      try {
        await receiver.connect();
        let published = 0;
        if (withModel) {
          model = new AccountMonitor({ user: receiver.monitor.user, market: receiver.monitor.market, gateway: new GatewayClient(target.urls.restUrl), tokens: receiver.tokens, accounts: [target.accountId] });
          model.onDidChange(() => published++);
          await model.seed();
          const seeded = model.snapshot(target.accountId)?.positions.length ?? 0;
          if (seeded !== held.length) throw new Error(`account phase: the model holds ${seeded} positions, expected ${held.length}`);
        }
        await warmUp(server, receiver, server.contracts, opts.warmupEvents, opts.pack);
        const before = published;
        const sample = await saturation(server, receiver, server.contracts, opts.windowMs, opts.pack);
        (withModel ? out.withModel : out.withoutModel).push(sample.cpuUsPerEvent);
        if (withModel) out.publishesPerSecond.push((published - before) / sample.seconds);
        opts.log(`account ${round}/${opts.rounds} ${withModel ? `with the model (${held.length} positions)` : 'without the model'}: ${sample.cpuUsPerEvent.toFixed(2)} µs/quote, ${Math.round(sample.eventsPerSecond)} quotes/s`);
      } finally {
        model?.dispose();
        await receiver.close();
      }
    }
  }
  return out;
}
