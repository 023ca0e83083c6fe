import * as vscode from 'vscode';
import type { Renderer } from './describe-after-load';
import type { TreeNode } from './node';

/** What a row shows, to tell whether it needs re-rendering. */
function lookOf(item: vscode.TreeItem): string {
  const label = typeof item.label === 'object' ? item.label.label : item.label;
  const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '';
  return JSON.stringify([label, item.description, icon, item.contextValue, item.collapsibleState]);
}

/** Delegates everything to the nodes; knows only the roots and how to announce changes. */
export class MailgunTreeProvider implements vscode.TreeDataProvider<TreeNode>, Renderer, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly rendered = new WeakMap<TreeNode, string>();

  constructor(private readonly roots: () => TreeNode[]) {}

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = node.getTreeItem();
    item.id = node.id;
    this.rendered.set(node, lookOf(item));
    return item;
  }

  isStale(node: TreeNode): boolean {
    const look = this.rendered.get(node);
    return look !== undefined && look !== lookOf(node.getTreeItem());
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.roots();
    return (await node.getChildren?.()) ?? [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /** Re-renders one node and its subtree, or everything. */
  refresh(node?: TreeNode): void {
    this.changed.fire(node);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
