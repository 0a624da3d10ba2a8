/** The scripted account session both account integration tests run: fills and a quote, with the lines worked by hand. */
import type { AccountLine } from '../../src/cli/accountLines';
import type { GatewaySimulator } from '../../src/simulator';

export const ACCOUNT = 123;
export const ES = 'CON.F.US.EP.U25';

/** The account lines of the scripted session, worked by hand (ES: tick 0.25 = 12.50, fee 1.40 per contract). */
export const base = { kind: 'account', accountId: ACCOUNT, name: 'DEMO-123', canTrade: true, workingOrders: [] } as const;
// Buy 2 @ 5000: a half-turn, fees 2 × 1.40; no quote yet.
export const AFTER_BUY: AccountLine = {
  ...base, balance: 49997.2, realizedPnl: 0, fees: 2.8, unrealizedPnl: 0, netPnl: -2.8,
  positions: [{ contractId: ES, type: 'Long', size: 2, averagePrice: 5000, markPrice: null, unrealizedPnl: 0 }],
  risk: [{ rule: 'dailyLoss', limit: 1000, used: 2.8, distance: 997.2, state: 'ok' }],
};
// Quote: last 5010.25 → 41 ticks × 12.50 × 2 = 1025.
export const AFTER_QUOTE: AccountLine = {
  ...AFTER_BUY, unrealizedPnl: 1025, netPnl: 1022.2,
  positions: [{ contractId: ES, type: 'Long', size: 2, averagePrice: 5000, markPrice: 5010.25, unrealizedPnl: 1025 }],
  risk: [{ rule: 'dailyLoss', limit: 1000, used: 0, distance: 1000, state: 'ok' }],
};
// Sell 1 @ 5010: +10 points × 50 = +500, fee 1.40; 1 left worth 41 ticks × 12.50 = 512.50.
export const AFTER_SELL: AccountLine = {
  ...base, balance: 50495.8, realizedPnl: 500, fees: 4.2, unrealizedPnl: 512.5, netPnl: 1008.3,
  positions: [{ contractId: ES, type: 'Long', size: 1, averagePrice: 5000, markPrice: 5010.25, unrealizedPnl: 512.5 }],
  risk: [{ rule: 'dailyLoss', limit: 1000, used: 0, distance: 1000, state: 'ok' }],
};

/** Last 5010.25 for ES, sent to every market connection. */
export function scriptedQuote(sim: GatewaySimulator): void {
  sim.faults.sendInvocation('market', 'GatewayQuote', [ES, { symbol: 'F.US.EP', symbolName: '/ES', lastPrice: 5010.25, bestBid: 5010, bestAsk: 5010.25 }]);
}
