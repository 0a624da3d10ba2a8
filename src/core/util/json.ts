/** Small guards for data that crossed a boundary (JSON from the network, hub arguments). */

export type JsonRecord = Readonly<Record<string, unknown>>;

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** C0/C1 controls and the Unicode line separators: a hostile value must not break or recolour a log line. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** A short, single-line description of a value for error texts: never the whole payload. */
export function describeValue(value: unknown, max = 40): string {
  if (value === null) return 'null';
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  switch (typeof value) {
    case 'string': {
      const oneLine = value.length > max ? `${value.slice(0, max)}…` : value;
      return `the string "${oneLine.replace(CONTROL, ' ')}"`;
    }
    case 'number':
    case 'boolean':
      return `${typeof value} ${String(value)}`;
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

/** JSON.parse that reports failure instead of throwing. */
export function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
