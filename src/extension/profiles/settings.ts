import vscode = require('vscode');
import type { TokenTransport } from '../../core/hub/types';
import type { LogDetail } from '../log/outputLog';

/** The extension's settings, parsed once; a bad value falls back to the default with one problem line. */
export interface HubmonSettings {
  readonly activeProfile: string;
  readonly reconnectDelaysMs: readonly number[];
  readonly tokenTransport: TokenTransport;
  readonly autoConnect: boolean;
  readonly logDetail: LogDetail;
  readonly demoAutoStart: boolean;
  /** A subscribed contract without a quote for this long is stale (while the market is open). */
  readonly staleAfterSeconds: number;
  /** A connected hub without any message (pings included) for this long is stale. */
  readonly hubStaleAfterSeconds: number;
  /** Whether the quiet "signed out" status bar item shows (the item always shows once signed in). */
  readonly statusBarShowWhenSignedOut: boolean;
}

export const DEFAULT_PROFILE_ID = 'topstepx';
export const DEFAULT_RECONNECT_DELAYS_MS: readonly number[] = [0, 2000, 5000, 10000];
/** Quotes of a liquid future arrive several times a second; 10 s of silence in trading hours is news. */
export const DEFAULT_STALE_AFTER_SECONDS = 10;
/** The gateway pings every 15 s: one missed ping plus margin. The engine's 30 s server timeout then reconnects. */
export const DEFAULT_HUB_STALE_AFTER_SECONDS = 20;

/**
 * The settings that decide where (and how) a key or token is sent. They are application-scoped in
 * package.json; we also read them from the user settings only, so a workspace's
 * .vscode/settings.json cannot redirect a key even where a VS Code would still apply its value.
 */
export const USER_ONLY_SETTINGS: ReadonlySet<string> = new Set(['activeProfile', 'profiles', 'autoConnect', 'tokenTransport', 'demo.autoStart']);

/** A hubmon setting's value; for USER_ONLY_SETTINGS the user's value or the default, never a workspace's. */
export function settingValue(config: vscode.WorkspaceConfiguration, key: string): unknown {
  if (!USER_ONLY_SETTINGS.has(key)) return config.get<unknown>(key);
  const inspected = config.inspect<unknown>(key);
  return inspected?.globalValue !== undefined ? inspected.globalValue : inspected?.defaultValue;
}

export function readSettings(): { settings: HubmonSettings; problems: string[] } {
  const config = vscode.workspace.getConfiguration('hubmon');
  const problems: string[] = [];
  const pick = <T>(key: string, fallback: T, valid: (v: unknown) => v is T, hint: string): T => {
    const value = settingValue(config, key);
    if (value === undefined) return fallback;
    if (valid(value)) return value;
    problems.push(`Setting hubmon.${key} is invalid (${hint}); using ${JSON.stringify(fallback)}. Fix it in Settings.`);
    return fallback;
  };
  const settings: HubmonSettings = {
    activeProfile: pick('activeProfile', DEFAULT_PROFILE_ID, isNonEmptyString, 'expected a profile id'),
    reconnectDelaysMs: pick('reconnectDelaysMs', DEFAULT_RECONNECT_DELAYS_MS, isDelayList, 'expected 1 to 20 numbers of milliseconds, each 0..600000'),
    tokenTransport: pick('tokenTransport', 'both' as TokenTransport, isTokenTransport, 'expected "header", "query" or "both"'),
    autoConnect: pick('autoConnect', true, isBoolean, 'expected true or false'),
    logDetail: pick('logDetail', 'timeline' as LogDetail, isLogDetail, 'expected "timeline" or "verbose"'),
    demoAutoStart: pick('demo.autoStart', false, isBoolean, 'expected true or false'),
    staleAfterSeconds: pick('staleAfterSeconds', DEFAULT_STALE_AFTER_SECONDS, isSeconds, 'expected a number of seconds from 1 to 3600'),
    hubStaleAfterSeconds: pick('hubStaleAfterSeconds', DEFAULT_HUB_STALE_AFTER_SECONDS, isSeconds, 'expected a number of seconds from 1 to 3600'),
    statusBarShowWhenSignedOut: pick('statusBar.showWhenSignedOut', true, isBoolean, 'expected true or false'),
  };
  return { settings, problems };
}

function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}

function isBoolean(v: unknown): v is boolean {
  return typeof v === 'boolean';
}

function isDelayList(v: unknown): v is readonly number[] {
  return Array.isArray(v) && v.length > 0 && v.length <= 20 && v.every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 600_000);
}

function isSeconds(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 1 && v <= 3600;
}

function isTokenTransport(v: unknown): v is TokenTransport {
  return v === 'header' || v === 'query' || v === 'both';
}

function isLogDetail(v: unknown): v is LogDetail {
  return v === 'timeline' || v === 'verbose';
}
