/** Steps 1–3 of the doctor: DNS, TCP and TLS, each on its own so a failure names its layer. */
import { lookup } from 'node:dns/promises';
import { isIP, connect as netConnect } from 'node:net';
import { connect as tlsConnect, type PeerCertificate } from 'node:tls';
import { classifyFailure, errorCode, errorText } from '../errors/classify';
import type { DoctorStepResult } from './types';

export interface Endpoint {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
}

export function endpointOf(url: string): Endpoint {
  const u = new URL(url);
  const secure = u.protocol === 'https:' || u.protocol === 'wss:';
  const port = u.port ? Number(u.port) : secure ? 443 : 80;
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port, secure };
}

function failed(base: Omit<DoctorStepResult, 'verdict' | 'detail'>, error: unknown, host: string): DoctorStepResult {
  const failure = classifyFailure({ phase: 'upgrade', error, code: errorCode(error), host });
  return { ...base, verdict: 'fail', detail: errorText(error), cause: failure.cause, fix: failure.fix, kind: failure.kind };
}

export async function probeDns(ep: Endpoint): Promise<DoctorStepResult> {
  const started = performance.now();
  const base = { id: 'dns' as const, target: ep.host, title: `DNS: resolve ${ep.host}` };
  if (isIP(ep.host)) return { ...base, ms: 0, verdict: 'skip', detail: 'an IP address: nothing to resolve' };
  try {
    const addresses = await lookup(ep.host, { all: true });
    const ms = performance.now() - started;
    return { ...base, ms, verdict: 'pass', detail: addresses.map((a) => a.address).join(', ') };
  } catch (error) {
    return failed({ ...base, ms: performance.now() - started }, error, ep.host);
  }
}

export function probeTcp(ep: Endpoint, timeoutMs: number): Promise<DoctorStepResult> {
  const started = performance.now();
  const base = { id: 'tcp' as const, target: `${ep.host}:${ep.port}`, title: `TCP: connect to ${ep.host}:${ep.port}` };
  return new Promise((resolve) => {
    const socket = netConnect({ host: ep.host, port: ep.port });
    const done = (result: DoctorStepResult): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () =>
      done({ ...base, ms: performance.now() - started, verdict: 'fail', kind: 'upgrade-timeout', detail: `no answer in ${timeoutMs} ms`,
        cause: `${ep.host}:${ep.port} did not accept a TCP connection within ${timeoutMs / 1000} s`, fix: 'check the host, port, firewall or proxy' }));
    socket.once('connect', () => done({ ...base, ms: performance.now() - started, verdict: 'pass', detail: `connected to ${socket.remoteAddress ?? ep.host}` }));
    socket.once('error', (error) => done(failed({ ...base, ms: performance.now() - started }, error, `${ep.host}:${ep.port}`)));
  });
}

function certSummary(cert: PeerCertificate): string {
  const subject = cert.subject?.CN ?? '?';
  const issuer = cert.issuer?.CN ?? cert.issuer?.O ?? '?';
  return `certificate ${subject}, issued by ${issuer}, valid until ${new Date(cert.valid_to).toISOString().slice(0, 10)}`;
}

export function probeTls(ep: Endpoint, timeoutMs: number, now: number): Promise<DoctorStepResult> {
  const base = { id: 'tls' as const, target: `${ep.host}:${ep.port}`, title: `TLS: handshake with ${ep.host}` };
  if (!ep.secure) return Promise.resolve({ ...base, ms: 0, verdict: 'skip', detail: 'plain http/ws: no TLS on this URL' });
  const started = performance.now();
  return new Promise((resolve) => {
    // SNI takes host names only (RFC 6066).
    const socket = tlsConnect({ host: ep.host, port: ep.port, ...(isIP(ep.host) ? {} : { servername: ep.host }) });
    const done = (result: DoctorStepResult): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () =>
      done({ ...base, ms: performance.now() - started, verdict: 'fail', kind: 'tls', detail: `no TLS answer in ${timeoutMs} ms`,
        cause: `${ep.host} did not complete a TLS handshake within ${timeoutMs / 1000} s`, fix: 'check the URL scheme and any proxy that intercepts TLS' }));
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      const ms = performance.now() - started;
      const daysLeft = Math.floor((new Date(cert.valid_to).getTime() - now) / 86_400_000);
      if (daysLeft < 14) {
        done({ ...base, ms, verdict: 'warn', detail: certSummary(cert), cause: `the certificate expires in ${daysLeft} days`, fix: 'tell the gateway operator' });
      } else {
        done({ ...base, ms, verdict: 'pass', detail: certSummary(cert) });
      }
    });
    socket.once('error', (error) => done(failed({ ...base, ms: performance.now() - started }, error, ep.host)));
  });
}
