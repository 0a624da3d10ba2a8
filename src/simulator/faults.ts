import { createHostileControls, HostileState, type HostileFaultControls, type HostileTarget } from './hostileFaults';

import { UserEventFaults } from './account/userEventFaults';
import type { SimHub } from './simTypes';

export interface FaultControls {
  /** Terminate every socket (of a hub) with no Close frame: the client sees 1006. */
  dropAll(hub?: SimHub): void;
  /** Stop listening (clients get ECONNREFUSED) / listen again on the same port. */
  refuseConnections(refuse: boolean): Promise<void>;
  /** Answer upgrades (of a hub, the next `times` ones) with this HTTP status; undefined clears. */
  rejectUpgrades(status: number | undefined, opts?: { hub?: SimHub; times?: number }): void;
  /** Accept TCP but never answer the upgrade. */
  hangUpgrades(hang: boolean): void;
  /** Answer the handshake with `{"error": message}` then close; undefined clears. */
  handshakeError(message: string | undefined): void;
  /** Never answer the handshake. */
  hangHandshake(hang: boolean): void;
  /** No pings and no events (completions still flow; the connection stays open). */
  silence(silent: boolean): void;
  /** A Close message with this error to every connection (of a hub), then close the socket. */
  closeWithError(message: string, opts?: { allowReconnect?: boolean; hub?: SimHub }): void;
  /** A raw text frame, unframed, to every connection of the hub (malformed payloads). */
  sendRaw(hub: SimHub, text: string): void;
  /** A well-framed invocation with any payload to every handshaken connection of the hub. */
  sendInvocation(hub: SimHub, target: string, args: unknown[]): void;
  /** Delay the Completion of Subscribe/Unsubscribe methods (or only `method`); undefined clears. */
  delaySubscribe(ms: number | undefined, method?: string): void;
  /** Answer `method` with a Completion error; undefined clears every such fault. */
  failSubscribe(method: string | undefined, error?: string): void;
  /** Never answer `method` (the subscription is not made); undefined clears every such fault. */
  neverCompleteSubscribe(method: string | undefined): void;
  /** Tokens issued from now on expire after ms; undefined: back to the configured lifetime. */
  tokenLifetime(ms: number | undefined): void;
  /** Every token issued so far is rejected from now on. */
  revokeTokens(): void;
  /** Send every user-hub event twice. */
  duplicateUserEvents(on: boolean): void;
  /** Hold each user-hub event back and send it after the next one. */
  reorderUserEvents(on: boolean): void;
  /** Clear every fault (and listen again if connections were refused). */
  reset(): void;
  /** A hostile or broken server: huge frames, floods of names, deep JSON, endless bodies, trickling upgrades. */
  readonly hostile: HostileFaultControls;
}

/** The state the hub and upgrade code read; written only through FaultControls. */
export class FaultState {
  rejectUpgrade: { status: number; hub: SimHub | undefined; remaining: number | undefined } | undefined;
  hangUpgrades = false;
  handshakeError: string | undefined;
  hangHandshake = false;
  silent = false;
  subscribeDelay: { ms: number; method: string | undefined } | undefined;
  readonly failing = new Map<string, string | undefined>();
  readonly neverComplete = new Set<string>();
  readonly hostile = new HostileState();

  readonly userEvents = new UserEventFaults();

  /** The status to reject this upgrade with, counting down `times`. */
  takeUpgradeRejection(hub: SimHub): number | undefined {
    const r = this.rejectUpgrade;
    if (!r || (r.hub && r.hub !== hub)) return undefined;
    if (r.remaining !== undefined) {
      r.remaining -= 1;
      if (r.remaining <= 0) this.rejectUpgrade = undefined;
    }
    return r.status;
  }

  delayFor(method: string): number {
    const d = this.subscribeDelay;
    if (!d) return 0;
    if (d.method) return sameMethod(d.method, method) ? d.ms : 0;
    return /^(un)?subscribe/i.test(method) ? d.ms : 0;
  }

  failureFor(method: string): { error: string | undefined } | undefined {
    for (const [m, error] of this.failing) if (sameMethod(m, method)) return { error };
    return undefined;
  }

  completesNever(method: string): boolean {
    return [...this.neverComplete].some((m) => sameMethod(m, method));
  }

  clear(): void {
    this.rejectUpgrade = undefined;
    this.hangUpgrades = false;
    this.handshakeError = undefined;
    this.hangHandshake = false;
    this.silent = false;
    this.subscribeDelay = undefined;
    this.failing.clear();
    this.neverComplete.clear();
    this.hostile.clear();

    this.userEvents.reset();
  }
}

/** Hub method names match case-insensitively, as in ASP.NET Core SignalR. */
export function sameMethod(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** What the fault controls need from the rest of the simulator. */
export interface FaultActions {
  dropAll(hub?: SimHub): void;
  setRefusing(refuse: boolean): Promise<void>;
  closeWithError(message: string, allowReconnect: boolean, hub?: SimHub): void;
  sendRaw(hub: SimHub, text: string): void;
  sendInvocation(hub: SimHub, target: string, args: unknown[]): void;
  releaseHungUpgrades(): void;
  setTokenLifetime(ms: number | undefined): void;
  revokeTokens(): void;
  /** The handshaken-or-not connections of a hub, for the hostile faults. */
  hostileTargets(hub: SimHub): readonly HostileTarget[];
}

export function createFaultControls(state: FaultState, actions: FaultActions): FaultControls {
  return {
    dropAll: (hub) => actions.dropAll(hub),
    refuseConnections: (refuse) => actions.setRefusing(refuse),
    rejectUpgrades: (status, opts) => {
      state.rejectUpgrade = status === undefined ? undefined : { status, hub: opts?.hub, remaining: opts?.times };
    },
    hangUpgrades: (hang) => {
      state.hangUpgrades = hang;
      if (!hang) actions.releaseHungUpgrades();
    },
    handshakeError: (message) => {
      state.handshakeError = message;
    },
    hangHandshake: (hang) => {
      state.hangHandshake = hang;
    },
    silence: (silent) => {
      state.silent = silent;
    },
    closeWithError: (message, opts) => actions.closeWithError(message, opts?.allowReconnect ?? false, opts?.hub),
    sendRaw: (hub, text) => actions.sendRaw(hub, text),
    sendInvocation: (hub, target, args) => actions.sendInvocation(hub, target, args),
    delaySubscribe: (ms, method) => {
      state.subscribeDelay = ms === undefined ? undefined : { ms, method };
    },
    failSubscribe: (method, error) => {
      if (method === undefined) state.failing.clear();
      else state.failing.set(method, error);
    },
    neverCompleteSubscribe: (method) => {
      if (method === undefined) state.neverComplete.clear();
      else state.neverComplete.add(method);
    },
    tokenLifetime: (ms) => actions.setTokenLifetime(ms),
    revokeTokens: () => actions.revokeTokens(),
    duplicateUserEvents: (on) => {
      state.userEvents.duplicate = on;
    },
    reorderUserEvents: (on) => {
      state.userEvents.reorder = on;
      if (!on) state.userEvents.flush();
    },
    reset: () => {
      state.clear();
      actions.releaseHungUpgrades();
      actions.setTokenLifetime(undefined);
      actions.setRefusing(false).catch(() => undefined);
    },
    hostile: createHostileControls(state.hostile, (hub) => actions.hostileTargets(hub)),
  };
}
