import { searchContracts } from './market/contractSearch';

/**
 * The simulated firm's state in the gateway's own wire shapes (numeric enums, ISO timestamps), so
 * REST answers and hub events are built from the same objects and always agree.
 */
export interface SimAccount {
  id: number;
  name: string;
  balance: number;
  canTrade: boolean;
  isVisible: boolean;
  simulated: boolean;
  /** Not on the wire: the user who owns it. */
  owner: string;
}

export interface SimContract {
  id: string;
  name: string;
  description: string;
  tickSize: number;
  tickValue: number;
  activeContract: boolean;
  symbolId: string;
  /** Not on the wire: the quote's symbolName, the starting price and the fee per contract per side. */
  symbolName: string;
  startPrice: number;
  feePerSide: number;
}

export interface SimPosition {
  id: number;
  accountId: number;
  contractId: string;
  creationTimestamp: string;
  /** PositionType: 1 Long, 2 Short. */
  type: number;
  size: number;
  averagePrice: number;
}

export interface SimOrder {
  id: number;
  accountId: number;
  contractId: string;
  symbolId: string;
  creationTimestamp: string;
  updateTimestamp: string;
  status: number;
  type: number;
  side: number;
  size: number;
  limitPrice: number | null;
  stopPrice: number | null;
  fillVolume: number;
  filledPrice: number | null;
  customTag: string | null;
}

export interface SimTrade {
  id: number;
  accountId: number;
  contractId: string;
  creationTimestamp: string;
  price: number;
  profitAndLoss: number | null;
  fees: number;
  side: number;
  size: number;
  voided: boolean;
  orderId: number;
}

const CONTRACTS: readonly SimContract[] = [
  contract('CON.F.US.EP.U25', 'ESU5', 'E-mini S&P 500: September 2025', 0.25, 12.5, 'F.US.EP', '/ES', 5000, 1.4),
  contract('CON.F.US.MES.U25', 'MESU5', 'Micro E-mini S&P 500: September 2025', 0.25, 1.25, 'F.US.MES', '/MES', 5000, 0.37),
  contract('CON.F.US.NQ.U25', 'NQU5', 'E-mini NASDAQ-100: September 2025', 0.25, 5, 'F.US.NQ', '/NQ', 21000, 1.4),
  contract('CON.F.US.MNQ.U25', 'MNQU5', 'Micro E-mini Nasdaq-100: September 2025', 0.25, 0.5, 'F.US.MNQ', '/MNQ', 21000, 0.37),
  contract('CON.F.US.YM.U25', 'YMU5', 'E-mini Dow Jones: September 2025', 1, 5, 'F.US.YM', '/YM', 44000, 1.4),
  contract('CON.F.US.GC.Z25', 'GCZ5', 'Gold: December 2025', 0.1, 10, 'F.US.GC', '/GC', 3400, 1.6),
  contract('CON.F.US.CL.X25', 'CLX5', 'Crude Oil: November 2025', 0.01, 10, 'F.US.CL', '/CL', 65, 1.6),
];

function contract(id: string, name: string, description: string, tickSize: number, tickValue: number, symbolId: string, symbolName: string, startPrice: number, feePerSide: number): SimContract {
  return { id, name, description, tickSize, tickValue, activeContract: true, symbolId, symbolName, startPrice, feePerSide };
}

/** Digits a tick size needs, so prices print as 5000.25 and 65.01, never 65.010000000001. */
export function tickDecimals(tickSize: number): number {
  const s = String(tickSize);
  return s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
}

export function roundToTick(price: number, tickSize: number): number {
  return Number((Math.round(price / tickSize) * tickSize).toFixed(tickDecimals(tickSize)));
}

/** The demo user owns accounts 123 and 456 (the seed spec uses 123); each further user gets two of its own. */
function accountsFor(userNames: readonly string[]): SimAccount[] {
  return userNames.flatMap((owner, i) => {
    const ids = i === 0 ? [123, 456] : [1000 * (i + 1) + 1, 1000 * (i + 1) + 2];
    return ids.map((id, j) => ({
      id,
      name: `${owner.toUpperCase()}-${id}`,
      balance: j === 0 ? 50000 : 150000,
      canTrade: true,
      isVisible: true,
      simulated: true,
      owner,
    }));
  });
}

/** `CON.F.US.SYN1.Z25`…: extra contracts for floods over many contracts (never in the demo world). */
export function syntheticContracts(count: number): SimContract[] {
  return Array.from({ length: Math.max(0, Math.floor(count)) }, (_, i) => {
    const n = i + 1;
    return contract(`CON.F.US.SYN${n}.Z25`, `SYN${n}Z5`, `Synthetic ${n}: December 2025`, 0.25, 12.5, `F.US.SYN${n}`, `/SYN${n}`, 1000 + 10 * n, 1);
  });
}

export class World {
  readonly accounts: SimAccount[];
  readonly contracts: readonly SimContract[];
  private readonly positions = new Map<string, SimPosition>();
  private readonly orders = new Map<number, SimOrder>();
  readonly trades: SimTrade[] = [];
  private nextId = 9000;

  constructor(userNames: readonly string[], synthetic = 0) {
    this.accounts = accountsFor(userNames);
    this.contracts = synthetic > 0 ? [...CONTRACTS, ...syntheticContracts(synthetic)] : CONTRACTS;
  }

  newId(): number {
    return ++this.nextId;
  }

  account(id: number): SimAccount | undefined {
    return this.accounts.find((a) => a.id === id);
  }

  accountsOf(userName: string): SimAccount[] {
    return this.accounts.filter((a) => a.owner === userName);
  }

  contract(id: string): SimContract | undefined {
    return this.contracts.find((c) => c.id === id);
  }

  /** What a trader types: symbol, product root, id or name words (market/contractSearch.ts). */
  searchContracts(text: string): SimContract[] {
    return searchContracts(this.contracts, text);
  }

  position(accountId: number, contractId: string): SimPosition | undefined {
    return this.positions.get(`${accountId}|${contractId}`);
  }

  /** Stores a position; size 0 removes it (a closed position is no longer open). */
  putPosition(p: SimPosition): void {
    const key = `${p.accountId}|${p.contractId}`;
    if (p.size === 0) this.positions.delete(key);
    else this.positions.set(key, p);
  }

  openPositions(accountId: number): SimPosition[] {
    return [...this.positions.values()].filter((p) => p.accountId === accountId).map((p) => ({ ...p }));
  }

  /** Stores an order; only Open (1) and Pending (6) orders stay listed as open. */
  putOrder(o: SimOrder): void {
    if (o.status === 1 || o.status === 6) this.orders.set(o.id, o);
    else this.orders.delete(o.id);
  }

  openOrders(accountId: number): SimOrder[] {
    return [...this.orders.values()].filter((o) => o.accountId === accountId).map((o) => ({ ...o }));
  }

  addTrade(t: SimTrade): void {
    this.trades.push(t);
    if (this.trades.length > 5000) this.trades.splice(0, this.trades.length - 5000);
  }

  searchTrades(accountId: number, fromMs: number, toMs: number): SimTrade[] {
    return this.trades
      .filter((t) => t.accountId === accountId)
      .filter((t) => {
        const at = Date.parse(t.creationTimestamp);
        return at >= fromMs && at <= toMs;
      })
      .map((t) => ({ ...t }));
  }
}

/** The wire form of an account (without the owner). */
export function accountWire(a: SimAccount): Omit<SimAccount, 'owner'> {
  return { id: a.id, name: a.name, balance: a.balance, canTrade: a.canTrade, isVisible: a.isVisible, simulated: a.simulated };
}

/** The wire form of a contract (without the simulator's private fields). */
export function contractWire(c: SimContract): Omit<SimContract, 'symbolName' | 'startPrice' | 'feePerSide'> {
  return { id: c.id, name: c.name, description: c.description, tickSize: c.tickSize, tickValue: c.tickValue, activeContract: c.activeContract, symbolId: c.symbolId };
}
