import * as vscode from 'vscode';
import type { Account } from '../accounts/account-store';
import type { Region } from '../mailgun';
import type { TreeContext } from './context';
import type { TreeNode } from './node';
import { RegionNode } from './region-node';

export class AccountNode implements TreeNode {
  readonly id: string;
  private readonly regionNodes = new Map<Region, RegionNode>();

  constructor(
    public account: Account,
    private readonly ctx: TreeContext,
    private readonly regions: () => Region[],
  ) {
    this.id = `account:${account.id}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.account.label, vscode.TreeItemCollapsibleState.Expanded);
    item.description = `key …${this.account.keySuffix}`;
    item.tooltip = `Mailgun account "${this.account.label}" (API key ending in ${this.account.keySuffix})`;
    item.iconPath = new vscode.ThemeIcon('account');
    item.contextValue = 'mailgun.account';
    return item;
  }

  getChildren(): TreeNode[] {
    return this.regions().map((region) => {
      let node = this.regionNodes.get(region);
      if (!node) this.regionNodes.set(region, (node = new RegionNode(this, region, this.ctx)));
      return node;
    });
  }

  reset(): void {
    for (const node of this.regionNodes.values()) node.reset();
  }
}
