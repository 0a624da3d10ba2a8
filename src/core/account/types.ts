/** What the account model shows: one immutable snapshot per account, built at most 4 times a second. */
import type { OrderSideValue, OrderStatusValue, OrderTypeValue, PositionTypeValue } from '../events/enums';
import type { UserTrade } from '../events/types';
import type { RiskState } from './riskRules';

export interface PositionView {
  readonly contractId: string;
  readonly type: PositionTypeValue;
  readonly size: number;
  readonly averagePrice: number;
  /** null until the first quote of the contract arrives. */
  readonly markPrice: number | null;
  readonly unrealizedPnl: number;
}

export interface OrderView {
  readonly id: number;
  readonly contractId: string;
  readonly side: OrderSideValue;
  readonly type: OrderTypeValue;
  readonly size: number;
  readonly limitPrice: number | null;
  readonly stopPrice: number | null;
  readonly status: OrderStatusValue;
}

export interface AccountSnapshot {
  readonly accountId: number;
  /** '' until Account/search or a GatewayUserAccount event names it. */
  readonly name: string;
  readonly balance: number;
  readonly canTrade: boolean;
  readonly realizedPnl: number;
  readonly fees: number;
  readonly unrealizedPnl: number;
  readonly netPnl: number;
  /** Contracts open across the account (Σ sizes). */
  readonly openContracts: number;
  readonly positions: readonly PositionView[];
  readonly workingOrders: readonly OrderView[];
  /** Today's trades, oldest first (voided ones included, marked). */
  readonly trades: readonly UserTrade[];
  readonly risk: readonly RiskState[];
  /** Start of the trading day these figures cover (epoch ms). */
  readonly tradingDayStart: number;
}

/** The figures the metrics exporter reads (shape fixed with the metrics helper). */
export interface AccountMetricsRow {
  readonly accountId: number;
  readonly name: string;
  readonly netPnl: number;
  readonly realizedPnl: number;
  readonly unrealizedPnl: number;
  readonly openPositions: number;
  readonly risk: readonly { readonly rule: 'dailyLoss' | 'maxLoss' | 'maxPosition'; readonly distance: number; readonly state: 'ok' | 'warning' | 'breached' }[];
}
