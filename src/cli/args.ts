/**
 * A small typed layer over node:util parseArgs: strict options, no positionals, and every bad
 * value turned into a UsageError (exit code 2) whose message names the option and what it takes.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { checkTransport } from '../core/gateway/transportPolicy';
import type { TokenTransport } from '../core/hub/types';

/** A user mistake on the command line: one line, printed with the command's synopsis, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Parses `args` against `options`; unknown options, missing values and positionals are UsageErrors. */
export function parseOptions<const O extends OptionsConfig>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(firstSentence(error instanceof Error ? error.message : String(error)));
  }
}

/** parseArgs messages go on with advice about `--`; the first sentence is the useful part. */
function firstSentence(message: string): string {
  const cut = message.indexOf('. ');
  const text = cut >= 0 ? message.slice(0, cut) : message.replace(/\.$/, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** A TCP port; 0 asks the system for a free one. */
export function parsePort(value: string, option = '--port'): number {
  const port = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`${option} takes a port number from 0 to 65535, not '${value}'`);
  }
  return port;
}

/** A positive number of seconds (fractions allowed). */
export function parseSeconds(value: string, option: string): number {
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!(seconds > 0)) throw new UsageError(`${option} takes a positive number of seconds, not '${value}'`);
  return seconds;
}

/** "0,2000,5000,10000": the reconnect delays in milliseconds, at least one. */
export function parseDelays(value: string, option = '--reconnect-delays'): number[] {
  const parts = value.split(',').map((part) => part.trim());
  if (parts.some((part) => !/^\d+$/.test(part))) {
    throw new UsageError(`${option} takes comma-separated milliseconds like 0,2000,5000,10000, not '${value}'`);
  }
  return parts.map(Number);
}

/** Account ids are integers: the gateway fails a Subscribe call that gets a string. */
export function parseAccountId(value: string, option = '--account'): number {
  const id = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new UsageError(`${option} takes a numeric account id, not '${value}'`);
  }
  return id;
}

export function parseContractId(value: string, option = '--contract'): string {
  const id = value.trim();
  if (id === '' || /\s/.test(id)) throw new UsageError(`${option} takes a contract id like CON.F.US.EP.U25, not '${value}'`);
  return id;
}

export function parseChoice<const C extends readonly string[]>(value: string, choices: C, option: string): C[number] {
  const found = choices.find((choice) => choice === value);
  if (found === undefined) throw new UsageError(`${option} takes ${choices.join('|')}, not '${value}'`);
  return found;
}

const TOKEN_TRANSPORTS = ['header', 'query', 'both'] as const satisfies readonly TokenTransport[];

export function parseTokenTransport(value: string): TokenTransport {
  return parseChoice(value, TOKEN_TRANSPORTS, '--token-transport');
}

/** An http(s) or ws(s) URL; the hub URLs are turned into WebSocket URLs by the engine. */
export function parseUrl(value: string, option: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${option} takes a URL like https://api.topstepx.com, not '${value}'`);
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
    throw new UsageError(`${option} takes an http(s) or ws(s) URL, not '${value}'`);
  }
  // Plain http/ws only to this machine: a key or token must not cross a network in clear text.
  const transport = checkTransport(value, option);
  if (!transport.ok) throw new UsageError(transport.problem);
  return value.replace(/\/+$/, '');
}
