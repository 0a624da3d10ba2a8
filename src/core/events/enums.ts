/**
 * The gateway's numeric enums (reference: projectx-gateway.md). A value outside a list is kept as
 * its number, never fatal: the views show it as unknown.
 */
export const OrderSide = ['Bid', 'Ask'] as const;
export const OrderType = ['Unknown', 'Limit', 'Market', 'StopLimit', 'Stop', 'TrailingStop', 'JoinBid', 'JoinAsk'] as const;
export const OrderStatus = ['None', 'Open', 'Filled', 'Cancelled', 'Expired', 'Rejected', 'Pending', 'PendingCancellation', 'Suspended'] as const;
export const PositionType = ['Undefined', 'Long', 'Short'] as const;
export const DomType = ['Unknown', 'Ask', 'Bid', 'BestAsk', 'BestBid', 'Trade', 'Reset', 'Low', 'High', 'NewBestBid', 'NewBestAsk', 'Fill'] as const;
export const TradeLogType = ['Buy', 'Sell'] as const;

export const LoginErrorCode = ['Success', 'UserNotFound', 'PasswordVerificationFailed', 'InvalidCredentials', 'AppNotFound', 'AppVerificationFailed', 'InvalidDevice', 'AgreementsNotSigned', 'UnknownError', 'ApiSubscriptionNotFound', 'ApiKeyAuthenticationDisabled'] as const;
export const ValidateErrorCode = ['Success', 'InvalidSession', 'SessionNotFound', 'ExpiredToken', 'UnknownError'] as const;

/** An enum field: the name when known, otherwise the raw number. */
export type EnumValue<Names extends readonly string[]> = Names[number] | number;

export type OrderSideValue = EnumValue<typeof OrderSide>;
export type OrderTypeValue = EnumValue<typeof OrderType>;
export type OrderStatusValue = EnumValue<typeof OrderStatus>;
export type PositionTypeValue = EnumValue<typeof PositionType>;
export type DomTypeValue = EnumValue<typeof DomType>;
export type TradeLogTypeValue = EnumValue<typeof TradeLogType>;

/** Maps a numeric code to its name; unknown codes stay numbers. */
export function enumName<Names extends readonly string[]>(names: Names, code: number): EnumValue<Names> {
  return Number.isInteger(code) && code >= 0 && code < names.length ? names[code] : code;
}

/** The numeric code of a name (for the simulator and tests), or the number itself. */
export function enumCode<Names extends readonly string[]>(names: Names, value: EnumValue<Names>): number {
  return typeof value === 'number' ? value : names.indexOf(value);
}
