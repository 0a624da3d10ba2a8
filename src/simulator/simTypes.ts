/** Types shared by the simulator's parts (kept apart so the files do not import each other in a circle). */
export type SimHub = 'user' | 'market';

/** One raw WebSocket frame in or out of a hub connection (the raw-frame view and recordings). */
export interface FrameRecord {
  at: number;
  hub: SimHub;
  connectionId: string;
  direction: 'in' | 'out';
  text: string;
}

export interface ConnectionInfo {
  hub: SimHub;
  connectionId: string;
  /** Subscription keys: the method name, then `:` and the argument when it has one (`SubscribeOrders:123`). */
  subscriptions: string[];
  negotiated: boolean;
}

export interface InvocationRecord {
  hub: SimHub;
  connectionId: string;
  target: string;
  args: unknown[];
  at: number;
}

export const HUB_PATHS: Readonly<Record<SimHub, string>> = { user: '/hubs/user', market: '/hubs/market' };

/** The hub a request path names (`/hubs/user`, case-insensitive, trailing slash allowed), if any. */
export function hubOfPath(pathname: string): SimHub | undefined {
  const p = pathname.toLowerCase().replace(/\/+$/, '');
  if (p === HUB_PATHS.user) return 'user';
  if (p === HUB_PATHS.market) return 'market';
  return undefined;
}

/** The subscription key of a method and its argument. */
export function subscriptionKey(method: string, arg?: string | number): string {
  return arg === undefined ? method : `${method}:${arg}`;
}
