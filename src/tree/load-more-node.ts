import * as vscode from 'vscode';
import type { TreeNode } from './node';
import * as l10n from '../mailgun/l10n';

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
    const item = new vscode.TreeItem(l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    item.description = this.parent.progress;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = 'mailgun.loadMore';
    item.command = { command: 'mailgun.loadMore', title: l10n.t('Load More'), arguments: [this] };
    item.tooltip = l10n.t('Load the next page');
    return item;
  }
}
