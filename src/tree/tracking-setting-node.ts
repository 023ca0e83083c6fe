import * as vscode from 'vscode';
import type { TreeNode } from './node';
import { detailsTooltip } from './tooltip';
import type { TrackingNode } from './tracking-node';
import * as l10n from '../mailgun/l10n';

export type TrackingKind = 'click' | 'open' | 'unsubscribe';

/** What the tree and the commands call each setting. */
export const trackingTitles: Record<TrackingKind, string> = {
  get click() {
    return l10n.t('Click tracking');
  },
  get open() {
    return l10n.t('Open tracking');
  },
  get unsubscribe() {
    return l10n.t('Unsubscribe tracking');
  },
};

export class TrackingSettingNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly parent: TrackingNode,
    readonly kind: TrackingKind,
    readonly state: string,
    readonly active: boolean,
    private readonly footers?: { html_footer?: string; text_footer?: string },
  ) {
    this.id = `${parent.id}/${kind}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(trackingTitles[this.kind], vscode.TreeItemCollapsibleState.None);
    item.description = this.state;
    item.iconPath = new vscode.ThemeIcon(this.active ? 'check' : 'circle-slash');
    item.contextValue = `mailgun.trackingSetting.${this.kind}.${this.active ? 'on' : 'off'}`;
    item.tooltip = detailsTooltip(l10n.t('{0}: {1}', trackingTitles[this.kind], this.state), [
      [l10n.t('HTML footer'), this.footers?.html_footer?.trim()],
      [l10n.t('Text footer'), this.footers?.text_footer?.trim()],
    ]);
    return item;
  }
}
