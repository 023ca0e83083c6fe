import * as vscode from 'vscode';
import { LEGACY_EVENT_TYPES } from '../webhooks/sample-event';
import type { TreeNode } from './node';
import { oneLine } from './tooltip';
import type { WebhooksNode } from './webhooks-node';
import { WebhookUrlNode } from './webhook-url-node';

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
    const urls = `${this.urls.length} URL${this.urls.length === 1 ? '' : 's'}`;
    const current = Object.hasOwn(LEGACY_EVENT_TYPES, this.eventType) ? LEGACY_EVENT_TYPES[this.eventType] : undefined;
    item.description = current ? `legacy · ${urls}` : urls;
    item.iconPath = new vscode.ThemeIcon('symbol-event');
    item.contextValue = 'mailgun.webhookEvent';
    item.tooltip = `Mailgun posts "${this.eventType}" events to ${this.urls.length === 1 ? 'this URL' : 'these URLs'}`;
    if (current) item.tooltip += `.\n"${this.eventType}" is a legacy name from older Mailgun accounts; Mailgun calls these events "${current}" today.`;
    return item;
  }

  getChildren(): TreeNode[] {
    return this.urls;
  }
}
