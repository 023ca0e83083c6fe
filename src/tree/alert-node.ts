import * as vscode from 'vscode';
import { ALERT_DIMENSION_LABELS, type AlertHit, describeAlert, describeLimit, type SendAlert } from '../mailgun';
import type { AlertsNode } from './alerts-node';
import type { TreeNode } from './node';
import { detailsTooltip, formatDate, oneLine } from './tooltip';

/** One send alert: what it watches in one line, a warning icon when Mailgun reports it hit. */
export class AlertNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly parent: AlertsNode,
    readonly alert: SendAlert,
    readonly hits: readonly AlertHit[],
  ) {
    this.id = `${parent.id}/${alert.name}`;
  }

  getTreeItem(): vscode.TreeItem {
    const a = this.alert;
    const item = new vscode.TreeItem(oneLine(describeAlert(a)), vscode.TreeItemCollapsibleState.None);
    item.description = oneLine(a.name, 80);
    const hit = this.hits.length > 0;
    item.iconPath = hit ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('bell');
    item.contextValue = 'mailgun.alert';
    const dimension = a.dimension ? ((ALERT_DIMENSION_LABELS as Record<string, string>)[a.dimension] ?? a.dimension) : undefined;
    item.tooltip = detailsTooltip(a.name, [
      ['Watches', describeAlert(a)],
      ['State', hit ? `Hit: ${this.hits.map((h) => `${describeLimit(a.metric, h.latest_value ?? '?')}${h.dimension_value ? ` on ${h.dimension_value}` : ''}`).join('; ')}` : 'Not hit recently'],
      ['Per', dimension],
      ['Filters', a.filters.map((f) => `${f.dimension} ${f.comparator} ${f.values.join(', ')}`).join('; ')],
      ['Description', a.description],
      ['Created', formatDate(a.created_at)],
      ['Updated', formatDate(a.updated_at)],
      ['Last checked', formatDate(a.last_checked)],
      ['Id', a.id],
    ]);
    return item;
  }
}
