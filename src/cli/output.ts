/**
 * Printers for `hubmon watch`: JSON lines (one object per line on stdout) or compact human lines.
 * Every line passes through redact() with the secrets this run knows, so no key or token escapes.
 */
import type { GatewayEvent } from '../core/events/types';
import type { HubKind, HubState } from '../core/hub/types';
import type { SubscriptionInfo } from '../core/monitor/types';
import { formatEntry, formatTime } from '../core/timeline/format';
import type { TimelineEntry } from '../core/timeline/types';
import { redact } from '../core/util/redact';
import type { CliIo } from './command';
import { choosePaint, eventText, paintStep, subscriptionText } from './humanLines';
import { errorLine, eventLine, serializeLine, stateLine, subscriptionLine, timelineLine, type WatchLine } from './jsonLines';

export interface WatchPrinter {
  state(hub: HubKind, state: HubState): void;
  timeline(entry: TimelineEntry): void;
  subscription(info: SubscriptionInfo): void;
  event(event: GatewayEvent): void;
  /** The one stderr line of a failure (and, with --json, an `error` line on stdout). */
  error(message: string, errorKind: string, exitCode: number, hub?: HubKind): void;
  /** A human-only remark on stderr (how to stop, what is being watched); silent with --json. */
  note(text: string): void;
  /** A diagnostic line (--verbose) on stderr, in both modes. */
  log(text: string): void;
}

export interface PrinterOptions {
  readonly json: boolean;
  readonly io: CliIo;
  /** Read on every line: the token may be replaced while watching. */
  readonly secrets: () => readonly string[];
  readonly now?: () => Date;
}

export function createPrinter(options: PrinterOptions): WatchPrinter {
  const { io, secrets } = options;
  const now = options.now ?? (() => new Date());
  const clean = (text: string): string => redact(text, secrets());
  const errLine = (text: string): void => void io.stderr.write(`${clean(text)}\n`);

  if (options.json) {
    const out = (line: WatchLine): void => void io.stdout.write(`${clean(serializeLine(line))}\n`);
    return {
      state: (hub, state) => out(stateLine(hub, state, now())),
      timeline: (entry) => out(timelineLine(entry, formatEntry(entry, secrets()))),
      subscription: (info) => out(subscriptionLine(info)),
      event: (event) => out(eventLine(event)),
      error: (message, errorKind, exitCode, hub) => {
        out(errorLine(errorKind, message, exitCode, hub));
        errLine(`hubmon: ${message}`);
      },
      note: () => undefined,
      log: errLine,
    };
  }

  const paint = choosePaint(io.stdout.isTTY, io.env);
  const write = (text: string): void => void io.stdout.write(`${clean(text)}\n`);
  // The same shape as the timeline's own lines: "12:00:01.234 [market] …".
  const out = (at: Date, hub: HubKind, text: string): void => write(`${formatTime(at)} [${hub}] ${text}`);
  return {
    // The timeline already has a line for every state change (attempt, connected, reconnecting,
    // failed, stopped): printing the states too would say everything twice.
    state: () => undefined,
    timeline: (entry) => write(paintStep(entry.step, paint)(formatEntry(entry, secrets()))),
    subscription: (info) => out(now(), info.hub, subscriptionText(info, paint)),
    event: (event) => out(now(), event.hub, eventText(event, paint)),
    error: (message) => errLine(`hubmon: ${choosePaint(io.stderr.isTTY, io.env).bad(message)}`),
    note: errLine,
    log: errLine,
  };
}
