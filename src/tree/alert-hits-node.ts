import * as vscode from 'vscode';
import type { AlertHit } from '../mailgun';
import { AlertHitNode } from './alert-hit-node';
import type { AlertsNode } from './alerts-node';
import { InfoNode } from './info-node';
import type { TreeNode } from './node';

/** "Recent hits": the hits Mailgun reported when the alerts were loaded (/v1/thresholds/hits). */
export class AlertHitsNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly parent: AlertsNode,
    readonly hits: readonly AlertHit[],
  ) {
    this.id = `${parent.id}/#hits`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Recent hits', vscode.TreeItemCollapsibleState.Collapsed);
    item.description = `${this.hits.length}`;
    item.iconPath = new vscode.ThemeIcon('history');
    item.contextValue = 'mailgun.alertHits';
    item.tooltip = 'Alerts whose limit was crossed in their last period, as Mailgun reported them';
    return item;
  }

  getChildren(): TreeNode[] {
    if (this.hits.length === 0) return [new InfoNode(this, 'No alert was hit recently.')];
    return this.hits.map((h, i) => new AlertHitNode(this, h, i));
  }
}
