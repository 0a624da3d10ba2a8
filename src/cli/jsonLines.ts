/**
 * `hubmon watch --json`: one object per line, keyed by `kind` (state | timeline | subscription |
 * event | error) and `hub`. Dates serialize through Date#toJSON, i.e. ISO-8601 UTC ending in Z.
 */
import type { HubErrorKind } from '../core/errors/hubError';
import type { GatewayEvent } from '../core/events/types';
import type { HubKind, HubState } from '../core/hub/types';
import type { SubscriptionInfo } from '../core/monitor/types';
import type { TimelineEntry } from '../core/timeline/types';

export interface StateLine {
  readonly kind: 'state';
  readonly hub: HubKind;
  readonly at: Date;
  readonly state: HubState['kind'];
  readonly attempt?: number;
  readonly delayMs?: number;
  readonly nextAttemptAt?: Date;
  readonly connectionId?: string;
  readonly error?: string;
  readonly errorKind?: HubErrorKind;
  readonly fix?: string;
}

export function stateLine(hub: HubKind, state: HubState, at: Date): StateLine {
  switch (state.kind) {
    case 'disconnected':
      return { kind: 'state', hub, at, state: state.kind };
    case 'connecting':
      return { kind: 'state', hub, at, state: state.kind, attempt: state.attempt };
    case 'connected':
      return { kind: 'state', hub, at, state: state.kind, connectionId: state.connectionId };
    case 'reconnecting':
      return {
        kind: 'state', hub, at, state: state.kind, attempt: state.attempt, delayMs: state.delayMs,
        nextAttemptAt: state.nextAttemptAt, error: state.cause.cause, errorKind: state.cause.kind,
      };
    case 'failed':
      return { kind: 'state', hub, at, state: state.kind, error: state.cause.cause, errorKind: state.cause.kind, fix: state.cause.fix };
  }
}

export interface TimelineLine {
  readonly kind: 'timeline';
  readonly hub?: HubKind;
  readonly at: Date;
  /** The step as the engine recorded it (its own `kind`: attempt, upgrade, reconnecting, ...). */
  readonly step: TimelineEntry['step'];
  /** The same entry as the human output prints it. */
  readonly text: string;
}

export function timelineLine(entry: TimelineEntry, text: string): TimelineLine {
  return entry.hub === undefined
    ? { kind: 'timeline', at: entry.at, step: entry.step, text }
    : { kind: 'timeline', hub: entry.hub, at: entry.at, step: entry.step, text };
}

export interface SubscriptionLine {
  readonly kind: 'subscription';
  readonly hub: HubKind;
  readonly key: string;
  readonly method: string;
  /** The account or contract id; absent for SubscribeAccounts. */
  readonly arg?: number | string;
  readonly status: SubscriptionInfo['status']['kind'];
  readonly error?: string;
  readonly since?: Date;
}

export function subscriptionLine(info: SubscriptionInfo): SubscriptionLine {
  const base = { kind: 'subscription', hub: info.hub, key: info.key, method: info.method, ...(info.arg === undefined ? {} : { arg: info.arg }) } as const;
  switch (info.status.kind) {
    case 'pending':
      return { ...base, status: 'pending' };
    case 'active':
      return { ...base, status: 'active', since: info.status.since };
    case 'failed':
      return { ...base, status: 'failed', error: info.status.error };
  }
}

export interface EventLine {
  readonly kind: 'event';
  readonly hub: HubKind;
  readonly name: GatewayEvent['name'];
  readonly contractId?: string;
  readonly action?: number | string;
  readonly data: unknown;
}

export function eventLine(event: GatewayEvent): EventLine {
  if (event.hub === 'market') return { kind: 'event', hub: 'market', name: event.name, contractId: event.contractId, data: event.data };
  const action = 'action' in event ? event.action : undefined;
  return action === undefined
    ? { kind: 'event', hub: 'user', name: event.name, data: event.data }
    : { kind: 'event', hub: 'user', name: event.name, action, data: event.data };
}

export interface ErrorLine {
  readonly kind: 'error';
  readonly hub?: HubKind;
  /** What failed, e.g. "unauthorized", "login", "usage". */
  readonly errorKind: string;
  /** The same one line the CLI prints on stderr. */
  readonly message: string;
  readonly exitCode: number;
}

export function errorLine(errorKind: string, message: string, exitCode: number, hub?: HubKind): ErrorLine {
  return hub === undefined ? { kind: 'error', errorKind, message, exitCode } : { kind: 'error', hub, errorKind, message, exitCode };
}

export type WatchLine = StateLine | TimelineLine | SubscriptionLine | EventLine | ErrorLine;

/** One line of JSON; an invalid Date becomes null rather than throwing. */
export function serializeLine(line: WatchLine): string {
  return JSON.stringify(line);
}
