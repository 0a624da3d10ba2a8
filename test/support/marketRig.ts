/**
 * A real @microsoft/signalr market-hub client on a simulator, feeding one contract's quotes, trades
 * and depth into a MarketChecker in arrival order. The simulator runs with its timers off; the test
 * drives the market with tickMarket() (or a flood) and waits until the frames it caused arrived.
 */
import * as signalR from '@microsoft/signalr';
import { GatewaySimulator, type SimulatorOptions } from '../../src/simulator';
import { MarketChecker, type DepthRow } from './depthBook';

export class MarketRig {
  readonly checker = new MarketChecker();
  private connection: signalR.HubConnection | undefined;

  private constructor(readonly sim: GatewaySimulator, readonly contractId: string) {}

  static async open(contractId: string, opts: SimulatorOptions): Promise<MarketRig> {
    const sim = new GatewaySimulator({ marketIntervalMs: 0, userActivityIntervalMs: 0, ...opts });
    const urls = await sim.start();
    const token = await sim.issueToken();
    const rig = new MarketRig(sim, contractId);
    const c = new signalR.HubConnectionBuilder()
      .withUrl(urls.marketHubUrl, { accessTokenFactory: () => token, transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
      .configureLogging(signalR.LogLevel.None)
      .build();
    const mine = (id: unknown): boolean => id === contractId;
    c.on('GatewayDepth', (id: unknown, rows: DepthRow[]) => mine(id) && rig.checker.onDepth(rows));
    c.on('GatewayTrade', (id: unknown, trades: { price: number; volume: number; type: number }[]) => mine(id) && rig.checker.onTrades(trades));
    c.on('GatewayQuote', (id: unknown, q: { bestBid: number; bestAsk: number; lastPrice: number }) => mine(id) && rig.checker.onQuote(q));
    await c.start();
    rig.connection = c;
    for (const method of ['SubscribeContractQuotes', 'SubscribeContractTrades', 'SubscribeContractMarketDepth']) await c.invoke(method, contractId);
    return rig;
  }

  /** `n` market steps, then waits until their depth frames arrived (one per step). */
  async ticks(n: number, batch = 500): Promise<void> {
    for (let done = 0; done < n; done += batch) {
      const target = this.checker.depthFrames + Math.min(batch, n - done);
      for (let i = 0; i < Math.min(batch, n - done); i++) this.sim.tickMarket();
      await this.until(() => this.checker.depthFrames >= target);
    }
  }

  /** Waits until the condition holds (frames still in flight), up to 10 s. */
  async until(condition: () => boolean, what = 'market frames'): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${this.checker.depthFrames} depth frames so far)`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  /** The test's book and the simulator's, as comparable views. */
  books(): { ours: ReturnType<MarketChecker['book']['view']>; theirs: ReturnType<MarketChecker['book']['view']> | undefined } {
    return { ours: this.checker.book.view(), theirs: this.sim.marketAccess.book(this.contractId) };
  }

  async close(): Promise<void> {
    await this.connection?.stop();
    await this.sim.stop();
  }
}
