import vscode = require('vscode');
import { ACCOUNT_METHODS, CONTRACT_METHODS, findSubscribeMethod } from '../../core/hub/methods';
import type { Monitor } from '../../core/monitor/types';
import { subscribedContracts } from '../chart/contracts';
import { pickContracts, type RecentContracts } from '../contracts/contractPicker';
import type { Services } from '../services';
import type { HubNode } from '../tree/hubTreeModel';
import { registerSafeCommand } from '../util/notify';
import { Command } from '../commandIds';

/** hubmon.subscribeAccount, subscribeContract, unsubscribe and copyId (tree context menu). */
export function registerSubscriptionCommands(s: Services, recent: RecentContracts): vscode.Disposable[] {
  const { controller, notifier, tree } = s;
  const monitor = (): Monitor => {
    const m = controller.monitor;
    if (!m) throw new Error(`Not signed in to ${controller.profile.name}: run "Hub Monitor: Sign In" (or "Start Demo Gateway") first.`);
    return m;
  };
  return [
    // Argument: an account id (number) or { accountId }; without one, pick from Account/search.
    registerSafeCommand(Command.subscribeAccount, notifier, async (arg?: unknown) => {
      const accountId = numberArg(arg, 'accountId') ?? (await pickAccount(monitor()));
      if (accountId === undefined) return;
      for (const method of ACCOUNT_METHODS) {
        await controller.subscribe(method, findSubscribeMethod(method)?.arg === 'none' ? undefined : accountId);
      }
    }),
    // Argument: a contract id or { contractId, methods? }; without one, the contract picker.
    registerSafeCommand(Command.subscribeContract, notifier, async (arg?: unknown) => {
      const contractId = stringArg(arg, 'contractId') ?? (await pickOneContract(monitor(), recent));
      if (!contractId) return;
      const methods = methodsArg(arg) ?? (typeof arg === 'string' || stringArg(arg, 'contractId') ? ['SubscribeContractQuotes', 'SubscribeContractTrades'] : await pickContractMethods());
      if (!methods) return;
      for (const method of methods) await controller.subscribe(method, contractId);
    }),
    // Argument: a tree node or a subscription key; without one, pick from the current subscriptions.
    registerSafeCommand(Command.unsubscribe, notifier, async (arg?: unknown) => {
      const key = typeof arg === 'string' ? arg : isSubscriptionNode(arg) ? arg.key : await pickSubscription(monitor());
      if (key) await controller.unsubscribe(key);
    }),
    registerSafeCommand(Command.copyId, notifier, async (node?: HubNode) => {
      const text = node ? tree.copyText(node) : undefined;
      if (!text) throw new Error('Nothing to copy here: use "Copy Id" on a subscription or a hub with a connection id.');
      await vscode.env.clipboard.writeText(text);
      void vscode.window.setStatusBarMessage(`$(copy) Copied ${text}`, 3000);
    }),
  ];
}

async function pickAccount(m: Monitor): Promise<number | undefined> {
  const accounts = await m.gateway.searchAccounts(await m.tokens.getToken(), true);
  if (accounts.length === 0) throw new Error(`${m.profile.name} lists no active account for this user: check the account in your firm's dashboard.`);
  const picked = await vscode.window.showQuickPick(
    accounts.map((a) => ({ label: a.name, description: `#${a.id}`, detail: `balance ${a.balance.toLocaleString()}${a.simulated ? ' · simulated' : ''}${a.canTrade ? '' : ' · cannot trade'}`, id: a.id })),
    { title: 'Subscribe to Account', placeHolder: 'Accounts, orders, positions and trades of…' },
  );
  return picked?.id;
}

async function pickOneContract(m: Monitor, recent: RecentContracts): Promise<string | undefined> {
  const subscribed = subscribedContracts(m).map((c) => c.id);
  return (await pickContracts(m, recent, { title: 'Subscribe to Contract', subscribed }))?.[0];
}

async function pickContractMethods(): Promise<string[] | undefined> {
  const picked = await vscode.window.showQuickPick(
    CONTRACT_METHODS.map((method) => ({ label: findSubscribeMethod(method)?.label ?? method, description: method, picked: method !== 'SubscribeContractMarketDepth', method })),
    { title: 'Subscribe to Contract', placeHolder: 'Which streams?', canPickMany: true },
  );
  return picked && picked.length > 0 ? picked.map((p) => p.method) : undefined;
}

async function pickSubscription(m: Monitor): Promise<string | undefined> {
  const all = [...m.user.subscriptions.list(), ...m.market.subscriptions.list()];
  if (all.length === 0) throw new Error('There is nothing to unsubscribe: no subscriptions on this profile.');
  const picked = await vscode.window.showQuickPick(all.map((s) => ({ label: s.key, description: `${s.hub} hub · ${s.status.kind}`, key: s.key })), { title: 'Unsubscribe' });
  return picked?.key;
}

function numberArg(arg: unknown, field: string): number | undefined {
  const v = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>)[field] : arg;
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

function stringArg(arg: unknown, field: string): string | undefined {
  const v = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>)[field] : arg;
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function methodsArg(arg: unknown): string[] | undefined {
  const v = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>).methods : undefined;
  if (!Array.isArray(v)) return undefined;
  const methods = v.filter((m): m is string => typeof m === 'string' && (CONTRACT_METHODS as readonly string[]).includes(m));
  return methods.length > 0 ? methods : undefined;
}

function isSubscriptionNode(arg: unknown): arg is Extract<HubNode, { kind: 'subscription' }> {
  return typeof arg === 'object' && arg !== null && (arg as { kind?: unknown }).kind === 'subscription' && typeof (arg as { key?: unknown }).key === 'string';
}
