/**
 * Where a key or token may travel: encrypted (https:, wss:) to any host, plain (http:, ws:) only to
 * this machine (the embedded demo, tests, a local proxy). Used by the extension's profile parsing
 * and the CLI's URL options, so both refuse the same URLs with the same line.
 */

const SECURE = new Set(['https:', 'wss:']);
const PLAIN = new Set(['http:', 'ws:']);

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export type TransportVerdict = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly problem: string };

/**
 * Checks one gateway URL. `what` names it in the problem line (e.g. `hubmon.profiles[0] ("acme") apiUrl`).
 * The problem line names the cause and the fix.
 */
export function checkTransport(value: string, what: string): TransportVerdict {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problem: `${what} is not a URL ('${value}'); use one like https://api.topstepx.com.` };
  }
  if (SECURE.has(url.protocol)) return { ok: true, url };
  if (PLAIN.has(url.protocol)) {
    if (isLoopbackHost(url.hostname)) return { ok: true, url };
    const secure = url.protocol === 'http:' ? 'https:' : 'wss:';
    return {
      ok: false,
      problem: `${what} uses unencrypted ${url.protocol.slice(0, -1)} to ${url.hostname}, which would send your key and token in clear text; use ${secure}//${url.host}${url.pathname === '/' ? '' : url.pathname} (plain ${url.protocol.slice(0, -1)} is allowed only for 127.0.0.1, ::1 and localhost).`,
    };
  }
  return { ok: false, problem: `${what} must be an https: (or wss:) URL, not ${url.protocol.slice(0, -1)}; use one like https://api.topstepx.com.` };
}
