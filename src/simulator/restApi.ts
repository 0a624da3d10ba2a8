import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../core/util/clock';
import { bearerChallenge, readBody, sendJson, sendText } from './httpUtil';
import { describeTokenFailure, tokenOf, type TokenService } from './tokens';
import { accountWire, contractWire, type World } from './world';

type Body = Record<string, unknown>;
type Reply = { status: number; body: unknown };
export type Handler = (body: Body, userName: string) => Reply | Promise<Reply>;

const ok = (payload: object): Reply => ({ status: 200, body: { ...payload, success: true, errorCode: 0, errorMessage: null } });
const fail = (errorCode: number, errorMessage: string, payload: object = {}): Reply => ({ status: 200, body: { ...payload, success: false, errorCode, errorMessage } });

/** ASP.NET's model-validation answer (RFC 7807 problem details) for a malformed request. */
function badRequest(detail: string): Reply {
  return { status: 400, body: { type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1', title: 'One or more validation errors occurred.', status: 400, errors: { request: [detail] } } };
}

class BadField extends Error {}

function intField(body: Body, name: string): number {
  const v = body[name];
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new BadField(`'${name}' must be an integer.`);
  return v;
}

function stringField(body: Body, name: string, optional = false): string | undefined {
  const v = body[name];
  if (v === undefined || v === null) {
    if (optional) return undefined;
    throw new BadField(`'${name}' is required.`);
  }
  if (typeof v !== 'string') throw new BadField(`'${name}' must be a string.`);
  return v;
}

function timeField(body: Body, name: string, optional: boolean): number | undefined {
  const v = stringField(body, name, optional);
  if (v === undefined) return undefined;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw new BadField(`'${name}' must be an ISO-8601 timestamp.`);
  return ms;
}

export interface RestOptions {
  users: readonly { userName: string; apiKey: string }[];
  rateLimitPerMinute: number;
}

/** `/api/...`: the gateway's REST surface for a monitor, with its envelope, 401, 400 and 429 answers. */
export class RestApi {
  private readonly hits: number[] = [];
  private readonly anonymous: Record<string, (body: Body) => Promise<Reply>>;
  private readonly authorized: Record<string, Handler>;

  constructor(
    private readonly world: World,
    private readonly tokens: TokenService,
    private readonly options: RestOptions,
    private readonly clock: Clock,
    /** Authorized routes other simulator parts serve (lower-case path after /api/, e.g. 'history/retrievebars'). */
    extraRoutes: Record<string, Handler> = {},
  ) {
    this.anonymous = { 'auth/loginkey': (b) => this.loginKey(b) };
    this.authorized = {
      'account/search': (_b, user) => ok({ accounts: this.world.accountsOf(user).map(accountWire) }),
      'contract/search': (b) => this.searchContracts(b),
      'contract/searchbyid': (b) => {
        const c = this.world.contract(stringField(b, 'contractId') ?? '');
        return ok({ contract: c ? contractWire(c) : null });
      },
      'position/searchopen': (b, user) => this.forAccount(b, user, (id) => ({ positions: this.world.openPositions(id) })),
      'order/searchopen': (b, user) => this.forAccount(b, user, (id) => ({ orders: this.world.openOrders(id) })),
      'trade/search': (b, user) => {
        const from = timeField(b, 'startTimestamp', false) ?? 0;
        const to = timeField(b, 'endTimestamp', true) ?? Number.MAX_SAFE_INTEGER;
        return this.forAccount(b, user, (id) => ({ trades: this.world.searchTrades(id, from, to) }));
      },
      ...extraRoutes,
    };
  }

  /** Answers a request under `/api/`; false when the path is not the API's. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.toLowerCase().startsWith('/api/')) return false;
    const route = url.pathname.slice(5).toLowerCase().replace(/\/+$/, '');
    if (!this.admit()) {
      sendText(res, 429, `Too many requests: the limit is ${this.options.rateLimitPerMinute} per minute.`, { 'Retry-After': '60' });
      return true;
    }
    if (route === 'status/ping') {
      if (req.method === 'GET') sendText(res, 200, 'pong');
      else sendText(res, 405, 'Status/ping is GET only.', { Allow: 'GET' });
      return true;
    }
    const known = route === 'auth/validate' || route in this.anonymous || route in this.authorized;
    if (!known) {
      sendText(res, 404, `No such endpoint: ${url.pathname}`);
      return true;
    }
    if (req.method !== 'POST') {
      sendText(res, 405, `${url.pathname} is POST only.`, { Allow: 'POST' });
      return true;
    }
    const reply = await this.dispatch(req, route);
    if (reply.status === 401) {
      res.writeHead(401, { 'WWW-Authenticate': bearerChallenge(typeof reply.body === 'string' ? reply.body : undefined), 'Content-Length': 0 });
      res.end();
    } else if (reply.status === 400) {
      sendJson(res, 400, reply.body, { 'Content-Type': 'application/problem+json; charset=utf-8' });
    } else {
      sendJson(res, reply.status, reply.body);
    }
    return true;
  }

  private async dispatch(req: IncomingMessage, route: string): Promise<Reply> {
    const text = await readBody(req);
    if (text === undefined) return { status: 413, body: { success: false, errorCode: 0, errorMessage: 'The request body is larger than 1 MB.' } };
    let body: Body = {};
    if (text.trim() !== '') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return badRequest('The request body is not valid JSON.');
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return badRequest('The request body must be a JSON object.');
      body = parsed as Body;
    } else if (route !== 'auth/validate') {
      return badRequest('A non-empty JSON request body is required.');
    }
    try {
      const anonymous = this.anonymous[route];
      if (anonymous) return await anonymous(body);
      const token = tokenOf(req.headers.authorization, undefined);
      if (route === 'auth/validate') return await this.validate(token);
      const check = await this.tokens.check(token);
      if (!check.ok) return { status: 401, body: check.reason === 'missing' ? undefined : describeTokenFailure(check.reason) };
      return await this.authorized[route](body, check.userName);
    } catch (error) {
      if (error instanceof BadField) return badRequest(error.message);
      throw error;
    }
  }

  private async loginKey(body: Body): Promise<Reply> {
    const userName = stringField(body, 'userName') ?? '';
    const apiKey = stringField(body, 'apiKey') ?? '';
    const user = this.options.users.find((u) => u.userName === userName);
    if (!user) return fail(1, `User '${userName.slice(0, 80)}' was not found.`, { token: null });
    if (user.apiKey !== apiKey) return fail(3, 'Invalid credentials: the API key does not match this user.', { token: null });
    return ok({ token: await this.tokens.issue(user.userName) });
  }

  /**
   * Decision (the real behaviour after expiry is unknown): a token with a good signature that has
   * expired answers ExpiredToken (3) and is not renewed, so clients must refresh before `exp`; a
   * revoked, malformed or foreign token answers InvalidSession (1); no bearer at all is HTTP 401.
   */
  private async validate(token: string | undefined): Promise<Reply> {
    const check = await this.tokens.check(token);
    if (check.ok) return ok({ newToken: await this.tokens.issue(check.userName) });
    if (check.reason === 'missing') return { status: 401, body: undefined };
    if (check.reason === 'expired') return fail(3, 'The token has expired: log in again with the API key.', { newToken: null });
    return fail(1, `Invalid session: ${describeTokenFailure(check.reason)}.`, { newToken: null });
  }

  private searchContracts(body: Body): Reply {
    const text = stringField(body, 'searchText', true) ?? '';
    // The demo contracts live in the sim tier: `live: true` finds nothing, as on the real gateway.
    const live = body.live === true;
    return ok({ contracts: live ? [] : this.world.searchContracts(text).map(contractWire) });
  }

  private forAccount(body: Body, userName: string, list: (accountId: number) => object): Reply {
    const id = intField(body, 'accountId');
    const account = this.world.account(id);
    if (!account || account.owner !== userName) return fail(1, `Account ${id} was not found.`);
    return ok(list(id));
  }

  /** A sliding one-minute window over every API request. */
  private admit(): boolean {
    const now = this.clock.now();
    while (this.hits.length > 0 && this.hits[0] <= now - 60_000) this.hits.shift();
    if (this.hits.length >= this.options.rateLimitPerMinute) return false;
    this.hits.push(now);
    return true;
  }
}
