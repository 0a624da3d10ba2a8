/**
 * The one contract picker every command uses (Subscribe to Contract, Open Quote Chart): a single
 * QuickPick that searches the gateway's Contract/search as you type (debounced, busy while the
 * gateway answers, late answers dropped), with subscribed and recent contracts on top and the front
 * month marked.
 */
import vscode = require('vscode');
import type { Contract } from '../../core/gateway/types';
import type { Monitor } from '../../core/monitor/types';
import { errorLine } from '../util/errors';
import { contractRows, rememberRecent, type ContractRow } from './contractItems';

/** Typing pauses this long before the gateway is asked (one request per pause, not per key). */
export const SEARCH_DEBOUNCE_MS = 250;

type Item = vscode.QuickPickItem & { row?: ContractRow };

/** Recently picked contract ids per profile, in globalState (ids only: nothing secret). */
export class RecentContracts {
  constructor(private readonly state: vscode.Memento) {}

  private key(profileId: string): string {
    return `hubmon.recentContracts.${profileId}`;
  }

  get(profileId: string): string[] {
    const raw = this.state.get<unknown>(this.key(profileId));
    return Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : [];
  }

  async add(profileId: string, ids: readonly string[]): Promise<void> {
    await this.state.update(this.key(profileId), rememberRecent(this.get(profileId), ids));
  }
}

export interface ContractPickerOptions {
  readonly title: string;
  readonly placeholder?: string;
  /** Contract ids the market hub is subscribed to. */
  readonly subscribed: readonly string[];
  /** Offer "All N subscribed contracts". */
  readonly offerAll?: boolean;
}

/** Resolves with the picked contract ids, or undefined when dismissed. */
export function pickContracts(monitor: Monitor, recent: RecentContracts, options: ContractPickerOptions): Promise<string[] | undefined> {
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = options.title;
  qp.placeholder = options.placeholder ?? 'Type a symbol or name (ES, NQ, Crude) or a full contract id';
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  const known = new Map<string, Contract>();
  const profileId = monitor.profile.id;
  let answer: { query: string; results?: readonly Contract[]; error?: string } = { query: '' };
  let asked = 0;
  let timer: NodeJS.Timeout | undefined;

  const render = (): void => {
    const rows = contractRows({ subscribed: options.subscribed, recent: recent.get(profileId), offerAll: options.offerAll, known, ...answer });
    qp.items = rows.map(toItem);
  };
  const search = async (query: string): Promise<void> => {
    const ticket = ++asked;
    qp.busy = true;
    try {
      const results = await monitor.gateway.searchContracts(await monitor.tokens.getToken(), query, false);
      for (const c of results) known.set(c.id, c);
      if (ticket === asked) answer = { query, results };
    } catch (error) {
      if (ticket === asked) answer = { query, error: `${errorLine(error)}. Sign in again or type the full contract id.` };
    } finally {
      if (ticket === asked) {
        qp.busy = false;
        render();
      }
    }
  };

  return new Promise<string[] | undefined>((resolve) => {
    let settled = false;
    const finish = (ids: string[] | undefined): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      subs.forEach((d) => d.dispose());
      qp.dispose();
      if (ids && ids.length > 0) void recent.add(profileId, ids).then(undefined, () => undefined);
      resolve(ids && ids.length > 0 ? ids : undefined);
    };
    const subs = [
      qp.onDidChangeValue((value) => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => void search(value.trim()), SEARCH_DEBOUNCE_MS);
      }),
      qp.onDidAccept(() => {
        const row = qp.selectedItems[0]?.row;
        if (!row) return;
        if (row.kind === 'contract' || row.kind === 'typed') finish([row.id]);
        else if (row.kind === 'all') finish([...row.ids]);
      }),
      qp.onDidHide(() => finish(undefined)),
    ];
    render();
    qp.show();
    // The first answer names the subscribed and recent ids and fills the list before any typing.
    void search('');
  });
}

function toItem(row: ContractRow): Item {
  switch (row.kind) {
    case 'separator':
      return { label: row.label, kind: vscode.QuickPickItemKind.Separator };
    case 'contract':
      return {
        label: row.label,
        description: row.description,
        detail: row.detail,
        iconPath: new vscode.ThemeIcon(row.frontMonth ? 'star-full' : row.section === 'subscribed' ? 'pass' : row.section === 'recent' ? 'history' : 'symbol-constant'),
        // The gateway already matched these to the text; the box's own filter must not hide them.
        alwaysShow: row.section === 'search',
        row,
      };
    case 'all':
      return { label: row.label, iconPath: new vscode.ThemeIcon('layers'), alwaysShow: true, row };
    case 'typed':
      return { label: row.label, iconPath: new vscode.ThemeIcon('arrow-right'), alwaysShow: true, row };
    case 'message':
      return { label: row.label, iconPath: new vscode.ThemeIcon('info'), alwaysShow: true, row };
  }
}
