/**
 * A seeded generator of hub payloads for the fuzz campaign: each payload is one SignalR JSON record
 * (text ending in 0x1E) plus what must happen to it, known by construction (a valid payload with
 * exactly one field broken fails on that field). Same seed, same payloads.
 */
import { DomType, OrderSide, OrderStatus, OrderType, PositionType, TradeLogType } from '../../src/core/events/enums';
import type { GatewayEvent, UserAction } from '../../src/core/events/types';
import type { HubKind } from '../../src/core/hub/types';
import { Prng } from '../../src/simulator/prng';

export const RS = '\x1e';
const MB = 1 << 20;
const DEEP = 10_000;
const RESET = DomType.indexOf('Reset');

export type FuzzKind =
  | 'good' | 'wrong-type' | 'missing-field' | 'null-field' | 'unknown-enum' | 'huge-number' | 'numeric-string'
  | 'bad-arguments' | 'bad-wrapper' | 'not-an-object' | 'deep-nesting' | 'huge-frame' | 'target-case'
  | 'ignored-by-client' | 'protocol-error';

export type Expectation =
  /** Delivered as events carrying these tags, in this order; `fields` holds on the first item. */
  | { readonly outcome: 'events'; readonly tags: readonly number[]; readonly fields?: Readonly<Record<string, unknown>>; readonly action?: UserAction }
  /** Counted under this parse-failure key (`Target/kind`), nothing delivered. */
  | { readonly outcome: 'parse-failure'; readonly key: string }
  /** Dropped by the signalr client before our handler (unknown target, non-list arguments, unknown type). */
  /** Dropped by the client for want of a handler: the session counts it as `unknown-event:<name>`. */
  | { readonly outcome: 'ignored'; readonly unknownEvent?: string }
  /** The client rejects the whole frame and closes the connection. */
  | { readonly outcome: 'protocol-error' };

export interface FuzzPayload {
  readonly kind: FuzzKind;
  readonly hub: HubKind;
  /** One record, separator included (a protocol-error record may be broken on purpose). */
  readonly record: string;
  readonly expect: Expectation;
}

type FieldType = 'id' | 'number' | 'string' | 'bool' | 'time' | readonly string[];
interface Field {
  readonly name: string;
  readonly type: FieldType;
  readonly required: boolean;
}
export interface EventSpec {
  readonly target: string;
  readonly hub: HubKind;
  readonly fields: readonly Field[];
  /** market: data is a list (trade, depth) or an object (quote); user: one item or more. */
  readonly list: boolean;
}

const f = (name: string, type: FieldType, required = false): Field => ({ name, type, required });
export const SPECS: readonly EventSpec[] = [
  { target: 'GatewayUserAccount', hub: 'user', list: false, fields: [f('id', 'id', true), f('name', 'string', true), f('balance', 'number', true), f('canTrade', 'bool'), f('isVisible', 'bool'), f('simulated', 'bool')] },
  { target: 'GatewayUserPosition', hub: 'user', list: false, fields: [f('id', 'id', true), f('accountId', 'id', true), f('contractId', 'string'), f('creationTimestamp', 'time'), f('type', PositionType), f('size', 'number', true), f('averagePrice', 'number')] },
  {
    target: 'GatewayUserOrder', hub: 'user', list: false,
    fields: [f('id', 'id', true), f('accountId', 'id', true), f('contractId', 'string'), f('symbolId', 'string'), f('creationTimestamp', 'time'), f('updateTimestamp', 'time'), f('status', OrderStatus, true), f('type', OrderType, true), f('side', OrderSide, true), f('size', 'number', true), f('limitPrice', 'number'), f('stopPrice', 'number'), f('fillVolume', 'number'), f('filledPrice', 'number'), f('customTag', 'string')],
  },
  {
    target: 'GatewayUserTrade', hub: 'user', list: false,
    fields: [f('id', 'id', true), f('accountId', 'id', true), f('contractId', 'string'), f('creationTimestamp', 'time'), f('price', 'number', true), f('profitAndLoss', 'number'), f('fees', 'number'), f('side', OrderSide, true), f('size', 'number', true), f('voided', 'bool'), f('orderId', 'id', true)],
  },
  { target: 'GatewayQuote', hub: 'market', list: false, fields: ['symbol', 'symbolName'].map((n) => f(n, 'string')).concat(['lastPrice', 'bestBid', 'bestAsk', 'change', 'changePercent', 'open', 'high', 'low', 'volume'].map((n) => f(n, 'number')), [f('lastUpdated', 'time'), f('timestamp', 'time')]) },
  { target: 'GatewayTrade', hub: 'market', list: true, fields: [f('symbolId', 'string'), f('price', 'number', true), f('timestamp', 'time'), f('type', TradeLogType, true), f('volume', 'number', true)] },
  { target: 'GatewayDepth', hub: 'market', list: true, fields: [f('timestamp', 'time'), f('type', DomType, true), f('price', 'number', true), f('volume', 'number', true), f('currentVolume', 'number')] },
];

const WEIGHTS: ReadonlyArray<readonly [FuzzKind, number]> = [
  ['good', 26], ['wrong-type', 12], ['missing-field', 8], ['null-field', 6], ['unknown-enum', 8], ['huge-number', 8], ['numeric-string', 5],
  ['bad-arguments', 5], ['bad-wrapper', 5], ['not-an-object', 5], ['deep-nesting', 1], ['huge-frame', 0.15], ['target-case', 2],
  ['ignored-by-client', 4], ['protocol-error', 0.25],
];
const TOTAL_WEIGHT = WEIGHTS.reduce((sum, [, w]) => sum + w, 0);

/** Market events are tagged through their contractId argument, user events through the item id. */
export function contractOf(tag: number): string {
  return `CON.FUZZ.${tag}`;
}

export function tagOf(event: GatewayEvent): number | undefined {
  if (event.hub === 'market') {
    const m = /^CON\.FUZZ\.(\d+)$/.exec(event.contractId);
    return m ? Number(m[1]) : undefined;
  }
  return event.name === 'GatewayLogout' ? undefined : event.data.id;
}

/** The first parsed item of an event (what `fields` is checked against). */
export function firstItem(event: GatewayEvent): unknown {
  if (event.name === 'GatewayTrade' || event.name === 'GatewayDepth') return event.data[0];
  return event.data;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A marker replaced in the serialized text by a literal JSON.stringify cannot produce. */
const RAW = (literal: string): string => `\u0000RAW:${literal}\u0000`;

function wrongValue(rng: Prng, type: FieldType): Json {
  if (type === 'id') return rng.pick<Json>(['x', 1.5, '1.5', {}, [], true, -0.25]);
  // Control characters (a terminal escape, a line separator) must not reach a log line.
  if (type === 'number') return rng.pick<Json>(['abc', '10 USD', 'NaN', {}, [], true, '', '\u001b[2J\u0007', '1\u2028 2']);
  if (type === 'string') return rng.pick<Json>([12, {}, [], true]);
  if (type === 'bool') return rng.pick<Json>(['yes', 1, {}, []]);
  if (type === 'time') return rng.pick<Json>(['not a time', '2024-02-30T00:00:00Z', '2024-07-21T25:00:00Z', '2024-07-21', {}, true, 1e20]);
  return rng.pick<Json>(['Sideways', 1.5, '2.5', {}, [], true]);
}

export class PayloadFuzzer {
  private readonly rng: Prng;
  private nextTag = 1;

  constructor(readonly seed: number) {
    this.rng = new Prng(seed);
  }

  /** `count` payloads of every kind (weights above), reproducible from the seed. */
  generate(count: number): FuzzPayload[] {
    const out: FuzzPayload[] = [];
    for (let i = 0; i < count; i++) out.push(this.one(this.pickKind()));
    return out;
  }

  /** A valid payload of `spec` (the sentinel and interleaved good events). */
  good(spec: EventSpec): FuzzPayload {
    const tag = this.nextTag++;
    const item = this.validItem(spec, tag);
    return this.build('good', spec, tag, [item], { outcome: 'events', tags: [tag] });
  }

  private pickKind(): FuzzKind {
    let r = this.rng.next() * TOTAL_WEIGHT;
    for (const [kind, w] of WEIGHTS) if ((r -= w) < 0) return kind;
    return 'good';
  }

  private one(kind: FuzzKind): FuzzPayload {
    const rng = this.rng;
    const spec = rng.pick(SPECS);
    const tag = this.nextTag++;
    const item = this.validItem(spec, tag);
    const events: Expectation = { outcome: 'events', tags: [tag] };
    const failOn = (field: string): Expectation => ({ outcome: 'parse-failure', key: `${spec.target}/${spec.target}:${field}` });
    switch (kind) {
      case 'good':
        return this.goodShape(spec, tag, item);
      case 'wrong-type': {
        const field = rng.pick(spec.fields);
        item[field.name] = wrongValue(rng, field.type);
        return this.build(kind, spec, tag, [item], failOn(field.name));
      }
      case 'missing-field':
      case 'null-field': {
        const field = rng.pick(spec.fields);
        if (kind === 'missing-field') delete item[field.name];
        else item[field.name] = null;
        return this.build(kind, spec, tag, [item], field.required ? failOn(field.name) : { ...events, fields: { [field.name]: emptyValue(field) } });
      }
      case 'unknown-enum': {
        const field = spec.fields.find((x) => Array.isArray(x.type));
        if (!field) return this.one(kind); // the quote has no enum
        const value = rng.chance(0.2) ? -rng.int(1, 1000) : (field.type as readonly string[]).length + 1 + rng.int(0, 1_000_000);
        item[field.name] = value;
        return this.build(kind, spec, tag, [item], { ...events, fields: { [field.name]: value } });
      }
      case 'huge-number':
        return this.hugeNumber(spec, tag, item);
      case 'numeric-string': {
        const field = spec.fields.find((x) => x.type === 'number' && x.required) ?? spec.fields.find((x) => x.type === 'number');
        if (!field) return this.one(kind);
        const value = Math.round(rng.next() * 1e6) / 100;
        item[field.name] = String(value);
        return this.build(kind, spec, tag, [item], { ...events, fields: { [field.name]: value } });
      }
      case 'bad-arguments':
        return this.badArguments(spec, tag, item);
      case 'bad-wrapper': {
        if (spec.hub !== 'user') return this.one(kind);
        const action = rng.pick<Json>(['add', 1.5, true, {}, 0, 7, null]);
        const wrapper = { action, data: item };
        if (typeof action === 'number' && Number.isInteger(action)) {
          const expected: UserAction = action === 1 ? 'upsert' : action === 0 ? 'removed' : action;
          return this.raw(kind, spec.hub, spec.target, [wrapper], { ...events, action: expected });
        }
        return this.raw(kind, spec.hub, spec.target, [wrapper], action === null ? events : failOn('action'));
      }
      case 'not-an-object': {
        const value = rng.pick<Json>(['{"id":1}', 42, true, null, [7, 'x']]);
        return this.build(kind, spec, tag, [value], failOn('payload'));
      }
      case 'deep-nesting':
        return this.deepNesting(spec, tag, item);
      case 'huge-frame':
        return this.hugeFrame(spec, tag, item);
      case 'target-case': {
        // The client matches targets case-insensitively and calls our handler with our own name.
        const target = rng.chance(0.5) ? spec.target.toLowerCase() : spec.target.toUpperCase();
        return this.raw(kind, spec.hub, target, this.args(spec, tag, [item]), events);
      }
      case 'ignored-by-client':
        return this.ignored(spec, tag, item);
      case 'protocol-error':
        return { kind, hub: spec.hub, record: rng.pick(PROTOCOL_ERRORS), expect: { outcome: 'protocol-error' } };
    }
  }

  private validItem(spec: EventSpec, tag: number): { [key: string]: Json } {
    const rng = this.rng;
    const item: { [key: string]: Json } = {};
    for (const field of spec.fields) {
      if (!field.required && rng.chance(0.15)) continue;
      const t = field.type;
      if (t === 'id') item[field.name] = field.name === 'id' ? tag : rng.int(1, 999_999);
      else if (t === 'number') item[field.name] = Math.round((rng.next() - 0.2) * 1e6) / 100;
      else if (t === 'string') item[field.name] = rng.pick(['F.US.EP', 'CON.F.US.MNQ.Z25', 'E-mini S&P 500', 'tag-Ü-✓', '']);
      else if (t === 'bool') item[field.name] = rng.chance(0.5);
      else if (t === 'time') item[field.name] = rng.pick(['2024-07-21T13:47:00.1234567+00:00', '2024-07-21T13:47:00Z', '2025-01-02T03:04:05.6-05:00', '2024-02-29T23:59:59', '2024-07-21 13:47:00.123+0000']);
      else item[field.name] = rng.chance(0.8) ? rng.int(0, t.length - 1) : rng.pick(t);
      // Depth rows are never Reset here (a Reset row's price and volume are optional).
      if (t === DomType && (item[field.name] === RESET || item[field.name] === 'Reset')) item[field.name] = RESET + 1;
    }
    return item;
  }

  /** Valid, in the shapes the gateway is seen to use: plain, arrays, {action, data}, extra fields. */
  private goodShape(spec: EventSpec, tag: number, item: { [key: string]: Json }): FuzzPayload {
    const rng = this.rng;
    if (rng.chance(0.3)) item.someFutureField = rng.pick<Json>([{ nested: [1, 2] }, 'x', null, 3]);
    if (spec.hub === 'market' || rng.chance(0.4)) return this.build('good', spec, tag, [item], { outcome: 'events', tags: [tag] });
    const n = rng.int(0, 30);
    const items = [item];
    const tags = [tag];
    for (let i = 1; i < n; i++) {
      const t = this.nextTag++;
      items.push(this.validItem(spec, t));
      tags.push(t);
    }
    const list = n === 0 ? [] : items;
    const wrapped = rng.chance(0.5);
    return this.raw('good', spec.hub, spec.target, [wrapped ? { action: 1, data: list } : list], { outcome: 'events', tags: n === 0 ? [] : tags, ...(wrapped ? { action: 'upsert' as const } : {}) });
  }

  private hugeNumber(spec: EventSpec, tag: number, item: { [key: string]: Json }): FuzzPayload {
    const rng = this.rng;
    const numbers = spec.fields.filter((x) => x.type === 'number');
    const ids = spec.fields.filter((x) => x.type === 'id' && x.name !== 'id');
    const variant = rng.int(0, 2);
    if (variant === 0 || (variant === 2 && ids.length === 0)) {
      const field = rng.pick(numbers);
      const value = rng.pick([1e308, -1e308, Number.MAX_SAFE_INTEGER * 1024, 5e-324]);
      item[field.name] = value;
      return this.build('huge-number', spec, tag, [item], { outcome: 'events', tags: [tag], fields: { [field.name]: value } });
    }
    // Literals JSON.stringify cannot write: 1e999 parses to Infinity; 2^60 is no safe integer.
    const field = variant === 1 ? rng.pick(numbers) : rng.pick(ids);
    item[field.name] = RAW(variant === 1 ? rng.pick(['1e999', '-1e999']) : '1152921504606846976');
    return this.build('huge-number', spec, tag, [item], { outcome: 'parse-failure', key: `${spec.target}/${spec.target}:${field.name}` });
  }

  private badArguments(spec: EventSpec, tag: number, item: { [key: string]: Json }): FuzzPayload {
    const key = (what: string): Expectation => ({ outcome: 'parse-failure', key: `${spec.target}/${spec.target}:${what}` });
    if (spec.hub === 'user') return this.raw('bad-arguments', spec.hub, spec.target, [], key('arguments'));
    const rng = this.rng;
    const variant = rng.int(0, 2);
    if (variant === 0) return this.raw('bad-arguments', spec.hub, spec.target, [contractOf(tag)], key('arguments'));
    if (variant === 1) return this.raw('bad-arguments', spec.hub, spec.target, [rng.pick<Json>([5, '', 'C'.repeat(201), null, {}]), spec.list ? [item] : item], key('contractId'));
    // Extra arguments are ignored.
    return this.raw('bad-arguments', spec.hub, spec.target, [...this.args(spec, tag, [item]), 'extra', 42], { outcome: 'events', tags: [tag] });
  }

  private deepNesting(spec: EventSpec, tag: number, item: { [key: string]: Json }): FuzzPayload {
    const variant = this.rng.int(0, 2);
    if (variant === 0) {
      // An extra field nested 10,000 deep: ignored, the payload is good.
      item.deep = RAW(`${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`);
      return this.build('deep-nesting', spec, tag, [item], { outcome: 'events', tags: [tag] });
    }
    if (variant === 1) {
      return this.build('deep-nesting', spec, tag, [RAW(`${'['.repeat(DEEP)}${']'.repeat(DEEP)}`)], { outcome: 'parse-failure', key: `${spec.target}/${spec.target}:payload` });
    }
    if (spec.hub === 'market') return this.deepNesting(spec, tag, item);
    // {action, data} wrappers 10,000 deep: one level is unwrapped, the next is no item (no id).
    const raw = `${'{"action":1,"data":'.repeat(DEEP)}{}${'}'.repeat(DEEP)}`;
    return this.raw('deep-nesting', spec.hub, spec.target, [RAW(raw)], { outcome: 'parse-failure', key: `${spec.target}/${spec.target}:id` });
  }

  private hugeFrame(spec: EventSpec, tag: number, item: { [key: string]: Json }): FuzzPayload {
    const variant = this.rng.int(0, 2);
    if (variant === 0 && spec.list) {
      // A 1 MB depth/trade list: one event with every row.
      const rows: Json[] = [item];
      for (let size = 0; size < MB; size += 80) rows.push(this.validItem(spec, tag));
      return this.raw('huge-frame', spec.hub, spec.target, [contractOf(tag), rows], { outcome: 'events', tags: [tag] });
    }
    if (variant === 1) {
      item.blob = 'x'.repeat(MB); // a 1 MB extra field: ignored
      return this.build('huge-frame', spec, tag, [item], { outcome: 'events', tags: [tag] });
    }
    // A 1 MB value in a string field: more than any name or id, refused rather than shown.
    const field = spec.fields.find((x) => x.type === 'string') ?? spec.fields[0];
    item[field.name] = 'y'.repeat(MB);
    return this.build('huge-frame', spec, tag, [item], { outcome: 'parse-failure', key: `${spec.target}/${spec.target}:${field.name}` });
  }

  private ignored(spec: EventSpec, tag: number, item: { [key: string]: Json }): FuzzPayload {
    const variant = this.rng.int(0, 4);
    const ignored: Expectation = { outcome: 'ignored' };
    // The library lower-cases the target before it looks for a handler.
    if (variant === 0) return this.raw('ignored-by-client', spec.hub, 'GatewaySomethingNew', this.args(spec, tag, [item]), { outcome: 'ignored', unknownEvent: 'gatewaysomethingnew' });
    const otherHubs = spec.hub === 'user' ? 'GatewayQuote' : 'GatewayUserTrade';
    if (variant === 1) return this.raw('ignored-by-client', spec.hub, otherHubs, this.args(spec, tag, [item]), { outcome: 'ignored', unknownEvent: otherHubs.toLowerCase() });
    if (variant === 2) return this.record('ignored-by-client', spec.hub, { type: 1, target: spec.target, arguments: 'not a list' }, ignored);
    if (variant === 3) return this.record('ignored-by-client', spec.hub, { type: 42, target: spec.target, arguments: [] }, ignored);
    return this.record('ignored-by-client', spec.hub, { type: 3, invocationId: '999999', result: { id: tag } }, ignored);
  }

  private args(spec: EventSpec, tag: number, items: Json[]): Json[] {
    if (spec.hub === 'user') return [items.length === 1 ? items[0] : items];
    return [contractOf(tag), spec.list ? items : items[0]];
  }

  private build(kind: FuzzKind, spec: EventSpec, tag: number, items: Json[], expect: Expectation): FuzzPayload {
    return this.raw(kind, spec.hub, spec.target, this.args(spec, tag, items), expect);
  }

  private raw(kind: FuzzKind, hub: HubKind, target: string, args: Json[], expect: Expectation): FuzzPayload {
    return this.record(kind, hub, { type: 1, target, arguments: args }, expect);
  }

  private record(kind: FuzzKind, hub: HubKind, message: Json, expect: Expectation): FuzzPayload {
    const text = JSON.stringify(message).replace(/"\\u0000RAW:(.*?)\\u0000"/g, (_m, literal: string) => JSON.parse(`"${literal}"`) as string);
    return { kind, hub, record: text + RS, expect };
  }
}

/** What `null` or a missing optional field becomes after parsing (parsePayloads.ts); else undefined. */
const EMPTY: Readonly<Record<string, unknown>> = {
  canTrade: false, isVisible: false, simulated: false, voided: false, fees: 0, fillVolume: 0, currentVolume: 0, averagePrice: 0,
  limitPrice: null, stopPrice: null, filledPrice: null, customTag: null, profitAndLoss: null,
};

function emptyValue(field: Field): unknown {
  // The only optional enum: a position's type.
  return field.name === 'type' ? 'Undefined' : EMPTY[field.name];
}

/** Frames the client's JSON protocol rejects: it closes the connection (see the fuzz test). */
const PROTOCOL_ERRORS: readonly string[] = [
  `{"type":1,"target":"GatewayQuote","arguments":[${RS}`, // truncated JSON
  `not json at all${RS}`,
  `null${RS}`,
  `[1,2,3]${RS}`,
  `{"type":"1","target":"GatewayQuote","arguments":[]}${RS}`,
  `{"type":1,"target":"","arguments":[]}${RS}`,
  `{"type":1,"target":5,"arguments":[]}${RS}`,
  `{"type":3,"invocationId":"1","result":1,"error":"both"}${RS}`,
  `{"type":1,"target":"GatewayQuote","arguments":["C",{}]}`, // no record separator
];
