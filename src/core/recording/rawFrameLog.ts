/**
 * The raw frame view's model: the last N frames per hub, each split into its SignalR records and
 * labelled, redacted. Appending is O(1) and does no parsing (it runs for every frame under a flood);
 * labelling and redaction happen once per frame, when a view first reads it.
 */
import type { HubKind } from '../hub/types';
import { MAX_RAW_FRAME_LOG_CHARS } from '../limits';
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
  /** Characters of frame text kept per hub, besides the frame count. Default MAX_RAW_FRAME_LOG_CHARS. */
  readonly maxChars?: number;
}

interface Slot {
  readonly seq: number;
  /** The frame, its text cut at a share of the budget (a frame may run to the 8 MiB message limit). */
  readonly frame: RawFrame;
  /** The frame's full length in characters. */
  readonly length: number;
  labelled: LabelledFrame | undefined;
}

/** One frame keeps at most this share of a hub's character budget, so one huge frame cannot evict the rest. */
const FRAME_SHARE_OF_BUDGET = 8;

/** The last frames of a hub, bounded by count and by characters of text (a server sets the frame size). */
class Ring {
  readonly slots: (Slot | undefined)[];
  next = 0;
  size = 0;
  chars = 0;
  constructor(
    capacity: number,
    private readonly maxChars: number,
  ) {
    this.slots = new Array<Slot | undefined>(capacity).fill(undefined);
  }
  push(slot: Slot): void {
    if (this.size === this.slots.length) this.dropOldest();
    this.slots[this.next] = slot;
    this.next = (this.next + 1) % this.slots.length;
    this.size++;
    this.chars += slot.frame.text.length;
    while (this.chars > this.maxChars && this.size > 1) this.dropOldest();
  }
  private dropOldest(): void {
    const index = (this.next - this.size + this.slots.length) % this.slots.length;
    this.chars -= this.slots[index]?.frame.text.length ?? 0;
    this.slots[index] = undefined;
    this.size--;
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
    this.chars = 0;
  }
}

export class RawFrameLog implements Disposable {
  private readonly rings: Record<HubKind, Ring>;
  private readonly appendEmitter = new Emitter<{ hub: HubKind; seq: number }>();
  private readonly notifyMs: number;
  private readonly timers: Partial<Record<HubKind, NodeJS.Timeout>> = {};
  private readonly attached: Disposable[] = [];
  private readonly maxFrameChars: number;
  private seq = 0;
  private disposed = false;

  constructor(private readonly opts: RawFrameLogOptions = {}) {
    const capacity = Math.max(1, Math.floor(opts.capacity ?? DEFAULT_FRAME_LOG_CAPACITY));
    const maxChars = Math.max(1, Math.floor(opts.maxChars ?? MAX_RAW_FRAME_LOG_CHARS));
    this.maxFrameChars = Math.max(1, Math.floor(maxChars / FRAME_SHARE_OF_BUDGET));
    this.rings = { user: new Ring(capacity, maxChars), market: new Ring(capacity, maxChars) };
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
    const length = frame.text.length;
    const kept = length > this.maxFrameChars ? { ...frame, text: frame.text.slice(0, this.maxFrameChars) } : frame;
    this.rings[frame.hub].push({ seq, frame: kept, length, labelled: undefined });
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
    const cut = slot.length > frame.text.length;
    const reason = cut ? `the frame (${slot.length} characters) was cut at ${frame.text.length} to keep the log bounded` : 'not terminated by the 0x1E record separator';
    if (rest.trim() !== '') labelled.push(labelledRecord(rest, { kind: 'unknown', reason }));
    return { seq: slot.seq, at: frame.at, hub: frame.hub, direction: frame.direction, length: slot.length, records: labelled };
  }
}

function labelledRecord(text: string, label: RecordLabel): LabelledRecord {
  const truncated = text.length > MAX_RECORD_CHARS;
  return { label, summary: describeLabel(label), text: truncated ? `${text.slice(0, MAX_RECORD_CHARS)}…` : text, truncated };
}
