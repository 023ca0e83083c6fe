import * as vscode from 'vscode';
import type { Account } from '../accounts/account-store';
import { describeError } from './error-node';
import type { Region } from '../mailgun';
import type { TreeContext } from './context';
import type { TreeNode } from './node';
import { RegionNode } from './region-node';
import { SubaccountsNode } from './subaccounts-node';
import * as l10n from '../mailgun/l10n';

export class AccountNode implements TreeNode {
  readonly id: string;
  private readonly regionNodes = new Map<Region, RegionNode>();
  readonly subaccounts: SubaccountsNode;
  /** Whether the key is a parent's with subaccounts; asked once per expand after a reset. */
  private hasSubaccounts: Promise<boolean> | undefined;

  constructor(
    public account: Account,
    private readonly ctx: TreeContext,
    readonly regions: () => Region[],
  ) {
    this.id = `account:${account.id}`;
    this.subaccounts = new SubaccountsNode(this, ctx);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.account.label, vscode.TreeItemCollapsibleState.Expanded);
    item.description = l10n.t('key …{0}', this.account.keySuffix);
    item.tooltip = l10n.t('Mailgun account "{0}" (API key ending in {1})', this.account.label, this.account.keySuffix);
    item.iconPath = new vscode.ThemeIcon('account');
    item.contextValue = 'mailgun.account';
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    const regions = this.regions().map((region) => this.regionNode(region));
    this.hasSubaccounts ??= this.checkSubaccounts();
    return (await this.hasSubaccounts) ? [...regions, this.subaccounts] : regions;
  }

  /** The node of one of the account's regions; nothing is fetched. */
  regionNode(region: Region): RegionNode {
    let node = this.regionNodes.get(region);
    if (!node) this.regionNodes.set(region, (node = new RegionNode(this, region, this.ctx)));
    return node;
  }

  /** Subaccounts are account-wide: either host lists them. */
  firstRegion(): Region {
    return this.regions()[0] ?? 'us';
  }

  /** One cheap request; a key that cannot list subaccounts (not a parent's, or no access) just shows none. */
  private async checkSubaccounts(): Promise<boolean> {
    try {
      const client = await this.ctx.clients.get(this.account.id, this.firstRegion());
      const page = await client.subaccounts.list({ limit: 1 });
      this.subaccounts.total = page.total;
      return page.total > 0;
    } catch (err) {
      this.ctx.log.info(`"${this.account.label}": subaccounts are not shown, since they could not be listed: ${describeError(err)}`);
      return false;
    }
  }

  /** A subaccount was created, enabled or disabled: whether "Subaccounts" shows is asked again, and its list reloads. */
  subaccountsChanged(): void {
    this.hasSubaccounts = undefined;
    this.subaccounts.reset();
  }

  reset(): void {
    for (const node of this.regionNodes.values()) node.reset();
    this.hasSubaccounts = undefined;
    this.subaccounts.reset();
  }
}
