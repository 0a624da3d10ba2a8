/** `hubmon watch` options: parsed once, validated, and resolved into a profile and credentials. */
import type { TokenTransport } from '../../core/hub/types';
import { DEMO_API_KEY, DEMO_USERNAME, TOPSTEPX_PROFILE, demoProfile, type Profile } from '../../core/profiles';
import {
  UsageError,
  parseAccountId,
  parseChoice,
  parseContractId,
  parseDelays,
  parseOptions,
  parseSeconds,
  parseTokenTransport,
  parseUrl,
} from '../args';

export const WATCH_OPTIONS = {
  profile: { type: 'string' },
  'api-url': { type: 'string' },
  'user-hub-url': { type: 'string' },
  'market-hub-url': { type: 'string' },
  token: { type: 'string' },
  username: { type: 'string' },
  account: { type: 'string', multiple: true },
  contract: { type: 'string', multiple: true },
  'token-transport': { type: 'string' },
  'reconnect-delays': { type: 'string' },
  negotiate: { type: 'boolean' },
  duration: { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface WatchOptions {
  readonly profile: Profile;
  readonly token: string | undefined;
  readonly credentials: { readonly userName: string; readonly apiKey: string } | undefined;
  readonly accounts: readonly number[];
  readonly contracts: readonly string[];
  readonly json: boolean;
  readonly verbose: boolean;
  readonly durationMs: number | undefined;
  readonly retryDelaysMs: number[] | undefined;
  readonly tokenTransport: TokenTransport;
  readonly skipNegotiation: boolean;
  /** Secrets the user handed us, for redact(); the demo key is public and not listed. */
  readonly secrets: readonly string[];
}

type Env = Readonly<Record<string, string | undefined>>;

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value.trim());

export function resolveWatchOptions(args: readonly string[], env: Env): WatchOptions {
  const v = parseOptions(args, WATCH_OPTIONS);
  const profile = resolveProfile(v.profile, v['api-url'], v['user-hub-url'], v['market-hub-url']);
  const token = nonEmpty(v.token) ?? nonEmpty(env.PROJECTX_TOKEN);
  const userName = nonEmpty(v.username);
  const apiKey = nonEmpty(env.PROJECTX_API_KEY);
  if (userName !== undefined && apiKey === undefined) {
    throw new UsageError('--username needs the API key in the PROJECTX_API_KEY environment variable');
  }
  let credentials = userName !== undefined && apiKey !== undefined ? { userName, apiKey } : undefined;
  if (token === undefined && credentials === undefined) {
    if (profile.id !== 'demo') {
      throw new UsageError('no credentials: pass --token (or set PROJECTX_TOKEN), or --username with PROJECTX_API_KEY set');
    }
    // The embedded demo works with zero setup: its key is published, not a secret.
    credentials = { userName: DEMO_USERNAME, apiKey: DEMO_API_KEY };
  }
  const secrets = [token, credentials?.apiKey].filter((s): s is string => s !== undefined && s !== DEMO_API_KEY);
  return {
    profile,
    token,
    credentials,
    accounts: unique((v.account ?? []).map((a) => parseAccountId(a))),
    contracts: unique((v.contract ?? []).map((c) => parseContractId(c))),
    json: v.json === true,
    verbose: v.verbose === true,
    durationMs: v.duration === undefined ? undefined : Math.round(parseSeconds(v.duration, '--duration') * 1000),
    retryDelaysMs: v['reconnect-delays'] === undefined ? undefined : parseDelays(v['reconnect-delays']),
    tokenTransport: v['token-transport'] === undefined ? profile.tokenTransport : parseTokenTransport(v['token-transport']),
    skipNegotiation: v.negotiate === true ? false : profile.skipNegotiation,
    secrets,
  };
}

/** A built-in profile, optionally with some URLs replaced; or a custom one from all three URLs. */
function resolveProfile(name: string | undefined, apiUrl?: string, userHubUrl?: string, marketHubUrl?: string): Profile {
  const urls = {
    ...(apiUrl === undefined ? {} : { apiUrl: parseUrl(apiUrl, '--api-url') }),
    ...(userHubUrl === undefined ? {} : { userHubUrl: parseUrl(userHubUrl, '--user-hub-url') }),
    ...(marketHubUrl === undefined ? {} : { marketHubUrl: parseUrl(marketHubUrl, '--market-hub-url') }),
  };
  if (name !== undefined) {
    const base = parseChoice(name, ['topstepx', 'demo'] as const, '--profile') === 'demo' ? demoProfile() : TOPSTEPX_PROFILE;
    return { ...base, ...urls };
  }
  if (urls.apiUrl === undefined && urls.userHubUrl === undefined && urls.marketHubUrl === undefined) return TOPSTEPX_PROFILE;
  if (urls.apiUrl === undefined || urls.userHubUrl === undefined || urls.marketHubUrl === undefined) {
    throw new UsageError('without --profile, pass all of --api-url, --user-hub-url and --market-hub-url');
  }
  return { ...TOPSTEPX_PROFILE, id: 'custom', name: 'Custom gateway', ...urls };
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
