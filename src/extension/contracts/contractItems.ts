/**
 * What the one contract picker lists, apart from vscode: subscribed contracts and recent picks on top,
 * then the gateway's search results (front month marked), each contract once. Pure, so unit-tested.
 */
import type { Contract } from '../../core/gateway/types';

export type ContractRow =
  | { readonly kind: 'separator'; readonly label: string }
  | {
      readonly kind: 'contract';
      readonly id: string;
      readonly label: string;
      readonly description: string;
      readonly detail?: string;
      readonly section: 'subscribed' | 'recent' | 'search';
      readonly frontMonth: boolean;
    }
  | { readonly kind: 'all'; readonly ids: readonly string[]; readonly label: string }
  | { readonly kind: 'typed'; readonly id: string; readonly label: string }
  | { readonly kind: 'message'; readonly label: string };

export interface ContractRowsInput {
  /** Contract ids with a market subscription, in subscription order. */
  readonly subscribed: readonly string[];
  /** Recently picked ids, newest first. */
  readonly recent: readonly string[];
  /** The latest search answer (undefined before the first search or while the box is empty). */
  readonly results?: readonly Contract[];
  /** What the search answer was for; shown when nothing matched. */
  readonly query?: string;
  /** A failed search, one line. */
  readonly error?: string;
  /** Offer "All N subscribed contracts" (the chart opens several at once). */
  readonly offerAll?: boolean;
  /** Names and descriptions known from earlier answers, by id. */
  readonly known?: ReadonlyMap<string, Contract>;
}

/** "ES" → "E-mini S&P 500 · tick 0.25 = $12.50". */
function describe(c: Contract | undefined): string {
  if (!c) return '';
  return `${c.description} · tick ${c.tickSize} = $${c.tickValue.toFixed(2)}`;
}

export const FRONT_MONTH = 'front month';

export function contractRows(input: ContractRowsInput): ContractRow[] {
  const rows: ContractRow[] = [];
  const seen = new Set<string>();
  const known = new Map(input.known ?? []);
  for (const c of input.results ?? []) known.set(c.id, c);
  const contract = (id: string, section: 'subscribed' | 'recent' | 'search'): ContractRow => {
    const c = known.get(id);
    const front = c?.activeContract === true;
    return {
      kind: 'contract',
      id,
      label: c ? c.name : id,
      description: [c ? id : '', front ? FRONT_MONTH : ''].filter(Boolean).join(' · '),
      detail: describe(c) || undefined,
      section,
      frontMonth: front,
    };
  };
  const section = (label: string, ids: readonly string[], kind: 'subscribed' | 'recent' | 'search'): void => {
    const fresh = ids.filter((id) => !seen.has(id));
    if (fresh.length === 0) return;
    rows.push({ kind: 'separator', label });
    for (const id of fresh) {
      seen.add(id);
      rows.push(contract(id, kind));
    }
  };
  section('Subscribed', input.subscribed, 'subscribed');
  if (input.offerAll && input.subscribed.length > 1) rows.push({ kind: 'all', ids: [...input.subscribed], label: `All ${input.subscribed.length} subscribed contracts` });
  section('Recent', input.recent, 'recent');
  // Front month first within the answer: it is what a trader means by "ES".
  const results = [...(input.results ?? [])].sort((a, b) => Number(b.activeContract) - Number(a.activeContract));
  section(input.query ? `Matching "${input.query}"` : 'Contracts', results.map((c) => c.id), 'search');
  if (input.error) rows.push({ kind: 'message', label: `Search failed: ${input.error}` });
  else if (input.results && input.results.length === 0 && input.query) rows.push({ kind: 'message', label: `No contract matches "${input.query}": try a root symbol such as ES or NQ.` });
  // A full contract id typed out: usable even if the search does not list it.
  const typed = input.query?.trim();
  if (typed && /^CON\.[A-Za-z0-9._:-]+$/.test(typed) && !seen.has(typed)) rows.push({ kind: 'typed', id: typed, label: `Use ${typed}` });
  return rows;
}

/** Newest first, without duplicates, at most `max`. */
export function rememberRecent(recent: readonly string[], picked: readonly string[], max = 8): string[] {
  return [...new Set([...picked, ...recent])].slice(0, max);
}
