import type { TokenTransport } from './hub/types';

/** Where one ProjectX firm (or the embedded demo) lives, and how to talk to it. */
export interface Profile {
  readonly id: string;
  readonly name: string;
  readonly apiUrl: string;
  readonly userHubUrl: string;
  readonly marketHubUrl: string;
  readonly tokenTransport: TokenTransport;
  /** The gateway documents skipNegotiation: true; a profile can turn negotiation on. */
  readonly skipNegotiation: boolean;
}

/** The port `hubmon demo` and the extension's demo gateway listen on by default. */
export const DEMO_PORT = 47017;
export const DEMO_USERNAME = 'demo';
/** Not a secret: the embedded simulator's published demo key. */
export const DEMO_API_KEY = 'demo-api-key';

export function demoProfile(port = DEMO_PORT): Profile {
  const base = `http://127.0.0.1:${port}`;
  return {
    id: 'demo',
    name: 'Demo gateway (embedded simulator)',
    apiUrl: base,
    userHubUrl: `${base}/hubs/user`,
    marketHubUrl: `${base}/hubs/market`,
    tokenTransport: 'both',
    skipNegotiation: true,
  };
}

export const TOPSTEPX_PROFILE: Profile = {
  id: 'topstepx',
  name: 'TopstepX',
  apiUrl: 'https://api.topstepx.com',
  userHubUrl: 'https://rtc.topstepx.com/hubs/user',
  marketHubUrl: 'https://rtc.topstepx.com/hubs/market',
  tokenTransport: 'both',
  skipNegotiation: true,
};

export const BUILT_IN_PROFILES: readonly Profile[] = [TOPSTEPX_PROFILE, demoProfile()];
