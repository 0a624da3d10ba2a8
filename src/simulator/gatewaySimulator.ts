import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Clock } from '../core/util/clock';
import { systemClock } from '../core/util/clock';
import { Emitter } from '../core/util/emitter';
import { DEMO_API_KEY, DEMO_USERNAME } from '../core/profiles';
import { createFaultControls, FaultState, type FaultControls } from './faults';
import { runFlood, type FloodOptions } from './flood';
import { HubEndpoint } from './hubEndpoint';
import type { HubConnection, HubConnectionHost, InvokeOutcome } from './hubConnection';
import { HubMethods } from './hubMethods';
import { HubRegistry } from './hubRegistry';
import { sendText } from './httpUtil';
import { HistoryApi } from './market/historyApi';
import type { MarketAccess } from './market/marketAccess';
import type { MarketControls } from './market/marketControls';
import { DEPTH, MarketFeed, QUOTES } from './marketFeed';
import { RestApi } from './restApi';
import { invocationFrame } from '../core/wire/signalrCodec';
import { subscriptionKey, type ConnectionInfo, type FrameRecord, type InvocationRecord, type SimHub } from './simTypes';
import { TokenService } from './tokens';
import { UserActivity } from './userActivity';
import { Variants } from './variants';
import { World, type SimAccount, type SimContract, type SimOrder, type SimPosition } from './world';

export type { FaultControls } from './faults';
export type { FloodOptions } from './flood';
export type { ConnectionInfo, FrameRecord, InvocationRecord, SimHub } from './simTypes';
export type { SimAccount, SimContract, SimOrder, SimPosition, SimTrade } from './world';

export interface SimulatorOptions {
  host?: string;
  /** 0 (default): an ephemeral port. The demo uses DEMO_PORT. */
  port?: number;
  users?: { userName: string; apiKey: string }[];
  tokenLifetimeMs?: number;
  keepAliveIntervalMs?: number;
  clientTimeoutMs?: number;
  seed?: number;
  /** 0: no automatic feed (and no depth snapshot on subscribe). */
  marketIntervalMs?: number;
  /** 0: no automatic order lifecycle. */
  userActivityIntervalMs?: number;
  variants?: boolean;
  rateLimitPerMinute?: number;
  /** Time source for token expiry and timestamps (tests move it); default the system clock. */
  clock?: Clock;
  /** Extra contracts `CON.F.US.SYN1.Z25`… beyond the demo's 7, for floods over many contracts (benchmark). Default 0. */
  syntheticContracts?: number;
}

export interface SimulatorUrls {
  restUrl: string;
  userHubUrl: string;
  marketHubUrl: string;
  port: number;
}

export interface SimulatorWorld {
  readonly accounts: readonly SimAccount[];
  readonly contracts: readonly SimContract[];
  openPositions(accountId: number): SimPosition[];
  openOrders(accountId: number): SimOrder[];
}

/** A ProjectX gateway on loopback: REST + both SignalR hubs over real sockets, with fault controls. */
export class GatewaySimulator {
  readonly faults: FaultControls;
  /** The market's fault/variety controls (src/simulator/market/marketControls.ts). */
  readonly market: MarketControls;
  /** The market itself: touch, market orders, the book (src/simulator/market/marketAccess.ts). */
  readonly marketAccess: MarketAccess;
  readonly world: SimulatorWorld;
  private readonly opts: Required<Omit<SimulatorOptions, 'clock'>>;
  private readonly clock: Clock;
  private readonly tokens: TokenService;
  private readonly state: World;
  private readonly faultState = new FaultState();
  private readonly registry = new HubRegistry();
  private readonly frames = new Emitter<FrameRecord>();
  private readonly feed: MarketFeed;
  private readonly activity: UserActivity;
  private readonly methods: HubMethods;
  private readonly endpoint: HubEndpoint;
  private readonly rest: RestApi;
  private server: Server | undefined;
  private readonly closing: Promise<void>[] = [];
  private readonly sockets = new Set<Socket>();
  private boundPort: number | undefined;
  private stopped = false;

  constructor(options: SimulatorOptions = {}) {
    this.opts = {
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      users: options.users ?? [{ userName: DEMO_USERNAME, apiKey: DEMO_API_KEY }],
      tokenLifetimeMs: options.tokenLifetimeMs ?? 24 * 3600_000,
      keepAliveIntervalMs: options.keepAliveIntervalMs ?? 15_000,
      clientTimeoutMs: options.clientTimeoutMs ?? 30_000,
      seed: options.seed ?? 1,
      marketIntervalMs: options.marketIntervalMs ?? 250,
      userActivityIntervalMs: options.userActivityIntervalMs ?? 4000,
      variants: options.variants ?? false,
      rateLimitPerMinute: options.rateLimitPerMinute ?? 200,
      syntheticContracts: options.syntheticContracts ?? 0,
    };
    this.clock = options.clock ?? systemClock;
    this.tokens = new TokenService(this.opts.tokenLifetimeMs, this.clock);
    this.state = new World(this.opts.users.map((u) => u.userName), this.opts.syntheticContracts);
    const variants = new Variants(this.opts.variants);
    this.feed = new MarketFeed(this.state, this.opts.seed, this.clock, this.registry, variants);
    const quotes = { touch: (id: string) => this.feed.touch(id), tickFacts: (id: string) => this.state.contract(id) };
    this.activity = new UserActivity(this.state, quotes, this.registry, variants, this.clock, this.opts.seed, this.faultState.userEvents);
    this.methods = new HubMethods(this.state, this.faultState, (conn, method, arg) => {
      if (method.method === DEPTH && typeof arg === 'string') this.feed.depthSubscribed(conn, arg, this.opts.marketIntervalMs > 0);
    });
    this.endpoint = new HubEndpoint(this.tokens, this.faultState, this.registry, this.connectionHost());
    const history = new HistoryApi(this.feed, this.feed.controls, () => this.clock.now());
    this.rest = new RestApi(this.state, this.tokens, { users: this.opts.users, rateLimitPerMinute: this.opts.rateLimitPerMinute }, this.clock, {
      'history/retrievebars': (b) => history.retrieveBars(b),
    });
    this.market = this.feed.controls.controls();
    this.marketAccess = this.feed;
    const state = this.state;
    this.world = {
      get accounts() {
        return state.accounts;
      },
      contracts: state.contracts,
      openPositions: (id) => state.openPositions(id),
      openOrders: (id) => state.openOrders(id),
    };
    this.faults = createFaultControls(this.faultState, {
      dropAll: (hub) => this.endpoint.dropAll(hub),
      setRefusing: (refuse) => this.setRefusing(refuse),
      closeWithError: (message, allowReconnect, hub) => {
        for (const c of this.registry.list(hub)) c.closeWithError(message, allowReconnect);
      },
      sendRaw: (hub, text) => {
        for (const c of this.registry.list(hub)) c.sendRaw(text);
      },
      sendInvocation: (hub, target, args) => {
        const text = invocationFrame(target, args);
        for (const c of this.registry.list(hub)) if (c.ready) c.sendRaw(text);
      },
      releaseHungUpgrades: () => this.endpoint.releaseHung(),
      setTokenLifetime: (ms) => this.tokens.setLifetimeOverride(ms),
      revokeTokens: () => this.tokens.revokeAll(),
      hostileTargets: (hub) => this.registry.list(hub),
    });
  }

  get urls(): SimulatorUrls {
    if (this.boundPort === undefined) throw new Error('The gateway simulator is not started: call start() first.');
    const base = `http://${this.opts.host.includes(':') ? `[${this.opts.host}]` : this.opts.host}:${this.boundPort}`;
    return { restUrl: base, userHubUrl: `${base}/hubs/user`, marketHubUrl: `${base}/hubs/market`, port: this.boundPort };
  }

  async start(): Promise<SimulatorUrls> {
    if (this.boundPort !== undefined) return this.urls;
    this.stopped = false;
    await this.listen(this.opts.port);
    this.feed.start(this.opts.marketIntervalMs);
    this.activity.start(this.opts.userActivityIntervalMs);
    return this.urls;
  }

  /** Closes every socket, timer and listener; the process can exit afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.feed.stop();
    this.activity.stop();
    this.methods.dispose();
    this.endpoint.close();
    this.closeServer();
    // Wait for every socket's 'close' so no handle outlives stop() (tests compare resources right after).
    const closed = [...this.sockets].map((socket) => new Promise<void>((resolve) => (socket.closed ? resolve() : socket.once('close', () => resolve()))));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await Promise.all([...closed, ...this.closing.splice(0)]);
    // libuv closes handles in its close phase, after this turn's immediates: wait one full turn.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    this.frames.dispose();
    this.boundPort = undefined;
  }

  issueToken(userName: string = this.opts.users[0]?.userName ?? DEMO_USERNAME, lifetimeMs?: number): Promise<string> {
    if (!this.opts.users.some((u) => u.userName === userName)) return Promise.reject(new Error(`issueToken: unknown user '${userName}'.`));
    return this.tokens.issue(userName, lifetimeMs);
  }

  /** A market order filled at once at the touch, or at `price` when a test scripts the fill. */
  placeOrder(accountId: number, contractId: string, side: 'Bid' | 'Ask', size: number, price?: number): void {
    this.activity.placeOrder(accountId, contractId, side, size, price);
  }

  /** size: positive long, negative short, 0 closes. */
  setPosition(accountId: number, contractId: string, size: number, averagePrice: number): void {
    this.activity.setPosition(accountId, contractId, size, averagePrice);
  }

  /** One automatic market tick / user-activity round now (for tests that turn the timers off). */
  tickMarket(): void {
    this.feed.tick();
  }

  connections(hub?: SimHub): ConnectionInfo[] {
    return this.registry.info(hub);
  }

  invocations(hub?: SimHub): InvocationRecord[] {
    return this.registry.invocations(hub);
  }

  onFrame(listener: (f: FrameRecord) => void): { dispose(): void } {
    return this.frames.event(listener);
  }

  flood(opts: FloodOptions): Promise<{ sent: number }> {
    return runFlood(
      {
        quoteOf: (id) => this.feed.quoteOf(id),
        step: (id) => this.feed.step(id),
        subscribers: (id) => this.registry.subscribers('market', subscriptionKey(QUOTES, id)),
        stopped: () => this.stopped,
      },
      opts,
    );
  }

  private connectionHost(): HubConnectionHost {
    return {
      faults: this.faultState,
      keepAliveIntervalMs: this.opts.keepAliveIntervalMs,
      clientTimeoutMs: this.opts.clientTimeoutMs,
      frame: (conn: HubConnection, direction: 'in' | 'out', text: string) => {
        if (this.frames.size > 0) this.frames.fire({ at: this.clock.now(), hub: conn.hub, connectionId: conn.connectionId, direction, text });
      },
      invoke: (conn: HubConnection, target: string, args: unknown[]): Promise<InvokeOutcome> => {
        this.registry.logInvocation(conn, target, args, this.clock.now());
        return this.methods.invoke(conn, target, args);
      },
      closed: (conn: HubConnection) => this.registry.remove(conn),
    };
  }

  private async setRefusing(refuse: boolean): Promise<void> {
    if (refuse) {
      this.closeServer();
    } else if (!this.server && this.boundPort !== undefined && !this.stopped) {
      await this.listen(this.boundPort);
    }
  }

  private closeServer(): void {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.closing.push(new Promise((resolve) => server.close(() => resolve())));
    server.closeIdleConnections();
  }

  private listen(port: number): Promise<void> {
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      this.route(req, res, url).catch((error: unknown) => sendText(res, 500, `Simulator error: ${error instanceof Error ? error.message : String(error)}`));
    });
    server.on('upgrade', (req, socket, head) => {
      this.endpoint.handleUpgrade(req, socket, head).catch(() => socket.destroy());
    });
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    return new Promise((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        const where = `${this.opts.host}:${port}`;
        reject(error.code === 'EADDRINUSE' ? new Error(`Port ${where} is already in use: stop whatever listens there (another demo gateway?) or choose another port.`) : new Error(`The gateway simulator could not listen on ${where}: ${error.message}`));
      });
      server.listen(port, this.opts.host, () => {
        server.removeAllListeners('error');
        server.on('error', () => undefined);
        const address = server.address();
        this.boundPort = typeof address === 'object' && address ? address.port : port;
        this.server = server;
        resolve();
      });
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (this.faultState.hostile.interceptRest(req, res, url)) return;
    if (await this.rest.handle(req, res, url)) return;
    if (await this.endpoint.handleHttp(req, res, url)) return;
    sendText(res, 404, `Not found: ${url.pathname}`);
  }
}
