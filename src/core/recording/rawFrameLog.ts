/**
 * The raw frame view's model: the last N frames per hub, each split into its SignalR records and
 * labelled, redacted. Appending is O(1) and does no parsing (it runs for every frame under a flood);
 * labelling and redaction happen once per frame, when a view first reads it.
 */
import type { HubKind } from '../hub/types';
import type { HubClient } from '../monitor/types';
import { Emitter, type Disposable } from '../util/emitter';
import { redact } from '../util/redact';
import { describeLabel, labelRecord, splitRecords, type RecordLabel } from '../wire/signalrCodec';
import type { RawFrame } from './types';

export const DEFAULT_FRAME_LOG_CAPACITY = 200;
/** A record's text is cut here for the view (depth snapshots run to tens of KB). */
export const MAX_RECORD_CHARS = 8_192;

export interface LabelledRecord {
  readonly label: RecordLabel;
  /** One line, e.g. "invocation GatewayQuote", "completion #2 ok". */
  readonly summary: string;
  /** The record's JSON (redacted, without the 0x1E separator), cut at MAX_RECORD_CHARS. */
  readonly text: string;
  readonly truncated: boolean;
}

export interface LabelledFrame {
  /** Increases by one per appended frame (both hubs share the sequence). */
  readonly seq: number;
  /** Epoch ms when the frame crossed the socket. */
  readonly at: number;
  readonly hub: HubKind;
  readonly direction: 'in' | 'out';
  /** Length of the whole frame text in characters. */
  readonly length: number;
  readonly records: readonly LabelledRecord[];
}

export interface RawFrameLogOptions {
  /** Frames kept per hub. Default 200. */
  readonly capacity?: number;
  /** Literal secrets (the current token, the API key) besides the patterns redact() knows. */
  readonly secrets?: () => readonly string[];
  /** onDidAppend fires at most once per this many ms per hub; 0 = on every frame. Default 100. */
  readonly notifyIntervalMs?: number;
}

interface Slot {
  readonly seq: number;
  readonly frame: RawFrame;
  labelled: LabelledFrame | undefined;
}

class Ring {
  readonly slots: (Slot | undefined)[];
  next = 0;
  size = 0;
  constructor(capacity: number) {
    this.slots = new Array<Slot | undefined>(capacity).fill(undefined);
  }
  push(slot: Slot): void {
    this.slots[this.next] = slot;
    this.next = (this.next + 1) % this.slots.length;
    this.size = Math.min(this.size + 1, this.slots.length);
  }
  *oldestFirst(): Generator<Slot> {
    for (let i = this.size; i > 0; i--) {
      const slot = this.slots[(this.next - i + this.slots.length) % this.slots.length];
      if (slot) yield slot;
    }
  }
  clear(): void {
    this.slots.fill(undefined);
    this.next = 0;
    this.size = 0;
  }
}

export class RawFrameLog implements Disposable {
  private readonly rings: Record<HubKind, Ring>;
  private readonly appendEmitter = new Emitter<{ hub: HubKind; seq: number }>();
  private readonly notifyMs: number;
  private readonly timers: Partial<Record<HubKind, NodeJS.Timeout>> = {};
  private readonly attached: Disposable[] = [];
  private seq = 0;
  private disposed = false;

  constructor(private readonly opts: RawFrameLogOptions = {}) {
    const capacity = Math.max(1, Math.floor(opts.capacity ?? DEFAULT_FRAME_LOG_CAPACITY));
    this.rings = { user: new Ring(capacity), market: new Ring(capacity) };
    this.notifyMs = Math.max(0, opts.notifyIntervalMs ?? 100);
  }

  /** Fires (throttled, see notifyIntervalMs) with the hub and the newest sequence number appended. */
  readonly onDidAppend = (listener: (info: { hub: HubKind; seq: number }) => void): Disposable => this.appendEmitter.event(listener);

  /** Listens to a hub client's frames until the returned Disposable (or this log) is disposed. */
  attach(client: Pick<HubClient, 'hub' | 'onFrame'>): Disposable {
    const sub = client.onFrame((frame) => this.append(frame));
    this.attached.push(sub);
    return sub;
  }

  append(frame: RawFrame): void {
    if (this.disposed) return;
    const seq = ++this.seq;
    this.rings[frame.hub].push({ seq, frame, labelled: undefined });
    if (this.appendEmitter.size === 0) return;
    if (this.notifyMs === 0) {
      this.appendEmitter.fire({ hub: frame.hub, seq });
      return;
    }
    const hub = frame.hub;
    if (this.timers[hub]) return;
    const timer = setTimeout(() => {
      delete this.timers[hub];
      if (!this.disposed) this.appendEmitter.fire({ hub, seq: this.seq });
    }, this.notifyMs);
    timer.unref();
    this.timers[hub] = timer;
  }

  /** The frames kept for `hub`, oldest first, labelled and redacted. */
  entries(hub: HubKind): readonly LabelledFrame[] {
    const out: LabelledFrame[] = [];
    for (const slot of this.rings[hub].oldestFirst()) {
      slot.labelled ??= this.label(slot);
      out.push(slot.labelled);
    }
    return out;
  }

  clear(hub?: HubKind): void {
    if (hub === undefined || hub === 'user') this.rings.user.clear();
    if (hub === undefined || hub === 'market') this.rings.market.clear();
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.attached.splice(0)) d.dispose();
    for (const timer of Object.values(this.timers)) clearTimeout(timer);
    this.appendEmitter.dispose();
    this.clear();
  }

  private label(slot: Slot): LabelledFrame {
    const { frame } = slot;
    const text = redact(frame.text, this.opts.secrets?.() ?? []);
    const { records, rest } = splitRecords(text);
    const labelled = records.map((r) => labelledRecord(r, labelRecord(r, frame.direction)));
    if (rest.trim() !== '') labelled.push(labelledRecord(rest, { kind: 'unknown', reason: 'not terminated by the 0x1E record separator' }));
    return { seq: slot.seq, at: frame.at, hub: frame.hub, direction: frame.direction, length: frame.text.length, records: labelled };
  }
}

function labelledRecord(text: string, label: RecordLabel): LabelledRecord {
  const truncated = text.length > MAX_RECORD_CHARS;
  return { label, summary: describeLabel(label), text: truncated ? `${text.slice(0, MAX_RECORD_CHARS)}…` : text, truncated };
}
