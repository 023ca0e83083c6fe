import * as vscode from 'vscode';
import type { DnsRecord } from '../mailgun';
import type { DnsRecordsNode } from './dns-records-node';
import type { TreeNode } from './node';
import { detailsTooltip, oneLine } from './tooltip';
import * as l10n from '../mailgun/l10n';

const validityIcons: Record<string, vscode.ThemeIcon> = {
  valid: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  invalid: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  unknown: new vscode.ThemeIcon('question', new vscode.ThemeColor('list.warningForeground')),
};

export class DnsRecordNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly parent: DnsRecordsNode,
    readonly purpose: 'sending' | 'receiving',
    index: number,
    readonly record: DnsRecord,
  ) {
    this.id = `${parent.id}/${purpose}:${index}`;
  }

  /** The host the record belongs on; MX records name none, they sit on the domain itself. */
  get host(): string {
    return this.record.name || this.parent.parent.domainName;
  }

  getTreeItem(): vscode.TreeItem {
    const r = this.record;
    const validity = r.valid ?? 'unknown';
    const item = new vscode.TreeItem(`${r.record_type} ${oneLine(this.host)}`, vscode.TreeItemCollapsibleState.None);
    item.description = oneLine(`${r.priority ? `${r.priority} ` : ''}${r.value ?? ''}`, 120);
    item.iconPath = validityIcons[validity] ?? validityIcons.unknown;
    item.contextValue = 'mailgun.dnsRecord';
    item.tooltip = detailsTooltip(l10n.t('{0} record for {1}', r.record_type, this.purpose), [
      [l10n.t('Host'), this.host],
      [l10n.t('Value'), r.value],
      [l10n.t('Priority'), r.priority],
      [l10n.t('Status'), validity],
      [l10n.t('In use'), r.is_active],
      [l10n.t('Found in DNS'), r.cached && r.cached.length > 0 ? r.cached.join(', ') : l10n.t('nothing yet')],
    ]);
    item.accessibilityInformation = { label: l10n.t('{0} {1} record {2}, {3}', this.purpose, r.record_type, this.host, validity) };
    return item;
  }
}
