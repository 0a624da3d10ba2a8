/**
 * The boundary between the hubs and the engine: one hub invocation (target + arguments) → typed
 * GatewayEvents, or a stable failure kind. Never throws, whatever the arguments hold.
 *
 * Shapes accepted (projectx-gateway.md, "Observed differences to tolerate"):
 * - user events: the item, an array of items, or an `{action, data}` wrapper around either
 *   (one event per item; action 1 → 'upsert', 0 → 'removed', other numbers kept);
 * - market events: `(contractId, data)`; quote data an object (or an array: one event each),
 *   trade and depth data an array (a single object is taken as an array of one).
 * A payload is parsed all or nothing: one bad item fails the whole invocation, with its kind.
 */
import type { HubKind } from '../hub/types';
import { describeValue, isRecord } from '../util/json';
import { ParseError } from './parseFields';
import {
  parseDepthItem,
  parseMarketTrade,
  parseQuote,
  parseUserAccount,
  parseUserOrder,
  parseUserPosition,
  parseUserTrade,
} from './parsePayloads';
import type { GatewayEvent, UserAction, UserEvent } from './types';

export { ParseError, parseTimestamp } from './parseFields';
export * from './parsePayloads';

export type ParseOutcome = { ok: true; events: GatewayEvent[] } | { ok: false; kind: string; reason: string };

type UserDataEvent = Exclude<UserEvent, { name: 'GatewayLogout' }>;
type UserDataEventName = UserDataEvent['name'];

const USER_PARSERS: { readonly [N in UserDataEventName]: (raw: unknown) => Extract<UserDataEvent, { name: N }>['data'] } = {
  GatewayUserAccount: parseUserAccount,
  GatewayUserPosition: parseUserPosition,
  GatewayUserOrder: parseUserOrder,
  GatewayUserTrade: parseUserTrade,
};

const HUB_OF: Readonly<Record<string, HubKind>> = {
  GatewayUserAccount: 'user',
  GatewayUserPosition: 'user',
  GatewayUserOrder: 'user',
  GatewayUserTrade: 'user',
  GatewayLogout: 'user',
  GatewayQuote: 'market',
  GatewayTrade: 'market',
  GatewayDepth: 'market',
};

/** Keeps a hostile target name short and printable inside a kind. */
function safeName(target: string): string {
  const short = target.length > 60 ? `${target.slice(0, 60)}…` : target;
  return short.replace(/[^\x20-\x7e]/g, '?');
}

function toAction(raw: unknown, name: string): UserAction | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (raw === 1) return 'upsert';
  if (raw === 0) return 'removed';
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
  throw new ParseError(`${name}:action`, `expected an integer action, got ${describeValue(raw)}`);
}

function userEvent(name: UserDataEventName, raw: unknown, action: UserAction | undefined): UserDataEvent {
  const data = USER_PARSERS[name](raw);
  // Sound: USER_PARSERS maps each name to the parser of that event's data.
  return (action === undefined ? { hub: 'user', name, data } : { hub: 'user', name, action, data }) as UserDataEvent;
}

/** An `{action, data}` wrapper: has `data` and is not itself an item (items have an id). */
function isWrapper(value: unknown): value is { readonly action?: unknown; readonly data: unknown } {
  return isRecord(value) && 'data' in value && !('id' in value);
}

function collectUser(name: UserDataEventName, value: unknown, out: GatewayEvent[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isWrapper(item)) collectWrapped(name, item, out);
      else out.push(userEvent(name, item, undefined));
    }
  } else if (isWrapper(value)) {
    collectWrapped(name, value, out);
  } else {
    out.push(userEvent(name, value, undefined));
  }
}

function collectWrapped(name: UserDataEventName, wrapper: { readonly action?: unknown; readonly data: unknown }, out: GatewayEvent[]): void {
  const action = toAction(wrapper.action, name);
  const data = wrapper.data;
  if (Array.isArray(data)) {
    for (const item of data) out.push(userEvent(name, item, action));
  } else {
    out.push(userEvent(name, data, action));
  }
}

function readContractId(args: readonly unknown[], name: string): string {
  const contractId = args[0];
  if (typeof contractId !== 'string' || contractId.length === 0 || contractId.length > 200) {
    throw new ParseError(`${name}:contractId`, `expected the contract id as the first argument, got ${describeValue(contractId)}`);
  }
  return contractId;
}

function asItems(data: unknown): readonly unknown[] {
  return Array.isArray(data) ? data : [data];
}

function parseMarket(name: 'GatewayQuote' | 'GatewayTrade' | 'GatewayDepth', args: readonly unknown[]): GatewayEvent[] {
  const contractId = readContractId(args, name);
  if (args.length < 2) throw new ParseError(`${name}:arguments`, `expected (contractId, data), got ${args.length} argument(s)`);
  const data = args[1];
  if (name === 'GatewayQuote') {
    // The usual shape (one quote object) without the intermediate list: this runs per quote.
    if (!Array.isArray(data)) return [{ hub: 'market', name, contractId, data: parseQuote(data) }];
    const events: GatewayEvent[] = [];
    for (const item of data) events.push({ hub: 'market', name, contractId, data: parseQuote(item) });
    return events;
  }
  if (name === 'GatewayTrade') {
    const items = asItems(data);
    const trades = new Array<ReturnType<typeof parseMarketTrade>>(items.length);
    for (let i = 0; i < items.length; i++) trades[i] = parseMarketTrade(items[i]);
    return [{ hub: 'market', name, contractId, data: trades }];
  }
  const items = asItems(data);
  const depth = new Array<ReturnType<typeof parseDepthItem>>(items.length);
  for (let i = 0; i < items.length; i++) depth[i] = parseDepthItem(items[i]);
  return [{ hub: 'market', name, contractId, data: depth }];
}

function parseOrThrow(hub: HubKind, target: string, args: readonly unknown[]): GatewayEvent[] {
  const expected = HUB_OF[target];
  if (expected === undefined) throw new ParseError(`unknown-event:${safeName(target)}`, `the ${hub} hub sent an event this monitor does not know`);
  if (expected !== hub) throw new ParseError(`wrong-hub:${target}`, `${target} is a ${expected}-hub event but arrived on the ${hub} hub`);
  switch (target) {
    case 'GatewayLogout':
      return [{ hub: 'user', name: 'GatewayLogout', data: args[0] }];
    case 'GatewayQuote':
    case 'GatewayTrade':
    case 'GatewayDepth':
      return parseMarket(target, args);
    default: {
      const name = target as UserDataEventName;
      if (args.length < 1) throw new ParseError(`${name}:arguments`, 'expected one argument (the payload), got none');
      const events: GatewayEvent[] = [];
      collectUser(name, args[0], events);
      return events;
    }
  }
}

/** Parses one hub invocation. Never throws: failures come back as `{ok:false, kind, reason}`. */
export function parseHubInvocation(hub: HubKind, target: string, args: readonly unknown[]): ParseOutcome {
  try {
    if (typeof target !== 'string') return { ok: false, kind: 'invalid-target', reason: `expected an event name, got ${describeValue(target)}` };
    if (!Array.isArray(args)) return { ok: false, kind: `${safeName(target)}:arguments`, reason: `expected an argument list, got ${describeValue(args)}` };
    return { ok: true, events: parseOrThrow(hub, target, args) };
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, kind: error.kind, reason: error.reason };
    // Not expected (a getter throwing, a stack overflow): still a failure, not a crash.
    return { ok: false, kind: `${safeName(String(target))}:internal`, reason: error instanceof Error ? error.message.slice(0, 200) : 'unexpected error' };
  }
}
