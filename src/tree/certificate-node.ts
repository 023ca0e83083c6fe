import * as vscode from 'vscode';
import { X509Certificate } from 'node:crypto';
import type { CertificateStatus } from '../mailgun';
import type { HttpsNode } from './https-node';
import type { TreeNode } from './node';
import { detailsTooltip } from './tooltip';

const labels: Record<string, string> = {
  none: 'No certificate requested yet',
  processing: 'Certificate being issued',
  active: 'Certificate active',
  expired: 'Certificate expired',
  error: 'Certificate failed',
};

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
    const item = new vscode.TreeItem(labels[s] ?? `Certificate: ${s}`, vscode.TreeItemCollapsibleState.None);
    item.description = this.status.error ?? (until ? `valid until ${until}` : this.parent.trackingHost);
    item.iconPath = icons[s] ?? new vscode.ThemeIcon('question');
    item.contextValue = `mailgun.certificate.${s}`;
    item.tooltip = detailsTooltip(`Certificate for ${this.parent.trackingHost}`, [
      ['Status', s],
      ['Valid until', until],
      ['Error', this.status.error],
    ]);
    return item;
  }
}
