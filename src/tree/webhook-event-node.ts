import * as vscode from 'vscode';
import { LEGACY_EVENT_TYPES } from '../webhooks/sample-event';
import type { TreeNode } from './node';
import { oneLine } from './tooltip';
import type { WebhooksNode } from './webhooks-node';
import { WebhookUrlNode } from './webhook-url-node';
import * as l10n from '../mailgun/l10n';

/** One event type of a domain's webhooks and the URLs it posts to. */
export class WebhookEventNode implements TreeNode {
  readonly id: string;
  private readonly urls: WebhookUrlNode[];

  constructor(
    readonly parent: WebhooksNode,
    readonly eventType: string,
    urls: string[],
  ) {
    this.id = `${parent.id}/${eventType}`;
    this.urls = urls.map((u, i) => new WebhookUrlNode(this, u, i));
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(oneLine(this.eventType), vscode.TreeItemCollapsibleState.Expanded);
    const urls = this.urls.length === 1 ? l10n.t('1 URL') : l10n.t('{0} URLs', this.urls.length);
    const current = Object.hasOwn(LEGACY_EVENT_TYPES, this.eventType) ? LEGACY_EVENT_TYPES[this.eventType] : undefined;
    item.description = current ? l10n.t('legacy · {0}', urls) : urls;
    item.iconPath = new vscode.ThemeIcon('symbol-event');
    item.contextValue = 'mailgun.webhookEvent';
    item.tooltip = this.urls.length === 1 ? l10n.t('Mailgun posts "{0}" events to this URL', this.eventType) : l10n.t('Mailgun posts "{0}" events to these URLs', this.eventType);
    if (current) item.tooltip += `.\n${l10n.t('"{0}" is a legacy name from older Mailgun accounts; Mailgun calls these events "{1}" today.', this.eventType, current)}`;
    return item;
  }

  getChildren(): TreeNode[] {
    return this.urls;
  }
}
