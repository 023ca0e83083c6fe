// Subaccounts of a parent account: create, enable, disable, copy the id, and its stats and message logs.
import * as vscode from 'vscode';
import type { Account } from '../accounts/account-store';
import { regionLabel, type Subaccount } from '../mailgun';
import { ancestorOf } from '../tree/ancestors';
import type { TreeNode } from '../tree/node';
import { SubaccountNode } from '../tree/subaccount-node';
import { confirmDestructive } from '../ui/confirm';
import { UserCancelledError } from '../ui/input';
import { notify } from '../ui/notify';
import { pickRegion } from '../ui/pickers';
import type { LogsPanel, LogsPanels } from '../webview/logs/logs-panel';
import type { StatsPanel, StatsPanels } from '../webview/panel';
import { again, type CommandContext } from './register';
import { accountOf, clientOf, firstRegion, subaccountsScope } from './targets';

/** What a subaccount command acts on, and the list to reload when the tree shows it. */
interface SubaccountTarget {
  account: Account;
  subaccount: Subaccount;
}

/** Subaccounts are account-wide: the first region shown answers for both. */
const accountClient = (ctx: CommandContext, account: Account) => clientOf(ctx, { account, region: firstRegion() });

/** A subaccount of the account, asked with a quick pick; `which` narrows the list (e.g. only disabled ones). */
async function pickSubaccount(ctx: CommandContext, account: Account, title: string, which: (s: Subaccount) => boolean, none: string): Promise<Subaccount> {
  const load = async () => {
    const all = (await (await accountClient(ctx, account)).subaccounts.listAll()).items.filter(which);
    if (all.length === 0) {
      notify('info', none);
      throw new UserCancelledError();
    }
    return all.map((s) => ({ label: s.name, description: s.status, detail: vscode.l10n.t('ID {0}', s.id), subaccount: s }));
  };
  const picked = await ctx.ui.pick(load(), { title: `${title} (${account.label})`, placeHolder: vscode.l10n.t('Choose a subaccount'), matchOnDescription: true, matchOnDetail: true });
  return picked.subaccount;
}

async function subaccountOf(ctx: CommandContext, target: TreeNode | undefined, title: string, which: (s: Subaccount) => boolean = () => true, none?: string): Promise<SubaccountTarget> {
  const node = ancestorOf(target, SubaccountNode);
  if (node) return { account: node.parent.parent.account, subaccount: node.subaccount };
  const account = await accountOf(ctx, target, title);
  const subaccount = await pickSubaccount(ctx, account, title, which, none ?? vscode.l10n.t('"{0}" has no subaccounts.', account.label));
  return { account, subaccount };
}

/** From an account (or its "Subaccounts"), or the palette. */
export async function createSubaccount(ctx: CommandContext, target?: TreeNode): Promise<Subaccount> {
  const account = await accountOf(ctx, target, vscode.l10n.t('Create Subaccount'));
  const name = (
    await ctx.ui.input({
      title: vscode.l10n.t('Create Subaccount ({0})', account.label),
      prompt: vscode.l10n.t('The name of the new subaccount, such as the customer it sends for.'),
      placeHolder: vscode.l10n.t('Customer name'),
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('Enter a name for the subaccount.') : v.trim().length > 255 ? vscode.l10n.t('Use at most {0} characters.', 255) : undefined),
    })
  ).trim();
  ctx.errorHandling.action = `Create Subaccount "${name}"`;
  const client = await accountClient(ctx, account);
  const created = await client.subaccounts.create(name);
  ctx.log.info(`Create Subaccount: created "${created.name}" (${created.id}) in ${account.label}`);
  notify('info', vscode.l10n.t('Mailgun created the subaccount "{0}" (ID {1}). Add its domains from its region in the Mailgun explorer.', created.name, created.id));
  // The account shows "Subaccounts" once it has one.
  ctx.tree.subaccountsChanged(account.id);
  return created;
}

/** From a disabled subaccount, or the palette (which lists the disabled ones). */
export async function enableSubaccount(ctx: CommandContext, target?: TreeNode): Promise<Subaccount> {
  const t = await subaccountOf(ctx, target, vscode.l10n.t('Enable Subaccount'), (s) => s.status === 'disabled', vscode.l10n.t('No subaccount is disabled.'));
  ctx.errorHandling.action = `Enable Subaccount "${t.subaccount.name}"`;
  ctx.errorHandling.retry = again(ctx, (c) => enableSubaccount(c, target));
  ctx.errorHandling.affected = subaccountsScope(t.account);
  const enabled = await (await accountClient(ctx, t.account)).subaccounts.enable(t.subaccount.id);
  notify('info', vscode.l10n.t('The subaccount "{0}" is enabled: its API access is back.', enabled.name));
  ctx.tree.subaccountsChanged(t.account.id);
  return enabled;
}

/** From an open subaccount, or the palette (which lists the open ones); asks to type its name. */
export async function disableSubaccount(ctx: CommandContext, target?: TreeNode): Promise<Subaccount> {
  const t = await subaccountOf(ctx, target, vscode.l10n.t('Disable Subaccount'), (s) => s.status !== 'disabled', vscode.l10n.t('No subaccount is open.'));
  const { name } = t.subaccount;
  await confirmDestructive(
    ctx.ui,
    name,
    vscode.l10n.t('Disable the subaccount "{0}"?', name),
    vscode.l10n.t('Its API access is suspended: Mailgun refuses every request made for it until it is enabled again. Its domains and data are kept.'),
    vscode.l10n.t('Disable'),
  );
  ctx.errorHandling.action = `Disable Subaccount "${name}"`;
  ctx.errorHandling.affected = subaccountsScope(t.account);
  const disabled = await (await accountClient(ctx, t.account)).subaccounts.disable(t.subaccount.id);
  notify('info', vscode.l10n.t('The subaccount "{0}" is disabled: its API access is suspended until you enable it again.', disabled.name));
  ctx.tree.subaccountsChanged(t.account.id);
  return disabled;
}

export async function copySubaccountId(ctx: CommandContext, target?: TreeNode): Promise<string> {
  const { subaccount } = await subaccountOf(ctx, target, vscode.l10n.t('Copy Subaccount ID'));
  await vscode.env.clipboard.writeText(subaccount.id);
  vscode.window.setStatusBarMessage(`$(copy) ${vscode.l10n.t('Copied the ID of subaccount {0}', subaccount.name)}`, 3000);
  return subaccount.id;
}

/** A subaccount's region to show: asked, since a subaccount has data in each region. */
async function subaccountRegion(ctx: CommandContext, target: TreeNode | undefined, title: string) {
  const t = await subaccountOf(ctx, target, title);
  const region = await pickRegion(ctx.ui, `${title}: ${t.subaccount.name}`);
  return { accountId: t.account.id, region, subaccount: { id: t.subaccount.id, name: t.subaccount.name } };
}

/** Show Stats of every domain of a subaccount in one region (Metrics on its behalf). */
export function showSubaccountStats(panels: StatsPanels) {
  return async (ctx: CommandContext, target?: TreeNode): Promise<StatsPanel | undefined> => {
    const panel = panels.show(await subaccountRegion(ctx, target, vscode.l10n.t('Show Subaccount Stats')));
    return ctx.context.extensionMode === vscode.ExtensionMode.Test ? panel : undefined;
  };
}

/** Open Message Logs of every domain of a subaccount in one region (Logs on its behalf). */
export function openSubaccountLogs(panels: LogsPanels) {
  return async (ctx: CommandContext, target?: TreeNode): Promise<LogsPanel | undefined> => {
    const where = await subaccountRegion(ctx, target, vscode.l10n.t('Open Subaccount Message Logs'));
    ctx.log.debug(`Open Subaccount Message Logs: ${where.subaccount.name} in the ${regionLabel(where.region)} region`);
    const panel = panels.show(where);
    return ctx.context.extensionMode === vscode.ExtensionMode.Test ? panel : undefined;
  };
}
