import { HUB_METHODS, type HubMethodContract } from './contract/hubContract';
import { sameMethod, type FaultState } from './faults';
import type { HubConnection, InvokeOutcome } from './hubConnection';
import { subscriptionKey } from './simTypes';
import type { World } from './world';

/** ASP.NET Core's wording for a failed invocation (DetailedErrors off, HubException text kept). */
export function invokeError(target: string, detail?: string): string {
  return `Failed to invoke '${target}' due to an error on the server.${detail ? ` ${detail}` : ''}`;
}

const BINDING_ERROR = 'InvalidDataException: Error binding arguments. Make sure that the types of the provided values match the types of the hub method being invoked.';

type Resolved = { method: HubMethodContract; subscribe: boolean };

function resolve(hub: string, target: string): Resolved | undefined {
  for (const method of HUB_METHODS) {
    if (method.hub !== hub) continue;
    if (sameMethod(method.method, target)) return { method, subscribe: true };
    if (sameMethod(method.unsubscribe, target)) return { method, subscribe: false };
  }
  return undefined;
}

/** The documented Subscribe/Unsubscribe methods (contract/hubContract.ts): argument checks like the gateway's, faults, effects. */
export class HubMethods {
  private readonly timers = new Set<{ timer: NodeJS.Timeout; done: () => void }>();

  constructor(
    private readonly world: World,
    private readonly faults: FaultState,
    private readonly onSubscribed: (conn: HubConnection, method: HubMethodContract, arg: string | number | undefined) => void,
  ) {}

  async invoke(conn: HubConnection, target: string, args: unknown[]): Promise<InvokeOutcome> {
    const delay = this.faults.delayFor(target);
    if (delay > 0 && !(await this.sleep(delay))) return { kind: 'never' };
    const failure = this.faults.failureFor(target);
    if (failure) return { kind: 'error', error: failure.error ?? invokeError(target) };
    if (this.faults.completesNever(target)) return { kind: 'never' };

    const resolved = resolve(conn.hub, target);
    if (!resolved) return { kind: 'error', error: invokeError(target, 'HubException: Method does not exist.') };
    const { method, subscribe } = resolved;
    const name = subscribe ? method.method : method.unsubscribe;
    const expected = method.argument === 'none' ? 0 : 1;
    if (args.length !== expected) {
      return { kind: 'error', error: invokeError(name, `InvalidDataException: Invocation provides ${args.length} argument(s) but target expects ${expected}.`) };
    }
    const arg = args[0];

    let value: string | number | undefined;
    if (method.argument === 'accountId') {
      if (typeof arg !== 'number' || !Number.isInteger(arg)) return { kind: 'error', error: invokeError(name, BINDING_ERROR) };
      const account = this.world.account(arg);
      if (!account || account.owner !== conn.userName) return { kind: 'error', error: invokeError(name, `HubException: Account ${arg} was not found for this user.`) };
      value = arg;
    } else if (method.argument === 'contractId') {
      if (typeof arg !== 'string') return { kind: 'error', error: invokeError(name, BINDING_ERROR) };
      if (!this.world.contract(arg)) return { kind: 'error', error: invokeError(name, `HubException: Contract '${arg.slice(0, 80)}' was not found.`) };
      value = arg;
    }
    const key = subscriptionKey(method.method, value);
    if (!conn.ready) return { kind: 'never' };
    if (subscribe) {
      conn.subscriptions.add(key);
      this.onSubscribed(conn, method, value);
    } else {
      conn.subscriptions.delete(key);
    }
    return { kind: 'ok' };
  }

  /** Resolves true after ms, or false when disposed first. */
  private sleep(ms: number): Promise<boolean> {
    return new Promise((resolveSleep) => {
      const entry = {
        timer: setTimeout(() => {
          this.timers.delete(entry);
          resolveSleep(true);
        }, ms),
        done: () => resolveSleep(false),
      };
      this.timers.add(entry);
    });
  }

  dispose(): void {
    for (const entry of this.timers) {
      clearTimeout(entry.timer);
      entry.done();
    }
    this.timers.clear();
  }
}
