import * as vscode from 'vscode';
import type { AlertHit } from '../mailgun';
import { AlertHitNode } from './alert-hit-node';
import type { AlertsNode } from './alerts-node';
import { InfoNode } from './info-node';
import type { TreeNode } from './node';
import * as l10n from '../mailgun/l10n';

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
    const item = new vscode.TreeItem(l10n.t('Recent hits'), vscode.TreeItemCollapsibleState.Collapsed);
    item.description = `${this.hits.length}`;
    item.iconPath = new vscode.ThemeIcon('history');
    item.contextValue = 'mailgun.alertHits';
    item.tooltip = l10n.t('Alerts whose limit was crossed in their last period, as Mailgun reported them');
    return item;
  }

  getChildren(): TreeNode[] {
    if (this.hits.length === 0) return [new InfoNode(this, l10n.t('No alert was hit recently.'))];
    return this.hits.map((h, i) => new AlertHitNode(this, h, i));
  }
}
