/** Which contracts a chart can show, and what the Open Quote Chart command was given. vscode-free. */
import type { Monitor } from '../../core/monitor/types';
import { clipText } from '../../core/util/clip';
import type { ContractOption } from '../../shared/chartProtocol';
import { isContractId } from '../../shared/chartValidate';

export const QUOTE_METHOD = 'SubscribeContractQuotes';
export const TRADE_METHOD = 'SubscribeContractTrades';

/** Contracts with a quote subscription on the market hub, in registration order. */
export function subscribedContracts(monitor: Monitor | undefined, label?: (id: string) => string | undefined): ContractOption[] {
  if (!monitor) return [];
  const ids = new Set<string>();
  for (const info of monitor.market.subscriptions.list()) {
    if (info.method === QUOTE_METHOD && isContractId(info.arg)) ids.add(info.arg);
  }
  return [...ids].map((id) => {
    const name = label?.(id);
    return { id, label: name ? `${clipText(name)}  ${id}` : id };
  });
}

/** The command's argument: nothing, a contract id, or a tree node with `contractId`. */
export function contractFromArg(arg: unknown): { contractId?: string; error?: string } {
  if (arg === undefined || arg === null) return {};
  if (typeof arg === 'string') return isContractId(arg) ? { contractId: arg } : { error: `"${String(arg).slice(0, 60)}" is not a contract id (e.g. CON.F.US.EP.U25)` };
  if (typeof arg === 'object' && 'contractId' in arg) {
    const id = (arg as { contractId: unknown }).contractId;
    if (isContractId(id)) return { contractId: id };
  }
  // Invoked from some other menu: behave as from the palette.
  return {};
}

/** Adds the quote and trade subscriptions a chart needs (idempotent); returns a failure line or undefined. */
export async function ensureChartSubscriptions(monitor: Monitor, contractId: string): Promise<string | undefined> {
  const results = await Promise.all([QUOTE_METHOD, TRADE_METHOD].map((m) => monitor.market.subscriptions.add(m, contractId)));
  const failed = results.find((r) => r.status.kind === 'failed');
  return failed && failed.status.kind === 'failed' ? `${failed.method}(${contractId}) failed: ${clipText(failed.status.error)}` : undefined;
}
