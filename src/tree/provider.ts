import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/account-store';
import type { MailgunClients } from '../accounts/clients';
import type { Log } from '../log';
import type { Region } from '../mailgun';
import { AccountNodes } from './account-nodes';
import type { TreeContext } from './context';
import { DeletingDomains } from './deleting-domains';
import { DomainNode } from './domain-node';
import type { TreeNode } from './node';
import { RegionNode } from './region-node';
import { RerenderWhenQuiet, type Renderer } from './rerender-when-quiet';
import { isScoped, sameScope, scopeKey, type Scoped, type TreeScope } from './scope';
import { SuppressionListNode } from './suppression-list-node';

/** What a row shows, to tell whether it needs re-rendering. */
function lookOf(item: vscode.TreeItem): string {
  const label = typeof item.label === 'object' ? item.label.label : item.label;
  const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '';
  return JSON.stringify([label, item.description, icon, item.contextValue, item.collapsibleState]);
}

/** What the explorer loads with. */
export interface TreeSetup {
  clients: MailgunClients;
  accounts: AccountStore;
  log: Log;
  pageSize: () => number;
  regions: () => Region[];
}

/** A node kind that takes fresh data for its own row (a domain after Verify DNS). */
interface Updatable {
  update(data: object): void;
}

/**
 * Delegates everything to the nodes; owns the roots, announces changes, and applies what commands say changed
 * (by scope: commands never find or write nodes).
 */
export class MailgunTreeProvider implements vscode.TreeDataProvider<TreeNode>, Renderer, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly messageChanged = new vscode.EventEmitter<string | undefined>();
  /** The line to show at the top of the view (a rejected key), when it changes. */
  readonly onDidChangeMessage = this.messageChanged.event;
  private readonly rendered = new WeakMap<TreeNode, string>();
  /** The nodes handed out last for each id: what a change can reach without loading anything. */
  private readonly known = new Map<string, TreeNode>();
  /** Descriptions shown while a command works on a scope, e.g. "Deleting…". */
  private readonly temporary = new Map<string, string>();
  private readonly rerender = new RerenderWhenQuiet(this);
  private readonly deleting = new DeletingDomains();
  private readonly roots: AccountNodes;

  constructor(setup: TreeSetup) {
    const ctx: TreeContext = {
      clients: setup.clients,
      accounts: setup.accounts,
      log: setup.log,
      refresh: (node) => this.refresh(node),
      rerenderWhenQuiet: this.rerender,
      deletingDomains: this.deleting,
      pageSize: setup.pageSize,
      keyRejected: (accountId) => {
        this.roots.keyRejected(accountId);
        this.messageChanged.fire(this.roots.message());
      },
    };
    this.roots = new AccountNodes(setup.accounts, ctx, setup.regions);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    this.known.set(node.id, node);
    const item = this.itemOf(node);
    this.rendered.set(node, lookOf(item));
    return item;
  }

  isStale(node: TreeNode): boolean {
    const look = this.rendered.get(node);
    return look !== undefined && look !== lookOf(this.itemOf(node));
  }

  private itemOf(node: TreeNode): vscode.TreeItem {
    const item = node.getTreeItem();
    item.id = node.id;
    const busy = isScoped(node) ? this.temporary.get(scopeKey(node.scope)) : undefined;
    if (busy) {
      // A context value no action matches, so that none applies meanwhile.
      item.description = busy;
      item.iconPath = new vscode.ThemeIcon('loading~spin');
      item.contextValue = 'mailgun.busy';
      const label = typeof item.label === 'object' ? item.label.label : item.label;
      item.accessibilityInformation = { label: `${label ?? ''}, ${busy}` };
    }
    return item;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const children = node ? ((await node.getChildren?.()) ?? []) : this.roots.list();
    for (const child of children) this.known.set(child.id, child);
    return children;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /** Re-renders one node and its subtree, or everything. */
  refresh(node?: TreeNode): void {
    this.changed.fire(node);
  }

  /** What is shown for `scope` changed: a loaded node of it drops what it loaded and is shown again; nothing is loaded. */
  invalidate(scope: TreeScope): void {
    for (const node of this.nodesOf(scope)) {
      node.reset();
      this.refresh(node);
    }
  }

  /** The account's subaccounts changed: whether it shows "Subaccounts" is asked again, and the list reloads. */
  subaccountsChanged(accountId: string): void {
    const node = this.roots.list().find((n) => n.account.id === accountId);
    if (!node) return;
    node.subaccountsChanged();
    this.refresh(node);
  }

  /** Like invalidate, for every loaded list `part` of the account, whatever its region and domain (a list the account shares). */
  invalidateEverywhere(accountId: string, part: string): void {
    for (const node of this.known.values()) {
      if (isScoped(node) && node.scope.accountId === accountId && node.scope.part === part) {
        node.reset();
        this.refresh(node);
      }
    }
  }

  /** `node` drops what it loaded (when it loads anything) and is shown again. */
  reload(node: TreeNode): void {
    (node as TreeNode & { reset?(): void }).reset?.();
    this.refresh(node);
  }

  /** A loaded node of `scope` shows `data` (e.g. a domain as Mailgun now has it); what is below it is kept. */
  update(scope: TreeScope, data: object): void {
    for (const node of this.nodesOf(scope)) {
      if ('update' in node) (node as unknown as Updatable).update(data);
      this.refresh(node);
    }
  }

  /** Shows `description` (with a spinning icon and no actions) on the row of `target` while `work` runs. */
  async runWithTemporaryDescription<T>(target: TreeNode | TreeScope, description: string, work: () => PromiseLike<T>): Promise<T> {
    const scope = 'accountId' in target ? target : isScoped(target) ? target.scope : undefined;
    if (!scope) return work();
    const key = scopeKey(scope);
    this.temporary.set(key, description);
    this.refreshScope(scope);
    try {
      return await work();
    } finally {
      this.temporary.delete(key);
      this.refreshScope(scope);
    }
  }

  /** Mailgun accepted deleting the domain of `scope` but may list it for a few minutes: its region shows it as being deleted. */
  domainDeleted(scope: TreeScope & { domain: string }): void {
    this.deleting.mark(scope.accountId, scope.region, scope.domain, true);
    this.invalidate({ accountId: scope.accountId, region: scope.region });
  }

  /** The domain of `scope` was added (again): its region lists it. */
  domainAdded(scope: TreeScope & { domain: string }): void {
    this.deleting.mark(scope.accountId, scope.region, scope.domain, false);
    this.invalidate({ accountId: scope.accountId, region: scope.region });
  }

  /**
   * From the node of `from` the tree already shows, reveals the nodes of `path` in turn, each looked for among the
   * children of the one before (loading them); only the first is selected. Returns false, having stopped, when one
   * is not found (`from` not shown, a domain beyond the first page or hidden by a filter).
   */
  async reveal(view: vscode.TreeView<TreeNode>, from: TreeScope, path: TreeScope[], options: { select?: boolean; focus?: boolean; expand?: boolean }): Promise<boolean> {
    let node: TreeNode | undefined = this.nodesOf(from)[0];
    for (const [i, scope] of path.entries()) {
      if (!node) return false;
      node = (await this.getChildren(node)).find((n) => isScoped(n) && sameScope(n.scope, scope));
      if (!node) return false;
      await view.reveal(node, { ...options, select: i === 0 && options.select });
    }
    return true;
  }

  /**
   * Shows the lists `parts` of a domain (e.g. its bounces) filtered to `filter`, expanded, with the domain selected.
   * The region is reached from the account's root, or from the subaccount the tree shows; a domain beyond the
   * region's first page or hidden by the region's filter is found by filtering the region to its name. Returns false
   * when the tree can't show it (a subaccount not expanded, or a domain Mailgun doesn't list).
   */
  async revealFilteredLists(view: vscode.TreeView<TreeNode>, domain: TreeScope & { domain: string }, parts: readonly string[], filter: string): Promise<boolean> {
    const regionScope: TreeScope = { accountId: domain.accountId, region: domain.region, subaccount: domain.subaccount };
    const region = domain.subaccount
      ? this.nodesOf(regionScope).find((n): n is RegionNode => n instanceof RegionNode)
      : this.roots.list().find((n) => n.account.id === domain.accountId)?.regionNode(domain.region);
    if (!region) return false;
    const find = async () => (await this.getChildren(region)).find((n): n is DomainNode => n instanceof DomainNode && n.domainName === domain.domain);
    let found = await find();
    if (!found) {
      region.setFilter(domain.domain);
      this.refresh(region);
      found = await find();
    }
    if (!found) return false;
    const lists = (await this.getChildren(found)).filter((n): n is SuppressionListNode => n instanceof SuppressionListNode && parts.includes(n.kind));
    for (const list of lists) list.setFilter(filter);
    this.refresh(found);
    await view.reveal(found, { select: true, focus: true, expand: true });
    for (const list of lists) await view.reveal(list, { select: false, focus: false, expand: true });
    return true;
  }

  /** The row of `node` as the view shows it, a temporary description included. */
  shownItem(node: TreeNode): vscode.TreeItem {
    return this.itemOf(node);
  }

  /** The accounts changed: removed ones are forgotten, and a replaced key reloads its account. */
  accountsChanged(): void {
    this.roots.accountsChanged();
    this.messageChanged.fire(this.roots.message());
    this.refresh();
  }

  /** Everything loaded is stale (another API base URL). */
  resetAll(): void {
    this.roots.resetAll();
    this.refresh();
  }

  private nodesOf(scope: TreeScope): Array<TreeNode & Scoped> {
    return [...this.known.values()].filter((n): n is TreeNode & Scoped => isScoped(n) && sameScope(n.scope, scope));
  }

  private refreshScope(scope: TreeScope): void {
    for (const node of this.nodesOf(scope)) this.refresh(node);
  }

  dispose(): void {
    this.rerender.dispose();
    this.changed.dispose();
    this.messageChanged.dispose();
  }
}
