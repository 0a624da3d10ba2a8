/**
 * Stands in for `tough-cookie` and `fetch-cookie` inside our bundles. @microsoft/signalr uses them in Node
 * for one purpose: carrying cookies the negotiate response sets (load-balancer affinity) to the later
 * requests and the WebSocket upgrade. Those two packages are 184 KB of our 488 KB bundle and most of the
 * activation time, so esbuild.mjs swaps them for this host-scoped name=value jar (no paths, no expiry: a
 * hub connection lives minutes, not days). Tests run against the real packages and this jar alike.
 * recordingHttpClient (negotiate) uses this jar directly, in the bundles and the tests.
 */
type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();

  /** tough-cookie's callback form, as FetchHttpClient.getCookieString calls it. */
  getCookies(url: string, callback: (error: Error | null, cookies: string[]) => void): void {
    callback(null, this.cookiesFor(url));
  }

  cookiesFor(url: string): string[] {
    const jar = this.byHost.get(hostOf(url));
    return jar ? [...jar].map(([name, value]) => `${name}=${value}`) : [];
  }

  setCookie(header: string, url: string): void {
    const pair = header.split(';', 1)[0];
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const host = hostOf(url);
    let jar = this.byHost.get(host);
    if (!jar) this.byHost.set(host, (jar = new Map()));
    jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** fetch-cookie's default export: a fetch that sends and stores the jar's cookies. */
export function fetchCookie(fetchImpl: FetchFn, jar: CookieJar): FetchFn {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const headers = new Headers(init?.headers);
    const cookies = jar.cookiesFor(url);
    if (cookies.length > 0 && !headers.has('cookie')) headers.set('cookie', cookies.join('; '));
    const response = await fetchImpl(input, { ...init, headers });
    for (const header of response.headers.getSetCookie()) jar.setCookie(header, url);
    return response;
  };
}
