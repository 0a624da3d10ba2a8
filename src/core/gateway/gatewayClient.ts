/**
 * The gateway REST client: global fetch, JSON POSTs with a bearer token, a timeout per call, and
 * every answer parsed into the types of gateway/types.ts. Failures are GatewayErrors whose one-line
 * message names the endpoint, the cause and the fix, and never a token or key.
 */
import { ParseError } from '../events/parseFields';
import { parseUserOrder, parseUserPosition, parseUserTrade } from '../events/parsePayloads';
import type { UserOrder, UserPosition, UserTrade } from '../events/types';
import type { TimelineStep } from '../timeline/types';
import type { JsonRecord } from '../util/json';
import { redact } from '../util/redact';
import { GatewayError } from './gatewayError';
import { postGateway } from './gatewayHttp';
import { parseHistoryBar, retrieveBarsBody, type HistoryBar, type RetrieveBarsRequest } from './historyBars';
import { parseAccount, parseContract, parseList } from './parseRest';
import type { Account, Contract, GatewayApi } from './types';

export interface GatewayClientOptions {
  /** Per request; default 15 s. */
  readonly timeoutMs?: number;
  /** Defaults to the global fetch (tests may pass a wrapper). */
  readonly fetch?: typeof fetch;
  /** Receives a note per request (endpoint, outcome, ms), already redacted. */
  readonly record?: (step: TimelineStep) => void;
}

const DEFAULT_TIMEOUT_MS = 15_000;

export class GatewayClient implements GatewayApi {
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;
  private readonly record: ((step: TimelineStep) => void) | undefined;

  constructor(
    readonly baseUrl: string,
    opts: GatewayClientOptions = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.fetchFn = opts.fetch ?? ((input, init) => fetch(input, init));
    this.record = opts.record;
  }

  async loginKey(userName: string, apiKey: string): Promise<string> {
    const body = await this.post('Auth/loginKey', { userName, apiKey }, undefined, [apiKey]);
    return this.payload('Auth/loginKey', () => requireToken(body, 'token'));
  }

  async validate(token: string): Promise<string> {
    const body = await this.post('Auth/validate', undefined, token);
    // A success without newToken means the current token is still good.
    return this.payload('Auth/validate', () => (body.newToken === undefined || body.newToken === null ? token : requireToken(body, 'newToken')));
  }

  async searchAccounts(token: string, onlyActiveAccounts = true): Promise<Account[]> {
    const body = await this.post('Account/search', { onlyActiveAccounts }, token);
    return this.payload('Account/search', () => parseList(body, 'accounts', parseAccount));
  }

  async searchContracts(token: string, searchText: string, live = false): Promise<Contract[]> {
    const body = await this.post('Contract/search', { searchText, live }, token);
    return this.payload('Contract/search', () => parseList(body, 'contracts', parseContract));
  }

  async contractById(token: string, contractId: string): Promise<Contract | undefined> {
    const body = await this.post('Contract/searchById', { contractId }, token);
    return this.payload('Contract/searchById', () => {
      // Current docs: `contract`; older docs: `contracts[]`.
      if (body.contract !== undefined && body.contract !== null) return parseContract(body.contract);
      return parseList(body, 'contracts', parseContract)[0];
    });
  }

  async openPositions(token: string, accountId: number): Promise<UserPosition[]> {
    const body = await this.post('Position/searchOpen', { accountId }, token);
    return this.payload('Position/searchOpen', () => parseList(body, 'positions', parseUserPosition));
  }

  async openOrders(token: string, accountId: number): Promise<UserOrder[]> {
    const body = await this.post('Order/searchOpen', { accountId }, token);
    return this.payload('Order/searchOpen', () => parseList(body, 'orders', parseUserOrder));
  }

  /** Bars oldest first (the gateway answers newest first). */
  async retrieveBars(token: string, request: RetrieveBarsRequest): Promise<HistoryBar[]> {
    const body = await this.post('History/retrieveBars', retrieveBarsBody(request), token);
    return this.payload('History/retrieveBars', () => parseList(body, 'bars', parseHistoryBar).sort((a, b) => a.t.getTime() - b.t.getTime()));
  }

  /** Trade/search: the account's trades from `start` (to `end`, default now), half-turns included. */
  async searchTrades(token: string, accountId: number, start: Date, end?: Date): Promise<UserTrade[]> {
    const request = end === undefined ? { accountId, startTimestamp: start.toISOString() } : { accountId, startTimestamp: start.toISOString(), endTimestamp: end.toISOString() };
    const body = await this.post('Trade/search', request, token);
    return this.payload('Trade/search', () => parseList(body, 'trades', parseUserTrade));
  }

  private async post(endpoint: string, body: unknown, token?: string, extraSecrets: readonly string[] = []): Promise<JsonRecord> {
    const secrets = token === undefined ? extraSecrets : [token, ...extraSecrets];
    const started = Date.now();
    try {
      const result = await postGateway({ baseUrl: this.baseUrl, endpoint, body, token, timeoutMs: this.timeoutMs, fetch: this.fetchFn, secrets });
      this.note(`REST ${endpoint}: ok in ${Date.now() - started} ms`, secrets);
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.note(`REST ${endpoint}: ${message} (${Date.now() - started} ms)`, secrets);
      throw error;
    }
  }

  /** Runs a payload parser, turning a ParseError into a 'malformed' GatewayError. */
  private payload<T>(endpoint: string, parse: () => T): T {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      const failure = new GatewayError({ endpoint, kind: 'malformed', message: `${endpoint}: unexpected payload (${error.kind}: ${error.reason}): check the profile's REST URL` });
      this.note(`REST ${endpoint}: ${failure.message}`, []);
      throw failure;
    }
  }

  private note(text: string, secrets: readonly string[]): void {
    this.record?.({ kind: 'note', text: redact(text, secrets) });
  }
}

function requireToken(body: JsonRecord, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0) throw new ParseError(`${field}:payload`, 'expected a token string');
  return value;
}
