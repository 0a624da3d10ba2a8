/**
 * Records raw frames and the timeline into JSON Lines, redacted as they are written, so a user can share
 * a failure and anyone can replay it. Times are ms since the recording started. Appends are batched
 * (frames arrive by the thousand per second); a write failure stops the recording with one clear line
 * through onError, never an exception out of a timer.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { errorText } from '../errors/classify';
import { formatBytes, MAX_RECORDING_BYTES } from '../limits';
import type { HubClient, Monitor, TimelineSource } from '../monitor/types';
import { formatEntry } from '../timeline/format';
import type { Disposable } from '../util/emitter';
import { redact } from '../util/redact';
import { RECORDING_VERSION, type RawFrame, type RecordingHeader, type RecordingLine } from './types';

export interface RecorderOptions {
  readonly file: string;
  readonly profileName: string;
  /** Subscribes to raw frames (see framesOf). */
  readonly frames: (listener: (frame: RawFrame) => void) => Disposable;
  readonly timeline: TimelineSource;
  /** Literal secrets (API key, current token) to redact besides the patterns redact() knows. */
  readonly secrets?: () => readonly string[];
  /** One line naming the cause when writing fails; the recording stops there. */
  readonly onError?: (message: string) => void;
  readonly now?: () => number;
  /** How long lines wait before they are appended. Default 200 ms. */
  readonly flushMs?: number;
  /** The file's size limit: the recording stops there with one line through onError. Default MAX_RECORDING_BYTES. */
  readonly maxBytes?: number;
}

/** Lines written at once even before the flush timer (bounds memory under a flood). */
const MAX_PENDING = 5_000;
/** Bytes waiting to be written at once even before the flush timer (frames run to megabytes). */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;

/** The frames of several hub clients as one subscription. */
export function framesOf(clients: readonly Pick<HubClient, 'onFrame'>[]): (listener: (frame: RawFrame) => void) => Disposable {
  return (listener) => {
    const subs = clients.map((c) => c.onFrame(listener));
    return { dispose: () => subs.forEach((s) => s.dispose()) };
  };
}

export class SessionRecorder implements Disposable {
  private readonly started: number;
  private readonly subscriptions: Disposable[];
  private readonly flushMs: number;
  private lines = 0;
  private pending: string[] = [];
  private pendingBytes = 0;
  /** Bytes in the file plus those waiting. */
  private bytes = 0;
  private readonly maxBytes: number;
  private flushTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  /** Writes the header at once: throws one clear line if the file cannot be created. */
  constructor(private readonly opts: RecorderOptions) {
    const now = opts.now ?? Date.now;
    this.started = now();
    this.flushMs = Math.max(0, opts.flushMs ?? 200);
    this.maxBytes = opts.maxBytes ?? MAX_RECORDING_BYTES;
    const header: RecordingHeader = { type: 'header', version: RECORDING_VERSION, profile: this.clean(opts.profileName), startedAt: new Date(this.started).toISOString(), tool: 'hubmon' };
    try {
      const first = JSON.stringify(header) + '\n';
      writeFileSync(opts.file, first);
      this.bytes = Buffer.byteLength(first);
    } catch (error) {
      throw new Error(`Cannot write the recording ${opts.file}: ${errorText(error)}. Pick a folder you can write to.`);
    }
    this.subscriptions = [
      opts.frames((f) => this.write({ type: 'frame', t: f.at - this.started, hub: f.hub, direction: f.direction, text: this.clean(f.text) })),
      opts.timeline.onEntry((e) =>
        this.write({ type: 'timeline', t: e.at.getTime() - this.started, ...(e.hub ? { hub: e.hub } : {}), kind: e.step.kind, line: formatEntry(e, this.opts.secrets?.()) }),
      ),
    ];
  }

  get file(): string {
    return this.opts.file;
  }

  /** Lines recorded after the header (written or waiting for the next flush). */
  get lineCount(): number {
    return this.lines;
  }

  get isRecording(): boolean {
    return !this.stopped;
  }

  /** Appends the waiting lines now. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.length === 0) return;
    const text = this.pending.join('\n') + '\n';
    this.pending = [];
    this.pendingBytes = 0;
    try {
      appendFileSync(this.opts.file, text);
    } catch (error) {
      this.stop();
      this.opts.onError?.(`Recording to ${this.opts.file} stopped: ${errorText(error)}. Check the disk and the folder, then record again.`);
    }
  }

  /** Stops listening and writes what is left. */
  dispose(): void {
    this.stop();
    this.flush();
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const s of this.subscriptions) s.dispose();
  }

  private clean(text: string): string {
    return redact(text, this.opts.secrets?.() ?? []);
  }

  private write(line: RecordingLine): void {
    if (this.stopped) return;
    const text = JSON.stringify(line);
    const size = Buffer.byteLength(text) + 1;
    if (this.bytes + size > this.maxBytes) {
      this.stop();
      this.flush();
      this.opts.onError?.(`Recording to ${this.opts.file} stopped at its size limit (${formatBytes(this.maxBytes)}): the file keeps what came before. Record a shorter session.`);
      return;
    }
    this.bytes += size;
    this.pending.push(text);
    this.pendingBytes += size;
    this.lines += 1;
    if (this.pending.length >= MAX_PENDING || this.pendingBytes >= MAX_PENDING_BYTES) return this.flush();
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => this.flush(), this.flushMs);
    this.flushTimer.unref();
  }
}

/** Records both hubs' frames and the shared timeline of a monitor. */
export function recordMonitor(
  monitor: Pick<Monitor, 'profile' | 'user' | 'market' | 'timeline'>,
  file: string,
  opts: Pick<RecorderOptions, 'secrets' | 'onError' | 'now' | 'flushMs'> = {},
): SessionRecorder {
  return new SessionRecorder({ ...opts, file, profileName: monitor.profile.name, frames: framesOf([monitor.user, monitor.market]), timeline: monitor.timeline });
}
