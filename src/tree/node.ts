import type * as vscode from 'vscode';

/** A node of the Mailgun explorer. Each kind of node is one class; it owns its children, context value and paging state. */
export interface TreeNode {
  /** Stable across refreshes, so reveal and targeted refresh work. */
  readonly id: string;
  readonly parent?: TreeNode;
  getTreeItem(): vscode.TreeItem;
  getChildren?(): Promise<TreeNode[]> | TreeNode[];
}
