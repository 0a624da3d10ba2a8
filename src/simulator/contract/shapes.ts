/**
 * A tiny vocabulary for the gateway's payload shapes, so the contract can be written down as data:
 * checked against a value (the simulator's answers, the client's requests) and turned into a sample
 * (to feed the client's parsers). Written for the simulator; it imports nothing of the client.
 */

export type FieldType =
  | 'int'
  | 'number'
  | 'string'
  | 'boolean'
  /** ISO-8601 text: `Z`, an offset, up to 7 fractional digits. */
  | 'timestamp'
  | { readonly enum: readonly string[] };

export interface Field {
  readonly name: string;
  readonly type: FieldType;
  /** May be absent. */
  readonly optional?: boolean;
  /** May be null. */
  readonly nullable?: boolean;
}

export type Shape = readonly Field[];

export type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$/;

function typeProblem(value: unknown, type: FieldType): string | undefined {
  if (typeof type === 'object') {
    return typeof value === 'number' && Number.isInteger(value) ? undefined : `expected an enum code (integer), got ${JSON.stringify(value)}`;
  }
  switch (type) {
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) ? undefined : `expected an integer, got ${JSON.stringify(value)}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `expected a number, got ${JSON.stringify(value)}`;
    case 'string':
      return typeof value === 'string' ? undefined : `expected a string, got ${JSON.stringify(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `expected a boolean, got ${JSON.stringify(value)}`;
    case 'timestamp':
      return typeof value === 'string' && ISO_TIME.test(value) ? undefined : `expected an ISO-8601 timestamp, got ${JSON.stringify(value)}`;
  }
}

/**
 * Problems of `value` against `shape`, one line each ("where.field: …"); empty when it conforms.
 * `extra: 'reject'` also names fields the shape does not know (requests: the client must send only
 * what the gateway reads); answers may carry extra fields, which clients must ignore.
 */
export function checkShape(value: unknown, shape: Shape, where: string, extra: 'reject' | 'allow' = 'allow'): string[] {
  if (!isObject(value)) return [`${where}: expected an object, got ${JSON.stringify(value)}`];
  const problems: string[] = [];
  for (const field of shape) {
    const v = value[field.name];
    if (v === undefined) {
      if (!field.optional) problems.push(`${where}.${field.name}: missing`);
      continue;
    }
    if (v === null) {
      if (!field.nullable) problems.push(`${where}.${field.name}: null is not allowed`);
      continue;
    }
    const problem = typeProblem(v, field.type);
    if (problem) problems.push(`${where}.${field.name}: ${problem}`);
  }
  if (extra === 'reject') {
    const known = new Set(shape.map((f) => f.name));
    for (const key of Object.keys(value)) if (!known.has(key)) problems.push(`${where}.${key}: not part of the contract`);
  }
  return problems;
}

/** A value of every field (optional ones included), different per field and per `seed`. */
export function sampleOf(shape: Shape, seed = 1): JsonObject {
  const out: JsonObject = {};
  shape.forEach((field, i) => {
    const n = seed * 100 + i + 1;
    const type = field.type;
    if (typeof type === 'object') out[field.name] = n % type.enum.length;
    else if (type === 'int') out[field.name] = n;
    else if (type === 'number') out[field.name] = n + 0.25;
    else if (type === 'string') out[field.name] = `${field.name}-${n}`;
    else if (type === 'boolean') out[field.name] = n % 2 === 0;
    else out[field.name] = new Date(Date.UTC(2025, 6, 21, 13, 47, n % 60)).toISOString();
  });
  return out;
}
