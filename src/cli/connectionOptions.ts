/**
 * The options every gateway-facing command shares (watch now, diagnose later): which gateway,
 * which credentials, how the token travels. Spread CONNECTION_OPTIONS into a command's options and
 * hand the parsed values to resolveConnection().
 */
import type { TokenTransport } from '../core/hub/types';
import { DEMO_API_KEY, DEMO_USERNAME, TOPSTEPX_PROFILE, demoProfile, type Profile } from '../core/profiles';
import { UsageError, parseChoice, parseTokenTransport, parseUrl } from './args';

export const CONNECTION_OPTIONS = {
  profile: { type: 'string' },
  'api-url': { type: 'string' },
  'user-hub-url': { type: 'string' },
  'market-hub-url': { type: 'string' },
  token: { type: 'string' },
  username: { type: 'string' },
  'token-transport': { type: 'string' },
  negotiate: { type: 'boolean' },
} as const;

/** The parsed values of CONNECTION_OPTIONS (parseArgs leaves absent options undefined). */
export interface ConnectionValues {
  readonly profile?: string;
  readonly 'api-url'?: string;
  readonly 'user-hub-url'?: string;
  readonly 'market-hub-url'?: string;
  readonly token?: string;
  readonly username?: string;
  readonly 'token-transport'?: string;
  readonly negotiate?: boolean;
}

export interface Connection {
  /** The profile with the command line's URL, token transport and negotiation choices applied. */
  readonly profile: Profile;
  readonly token: string | undefined;
  readonly credentials: { readonly userName: string; readonly apiKey: string } | undefined;
  /** Secrets the user handed us, for redact(); the demo key is public and not listed. */
  readonly secrets: readonly string[];
}

type Env = Readonly<Record<string, string | undefined>>;

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value.trim());

/** Credentials from --token / PROJECTX_TOKEN or --username + PROJECTX_API_KEY; the demo needs none. */
export function resolveConnection(v: ConnectionValues, env: Env): Connection {
  const base = resolveProfile(v.profile, v['api-url'], v['user-hub-url'], v['market-hub-url']);
  const tokenTransport: TokenTransport = v['token-transport'] === undefined ? base.tokenTransport : parseTokenTransport(v['token-transport']);
  const profile: Profile = { ...base, tokenTransport, skipNegotiation: v.negotiate === true ? false : base.skipNegotiation };
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
  return { profile, token, credentials, secrets };
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
