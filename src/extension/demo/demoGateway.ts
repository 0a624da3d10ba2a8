import vscode = require('vscode');
import { DEMO_PORT } from '../../core/profiles';
import type { GatewaySimulator } from '../../simulator/index';
import type { OutputLog } from '../log/outputLog';
import { Disposable } from '../util/disposable';
import { errorLine } from '../util/errors';

/**
 * The embedded demo: the gateway simulator running inside the extension host on 127.0.0.1. When
 * the default port is taken it falls back to an ephemeral port (the demo profile follows it).
 */
export class DemoGateway extends Disposable {
  private sim: GatewaySimulator | undefined;
  private port: number | undefined;
  private starting: Promise<number> | undefined;
  private readonly changed = this._register(new vscode.EventEmitter<number | undefined>());
  /** Fires with the listening port, or undefined once stopped. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: OutputLog) {
    super();
    this._register({ dispose: () => void this.stop() });
  }

  /** The running simulator (the in-host tests reach its fault controls through this). */
  get simulator(): GatewaySimulator | undefined {
    return this.sim;
  }

  get listeningPort(): number | undefined {
    return this.port;
  }

  get running(): boolean {
    return this.sim !== undefined;
  }

  /** Starts once; resolves with the port it listens on. */
  start(): Promise<number> {
    this.starting ??= this.startOnce().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  async stop(): Promise<void> {
    const sim = this.sim;
    if (!sim) return;
    this.sim = undefined;
    this.port = undefined;
    try {
      await sim.stop();
    } catch (error) {
      this.log.warn('demo', `stopping the demo gateway: ${errorLine(error)}`);
    }
    this.log.info('demo', 'demo gateway stopped');
    this.changed.fire(undefined);
  }

  private async startOnce(): Promise<number> {
    if (this.sim && this.port !== undefined) return this.port;
    // Loaded on first use: most sessions never start the demo, and activation should not pay for it.
    const { GatewaySimulator } = await import('../../simulator/index');
    let sim = new GatewaySimulator({ port: DEMO_PORT });
    let info;
    try {
      info = await sim.start();
    } catch (error) {
      if (!/EADDRINUSE|already in use/i.test(errorLine(error))) throw error;
      await sim.stop().catch(() => undefined);
      this.log.info('demo', `port ${DEMO_PORT} is busy (another demo?); using a free port instead`);
      sim = new GatewaySimulator({ port: 0 });
      info = await sim.start();
    }
    this.sim = sim;
    this.port = info.port;
    this.log.info('demo', `demo gateway listening on ${info.restUrl}`);
    this.changed.fire(info.port);
    return info.port;
  }
}
