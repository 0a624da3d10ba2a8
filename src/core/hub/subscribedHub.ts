/**
 * The HubClient of one hub: its connection (the state machine) plus what is subscribed on it. After
 * every (re)connect the subscriptions are re-invoked in registration order, then onDidReconnect fires.
 */
import { errorText } from '../errors/classify';
import type { RawFrame } from '../recording/types';
import type { HubClient } from '../monitor/types';
import { HubSubscriptionSet } from '../subscriptions/subscriptionSet';
import { Emitter, type Disposable } from '../util/emitter';
import { HubConnectionMachine } from './connectionMachine';
import type { HubConnectionOptions } from './connectionOptions';
import type { HubEventListener, HubKind, HubState, HubStats } from './types';

export interface SubscribedHubOptions extends HubConnectionOptions {
  /** Timeout of each Subscribe/Unsubscribe invoke. Default 10 s. */
  readonly invokeTimeoutMs?: number;
}

export class SubscribedHub implements HubClient {
  readonly hub: HubKind;
  readonly connection: HubConnectionMachine;
  readonly subscriptions: HubSubscriptionSet;
  private readonly reconnectEmitter: Emitter<{ downMs: number; connectionId: string | undefined }>;
  private readonly disposables: Disposable[] = [];

  constructor(opts: SubscribedHubOptions) {
    this.hub = opts.hub;
    const onListenerError = (error: unknown) => opts.log?.('warn', `[${opts.hub}] a listener threw: ${errorText(error)}`);
    const connection = (this.connection = new HubConnectionMachine(opts));
    const subscriptions = (this.subscriptions = new HubSubscriptionSet({
      hub: opts.hub,
      invoker: connection,
      record: opts.record,
      invokeTimeoutMs: opts.invokeTimeoutMs,
      clock: opts.clock,
      onListenerError,
    }));
    this.reconnectEmitter = new Emitter(onListenerError);
    this.disposables.push(
      connection.onEvent((event, messageTime) => subscriptions.noteEvent(event, messageTime)),
      connection.onDidChangeState((state) => {
        if (state.kind !== 'connected') subscriptions.markDisconnected();
      }),
      connection.onDidConnect((info) => {
        subscriptions
          .resubscribeAll(info.generation)
          .then(() => {
            if (info.reconnect && connection.connectionGeneration === info.generation) {
              this.reconnectEmitter.fire({ downMs: info.downMs, connectionId: info.connectionId });
            }
          })
          .catch((error: unknown) => onListenerError(error));
      }),
    );
  }

  get state(): HubState {
    return this.connection.state;
  }

  get stats(): HubStats {
    return this.connection.stats;
  }

  readonly onDidChangeState = (listener: (state: HubState) => void): Disposable => this.connection.onDidChangeState(listener);
  readonly onEvent = (listener: HubEventListener): Disposable => this.connection.onEvent(listener);
  readonly onFrame = (listener: (frame: RawFrame) => void): Disposable => this.connection.onFrame(listener);
  readonly onDidReconnect = (listener: (info: { downMs: number; connectionId: string | undefined }) => void): Disposable =>
    this.reconnectEmitter.event(listener);

  start(): Promise<void> {
    return this.connection.start();
  }

  stop(): Promise<void> {
    return this.connection.stop();
  }

  reconnectNow(): Promise<void> {
    return this.connection.reconnectNow();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.connection.dispose();
    this.subscriptions.dispose();
    this.reconnectEmitter.dispose();
  }
}
