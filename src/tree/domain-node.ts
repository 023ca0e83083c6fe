import * as vscode from 'vscode';
import type { Domain } from '../mailgun';
import type { TreeContext } from './context';
import { DnsRecordsNode } from './dns-records-node';
import type { TreeNode } from './node';
import type { TreeScope } from './scope';
import type { RegionNode } from './region-node';
import { SuppressionListNode } from './suppression-list-node';
import { SandboxRecipientsNode } from './sandbox-recipients-node';
import { formatDate, oneLine, detailsTooltip } from './tooltip';
import { TrackingNode } from './tracking-node';
import { WebhooksNode } from './webhooks-node';
import { SUPPRESSION_LISTS } from './suppression-kinds';
import * as l10n from '../mailgun/l10n';

const stateIcons: Record<string, vscode.ThemeIcon> = {
  active: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  unverified: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  disabled: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.errorForeground')),
};

/** A sending domain: its state as the icon, and its DNS records, tracking, webhooks and suppression lists as children. */
export class DomainNode implements TreeNode {
  readonly id: string;
  private readonly children: Array<TreeNode & { reset(): void }>;

  constructor(
    readonly parent: RegionNode,
    public domain: Domain,
    ctx: TreeContext,
  ) {
    this.id = `${parent.id}/domain:${domain.name}`;
    this.children = [
      ...(domain.type === 'sandbox' ? [new SandboxRecipientsNode(this, ctx)] : []),
      new DnsRecordsNode(this, ctx),
      new TrackingNode(this, ctx),
      new WebhooksNode(this, ctx),
      ...SUPPRESSION_LISTS.map((kind) => new SuppressionListNode(this, kind, ctx)),
    ];
  }

  get domainName(): string {
    return this.domain.name;
  }

  get account() {
    return this.parent.account;
  }

  get region() {
    return this.parent.region;
  }

  get scope(): TreeScope {
    return { ...this.parent.scope, domain: this.domain.name };
  }

  get sandbox(): boolean {
    return this.domain.type === 'sandbox';
  }

  getTreeItem(): vscode.TreeItem {
    const d = this.domain;
    const item = new vscode.TreeItem(oneLine(d.name), vscode.TreeItemCollapsibleState.Collapsed);
    item.description = [this.sandbox ? 'sandbox' : undefined, d.state].filter(Boolean).join(' · ');
    item.iconPath = stateIcons[d.state] ?? new vscode.ThemeIcon('question');
    item.contextValue = `mailgun.domain.${d.state}${this.sandbox ? '.sandbox' : ''}`;
    item.tooltip = detailsTooltip(d.name, [
      [l10n.t('State'), d.state],
      [l10n.t('Type'), d.type],
      [l10n.t('Created'), formatDate(d.created_at)],
      [l10n.t('SMTP login'), d.smtp_login],
      [l10n.t('Spam action'), d.spam_action],
      [l10n.t('Tracking scheme'), d.web_scheme],
      [l10n.t('Wildcard'), d.wildcard],
      [l10n.t('Require TLS'), d.require_tls],
      [l10n.t('Subaccount'), d.subaccount_id],
    ]);
    item.accessibilityInformation = { label: this.sandbox ? l10n.t('Domain {0}, {1}, sandbox', d.name, d.state) : l10n.t('Domain {0}, {1}', d.name, d.state) };
    // A context value outside mailgun.domain.*, so that no domain action applies meanwhile.
    if (this.parent.isDeleting(d.name)) {
      item.description = l10n.t('being deleted by Mailgun');
      item.iconPath = new vscode.ThemeIcon('trash');
      item.contextValue = 'mailgun.deletingDomain';
      item.collapsibleState = vscode.TreeItemCollapsibleState.None;
      item.tooltip = l10n.t('Mailgun is deleting {0} in the background; it leaves the list once that is done.', d.name);
      item.accessibilityInformation = { label: l10n.t('Domain {0}, being deleted', d.name) };
    }
    return item;
  }

  getChildren(): TreeNode[] {
    return this.parent.isDeleting(this.domain.name) ? [] : this.children;
  }

  /** The domain as Mailgun has it now (after Verify DNS or a tracking change). */
  update(fresh: Partial<Domain>): void {
    this.domain = { ...this.domain, ...fresh };
  }

  reset(): void {
    for (const child of this.children) child.reset();
  }
}
