import * as vscode from 'vscode';
import { MAX_SUBACCOUNT_PAGE } from '../mailgun';
import type { AccountNode } from './account-node';
import type { TreeContext } from './context';
import { ListNode } from './list-node';
import type { Page } from './paged-list';
import type { TreeScope } from './scope';
import { SubaccountNode } from './subaccount-node';
import * as l10n from '../mailgun/l10n';

/** "Subaccounts" under a parent account: its subaccounts, paged by skip/limit (account-wide, asked on its first region). */
export class SubaccountsNode extends ListNode<SubaccountNode, number> {
  readonly id: string;
  /** How many the account has, from the check that decided to show this node or from the last load. */
  total: number | undefined;

  constructor(
    readonly parent: AccountNode,
    ctx: TreeContext,
  ) {
    super(ctx);
    this.id = `${parent.id}/subaccounts`;
  }

  get scope(): TreeScope {
    return { accountId: this.parent.account.id, region: this.parent.firstRegion(), part: 'subaccounts' };
  }

  protected get accountId(): string {
    return this.parent.account.id;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(l10n.t('Subaccounts'), vscode.TreeItemCollapsibleState.Collapsed);
    const total = this.list.total ?? this.total;
    if (total !== undefined) item.description = total.toLocaleString('en-US');
    item.tooltip = l10n.t('Subaccounts of "{0}": each shows its own domains, acting for it with X-Mailgun-On-Behalf-Of', this.parent.account.label);
    item.iconPath = new vscode.ThemeIcon('organization');
    item.contextValue = 'mailgun.subaccounts';
    return item;
  }

  protected async fetchPage(skip: number | undefined, signal: AbortSignal): Promise<Page<SubaccountNode, number>> {
    const client = await this.ctx.clients.get(this.parent.account.id, this.parent.firstRegion());
    const from = skip ?? 0;
    const page = await client.subaccounts.list({ skip: from, limit: Math.min(this.ctx.pageSize(), MAX_SUBACCOUNT_PAGE) }, { signal });
    this.total = page.total;
    const next = from + page.items.length;
    return {
      items: page.items.map((s) => new SubaccountNode(this, s, this.ctx)),
      total: page.total,
      next: page.items.length > 0 && next < page.total ? next : undefined,
    };
  }

  protected emptyMessage(): string {
    return l10n.t('This account has no subaccounts.');
  }

  /** The node of a subaccount already loaded here; never loads. */
  loadedSubaccount(id: string): SubaccountNode | undefined {
    return this.list.items.find((s) => s.subaccount.id === id);
  }
}
