/**
 * One line per timeline step, e.g.
 *   12:00:01.234 [market] attempt 2 ws://127.0.0.1:47017/hubs/market (token: both)
 *   12:00:01.246 [market] upgrade failed HTTP 401 in 12 ms
 * Every line goes through redact(): entries may hold URLs and server texts.
 */
import { redact } from '../util/redact';
import type { TimelineEntry, TimelineStep } from './types';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local wall-clock time with milliseconds: "12:00:01.234". */
export function formatTime(at: Date): string {
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}`;
}

function ms(value: number): string {
  return `${Math.max(0, Math.round(value))} ms`;
}

/** "23 h 59 min", "3 d 2 h", "59 min", "42 s": the two largest units, rounded down. */
function span(msAbs: number): string {
  const s = Math.floor(msAbs / 1000);
  const [d, h, m] = [Math.floor(s / 86_400), Math.floor((s % 86_400) / 3600), Math.floor((s % 3600) / 60)];
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return m > 0 ? `${m} min` : `${s} s`;
}

/**
 * A token expiry: relative to when the step was recorded (a time of day alone reads as today for a
 * 24 h token), or an ISO date-time when there is no entry time to be relative to.
 */
function expiry(expiresAt: Date, at: Date | undefined): string {
  if (!at) return `expires ${expiresAt.toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
  const left = expiresAt.getTime() - at.getTime();
  return left >= 0 ? `expires in ${span(left)}` : `expired ${span(-left)} ago`;
}

function call(method: string, arg: string | number | undefined): string {
  return arg === undefined ? method : `${method}(${typeof arg === 'string' ? arg : String(arg)})`;
}

function wsUrl(url: string): string {
  return url.replace(/^http/i, 'ws');
}

/** The text of one step, without time or hub; `at` (when it was recorded) makes times relative. */
export function formatStep(step: TimelineStep, at?: Date): string {
  switch (step.kind) {
    case 'attempt':
      return `attempt ${step.attempt} ${wsUrl(step.url)} (token: ${step.transport})`;
    case 'negotiate':
      if (step.status === 200) return `negotiate HTTP 200 in ${ms(step.ms)}`;
      return `negotiate failed ${step.status !== undefined ? `HTTP ${step.status}` : step.error ?? ''} in ${ms(step.ms)}`.replace(/\s+/g, ' ');
    case 'upgrade':
      if (!step.error && (step.status === undefined || step.status === 101)) return `upgrade HTTP 101 in ${ms(step.ms)}`;
      return `upgrade failed ${step.status !== undefined ? `HTTP ${step.status}` : step.error ?? ''} in ${ms(step.ms)}`.replace(/\s+/g, ' ');
    case 'handshake':
      return step.error ? `handshake failed in ${ms(step.ms)}: ${step.error}` : `handshake ok in ${ms(step.ms)}`;
    case 'connected':
      return `connected${step.connectionId ? ` (id ${step.connectionId})` : ''} in ${ms(step.ms)}`;
    case 'close': {
      const what = [step.code !== undefined ? String(step.code) : '', step.reason ?? '', step.error ?? ''].filter((t) => t).join(': ');
      return step.intended ? `closed on purpose${step.reason ? ` (${step.reason})` : ''}` : `connection closed${what ? ` ${what}` : ''}`;
    }
    case 'reconnecting':
      return `reconnecting attempt ${step.attempt} in ${ms(step.delayMs)}: ${step.cause.cause}`;
    case 'reconnected':
      return `reconnected${step.connectionId ? ` (id ${step.connectionId})` : ''} after ${ms(step.downMs)} down`;
    case 'resubscribe':
      return `resubscribe ${step.index} of ${step.total} ${call(step.method, step.arg)} ${step.error ? `failed in ${ms(step.ms)}: ${step.error}` : `in ${ms(step.ms)}`}`;
    case 'subscribe':
    case 'unsubscribe':
      return `${step.kind} ${call(step.method, step.arg)} ${step.error ? `failed in ${ms(step.ms)}: ${step.error}` : `in ${ms(step.ms)}`}`;
    case 'token': {
      const took = step.ms !== undefined ? ` in ${ms(step.ms)}` : '';
      const expires = step.expiresAt ? ` (${expiry(step.expiresAt, at)})` : '';
      return `token ${step.action}${took}${expires}${step.error ? `: ${step.error}` : ''}`;
    }
    case 'parse-failure':
      return `could not parse ${step.event} (${step.count}×): ${step.reason}`;
    case 'failed':
      return `failed: ${step.cause.cause}. Fix: ${step.cause.fix}`;
    case 'stopped':
      return `stopped in ${ms(step.ms)}`;
    case 'resync':
      return step.error
        ? `resync after ${ms(step.downMs)} down failed: ${step.error}`
        : `resync after ${ms(step.downMs)} down: ${step.positions} positions, ${step.orders} orders`;
    case 'ping':
      return `ping ${step.direction}${step.sinceLastMs === undefined ? ' (the first seen)' : `, ${(step.sinceLastMs / 1000).toFixed(1)} s after the previous`}`;
    case 'note':
      return step.text;
  }
}

/** "12:00:01.234 [market] upgrade failed HTTP 401 in 12 ms", redacted with `secrets`. */
export function formatEntry(entry: TimelineEntry, secrets?: readonly string[]): string {
  const hub = entry.hub ? ` [${entry.hub}]` : '';
  return redact(`${formatTime(entry.at)}${hub} ${formatStep(entry.step, entry.at)}`, secrets);
}
