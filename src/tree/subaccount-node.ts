import * as vscode from 'vscode';
import type { Account } from '../accounts/account-store';
import type { Region, Subaccount } from '../mailgun';
import type { TreeContext } from './context';
import type { TreeNode } from './node';
import { RegionNode } from './region-node';
import type { SubaccountsNode } from './subaccounts-node';
import { detailsTooltip, formatDate } from './tooltip';
import * as l10n from '../mailgun/l10n';

/** A subaccount: the same regions → domains → … as its parent account, every request acting for it. */
export class SubaccountNode implements TreeNode {
  readonly id: string;
  private readonly regionNodes = new Map<Region, RegionNode>();

  constructor(
    readonly parent: SubaccountsNode,
    readonly subaccount: Subaccount,
    private readonly ctx: TreeContext,
  ) {
    this.id = `${parent.id}/${subaccount.id}`;
  }

  /** The parent's account, marked as acting for this subaccount: what its regions and commands on them use. */
  get account(): Account {
    return { ...this.parent.parent.account, subaccount: { id: this.subaccount.id, name: this.subaccount.name } };
  }

  get disabled(): boolean {
    return this.subaccount.status === 'disabled';
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.subaccount.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = this.subaccount.status;
    item.tooltip = detailsTooltip(l10n.t('Subaccount "{0}"', this.subaccount.name), [
      [l10n.t('ID'), this.subaccount.id],
      [l10n.t('Status'), this.disabled ? l10n.t('disabled (its API access is suspended)') : this.subaccount.status],
      [l10n.t('Created'), formatDate(this.subaccount.created_at)],
      [l10n.t('Parent account'), this.parent.parent.account.label],
    ]);
    item.iconPath = new vscode.ThemeIcon(this.disabled ? 'circle-slash' : 'person');
    item.contextValue = this.disabled ? 'mailgun.subaccount.disabled' : 'mailgun.subaccount.open';
    return item;
  }

  getChildren(): TreeNode[] {
    return this.parent.parent.regions().map((region) => {
      let node = this.regionNodes.get(region);
      if (!node) this.regionNodes.set(region, (node = new RegionNode(this, region, this.ctx)));
      return node;
    });
  }
}
