import * as vscode from 'vscode';
import { alertDimensionLabels, type AlertHit, describeAlert, describeLimit, type SendAlert } from '../mailgun';
import type { AlertsNode } from './alerts-node';
import type { TreeNode } from './node';
import { detailsTooltip, formatDate, oneLine } from './tooltip';
import * as l10n from '../mailgun/l10n';

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
    const dimension = a.dimension ? ((alertDimensionLabels() as Record<string, string>)[a.dimension] ?? a.dimension) : undefined;
    item.tooltip = detailsTooltip(a.name, [
      [l10n.t('Watches'), describeAlert(a)],
      [l10n.t('State'), hit ? l10n.t('Hit: {0}', this.hits.map((h) => (h.dimension_value ? l10n.t('{0} on {1}', describeLimit(a.metric, h.latest_value ?? '?'), h.dimension_value) : describeLimit(a.metric, h.latest_value ?? '?'))).join('; ')) : l10n.t('Not hit recently')],
      [l10n.t('Per'), dimension],
      [l10n.t('Filters'), a.filters.map((f) => `${f.dimension} ${f.comparator} ${f.values.join(', ')}`).join('; ')],
      [l10n.t('Description'), a.description],
      [l10n.t('Created'), formatDate(a.created_at)],
      [l10n.t('Updated'), formatDate(a.updated_at)],
      [l10n.t('Last checked'), formatDate(a.last_checked)],
      [l10n.t('Id'), a.id],
    ]);
    return item;
  }
}
