import * as vscode from 'vscode';
import type { TreeNode } from './node';

/** A line of information in place of children: an empty list, a hint. Never a silent empty list. */
export class InfoNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly parent: TreeNode,
    readonly message: string,
    private readonly icon = 'info',
    readonly contextValue = 'mailgun.info',
  ) {
    this.id = `${parent.id}/#info`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = this.contextValue;
    item.tooltip = this.message;
    return item;
  }
}
