import type { HubKind, HubState } from '../../core/hub/types';
import { clipText } from '../../core/util/clip';
import type { ControllerSnapshot } from '../controller/monitorController';
import type { HealthSummary } from '../health/feedHealthModel';

/** What the one status bar item shows; computed apart from vscode so it is easy to read and test. */
export interface StatusView {
  readonly text: string;
  /** Markdown lines. */
  readonly tooltip: readonly string[];
  readonly background: 'error' | 'warning' | undefined;
  /** A theme color id for the foreground, or undefined. */
  readonly color: string | undefined;
  /** True while a countdown is shown (the item re-renders every second only then). */
  readonly ticking: boolean;
  /** Signed out with nothing wrong: the item a user may hide (hubmon.statusBar.showWhenSignedOut). */
  readonly quiet: boolean;
}

const HUB_LABEL: Record<HubKind, string> = { user: 'User', market: 'Market' };

export function statusView(s: ControllerSnapshot, now: number, health?: HealthSummary): StatusView {
  const head = `**Hub Monitor** · ${escapeMd(clipText(s.profile.name))}`;
  if (s.auth === 'signed-out' || !s.user || !s.market) {
    const failed = s.authFailure !== undefined;
    return {
      text: failed ? '$(error) Hub Monitor: sign-in failed' : '$(account) Hub Monitor: signed out',
      tooltip: [head, failed ? escapeMd(clipText(s.authFailure ?? '')) : 'Not signed in. Click to sign in or start the demo gateway.'],
      background: failed ? 'error' : undefined,
      color: undefined,
      ticking: false,
      quiet: !failed,
    };
  }
  const states: [HubKind, HubState][] = [['user', s.user], ['market', s.market]];
  const kinds = states.map(([, st]) => st.kind);
  const icon = kinds.includes('failed')
    ? '$(error)'
    : kinds.every((k) => k === 'connected')
      ? '$(pass-filled)'
      : kinds.some((k) => k === 'connecting' || k === 'reconnecting')
        ? '$(sync~spin)'
        : '$(debug-disconnect)';
  const parts = states.map(([hub, st]) => `${HUB_LABEL[hub]} ${glyph(st, now)}`);
  const failure = states.map(([, st]) => st).find((st): st is Extract<HubState, { kind: 'failed' }> => st.kind === 'failed');
  const cause = failure ? ` · ${clipText(failure.cause.cause, 48)}` : '';
  const tooltip = [head, ...states.map(([hub, st]) => `${HUB_LABEL[hub]} Hub: ${describe(st, now)}`)];
  if (s.authFailure) tooltip.push(escapeMd(clipText(s.authFailure)));
  // Stale is a warning (data should flow and does not); a closed market is information only.
  const stale = health && health.stale.length > 0 && !failure;
  const closed = !stale && !failure && health?.closed !== undefined;
  if (stale) tooltip.push(...health.stale.map((line) => `$(warning) stale: ${escapeMd(clipText(line))}`));
  if (closed) tooltip.push(`$(clock) ${escapeMd(clipText(health.closed ?? ''))}`);
  tooltip.push('Click for actions.');
  const mark = stale ? ' · stale' : closed ? ' · market closed' : '';
  return {
    text: `${stale ? '$(warning)' : icon} ${parts.join('  ')}${cause}${mark}`,
    tooltip,
    background: kinds.includes('failed') ? 'error' : kinds.includes('reconnecting') || stale ? 'warning' : undefined,
    color: kinds.every((k) => k === 'connected') && !stale ? 'testing.iconPassed' : undefined,
    ticking: kinds.includes('reconnecting'),
    quiet: false,
  };
}

function glyph(st: HubState, now: number): string {
  switch (st.kind) {
    case 'connected':
      return '✓';
    case 'connecting':
      return '…';
    case 'reconnecting':
      return `↻${st.attempt} ${countdown(st.nextAttemptAt, now)}`;
    case 'failed':
      return '✗';
    case 'disconnected':
      return '–';
  }
}

/** One line per hub for the tooltip and the tree. */
export function describe(st: HubState, now: number): string {
  switch (st.kind) {
    case 'connected':
      return `connected for ${age(st.since.getTime(), now)}`;
    case 'connecting':
      return `connecting (attempt ${st.attempt})`;
    case 'reconnecting':
      return `reconnecting: attempt ${st.attempt} in ${countdown(st.nextAttemptAt, now)} (${clipText(st.cause.cause)})`;
    case 'failed':
      return `failed: ${clipText(st.cause.cause)}. ${clipText(st.cause.fix)}`;
    case 'disconnected':
      return 'disconnected';
  }
}

function countdown(at: Date, now: number): string {
  const s = Math.max(0, Math.ceil((at.getTime() - now) / 1000));
  return s === 0 ? 'now' : `${s}s`;
}

/** "3s", "4m", "2h": a coarse age for labels. */
export function age(since: number, now: number): string {
  const s = Math.max(0, Math.floor((now - since) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  return `${Math.floor(s / 3600)}h`;
}

function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|]/g, (c) => `\\${c}`);
}
