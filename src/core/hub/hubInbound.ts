/**
 * What arrives on one hub's connection, whichever attempt carries it: counts messages (pings
 * included) and events, parses every server invocation once, counts what could not be read, and
 * hands each event to its listeners with the time its message arrived (one clock read per message,
 * shared by all its events: the hot path under a quote flood).
 */
import { errorText } from '../errors/classify';
import { parseHubInvocation } from '../events/parse';
import type { GatewayEvent } from '../events/types';
import type { Clock } from '../util/clock';
import type { Disposable } from '../util/emitter';
import type { ParseFailureLog } from './parseFailureLog';
import type { SeenTokens } from './seenTokens';
import type { HubEventListener, HubKind } from './types';

/** What a connect attempt reports as its socket receives and its library dispatches. */
export interface InboundSink {
  /** One received WebSocket message holding `count` protocol records, arrived at `at` (epoch ms). */
  readonly messageReceived: (count: number, at: number) => void;
  invocation(target: string, args: unknown[]): void;
  /** An invocation the library dropped: no handler for its (lower-cased) target. */
  unknownEvent(name: string): void;
}

export interface HubInboundOptions {
  readonly hub: HubKind;
  readonly parseFailures: ParseFailureLog;
  readonly tokens: SeenTokens;
  readonly clock: Clock;
  readonly onListenerError: (error: unknown) => void;
}

export class HubInbound implements InboundSink {
  private readonly listeners = new Set<HubEventListener>();
  private messageCount = 0;
  private eventCount = 0;
  private lastMessageTime: number | undefined;
  private lastEventTime: number | undefined;

  constructor(private readonly opts: HubInboundOptions) {}

  get messages(): number {
    return this.messageCount;
  }

  get events(): number {
    return this.eventCount;
  }

  /** Epoch ms of the message that carried the last event (data is flowing). */
  get lastEventAt(): number | undefined {
    return this.lastEventTime;
  }

  /** Epoch ms of the last received message, pings included (the connection is alive). */
  get lastMessageAt(): number | undefined {
    return this.lastMessageTime;
  }

  /** Listeners attached (the fault matrix checks none leak). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  readonly onEvent = (listener: HubEventListener): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  /** An arrow: the socket calls it for every message without a bound wrapper. */
  readonly messageReceived = (count: number, at: number): void => {
    this.messageCount += count;
    this.lastMessageTime = at;
  };

  /** Every server invocation goes through the parser; a failure is counted, never thrown into the client. */
  invocation(target: string, args: unknown[]): void {
    try {
      const parsed = parseHubInvocation(this.opts.hub, target, args);
      if (!parsed.ok) return this.opts.parseFailures.note(target, parsed.kind, parsed.reason);
      // The socket's message listener runs before the library dispatches, so this is the message's time.
      const messageTime = this.lastMessageTime ?? this.opts.clock.now();
      if (parsed.events.length > 0) this.lastEventTime = messageTime;
      for (const event of parsed.events) {
        this.eventCount++;
        this.fire(event, messageTime);
      }
    } catch (error) {
      this.opts.parseFailures.note(target, 'exception', errorText(error, this.opts.tokens.list));
    }
  }

  unknownEvent(name: string): void {
    this.opts.parseFailures.noteUnknownEvent(name);
  }

  dispose(): void {
    this.listeners.clear();
  }

  private fire(event: GatewayEvent, messageTime: number): void {
    for (const listener of this.listeners) {
      try {
        listener(event, messageTime);
      } catch (error) {
        this.opts.onListenerError(error);
      }
    }
  }
}
