import * as vscode from 'vscode';
import { type AlertHit, describeLimit } from '../mailgun';
import type { AlertHitsNode } from './alert-hits-node';
import type { TreeNode } from './node';
import { detailsTooltip, formatDate, oneLine } from './tooltip';
import * as l10n from '../mailgun/l10n';

/** One hit: when, which alert, the value Mailgun observed. */
export class AlertHitNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly parent: AlertHitsNode,
    readonly hit: AlertHit,
    index: number,
  ) {
    this.id = `${parent.id}/${index}`;
  }

  getTreeItem(): vscode.TreeItem {
    const h = this.hit;
    const observed = h.latest_value === undefined ? l10n.t('no value') : describeLimit(h.metric, h.latest_value);
    const label = h.dimension_value ? l10n.t('{0}: {1} on {2}', h.name, observed, h.dimension_value) : `${h.name}: ${observed}`;
    const item = new vscode.TreeItem(oneLine(label), vscode.TreeItemCollapsibleState.None);
    item.description = formatDate(h.updated_at ?? h.created_at);
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    item.contextValue = 'mailgun.alertHit';
    item.tooltip = detailsTooltip(h.name, [
      [l10n.t('Observed'), observed],
      [l10n.t('Limit'), `${h.comparator} ${describeLimit(h.metric, h.limit)}`],
      [l10n.t('Metric'), h.metric],
      [l10n.t('Dimension'), h.dimension_value ? `${h.dimension ?? ''} ${h.dimension_value}`.trim() : h.dimension],
      [l10n.t('Triggered'), h.triggered === undefined ? undefined : h.triggered ? l10n.t('yes') : l10n.t('no')],
      [l10n.t('First seen'), formatDate(h.created_at)],
      [l10n.t('Last seen'), formatDate(h.updated_at)],
    ]);
    return item;
  }
}
