import vscode = require('vscode');
import type { TimelineEntry } from '../../core/timeline/types';
import { formatEntry, redact } from '../core';
import { Disposable } from '../util/disposable';

export type LogDetail = 'timeline' | 'verbose';
type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/**
 * The "Hub Monitor" LogOutputChannel. Every line goes through redact() with the secrets the
 * extension currently holds, so a token can never reach the log even inside a library message.
 * The channel's own level (Developer: Set Log Level) filters lines; VS Code persists it.
 */
export class OutputLog extends Disposable {
  readonly channel: vscode.LogOutputChannel;
  private readonly secrets = new Set<string>();
  /** The last timeline lines (already redacted), for the diagnostic summary. */
  private readonly recentLines: string[] = [];

  constructor(private readonly detail: () => LogDetail) {
    super();
    this.channel = this._register(vscode.window.createOutputChannel('Hub Monitor', { log: true }));
  }

  /** Secrets to scrub from every later line (tokens, API keys). */
  rememberSecret(value: string | undefined): void {
    if (value && value.length >= 4) this.secrets.add(value);
  }

  /** The literal secrets held now (for redacting raw frames and recordings). */
  secretList(): readonly string[] {
    return [...this.secrets];
  }

  redact(text: string): string {
    return redact(text, [...this.secrets]);
  }

  info(component: string, message: string): void {
    this.write('info', component, message);
  }

  warn(component: string, message: string): void {
    this.write('warn', component, message);
  }

  error(component: string, message: string): void {
    this.write('error', component, message);
  }

  debug(component: string, message: string): void {
    this.write('debug', component, message);
  }

  /** One timeline entry of the active monitor, one line. */
  timeline(profileId: string, entry: TimelineEntry): void {
    // The channel stamps each line itself: drop the entry's own clock time.
    const line = this.redact(`[${profileId}] ${formatEntry(entry).replace(/^\d{2}:\d{2}:\d{2}\.\d{3}\s+/, '')}`);
    this.recentLines.push(line);
    if (this.recentLines.length > 200) this.recentLines.splice(0, this.recentLines.length - 200);
    this.channel[levelOf(entry)](line);
  }

  /** The engine's and signalr client's own lines: only with hubmon.logDetail = verbose. */
  engine(level: string, message: string): void {
    if (this.detail() !== 'verbose') return;
    const mapped: Level = level === 'error' || level === 'critical' ? 'error' : level === 'warn' || level === 'warning' ? 'warn' : level === 'trace' ? 'trace' : 'debug';
    this.write(mapped, 'engine', message);
  }

  timelineLines(limit = 200): readonly string[] {
    return this.recentLines.slice(-limit);
  }

  show(): void {
    this.channel.show(true);
  }

  private write(level: Level, component: string, message: string): void {
    if (this.isDisposed) return;
    this.channel[level](this.redact(`[${component}] ${message}`));
  }
}

function levelOf(entry: TimelineEntry): 'info' | 'warn' | 'error' {
  const step = entry.step;
  switch (step.kind) {
    case 'failed':
      return 'error';
    case 'reconnecting':
    case 'parse-failure':
      return 'warn';
    case 'close':
      return step.intended ? 'info' : 'warn';
    case 'token':
      return step.action === 'refresh-failed' || step.action === 'expired' ? 'warn' : 'info';
    case 'negotiate':
    case 'upgrade':
    case 'handshake':
    case 'subscribe':
    case 'unsubscribe':
    case 'resubscribe':
    case 'resync':
      return step.error ? 'warn' : 'info';
    default:
      return 'info';
  }
}
