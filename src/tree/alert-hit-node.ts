import * as vscode from 'vscode';
import { type AlertHit, describeLimit } from '../mailgun';
import type { AlertHitsNode } from './alert-hits-node';
import type { TreeNode } from './node';
import { detailsTooltip, formatDate, oneLine } from './tooltip';

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
    const observed = h.latest_value === undefined ? 'no value' : describeLimit(h.metric, h.latest_value);
    const on = h.dimension_value ? ` on ${h.dimension_value}` : '';
    const item = new vscode.TreeItem(oneLine(`${h.name}: ${observed}${on}`), vscode.TreeItemCollapsibleState.None);
    item.description = formatDate(h.updated_at ?? h.created_at);
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    item.contextValue = 'mailgun.alertHit';
    item.tooltip = detailsTooltip(h.name, [
      ['Observed', observed],
      ['Limit', `${h.comparator} ${describeLimit(h.metric, h.limit)}`],
      ['Metric', h.metric],
      ['Dimension', h.dimension_value ? `${h.dimension ?? ''} ${h.dimension_value}`.trim() : h.dimension],
      ['Triggered', h.triggered === undefined ? undefined : h.triggered ? 'yes' : 'no'],
      ['First seen', formatDate(h.created_at)],
      ['Last seen', formatDate(h.updated_at)],
    ]);
    return item;
  }
}
