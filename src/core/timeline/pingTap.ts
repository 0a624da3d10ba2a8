/**
 * Pings on the timeline (the verbose level): every SignalR Ping a hub sends or receives becomes a
 * `ping` step with the interval since the previous one in the same direction, so a reader sees the
 * connection is alive between events and how regular the keep-alive is. It listens to the hubs' raw
 * frames, which costs a redaction per frame: attach it only when verbose output is wanted.
 */
import type { HubKind } from '../hub/types';
import type { RawFrame } from '../recording/types';
import type { Disposable } from '../util/emitter';
import { labelRecord, splitRecords } from '../wire/signalrCodec';
import type { TimelineStep } from './types';

export interface FrameSource {
  readonly onFrame: (listener: (frame: RawFrame) => void) => Disposable;
}

/** `{"type":6}` with room for whitespace; longer records are never pings and are not parsed. */
const MAX_PING_RECORD = 32;

/** The number of Ping records in one raw frame. */
export function countPings(frame: RawFrame): number {
  let pings = 0;
  for (const record of splitRecords(frame.text).records) {
    if (record.length <= MAX_PING_RECORD && labelRecord(record, frame.direction).kind === 'ping') pings++;
  }
  return pings;
}

/** Records a `ping` step per ping on `hubs`; dispose to stop. */
export function tapPings(hubs: readonly FrameSource[], record: (hub: HubKind, step: TimelineStep) => void): Disposable {
  const lastAt = new Map<string, number>();
  const subscriptions = hubs.map((source) =>
    source.onFrame((frame) => {
      for (let n = countPings(frame); n > 0; n--) {
        const key = `${frame.hub}:${frame.direction}`;
        const previous = lastAt.get(key);
        lastAt.set(key, frame.at);
        const direction = frame.direction === 'in' ? 'received' : 'sent';
        record(frame.hub, previous === undefined ? { kind: 'ping', direction } : { kind: 'ping', direction, sinceLastMs: frame.at - previous });
      }
    }),
  );
  return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
}
