import * as vscode from 'vscode';
import { trackingHostOf } from '../mailgun';
import { CertificateNode } from './certificate-node';
import type { TreeContext } from './context';
import { ListNode } from './list-node';
import type { Page } from './paged-list';
import type { TreeScope } from './scope';
import type { TrackingNode } from './tracking-node';
import * as l10n from '../mailgun/l10n';

/** HTTPS for tracking links; expanding it asks for the tracking host's certificate status. */
export class HttpsNode extends ListNode<CertificateNode> {
  readonly id: string;

  protected get accountId(): string {
    return this.parent.parent.account.id;
  }

  constructor(
    readonly parent: TrackingNode,
    readonly enabled: boolean,
    ctx: TreeContext,
  ) {
    super(ctx);
    this.id = `${parent.id}/https`;
  }

  get scope(): TreeScope {
    return { ...this.parent.parent.scope, part: 'https' };
  }

  get trackingHost(): string {
    return trackingHostOf(this.parent.parent.domain);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(l10n.t('HTTPS tracking'), vscode.TreeItemCollapsibleState.Collapsed);
    const cert = this.list.loaded ? this.list.items[0]?.status.status : undefined;
    item.description = [this.enabled ? l10n.t('on') : l10n.t('off'), cert && cert !== 'none' ? l10n.t('certificate {0}', cert) : undefined].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(this.enabled ? 'lock' : 'unlock');
    item.contextValue = `mailgun.https.${this.enabled ? 'on' : 'off'}`;
    item.tooltip = l10n.t('Tracking links use {0}. Expand to see the certificate status.', `${this.enabled ? 'https' : 'http'}://${this.trackingHost}`);
    return item;
  }

  protected async fetchPage(_cursor: undefined, signal: AbortSignal): Promise<Page<CertificateNode, never>> {
    const domain = this.parent.parent;
    const client = await this.ctx.clients.get(domain.account.id, domain.region, domain.account.subaccount?.id);
    const status = await client.tracking.certificateStatus(this.trackingHost, { signal });
    return { items: [new CertificateNode(this, status)] };
  }

  protected emptyMessage(): string {
    return l10n.t('No certificate information.');
  }
}
