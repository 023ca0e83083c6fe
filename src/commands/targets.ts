import type { Account } from '../accounts/account-store';
import type { MailgunClient, Region } from '../mailgun';
import type { Services } from '../services';
import { AccountNode } from '../tree/account-node';
import { ancestorOf } from '../tree/ancestors';
import { DomainNode } from '../tree/domain-node';
import type { TreeNode } from '../tree/node';
import { RegionNode } from '../tree/region-node';
import { isUserCancelled, type UserInput } from '../ui/input';
import { reportRefusal } from '../ui/notify';
import { pickAccount, pickAccountAndRegion, pickDomain, type DomainTarget } from '../ui/pickers';

// What a command acts on: taken from the tree node it was run on, or asked for with quick picks in the palette.

/** An account's region, and its node when the tree shows it (to refresh). */
export interface RegionTarget {
  account: Account;
  region: Region;
  node?: RegionNode;
}

/** The domain a command acts on, and its node when the tree has loaded it (to show progress and refresh). */
export interface DomainRef extends DomainTarget {
  node?: DomainNode;
}

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

/**
 * A keybinding, a command link or another extension can run a command with any argument. Returns true (and says
 * so) when `node` is neither nothing (the palette) nor an explorer item, so the command does nothing.
 */
export function refusedArgument(services: Services, node: unknown, title: string): boolean {
  if (node === undefined || isTreeNode(node)) return false;
  reportRefusal(
    services.log,
    `"${title}" was run with something that is not an item of the Mailgun explorer, so it did nothing. Run it from the explorer or the Command Palette.`,
  );
  return true;
}

/** The node a tree-only command acts on when it is of the right kind; otherwise says so and returns undefined. */
export function nodeOfKind<T extends TreeNode>(services: Services, node: unknown, kind: abstract new (...args: never[]) => T, title: string, what: string): T | undefined {
  if (node instanceof kind) return node;
  reportRefusal(services.log, `"${title}" works on ${what} in the Mailgun explorer and was run on something else, so it did nothing.`);
  return undefined;
}

/** The region node the tree shows for an account; nothing is fetched. */
export async function findRegionNode(services: Services, accountId: string, region: Region): Promise<RegionNode | undefined> {
  const account = (await services.tree.getChildren()).find((n): n is AccountNode => n instanceof AccountNode && n.account.id === accountId);
  return account?.regions().includes(region) ? account.regionNode(region) : undefined;
}

/** The account of the node the command ran on (or of one of its ancestors), else one picked in the palette. */
export async function accountOf(ctx: Resolving, target: TreeNode | undefined, title: string): Promise<Account> {
  return ancestorOf(target, AccountNode)?.account ?? (await pickAccount(ctx, title));
}

/** The account and region of the node the command ran on, else picked in the palette. */
export async function regionOf(ctx: Resolving, target: TreeNode | undefined, title: string): Promise<RegionTarget> {
  const regionNode = ancestorOf(target, RegionNode);
  if (regionNode) return { account: regionNode.account, region: regionNode.region, node: regionNode };
  const picked = await pickAccountAndRegion(ctx, title);
  return { ...picked, node: await findRegionNode(ctx, picked.account.id, picked.region) };
}

/** The domain of the node the command ran on (or of one of its ancestors), else one picked in the palette. */
export async function domainOf(ctx: Resolving, target: TreeNode | undefined, title: string): Promise<DomainRef> {
  const domainNode = ancestorOf(target, DomainNode);
  if (domainNode) return { account: domainNode.account, region: domainNode.region, domainName: domainNode.domainName, domain: domainNode.domain, node: domainNode };
  const picked = await pickDomain(ctx, title);
  const regionNode = await findRegionNode(ctx, picked.account.id, picked.region);
  return { ...picked, node: regionNode?.loadedDomain(picked.domainName) };
}

/** For commands not yet registered with `registerCommand`: undefined when the argument was refused or a prompt dismissed. */
async function orUndefined<T>(services: Services, node: unknown, title: string, resolve: (ctx: Resolving, target: TreeNode | undefined) => Promise<T>): Promise<T | undefined> {
  if (refusedArgument(services, node, title)) return undefined;
  try {
    return await resolve({ ...services, ui: services.input.current }, node as TreeNode | undefined);
  } catch (err) {
    if (isUserCancelled(err)) return undefined;
    throw err;
  }
}

export const resolveAccount = (services: Services, node: unknown, title: string) => orUndefined(services, node, title, (c, t) => accountOf(c, t, title));
export const resolveRegion = (services: Services, node: unknown, title: string) => orUndefined(services, node, title, (c, t) => regionOf(c, t, title));
export const resolveDomain = (services: Services, node: unknown, title: string) => orUndefined(services, node, title, (c, t) => domainOf(c, t, title));

export function clientOf(services: Services, target: { account: Account; region: Region }): Promise<MailgunClient> {
  return services.clients.get(target.account.id, target.region, target.account.subaccount?.id);
}

/** After a change: the list reloads on its next expand, and VS Code asks for it again now. */
export function reload(services: Services, node: (TreeNode & { reset(): void }) | undefined): void {
  if (!node) return;
  node.reset();
  services.tree.refresh(node);
}
