/** The counters one hub session keeps for the views, written by the retry loop and the dispatcher. */
import type { HubStats } from './types';

export class SessionCounters {
  messages = 0;
  events = 0;
  reconnects = 0;
  /** Epoch ms of the last received WebSocket message (one clock read per message). */
  lastMessageAt: number | undefined;
  connectedSince: number | undefined;
  connectionId: string | undefined;

  /** The connection is gone: no id, no "connected since". */
  clearConnection(): void {
    this.connectionId = undefined;
    this.connectedSince = undefined;
  }

  snapshot(parseFailures: number): HubStats {
    const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));
    return {
      messages: this.messages,
      events: this.events,
      lastMessageAt: date(this.lastMessageAt),
      connectedSince: date(this.connectedSince),
      connectionId: this.connectionId,
      reconnects: this.reconnects,
      parseFailures,
    };
  }
}
