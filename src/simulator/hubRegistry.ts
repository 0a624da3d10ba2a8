import type { HubConnection } from './hubConnection';
import { invocationFrame } from '../core/wire/signalrCodec';
import type { ConnectionInfo, InvocationRecord, SimHub } from './simTypes';

const MAX_INVOCATIONS = 10_000;

/** The live hub connections and the log of client invocations; publishes events to subscribers. */
export class HubRegistry {
  private readonly connections = new Map<string, HubConnection>();
  private readonly invocationLog: InvocationRecord[] = [];

  add(conn: HubConnection): void {
    this.connections.set(conn.connectionId, conn);
  }

  remove(conn: HubConnection): void {
    if (this.connections.get(conn.connectionId) === conn) this.connections.delete(conn.connectionId);
  }

  list(hub?: SimHub): HubConnection[] {
    return [...this.connections.values()].filter((c) => !hub || c.hub === hub);
  }

  info(hub?: SimHub): ConnectionInfo[] {
    return this.list(hub).map((c) => ({ hub: c.hub, connectionId: c.connectionId, subscriptions: [...c.subscriptions], negotiated: c.negotiated }));
  }

  logInvocation(conn: HubConnection, target: string, args: unknown[], at: number): void {
    this.invocationLog.push({ hub: conn.hub, connectionId: conn.connectionId, target, args, at });
    if (this.invocationLog.length > MAX_INVOCATIONS) this.invocationLog.splice(0, this.invocationLog.length - MAX_INVOCATIONS);
  }

  invocations(hub?: SimHub): InvocationRecord[] {
    return this.invocationLog.filter((i) => !hub || i.hub === hub).map((i) => ({ ...i, args: [...i.args] }));
  }

  /** Ready connections of a hub holding this subscription key (and passing the filter). */
  subscribers(hub: SimHub, key: string, filter?: (c: HubConnection) => boolean): HubConnection[] {
    const out: HubConnection[] = [];
    for (const c of this.connections.values()) {
      if (c.hub === hub && c.ready && c.subscriptions.has(key) && (!filter || filter(c))) out.push(c);
    }
    return out;
  }

  hasSubscriber(hub: SimHub, key: string): boolean {
    for (const c of this.connections.values()) if (c.hub === hub && c.subscriptions.has(key)) return true;
    return false;
  }

  /** Serializes one invocation once and sends it to every subscriber; returns how many got it. */
  publish(hub: SimHub, key: string, target: string, args: readonly unknown[], filter?: (c: HubConnection) => boolean): number {
    const targets = this.subscribers(hub, key, filter);
    if (targets.length === 0) return 0;
    const text = invocationFrame(target, args);
    let sent = 0;
    for (const c of targets) if (c.sendEvent(text)) sent += 1;
    return sent;
  }
}
