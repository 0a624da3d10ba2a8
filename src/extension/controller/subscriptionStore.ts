import type * as vscode from 'vscode';
import { findSubscribeMethod } from '../../core/hub/methods';

/** One wanted subscription: ids only, never secrets. */
export interface SavedSubscription {
  readonly method: string;
  readonly arg?: number | string;
}

const keyOf = (profileId: string): string => `hubmon.subscriptions.${profileId}`;

/** Persists each profile's subscriptions in globalState; invalid stored entries are dropped. */
export class SubscriptionStore {
  constructor(private readonly state: vscode.Memento) {}

  load(profileId: string): SavedSubscription[] {
    const raw = this.state.get<unknown>(keyOf(profileId));
    if (!Array.isArray(raw)) return [];
    const out: SavedSubscription[] = [];
    for (const item of raw) {
      if (typeof item !== 'object' || item === null) continue;
      const { method, arg } = item as Record<string, unknown>;
      const known = typeof method === 'string' ? findSubscribeMethod(method) : undefined;
      if (!known) continue;
      if (known.arg === 'none' && arg === undefined) out.push({ method: known.method });
      else if (known.arg === 'accountId' && typeof arg === 'number' && Number.isInteger(arg)) out.push({ method: known.method, arg });
      else if (known.arg === 'contractId' && typeof arg === 'string' && arg.length > 0) out.push({ method: known.method, arg });
    }
    return out;
  }

  save(profileId: string, subscriptions: readonly SavedSubscription[]): Thenable<void> {
    return this.state.update(keyOf(profileId), subscriptions.map((s) => (s.arg === undefined ? { method: s.method } : { method: s.method, arg: s.arg })));
  }
}
