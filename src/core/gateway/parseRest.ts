/** REST payload parsers (Account, Contract) in the same hand-written style as the hub parsers. */
import { ParseError, readBooleanOr, readNumberOr, readString, readStringOr } from '../events/parseFields';
import { parseAccountPayload } from '../events/parsePayloads';
import { describeValue, isRecord, type JsonRecord } from '../util/json';
import type { Account, Contract } from './types';

function asRecord(raw: unknown, what: string): JsonRecord {
  if (!isRecord(raw)) throw new ParseError(`${what}:payload`, `expected an object, got ${describeValue(raw)}`);
  return raw;
}

/** Account/search items share the hub's account shape. */
export function parseAccount(raw: unknown): Account {
  return parseAccountPayload(raw, 'Account');
}

/** Required: id, name. Descriptive fields default to '' / 0 / false when absent. */
export function parseContract(raw: unknown): Contract {
  const o = asRecord(raw, 'Contract');
  return {
    id: readString(o, 'id', 'Contract'),
    name: readString(o, 'name', 'Contract'),
    description: readStringOr(o, 'description', 'Contract', ''),
    tickSize: readNumberOr(o, 'tickSize', 'Contract', 0),
    tickValue: readNumberOr(o, 'tickValue', 'Contract', 0),
    activeContract: readBooleanOr(o, 'activeContract', 'Contract', false),
    symbolId: readStringOr(o, 'symbolId', 'Contract', undefined),
  };
}

/** Parses `body[field]` as a list; a missing or null list is empty (the gateway omits empty lists). */
export function parseList<T>(body: JsonRecord, field: string, parseItem: (raw: unknown) => T): T[] {
  const raw = body[field];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new ParseError(`${field}:payload`, `expected a list, got ${describeValue(raw)}`);
  const out = new Array<T>(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = parseItem(raw[i]);
  return out;
}
