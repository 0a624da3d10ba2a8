/** Hand-made gateway payloads for the account model's unit tests (contract facts as the gateway gives them). */
import type { UserAccount, UserOrder, UserPosition, UserTrade } from '../../../src/core/events/types';
import type { Contract } from '../../../src/core/gateway/types';

const facts = (id: string, name: string, tickSize: number, tickValue: number): Contract => ({ id, name, description: name, tickSize, tickValue, activeContract: true, symbolId: id.split('.').slice(1, 4).join('.') });

export const ES = 'CON.F.US.EP.Z26';
export const NQ = 'CON.F.US.ENQ.Z26';
export const CL = 'CON.F.US.CLE.F27';
export const GC = 'CON.F.US.GCE.G27';
export const MES = 'CON.F.US.MES.Z26';

export const CONTRACTS: ReadonlyMap<string, Contract> = new Map([
  [ES, facts(ES, 'ESZ6', 0.25, 12.5)],
  [NQ, facts(NQ, 'NQZ6', 0.25, 5)],
  [CL, facts(CL, 'CLF7', 0.01, 10)],
  [GC, facts(GC, 'GCG7', 0.1, 10)],
  [MES, facts(MES, 'MESZ6', 0.25, 1.25)],
]);

export const ACCOUNT_ID = 9001;

export function account(balance: number): UserAccount {
  return { id: ACCOUNT_ID, name: 'PRAC-9001', balance, canTrade: true, isVisible: true, simulated: true };
}

export function position(contractId: string, type: 'Long' | 'Short', size: number, averagePrice: number, id = 1): UserPosition {
  return { id, accountId: ACCOUNT_ID, contractId, creationTimestamp: new Date('2026-11-24T15:00:00Z'), type, size, averagePrice };
}

export function trade(id: number, contractId: string, at: string, price: number, profitAndLoss: number | null, fees: number, size = 1, voided = false): UserTrade {
  return { id, accountId: ACCOUNT_ID, contractId, creationTimestamp: new Date(at), price, profitAndLoss, fees, side: 'Bid', size, voided, orderId: 1000 + id };
}

export function order(id: number, status: 'Open' | 'Filled' | 'Cancelled', updated: string): UserOrder {
  const at = new Date(updated);
  return {
    id, accountId: ACCOUNT_ID, contractId: ES, symbolId: 'F.US.EP', creationTimestamp: at, updateTimestamp: at, status, type: 'Limit', side: 'Ask', size: 1,
    limitPrice: 5020, stopPrice: null, fillVolume: status === 'Filled' ? 1 : 0, filledPrice: status === 'Filled' ? 5020 : null, customTag: null,
  };
}

/** Tuesday 24 Nov 2026 10:00 New York (EST): inside the trading day that began Monday 18:00. */
export const TUESDAY_MORNING = Date.parse('2026-11-24T15:00:00Z');
