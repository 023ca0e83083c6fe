import * as vscode from 'vscode';
import { X509Certificate } from 'node:crypto';
import type { CertificateStatus } from '../mailgun';
import type { HttpsNode } from './https-node';
import type { TreeNode } from './node';
import { detailsTooltip } from './tooltip';
import * as l10n from '../mailgun/l10n';

const labels = (): Record<string, string> => ({
  none: l10n.t('No certificate requested yet'),
  processing: l10n.t('Certificate being issued'),
  active: l10n.t('Certificate active'),
  expired: l10n.t('Certificate expired'),
  error: l10n.t('Certificate failed'),
});

const icons: Record<string, vscode.ThemeIcon> = {
  none: new vscode.ThemeIcon('circle-outline'),
  processing: new vscode.ThemeIcon('sync'),
  active: new vscode.ThemeIcon('verified', new vscode.ThemeColor('testing.iconPassed')),
  expired: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
};

function validUntil(pem: string | null | undefined): string | undefined {
  if (!pem) return undefined;
  try {
    return new Date(new X509Certificate(pem).validTo).toLocaleDateString('en-GB', { dateStyle: 'medium' });
  } catch {
    return undefined;
  }
}

/** The tracking host's HTTPS certificate as Mailgun reports it. */
export class CertificateNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly parent: HttpsNode,
    readonly status: CertificateStatus,
  ) {
    this.id = `${parent.id}/certificate`;
  }

  getTreeItem(): vscode.TreeItem {
    const s = this.status.status;
    const until = validUntil(this.status.certificate);
    const item = new vscode.TreeItem(labels()[s] ?? l10n.t('Certificate: {0}', s), vscode.TreeItemCollapsibleState.None);
    item.description = this.status.error ?? (until ? l10n.t('valid until {0}', until) : this.parent.trackingHost);
    item.iconPath = icons[s] ?? new vscode.ThemeIcon('question');
    item.contextValue = `mailgun.certificate.${s}`;
    item.tooltip = detailsTooltip(l10n.t('Certificate for {0}', this.parent.trackingHost), [
      [l10n.t('Status'), s],
      [l10n.t('Valid until'), until],
      [l10n.t('Error'), this.status.error],
    ]);
    return item;
  }
}
