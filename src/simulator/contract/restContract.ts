/**
 * The gateway's REST contract as the simulator plays it, written from projectx-gateway.md: each
 * endpoint's request body and its answer inside the `{ success, errorCode, errorMessage }` envelope.
 */
import { ACCOUNT, ORDER, POSITION, TRADE } from './hubContract';
import type { Field, Shape } from './shapes';

const f = (name: string, type: Field['type'], extra: Omit<Field, 'name' | 'type'> = {}): Field => ({ name, type, ...extra });

export const ENVELOPE: Shape = [f('success', 'boolean'), f('errorCode', 'int'), f('errorMessage', 'string', { nullable: true })];

export const CONTRACT: Shape = [f('id', 'string'), f('name', 'string'), f('description', 'string'), f('tickSize', 'number'), f('tickValue', 'number'), f('activeContract', 'boolean'), f('symbolId', 'string')];
export const BAR: Shape = [f('t', 'timestamp'), f('o', 'number'), f('h', 'number'), f('l', 'number'), f('c', 'number'), f('v', 'number')];

/** What a successful answer carries besides the envelope. */
export type RestPayload =
  | { readonly kind: 'token'; readonly field: string; /** A success may omit it (validate: the token is still good). */ readonly optional?: boolean }
  | { readonly kind: 'list'; readonly field: string; readonly item: Shape }
  | { readonly kind: 'item'; readonly field: string; readonly item: Shape; /** Older docs: the item as a one-element list under this field. */ readonly olderListField?: string };

export interface RestEndpointContract {
  /** After `/api/`, e.g. `Auth/loginKey`. Every endpoint is a POST with a JSON body. */
  readonly path: string;
  readonly bearer: boolean;
  /** undefined: no body. */
  readonly request: Shape | undefined;
  readonly answer: RestPayload;
}

export const REST_ENDPOINTS: readonly RestEndpointContract[] = [
  { path: 'Auth/loginKey', bearer: false, request: [f('userName', 'string'), f('apiKey', 'string')], answer: { kind: 'token', field: 'token' } },
  { path: 'Auth/validate', bearer: true, request: undefined, answer: { kind: 'token', field: 'newToken', optional: true } },
  { path: 'Account/search', bearer: true, request: [f('onlyActiveAccounts', 'boolean')], answer: { kind: 'list', field: 'accounts', item: ACCOUNT } },
  { path: 'Contract/search', bearer: true, request: [f('searchText', 'string'), f('live', 'boolean')], answer: { kind: 'list', field: 'contracts', item: CONTRACT } },
  { path: 'Contract/searchById', bearer: true, request: [f('contractId', 'string')], answer: { kind: 'item', field: 'contract', item: CONTRACT, olderListField: 'contracts' } },
  { path: 'Position/searchOpen', bearer: true, request: [f('accountId', 'int')], answer: { kind: 'list', field: 'positions', item: POSITION } },
  { path: 'Order/searchOpen', bearer: true, request: [f('accountId', 'int')], answer: { kind: 'list', field: 'orders', item: ORDER } },
  { path: 'Trade/search', bearer: true, request: [f('accountId', 'int'), f('startTimestamp', 'timestamp'), f('endTimestamp', 'timestamp', { optional: true })], answer: { kind: 'list', field: 'trades', item: TRADE } },
  {
    path: 'History/retrieveBars',
    bearer: true,
    request: [f('contractId', 'string'), f('live', 'boolean'), f('startTime', 'timestamp'), f('endTime', 'timestamp'), f('unit', 'int'), f('unitNumber', 'int'), f('limit', 'int'), f('includePartialBar', 'boolean')],
    answer: { kind: 'list', field: 'bars', item: BAR },
  },
];

export function findEndpoint(path: string): RestEndpointContract | undefined {
  return REST_ENDPOINTS.find((e) => e.path.toLowerCase() === path.toLowerCase());
}
