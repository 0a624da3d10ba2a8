/**
 * A HubClient = one HubSession + its SubscriptionSet. After every (re)connect the subscriptions are
 * re-invoked in registration order, then onDidReconnect fires.
 */
import { errorText } from '../errors/classify';
import type { GatewayEvent } from '../events/types';
import type { RawFrame } from '../recording/types';
import type { HubClient } from '../monitor/types';
import { HubSubscriptionSet } from '../subscriptions/subscriptionSet';
import { Emitter, type Disposable } from '../util/emitter';
import { HubSession, type HubSessionOptions } from './hubSession';
import type { HubKind, HubState, HubStats } from './types';

export interface HubClientOptions extends HubSessionOptions {
  /** Timeout of each Subscribe/Unsubscribe invoke. Default 10 s. */
  readonly invokeTimeoutMs?: number;
}

export class HubConnectionClient implements HubClient {
  readonly hub: HubKind;
  readonly session: HubSession;
  readonly subscriptions: HubSubscriptionSet;
  private readonly reconnectEmitter: Emitter<{ downMs: number; connectionId: string | undefined }>;
  private readonly disposables: Disposable[] = [];

  constructor(opts: HubClientOptions) {
    this.hub = opts.hub;
    const onListenerError = (error: unknown) => opts.log?.('warn', `[${opts.hub}] a listener threw: ${errorText(error)}`);
    this.session = new HubSession(opts);
    this.subscriptions = new HubSubscriptionSet({
      hub: opts.hub,
      invoker: this.session,
      record: opts.record,
      invokeTimeoutMs: opts.invokeTimeoutMs,
      clock: opts.clock,
      onListenerError,
    });
    this.reconnectEmitter = new Emitter(onListenerError);
    this.disposables.push(
      // The time the session read for the message carrying the event: no clock read per event.
      this.session.onEvent((event) => this.subscriptions.noteEvent(event, this.session.messageTime)),
      this.session.onDidChangeState((state) => {
        if (state.kind !== 'connected') this.subscriptions.markDisconnected();
      }),
      this.session.onDidConnect((info) => {
        this.subscriptions
          .resubscribeAll(info.generation)
          .then(() => {
            if (info.reconnect && this.session.connectionGeneration === info.generation) {
              this.reconnectEmitter.fire({ downMs: info.downMs, connectionId: info.connectionId });
            }
          })
          .catch((error: unknown) => onListenerError(error));
      }),
    );
  }

  get state(): HubState {
    return this.session.state;
  }

  get stats(): HubStats {
    return this.session.stats;
  }

  /**
   * When the message being dispatched arrived (epoch ms, read once per WebSocket message). An onEvent
   * listener can use it instead of reading the clock per event (the hot path under a flood).
   */
  get messageTime(): number {
    return this.session.messageTime;
  }

  readonly onDidChangeState = (listener: (state: HubState) => void): Disposable => this.session.onDidChangeState(listener);
  readonly onEvent = (listener: (event: GatewayEvent) => void): Disposable => this.session.onEvent(listener);
  readonly onFrame = (listener: (frame: RawFrame) => void): Disposable => this.session.onFrame(listener);
  readonly onDidReconnect = (listener: (info: { downMs: number; connectionId: string | undefined }) => void): Disposable =>
    this.reconnectEmitter.event(listener);

  start(): Promise<void> {
    return this.session.start();
  }

  stop(): Promise<void> {
    return this.session.stop();
  }

  reconnectNow(): Promise<void> {
    return this.session.reconnectNow();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.session.dispose();
    this.subscriptions.dispose();
    this.reconnectEmitter.dispose();
  }
}
