/**
 * What a hub connection could not read, counted by kind, told to the timeline without flooding it: a
 * step when a kind first fails and again when its count reaches 10, 100, … 1,000,000 (at most 7
 * lines per kind, each with the running count, so "1×" never stands for 5,000). Events the client
 * drops for want of a handler (a new gateway event) get one line per name.
 */
import type { TimelineStep } from '../timeline/types';

/** The last count that still gets a line: 10^6, so at most 7 lines per kind ever. */
export const LAST_PARSE_FAILURE_MILESTONE = 1_000_000;
/** Distinct unknown event names listed; past that they share one key (a server could invent names forever). */
export const MAX_UNKNOWN_EVENT_NAMES = 50;
const MAX_NAME_CHARS = 80;
const OTHER_UNKNOWN = 'unknown-event:*';

export interface ParseFailureLogOptions {
  readonly record: (step: TimelineStep) => void;
  /** One warning line (the connection prefixes and redacts it). */
  readonly warn: (text: string) => void;
  readonly redact: (text: string) => string;
}

/** 1, 10, 100, … up to LAST_PARSE_FAILURE_MILESTONE. */
function isMilestone(count: number): boolean {
  for (let m = 1; m <= LAST_PARSE_FAILURE_MILESTONE; m *= 10) if (m === count) return true;
  return false;
}

/** A server-chosen name on one short line. */
function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const text = name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return text.length > MAX_NAME_CHARS ? `${text.slice(0, MAX_NAME_CHARS)}…` : text;
}

export class ParseFailureLog {
  private readonly counts = new Map<string, number>();
  private unknownNames = 0;
  /** The raw names listed so far (at most MAX_UNKNOWN_EVENT_NAMES), to their cleaned, redacted text. */
  private readonly listedNames = new Map<string, string>();
  private sum = 0;

  constructor(private readonly opts: ParseFailureLogOptions) {}

  /** Everything counted: parser refusals and events without a handler. */
  get total(): number {
    return this.sum;
  }

  /** A copy of the counts, by "Target/kind" or "unknown-event:<name>". */
  snapshot(): ReadonlyMap<string, number> {
    return new Map(this.counts);
  }

  /** An invocation the parser refused (`kind` says how). */
  note(target: string, kind: string, reason: string): void {
    const count = this.bump(`${target}/${kind}`);
    if (!isMilestone(count)) return;
    const text = this.opts.redact(reason);
    this.opts.record({ kind: 'parse-failure', event: target, reason: text, count });
    this.opts.warn(`could not parse ${target}${count > 1 ? ` (${count}×)` : ''}: ${text}`);
  }

  /** An invocation the client dropped: no handler for its target (the library lower-cases the name). */
  noteUnknownEvent(name: string): void {
    // Past the cap a new name is not even cleaned or redacted: a flood of invented names costs a lookup each.
    const listed = this.listedNames.get(name);
    if (listed === undefined && this.unknownNames >= MAX_UNKNOWN_EVENT_NAMES) {
      this.noteOther();
      return;
    }
    const event = listed ?? this.opts.redact(cleanName(name));
    const count = this.bump(`unknown-event:${event}`);
    if (count !== 1) return;
    this.unknownNames++;
    this.listedNames.set(name, event);
    const reason = 'no handler for this event, the client dropped it (an event this version does not know)';
    this.opts.record({ kind: 'parse-failure', event, reason, count });
    this.opts.warn(`${event}: ${reason}`);
  }

  private noteOther(): void {
    if (this.bump(OTHER_UNKNOWN) === 1) this.opts.record({ kind: 'note', text: `more than ${MAX_UNKNOWN_EVENT_NAMES} unknown event names: further ones are counted, not listed` });
  }

  private bump(key: string): number {
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    this.sum++;
    return count;
  }
}
