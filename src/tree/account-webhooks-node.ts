import * as vscode from 'vscode';
import { regionLabel } from '../mailgun';
import { AccountWebhookNode } from './account-webhook-node';
import { ChildListNode } from './child-list-node';
import type { TreeContext } from './context';
import type { Page } from './paged-list';
import type { RegionNode } from './region-node';
import * as l10n from '../mailgun/l10n';

/** The region's account-level webhooks (/v1/webhooks): they fire for every domain of the account in that region. */
export class AccountWebhooksNode extends ChildListNode<RegionNode, AccountWebhookNode> {
  constructor(parent: RegionNode, ctx: TreeContext) {
    super(parent, ctx, 'account-webhooks');
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(l10n.t('Account webhooks'), vscode.TreeItemCollapsibleState.Collapsed);
    if (this.list.loaded) item.description = `${this.list.items.length}`;
    item.iconPath = new vscode.ThemeIcon('radio-tower');
    item.contextValue = 'mailgun.accountWebhooks';
    item.tooltip = l10n.t('Webhooks for all domains of "{0}" in the {1} region', this.parent.account.label, regionLabel(this.parent.region));
    return item;
  }

  protected async fetchPage(_cursor: undefined, signal: AbortSignal): Promise<Page<AccountWebhookNode, never>> {
    const client = await this.client();
    const hooks = await client.accountWebhooks.list({}, { signal });
    return { items: hooks.map((h) => new AccountWebhookNode(this, h)) };
  }

  protected emptyMessage(): string {
    return l10n.t('No account webhooks in the {0} region.', regionLabel(this.parent.region));
  }
}
