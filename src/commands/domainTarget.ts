import * as vscode from 'vscode';
import type { Account } from '../accounts/accountStore';
import type { Domain, Region } from '../mailgun';
import type { Services } from '../services';
import { AccountNode } from '../tree/accountNode';
import { ancestorOf } from '../tree/ancestors';
import { DomainNode } from '../tree/domainNode';
import type { TreeNode } from '../tree/node';
import { RegionNode } from '../tree/regionNode';
import { pickAccount } from './pickAccount';
import { pickDomain, pickRegion } from './pickDomain';

/** The domain a command acts on, and its node when the tree has loaded it (to show progress and refresh). */
export interface DomainRef {
  account: Account;
  region: Region;
  domainName: string;
  domain?: Domain;
  node?: DomainNode;
}

/** The region node the tree shows for an account; nothing is fetched. */
export async function findRegionNode(services: Services, accountId: string, region: Region): Promise<RegionNode | undefined> {
  const account = (await services.tree.getChildren()).find((n): n is AccountNode => n instanceof AccountNode && n.account.id === accountId);
  return account?.getChildren().find((n): n is RegionNode => n instanceof RegionNode && n.region === region);
}

/** The domain of the node the command ran on (or of one of its ancestors), else one picked in the palette. */
export async function resolveDomain(services: Services, node: TreeNode | undefined, title: string): Promise<DomainRef | undefined> {
  const domainNode = ancestorOf(node, DomainNode);
  if (domainNode) return { account: domainNode.account, region: domainNode.region, domainName: domainNode.domainName, domain: domainNode.domain, node: domainNode };
  const picked = await pickDomain(services, title);
  if (!picked) return undefined;
  const regionNode = await findRegionNode(services, picked.account.id, picked.region);
  return { ...picked, node: regionNode?.loadedDomain(picked.domainName) };
}

/** The account and region of the node the command ran on, else picked in the palette. */
export async function resolveRegion(services: Services, node: TreeNode | undefined, title: string): Promise<{ account: Account; region: Region; node?: RegionNode } | undefined> {
  const regionNode = ancestorOf(node, RegionNode);
  if (regionNode) return { account: regionNode.account, region: regionNode.region, node: regionNode };
  const account = await pickAccount(services.accounts, title);
  if (!account) return undefined;
  const region = await pickRegion(title);
  if (!region) return undefined;
  return { account, region, node: await findRegionNode(services, account.id, region) };
}

/** Options passed by automation and tests as the second argument; a selection array (from the tree) is not one. */
export function optionsOf<T extends object>(arg: unknown): Partial<T> {
  return typeof arg === 'object' && arg !== null && !Array.isArray(arg) ? arg : {};
}

/** Shows a spinner in the status bar while `task` runs. */
export function inStatusBar<T>(title: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, task);
}
