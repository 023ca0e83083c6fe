import * as vscode from 'vscode';
import type { AccountWebhook } from '../mailgun';
import type { AccountWebhooksNode } from './account-webhooks-node';
import type { TreeNode } from './node';
import { detailsTooltip, formatDate, oneLine } from './tooltip';
import * as l10n from '../mailgun/l10n';

export class AccountWebhookNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly parent: AccountWebhooksNode,
    readonly webhook: AccountWebhook,
  ) {
    this.id = `${parent.id}/${webhook.webhook_id}`;
  }

  get url(): string {
    return this.webhook.url;
  }

  getTreeItem(): vscode.TreeItem {
    const w = this.webhook;
    const item = new vscode.TreeItem(oneLine(w.url), vscode.TreeItemCollapsibleState.None);
    item.description = oneLine(w.description || w.event_types.join(', '), 120);
    item.iconPath = new vscode.ThemeIcon('link');
    item.contextValue = 'mailgun.accountWebhook';
    item.tooltip = detailsTooltip(w.url, [
      [l10n.t('Events'), w.event_types.join(', ')],
      [l10n.t('Description'), w.description],
      [l10n.t('Created'), formatDate(w.created_at)],
      [l10n.t('Id'), w.webhook_id],
    ]);
    return item;
  }
}
