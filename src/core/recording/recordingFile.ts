/**
 * Reads a recording file, parsed once at the boundary: every line is checked field by field, and a bad
 * one is reported as a single line "file:N: what is wrong. What to do." (RecordingError), never as a
 * JSON or type error from deep inside the replay.
 */
import { readFileSync, statSync } from 'node:fs';
import { errorText } from '../errors/classify';
import type { TimelineStep } from '../timeline/types';
import { describeValue, isRecord, type JsonRecord } from '../util/json';
import { RECORDING_VERSION, type RecordedFrame, type RecordedTimeline, type Recording, type RecordingHeader } from './types';

/** Larger files are refused: a shared recording is minutes, not hours, of frames. */
export const MAX_RECORDING_BYTES = 256 * 1024 * 1024;

export class RecordingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordingError';
  }
}

const STEP_KINDS: Readonly<Record<TimelineStep['kind'], true>> = {
  attempt: true, negotiate: true, upgrade: true, handshake: true, connected: true, close: true, reconnecting: true, reconnected: true,
  resubscribe: true, subscribe: true, unsubscribe: true, token: true, 'parse-failure': true, failed: true, stopped: true, resync: true, ping: true, note: true,
};

function isStepKind(kind: unknown): kind is TimelineStep['kind'] {
  return typeof kind === 'string' && Object.hasOwn(STEP_KINDS, kind);
}

const FIX = 'is this a Hub Monitor recording (JSON Lines written by "Record Session")?';

export function readRecording(file: string): Recording {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_RECORDING_BYTES) throw new RecordingError(`${file}: ${Math.round(size / 1048576)} MB is too large to replay (limit ${MAX_RECORDING_BYTES / 1048576} MB): record a shorter session.`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof RecordingError) throw error;
    throw new RecordingError(`Cannot read the recording ${file}: ${errorText(error)}.`);
  }
  return parseRecording(text, file);
}

/** Parses the text of a recording; `name` prefixes error lines. Blank lines are allowed and counted. */
export function parseRecording(text: string, name = 'recording'): Recording {
  const rows = text.split('\n');
  let header: RecordingHeader | undefined;
  const lines: (RecordedFrame | RecordedTimeline)[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i].trim();
    if (row === '') continue;
    const fail = (what: string): never => {
      throw new RecordingError(`${name}:${i + 1}: ${what}`);
    };
    let value: unknown;
    try {
      value = JSON.parse(row);
    } catch {
      fail(`not a JSON line: ${FIX}`);
    }
    if (!isRecord(value)) return fail(`expected a JSON object, got ${describeValue(value)}: ${FIX}`);
    if (header === undefined) {
      header = parseHeader(value, fail);
      continue;
    }
    if (value.type === 'frame') lines.push(parseFrame(value, fail));
    else if (value.type === 'timeline') lines.push(parseTimeline(value, fail));
    else fail(`unknown line type ${describeValue(value.type)} (expected "frame" or "timeline")`);
  }
  if (header === undefined) throw new RecordingError(`${name}: the file is empty: ${FIX}`);
  return { header, lines };
}

type Fail = (what: string) => never;

function parseHeader(v: JsonRecord, fail: Fail): RecordingHeader {
  if (v.type !== 'header' || v.tool !== 'hubmon') fail(`the first line is not a recording header: ${FIX}`);
  if (v.version !== RECORDING_VERSION) fail(`recording version ${describeValue(v.version)}, this Hub Monitor reads version ${RECORDING_VERSION}: update the extension.`);
  const profile = typeof v.profile === 'string' ? v.profile : fail(`header "profile" is ${describeValue(v.profile)}, expected a string`);
  const startedAt = typeof v.startedAt === 'string' && !Number.isNaN(Date.parse(v.startedAt)) ? v.startedAt : fail(`header "startedAt" is ${describeValue(v.startedAt)}, expected an ISO time`);
  return { type: 'header', version: RECORDING_VERSION, profile, startedAt, tool: 'hubmon' };
}

function time(v: JsonRecord, fail: Fail): number {
  return typeof v.t === 'number' && Number.isFinite(v.t) && v.t >= 0 ? v.t : fail(`"t" is ${describeValue(v.t)}, expected milliseconds ≥ 0`);
}

function parseFrame(v: JsonRecord, fail: Fail): RecordedFrame {
  const t = time(v, fail);
  const hub = v.hub === 'user' || v.hub === 'market' ? v.hub : fail(`frame "hub" is ${describeValue(v.hub)}, expected "user" or "market"`);
  const direction = v.direction === 'in' || v.direction === 'out' ? v.direction : fail(`frame "direction" is ${describeValue(v.direction)}, expected "in" or "out"`);
  const text = typeof v.text === 'string' ? v.text : fail(`frame "text" is ${describeValue(v.text)}, expected a string`);
  return { type: 'frame', t, hub, direction, text };
}

function parseTimeline(v: JsonRecord, fail: Fail): RecordedTimeline {
  const t = time(v, fail);
  const line = typeof v.line === 'string' ? v.line : fail(`timeline "line" is ${describeValue(v.line)}, expected a string`);
  const kind = isStepKind(v.kind) ? v.kind : fail(`timeline "kind" is ${describeValue(v.kind)}, expected a timeline step kind`);
  if (v.hub !== undefined && v.hub !== 'user' && v.hub !== 'market') fail(`timeline "hub" is ${describeValue(v.hub)}, expected "user", "market" or none`);
  const hub = v.hub === 'user' || v.hub === 'market' ? v.hub : undefined;
  return { type: 'timeline', t, ...(hub ? { hub } : {}), kind, line };
}
