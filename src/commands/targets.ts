import type { Account } from '../accounts/account-store';
import type { MailgunClient, Region } from '../mailgun';
import type { Services } from '../services';
import { settings } from '../settings';
import { AccountNode } from '../tree/account-node';
import type { TreeScope } from '../tree/scope';
import { ancestorOf } from '../tree/ancestors';
import { DomainNode } from '../tree/domain-node';
import type { TreeNode } from '../tree/node';
import { RegionNode } from '../tree/region-node';
import type { UserInput } from '../ui/input';
import { reportRefusal } from '../ui/notify';
import { pickAccount, pickAccountAndRegion, pickDomain, type DomainTarget } from '../ui/pickers';
import { l10n } from 'vscode';

// What a command acts on: taken from the tree node it was run on, or asked for with quick picks in the palette.

/** An account's region. */
export interface RegionTarget {
  account: Account;
  region: Region;
}

/** The domain a command acts on, with what Mailgun said of it when the tree or the picker listed it. */
export type DomainRef = DomainTarget;

/** What resolving a target needs: the services and where to ask, with the title the pickers show. */
type Resolving = Services & { ui: UserInput };

/** Whether a command's argument is an item of the Mailgun explorer (what menus pass), not anything else. */
export function isTreeNode(value: unknown): value is TreeNode {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<TreeNode>).id === 'string' &&
    typeof (value as Partial<TreeNode>).getTreeItem === 'function'
  );
}

/** The node a tree-only command acts on when it is of the right kind; otherwise says so and returns undefined. */
export function nodeOfKind<T extends TreeNode>(services: Services, node: unknown, kind: abstract new (...args: never[]) => T, title: string, what: string): T | undefined {
  if (node instanceof kind) return node;
  reportRefusal(services.log, l10n.t('"{0}" works on {1} in the Mailgun explorer and was run on something else, so it did nothing.', title, what));
  return undefined;
}

/** The account of the node the command ran on (or of one of its ancestors), else one picked in the palette. */
export async function accountOf(ctx: Resolving, target: TreeNode | undefined, title: string): Promise<Account> {
  return ancestorOf(target, AccountNode)?.account ?? (await pickAccount(ctx, title));
}

/** The account and region of the node the command ran on, else picked in the palette. */
export async function regionOf(ctx: Resolving, target: TreeNode | undefined, title: string): Promise<RegionTarget> {
  const regionNode = ancestorOf(target, RegionNode);
  if (regionNode) return { account: regionNode.account, region: regionNode.region };
  return pickAccountAndRegion(ctx, title);
}

/** The domain of the node the command ran on (or of one of its ancestors), else one picked in the palette. */
export async function domainOf(ctx: Resolving, target: TreeNode | undefined, title: string): Promise<DomainRef> {
  const domainNode = ancestorOf(target, DomainNode);
  if (domainNode) return { account: domainNode.account, region: domainNode.region, domainName: domainNode.domainName, domain: domainNode.domain };
  return pickDomain(ctx, title);
}

export function clientOf(services: Services, target: { account: Account; region: Region }): Promise<MailgunClient> {
  return services.clients.get(target.account.id, target.region, target.account.subaccount?.id);
}

/** The part of the explorer showing the target's region, domain (when it has one) or one of their lists (`part`). */
export function scopeOf(target: { account: Account; region: Region; domainName?: string }, part?: string): TreeScope {
  return { accountId: target.account.id, region: target.region, domain: target.domainName, part, subaccount: target.account.subaccount?.id };
}

/**
 * The region that answers for what is account-wide (subaccounts, sandbox recipients, the webhook signing key):
 * the first one shown, as in the explorer (AccountNode.firstRegion).
 */
export function firstRegion(): Region {
  return settings.regions()[0] ?? 'us';
}

/** The account's "Subaccounts" list, which the explorer loads through its first region. */
export function subaccountsScope(account: Account): TreeScope {
  return scopeOf({ account, region: firstRegion() }, 'subaccounts');
}

/** After a change: what the tree shows of `scope` reloads (on its next expand, and VS Code asks for it again now). */
export function reload(services: Services, scope: TreeScope): void {
  services.tree.invalidate(scope);
}
