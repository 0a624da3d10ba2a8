/** `--metrics port | host:port | [ipv6]:port`: where `hubmon watch` serves /metrics and /healthz. */
import { isIP } from 'node:net';
import { UsageError, parsePort } from '../args';

export interface MetricsAddress {
  readonly host: string;
  readonly port: number;
}

/** Loopback unless the user names another host: metrics are not published by accident. */
export const DEFAULT_METRICS_HOST = '127.0.0.1';

export function parseMetricsAddress(value: string, option = '--metrics'): MetricsAddress {
  const text = value.trim();
  const bad = (why: string): UsageError => new UsageError(`${option} ${JSON.stringify(value)}: ${why}; use a port, host:port or [ipv6]:port, e.g. 127.0.0.1:9464`);
  if (/^\d+$/.test(text)) return { host: DEFAULT_METRICS_HOST, port: port(text) };
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(text);
  if (bracketed) {
    if (isIP(bracketed[1]) !== 6) throw bad('the address in brackets is not an IPv6 address');
    return { host: bracketed[1], port: port(bracketed[2]) };
  }
  const colon = text.lastIndexOf(':');
  if (colon <= 0) throw bad('no port');
  const host = text.slice(0, colon);
  if (host.includes(':')) throw bad('an IPv6 address needs brackets');
  if (!/^[A-Za-z0-9.-]+$/.test(host)) throw bad('not a host name or IPv4 address');
  return { host, port: port(text.slice(colon + 1)) };

  function port(p: string): number {
    if (!/^\d+$/.test(p)) throw bad('the port is not a number');
    return parsePort(p, option);
  }
}

/** host:port for messages, with brackets around IPv6. */
export function formatMetricsAddress(a: MetricsAddress): string {
  return `${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}`;
}
