import type { Account } from '../accounts/accountStore';
import type { Region } from '../mailgun';
import type { Services } from '../services';
import { AccountNode } from '../tree/accountNode';
import { ancestorOf } from '../tree/ancestors';
import { DomainNode } from '../tree/domainNode';
import type { TreeNode } from '../tree/node';
import { RegionNode } from '../tree/regionNode';
import { pickAccount } from './pickAccount';
import { pickDomain, pickRegion, type DomainTarget } from './pickDomain';

// What a command acts on: taken from the tree node it was run on, or asked for with quick picks in the palette.

export interface RegionTarget {
  account: Account;
  region: Region;
}

/** The domain of the node (or its ancestors), or one picked. */
export async function domainTarget(services: Services, node: unknown, title: string): Promise<DomainTarget | undefined> {
  const d = ancestorOf(node as TreeNode | undefined, DomainNode);
  if (d) return { account: d.account, region: d.region, domainName: d.domainName };
  return pickDomain(services, title);
}

/** The account and region of the node, or picked. */
export async function regionTarget(services: Services, node: unknown, title: string): Promise<RegionTarget | undefined> {
  const r = ancestorOf(node as TreeNode | undefined, RegionNode);
  if (r) return { account: r.account, region: r.region };
  const account = await pickAccount(services.accounts, title);
  const region = account && (await pickRegion(title));
  return account && region ? { account, region } : undefined;
}

/** The region node the tree shows for an account, if any. Nothing is fetched. */
export async function findRegionNode(services: Services, accountId: string, region: Region): Promise<RegionNode | undefined> {
  const account = (await services.tree.getChildren()).find((n): n is AccountNode => n instanceof AccountNode && n.account.id === accountId);
  return account?.getChildren().find((n): n is RegionNode => n instanceof RegionNode && n.region === region);
}

/** The node of a domain whose region list is loaded already, so a command run from the palette can refresh it. */
export async function findDomainNode(services: Services, accountId: string, region: Region, domainName: string): Promise<DomainNode | undefined> {
  return (await findRegionNode(services, accountId, region))?.loadedDomain(domainName);
}

/** After a change: the list reloads on its next expand, and VS Code asks for it again now. */
export function reload(services: Services, node: (TreeNode & { reset(): void }) | undefined): void {
  if (!node) return;
  node.reset();
  services.tree.refresh(node);
}
