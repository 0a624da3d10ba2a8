/** The runner's side of the flood server: forks it, numbers the commands and awaits their replies. */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { SimulatorUrls } from '../src/simulator/index';
import { isServerReply, type ServerCommand, type ServerReply, type ServerRequest } from './protocol';

type Reply<K extends ServerReply['kind']> = Extract<ServerReply, { kind: K }>;

interface PendingCommand {
  readonly resolve: (reply: ServerReply) => void;
  readonly reject: (error: Error) => void;
}

export class FloodServer {
  private nextId = 1;
  private readonly pending = new Map<number, PendingCommand>();
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly urls: SimulatorUrls,
    readonly contracts: readonly string[],
    readonly accountId: number,
  ) {
    child.on('message', (message: unknown) => {
      if (!isServerReply(message) || !('id' in message)) return;
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.kind === 'error') waiter.reject(new Error(`flood server: ${message.message}`));
      else waiter.resolve(message);
    });
    child.on('exit', (code) => {
      this.exited = true;
      for (const waiter of this.pending.values()) waiter.reject(new Error(`the flood server exited (code ${code ?? 'none'}) before answering`));
      this.pending.clear();
    });
  }

  /** Forks out/bench/floodServer.js (built beside this bundle) and waits for its URLs. */
  static start(execArgv: string[] = []): Promise<FloodServer> {
    const child = fork(join(__dirname, 'floodServer.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv });
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the flood server exited (code ${code ?? 'none'}) while starting: see its message above`));
      child.once('exit', onExit);
      child.on('message', function onReady(message: unknown) {
        if (!isServerReply(message) || message.kind !== 'ready') return;
        child.off('message', onReady);
        child.off('exit', onExit);
        resolve(new FloodServer(child, message.urls, message.contracts, message.accountId));
      });
    });
  }

  flood(opts: Omit<Extract<ServerRequest, { kind: 'flood' }>, 'kind'>): Promise<Reply<'flooded'>> {
    return this.request({ kind: 'flood', ...opts }) as Promise<Reply<'flooded'>>;
  }

  drop(): Promise<Reply<'dropped'>> {
    return this.request({ kind: 'drop' }) as Promise<Reply<'dropped'>>;
  }

  positions(contracts: readonly string[]): Promise<Reply<'positioned'>> {
    return this.request({ kind: 'positions', contracts: [...contracts] }) as Promise<Reply<'positioned'>>;
  }

  /** Stops the simulator and waits for the process to exit (killed after 3 s). */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.request({ kind: 'stop' }).catch(() => undefined);
    const timer = setTimeout(() => this.child.kill(), 3000);
    await exited;
    clearTimeout(timer);
  }

  private request(req: ServerRequest): Promise<ServerReply> {
    if (this.exited) return Promise.reject(new Error('the flood server is not running'));
    const id = this.nextId++;
    const cmd = { ...req, id } as ServerCommand;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send(cmd, (error) => {
        if (!error) return;
        this.pending.delete(id);
        reject(error);
      });
    });
  }
}
