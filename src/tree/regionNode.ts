import * as vscode from 'vscode';
import type { AccountNode } from './accountNode';
import type { TreeNode } from './node';

import type { Region } from '../mailgun';

const regionHosts: Record<Region, string> = { us: 'api.mailgun.net', eu: 'api.eu.mailgun.net' };

export class RegionNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly parent: AccountNode,
    readonly region: Region,
  ) {
    this.id = `${parent.id}/${region}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.region.toUpperCase(), vscode.TreeItemCollapsibleState.None);
    item.tooltip = `${this.region === 'us' ? 'US' : 'EU'} region (${regionHosts[this.region]})`;
    item.iconPath = new vscode.ThemeIcon('globe');
    item.contextValue = 'mailgun.region';
    return item;
  }
}
