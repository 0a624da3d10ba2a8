/**
 * Tick sizes of the contracts the views show, looked up once per contract (Contract/searchById) on
 * first sight and kept until the monitor changes. vscode-free; the tree listens to onDidLoad.
 */
import type { Monitor } from '../../core/monitor/types';
import { Emitter, type Disposable } from '../../core/util/emitter';

export class ContractDetails implements Disposable {
  private readonly loaded = new Emitter<string>();
  /** Fires with a contract id once its details arrived. */
  readonly onDidLoad = this.loaded.event;
  private readonly ticks = new Map<string, number>();
  private readonly asked = new Set<string>();
  private owner: Monitor | undefined;

  constructor(private readonly monitor: () => Monitor | undefined) {}

  /** The tick size if known; otherwise asks the gateway (once) and returns undefined for now. */
  tickSize(contractId: string): number | undefined {
    const m = this.monitor();
    if (m !== this.owner) {
      this.owner = m;
      this.ticks.clear();
      this.asked.clear();
    }
    const known = this.ticks.get(contractId);
    if (known !== undefined || !m || this.asked.has(contractId)) return known;
    this.asked.add(contractId);
    void this.fetch(m, contractId);
    return undefined;
  }

  private async fetch(m: Monitor, contractId: string): Promise<void> {
    try {
      const c = await m.gateway.contractById(await m.tokens.getToken(), contractId);
      if (!c || m !== this.owner || !(c.tickSize > 0)) return;
      this.ticks.set(contractId, c.tickSize);
      this.loaded.fire(contractId);
    } catch {
      // Prices then show as the gateway sent them; the next monitor asks again.
    }
  }

  dispose(): void {
    this.loaded.dispose();
  }
}
