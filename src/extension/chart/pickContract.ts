/**
 * The Open Quote Chart picker: the market hub's subscribed contracts (one, or all of them), or a
 * search through the gateway's Contract/search when none is subscribed or the user asks for another.
 */
import vscode = require('vscode');
import type { Monitor } from '../../core/monitor/types';
import { clipText } from '../../core/util/clip';
import type { ContractOption } from '../../shared/chartProtocol';
import { isContractId } from '../../shared/chartValidate';
import { errorLine } from '../util/errors';

type Item = vscode.QuickPickItem & { ids?: string[]; search?: boolean };

export async function pickContracts(monitor: Monitor, subscribed: ContractOption[]): Promise<string[] | undefined> {
  if (subscribed.length === 0) return searchContract(monitor).then((id) => (id ? [id] : undefined));
  const items: Item[] = subscribed.map((c) => ({ label: c.label, ids: [c.id], iconPath: new vscode.ThemeIcon('graph-line') }));
  if (subscribed.length > 1) items.push({ label: `All ${subscribed.length} subscribed contracts`, ids: subscribed.map((c) => c.id), iconPath: new vscode.ThemeIcon('layers') });
  items.push({ label: 'Search for another contract…', search: true, iconPath: new vscode.ThemeIcon('search') });
  const choice = await vscode.window.showQuickPick(items, { title: 'Open Quote Chart', placeHolder: 'Contract to chart' });
  if (!choice) return undefined;
  if (choice.search) return searchContract(monitor).then((id) => (id ? [id] : undefined));
  return choice.ids;
}

async function searchContract(monitor: Monitor): Promise<string | undefined> {
  const text = (await vscode.window.showInputBox({
    title: 'Open Quote Chart: no contract subscribed yet',
    prompt: 'A contract id or search text; the chart subscribes its quotes and trades',
    placeHolder: 'e.g. ES, MNQ or CON.F.US.EP.U25',
    validateInput: (v) => (v.trim().length === 0 ? 'Type a symbol or a contract id' : undefined),
  }))?.trim();
  if (!text) return undefined;
  let found: { id: string; name: string; description: string }[];
  try {
    const token = await monitor.tokens.getToken();
    found = await monitor.gateway.searchContracts(token, text);
  } catch (error) {
    // The search failing must not block charting a contract id the user typed out in full.
    if (isContractId(text) && text.includes('.')) return text;
    void vscode.window.showErrorMessage(`Contract search failed: ${errorLine(error)}. Sign in again or type the full contract id.`);
    return undefined;
  }
  if (found.length === 0) {
    if (isContractId(text) && text.includes('.')) return text;
    void vscode.window.showWarningMessage(`No contract matches "${text}". Try the product symbol (e.g. ES) or the full id (CON.F.US.EP.U25).`);
    return undefined;
  }
  if (found.length === 1) return found[0].id;
  const pick = await vscode.window.showQuickPick(
    found.map((c) => ({ label: clipText(c.name), description: clipText(c.description), detail: clipText(c.id), id: c.id })),
    { title: 'Open Quote Chart', placeHolder: `Contracts matching "${text}"`, matchOnDetail: true },
  );
  return pick?.id;
}
