import * as vscode from 'vscode';
import type { AllowlistEntry, Bounce, Complaint, Unsubscribe } from '../mailgun';
import type { TreeNode } from './node';
import type { SuppressionListNode } from './suppression-list-node';
import { detailsTooltip, formatDate, oneLine } from './tooltip';
import * as l10n from '../mailgun/l10n';

export type SuppressionEntry = Bounce | Unsubscribe | Complaint | AllowlistEntry;

/** One entry of a suppression list: an address, or for the allowlist an address or a domain. */
export class SuppressionNode implements TreeNode {
  readonly id: string;
  readonly key: string;

  constructor(
    readonly parent: SuppressionListNode,
    readonly entry: SuppressionEntry,
  ) {
    this.key = parent.kind === 'allowlist' ? (entry as AllowlistEntry).value : (entry as Bounce).address;
    this.id = `${parent.id}/${this.key}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(oneLine(this.key), vscode.TreeItemCollapsibleState.None);
    const [description, rows] = this.details();
    item.description = oneLine(description, 120);
    item.tooltip = detailsTooltip(this.key, [...rows, [l10n.t('Created'), formatDate(this.entry.created_at)]]);
    const isDomain = this.parent.kind === 'allowlist' && (this.entry as AllowlistEntry).type === 'domain';
    item.iconPath = new vscode.ThemeIcon(isDomain ? 'globe' : 'mail');
    item.contextValue = `mailgun.suppression.${this.parent.kind}`;
    return item;
  }

  private details(): [string, Array<[string, string | number | undefined]>] {
    switch (this.parent.kind) {
      case 'bounces': {
        const b = this.entry as Bounce;
        return [[b.code, b.error].filter(Boolean).join(' · '), [[l10n.t('Code'), b.code], [l10n.t('Error'), b.error]]];
      }
      case 'unsubscribes': {
        const tags = (this.entry as Unsubscribe).tags;
        return [tags.length === 0 || tags.includes('*') ? l10n.t('all mail') : tags.join(', '), [[l10n.t('Tags'), tags.join(', ')]]];
      }
      case 'allowlist': {
        const a = this.entry as AllowlistEntry;
        return [[a.type, a.reason].filter(Boolean).join(' · '), [[l10n.t('Type'), a.type], [l10n.t('Reason'), a.reason]]];
      }
      case 'complaints': {
        const count = (this.entry as Complaint).count;
        return [count === undefined ? '' : count === 1 ? l10n.t('1 complaint') : l10n.t('{0} complaints', count), [[l10n.t('Count'), count]]];
      }
    }
  }
}
