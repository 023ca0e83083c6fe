import type { Account } from '../accounts/accountStore';
import type { MailgunClient, Region } from '../mailgun';
import type { Services } from '../services';
import { AccountNode } from '../tree/accountNode';
import { ancestorOf } from '../tree/ancestors';
import { DomainNode } from '../tree/domainNode';
import type { TreeNode } from '../tree/node';
import { RegionNode } from '../tree/regionNode';
import { reportRefusal } from '../ui/notify';
import { pickAccount } from './pickAccount';
import { pickAccountAndRegion, pickDomain, type DomainTarget } from './pickDomain';

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
  return account?.getChildren().find((n): n is RegionNode => n instanceof RegionNode && n.region === region);
}

/** The account of the node the command ran on (or of one of its ancestors), else one picked in the palette. */
export async function resolveAccount(services: Services, node: unknown, title: string): Promise<Account | undefined> {
  if (refusedArgument(services, node, title)) return undefined;
  return ancestorOf(node as TreeNode | undefined, AccountNode)?.account ?? (await pickAccount(services.accounts, title));
}

/** The account and region of the node the command ran on, else picked in the palette. */
export async function resolveRegion(services: Services, node: unknown, title: string): Promise<RegionTarget | undefined> {
  if (refusedArgument(services, node, title)) return undefined;
  const regionNode = ancestorOf(node as TreeNode | undefined, RegionNode);
  if (regionNode) return { account: regionNode.account, region: regionNode.region, node: regionNode };
  const picked = await pickAccountAndRegion(services, title);
  return picked && { ...picked, node: await findRegionNode(services, picked.account.id, picked.region) };
}

/** The domain of the node the command ran on (or of one of its ancestors), else one picked in the palette. */
export async function resolveDomain(services: Services, node: unknown, title: string): Promise<DomainRef | undefined> {
  if (refusedArgument(services, node, title)) return undefined;
  const domainNode = ancestorOf(node as TreeNode | undefined, DomainNode);
  if (domainNode) return { account: domainNode.account, region: domainNode.region, domainName: domainNode.domainName, domain: domainNode.domain, node: domainNode };
  const picked = await pickDomain(services, title);
  if (!picked) return undefined;
  const regionNode = await findRegionNode(services, picked.account.id, picked.region);
  return { ...picked, node: regionNode?.loadedDomain(picked.domainName) };
}

export function clientOf(services: Services, target: { account: Account; region: Region }): Promise<MailgunClient> {
  return services.clients.get(target.account.id, target.region);
}

/** After a change: the list reloads on its next expand, and VS Code asks for it again now. */
export function reload(services: Services, node: (TreeNode & { reset(): void }) | undefined): void {
  if (!node) return;
  node.reset();
  services.tree.refresh(node);
}
