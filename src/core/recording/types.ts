import type { HubKind } from '../hub/types';
import type { TimelineStep } from '../timeline/types';

/** One raw SignalR WebSocket message as it crossed the wire (records still 0x1E-separated). */
export interface RawFrame {
  /** Epoch ms, read once when the message arrived (or was sent). */
  readonly at: number;
  readonly hub: HubKind;
  readonly direction: 'in' | 'out';
  readonly text: string;
}

export const RECORDING_VERSION = 1;

export type RecordingHeader = { readonly type: 'header'; readonly version: 1; readonly profile: string; readonly startedAt: string; readonly tool: 'hubmon' };
export type RecordedFrame = { readonly type: 'frame'; readonly t: number; readonly hub: HubKind; readonly direction: 'in' | 'out'; readonly text: string };
export type RecordedTimeline = { readonly type: 'timeline'; readonly t: number; readonly hub?: HubKind; readonly kind: TimelineStep['kind']; readonly line: string };

/** The lines of a recording file (JSON Lines): a header, then frames and timeline lines in time order; t = ms since the start. */
export type RecordingLine = RecordingHeader | RecordedFrame | RecordedTimeline;

/** A parsed recording file. */
export interface Recording {
  readonly header: RecordingHeader;
  /** Everything after the header, in file order. */
  readonly lines: readonly (RecordedFrame | RecordedTimeline)[];
}
