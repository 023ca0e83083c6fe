import * as vscode from 'vscode';
import type { TreeNode } from './node';
import { oneLine } from './tooltip';
import type { WebhookEventNode } from './webhook-event-node';

export class WebhookUrlNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly parent: WebhookEventNode,
    readonly url: string,
    index: number,
  ) {
    this.id = `${parent.id}/${index}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(oneLine(this.url), vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('link');
    item.contextValue = 'mailgun.webhookUrl';
    item.tooltip = this.url;
    return item;
  }
}
