// The state sequence the user saw, as one short line: labels with the failure kind, repeats folded.
import type { HubState } from '../../../src/core/hub/types';

export function stateLabel(state: HubState): string {
  switch (state.kind) {
    case 'reconnecting':
      return `reconnecting(${state.cause.kind})`;
    case 'failed':
      return `failed(${state.cause.kind})`;
    default:
      return state.kind;
  }
}

/** How often `labels[i, i+len)` repeats back to back from i. */
function repeats(labels: readonly string[], i: number, len: number): number {
  let n = 1;
  while (i + (n + 1) * len <= labels.length) {
    for (let k = 0; k < len; k++) if (labels[i + n * len + k] !== labels[i + k]) return n;
    n++;
  }
  return n;
}

/** "a → b → a → b → c" becomes "(a → b)×2 → c"; single labels fold as "a×3". */
export function compressStates(labels: readonly string[]): string {
  if (labels.length === 0) return '(no change)';
  const out: string[] = [];
  let i = 0;
  while (i < labels.length) {
    let best = { len: 1, n: 1 };
    for (const len of [1, 2]) {
      const n = repeats(labels, i, len);
      if (n > 1 && n * len > best.n * best.len) best = { len, n };
    }
    const unit = labels.slice(i, i + best.len);
    out.push(best.n === 1 ? unit[0] : best.len === 1 ? `${unit[0]}×${best.n}` : `(${unit.join(' → ')})×${best.n}`);
    i += best.n * best.len;
  }
  return out.join(' → ');
}
