import * as vscode from 'vscode';
import type { TreeNode } from './node';

/** A list node whose next page can be loaded. */
export interface Pageable extends TreeNode {
  loadMore(): Promise<void>;
  /** e.g. "100 of 2,500 loaded" */
  readonly progress: string;
}

/** "Load more…" at the end of a list that has further pages. */
export class LoadMoreNode implements TreeNode {
  readonly id: string;

  constructor(readonly parent: Pageable) {
    this.id = `${parent.id}/#more`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
    item.description = this.parent.progress;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = 'mailgun.loadMore';
    item.command = { command: 'mailgun.loadMore', title: 'Load More', arguments: [this] };
    item.tooltip = 'Load the next page';
    return item;
  }
}
