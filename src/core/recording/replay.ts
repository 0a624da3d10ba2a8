/**
 * Replays a recording: the server→client events of each recorded frame are played through the
 * simulator to whoever is connected to it, at the recorded pace or faster, so the views show the same
 * events again. Handshakes, pings, completions and closes belong to the old connection and are not
 * sent (a recorded Close would close the replaying client); the recorded timeline lines are handed to
 * onTimeline at their time instead, so the viewer sees where the drop and the reconnect were.
 */
import type { HubKind } from '../hub/types';
import { isRecord } from '../util/json';
import { isServerEvent, labelRecord, RECORD_SEPARATOR, splitRecords } from '../wire/signalrCodec';
import type { RecordedTimeline, Recording } from './types';

export interface ReplayTarget {
  /** Sends one raw text frame to every connection of the hub (the simulator's faults.sendRaw). */
  sendRaw(hub: HubKind, text: string): void;
}

export interface ReplayOptions {
  /** 1 = recorded pace (default), 10 = ten times faster, Infinity = as fast as possible. */
  readonly speed?: number;
  readonly signal?: AbortSignal;
  /** Receives each recorded timeline line at its (scaled) time. */
  readonly onTimeline?: (line: RecordedTimeline) => void;
}

export interface ReplayResult {
  readonly frames: number;
  /** Event records (server invocations) sent. */
  readonly events: number;
  readonly aborted: boolean;
}

/** One frame to send again: only its event records, still 0x1E-terminated. */
export interface ReplayFrame {
  readonly t: number;
  readonly hub: HubKind;
  readonly text: string;
  readonly events: number;
}

/** The received frames that carried events, reduced to their event records. */
export function replayFrames(recording: Recording): ReplayFrame[] {
  const out: ReplayFrame[] = [];
  for (const line of recording.lines) {
    if (line.type !== 'frame' || line.direction !== 'in') continue;
    const events = splitRecords(line.text).records.filter((r) => isServerEvent(labelRecord(r, 'in')));
    if (events.length > 0) out.push({ t: line.t, hub: line.hub, text: events.map((r) => r + RECORD_SEPARATOR).join(''), events: events.length });
  }
  return out;
}

export interface RecordedSubscription {
  readonly hub: HubKind;
  readonly method: string;
  readonly arg: number | string | undefined;
}

/** The Subscribe calls the recorded client made, first occurrence of each, in order: subscribe a replaying monitor the same way. */
export function recordedSubscriptions(recording: Recording): RecordedSubscription[] {
  const seen = new Set<string>();
  const out: RecordedSubscription[] = [];
  for (const line of recording.lines) {
    if (line.type !== 'frame' || line.direction !== 'out') continue;
    for (const record of splitRecords(line.text).records) {
      const label = labelRecord(record, 'out');
      if (label.kind !== 'invocation' || !/^Subscribe/.test(label.target)) continue;
      const value: unknown = JSON.parse(record); // labelRecord parsed it already: valid JSON
      const args: readonly unknown[] = isRecord(value) && Array.isArray(value.arguments) ? value.arguments : [];
      const first = args[0];
      const arg = typeof first === 'number' || typeof first === 'string' ? first : undefined;
      const key = `${line.hub}:${label.target}:${String(arg)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ hub: line.hub, method: label.target, arg });
    }
  }
  return out;
}

/** Plays the recording's events (and timeline lines) in recorded order; resolves when done or aborted. */
export async function replay(recording: Recording, target: ReplayTarget, opts: ReplayOptions = {}): Promise<ReplayResult> {
  const speed = opts.speed ?? 1;
  if (!(typeof speed === 'number' && speed > 0)) throw new Error(`Replay speed must be a number above 0 (1 = recorded pace, Infinity = as fast as possible), got ${String(speed)}.`);
  const frames = replayFrames(recording);
  const timeline = opts.onTimeline ? recording.lines.filter((l): l is RecordedTimeline => l.type === 'timeline') : [];
  const first = Math.min(frames[0]?.t ?? Infinity, timeline[0]?.t ?? Infinity);
  const start = performance.now();
  let sentFrames = 0;
  let events = 0;
  let f = 0;
  let l = 0;
  while (f < frames.length || l < timeline.length) {
    const nextIsLine = l < timeline.length && (f >= frames.length || timeline[l].t <= frames[f].t);
    const t = nextIsLine ? timeline[l].t : frames[f].t;
    const wait = Number.isFinite(speed) ? (t - first) / speed - (performance.now() - start) : 0;
    if (wait > 1 && !(await sleep(wait, opts.signal))) break;
    if (opts.signal?.aborted) break;
    if (nextIsLine) {
      opts.onTimeline?.(timeline[l++]);
    } else {
      const frame = frames[f++];
      target.sendRaw(frame.hub, frame.text);
      sentFrames += 1;
      events += frame.events;
    }
  }
  return { frames: sentFrames, events, aborted: opts.signal?.aborted ?? false };
}

/** Resolves true after `ms`, or false at once when `signal` aborts (the timer is cleared either way). */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(ok);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
