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
      ['State', d.state],
      ['Type', d.type],
      ['Created', formatDate(d.created_at)],
      ['SMTP login', d.smtp_login],
      ['Spam action', d.spam_action],
      ['Tracking scheme', d.web_scheme],
      ['Wildcard', d.wildcard],
      ['Require TLS', d.require_tls],
      ['Subaccount', d.subaccount_id],
    ]);
    item.accessibilityInformation = { label: `Domain ${d.name}, ${d.state}${this.sandbox ? ', sandbox' : ''}` };
    // A context value outside mailgun.domain.*, so that no domain action applies meanwhile.
    if (this.parent.isDeleting(d.name)) {
      item.description = 'being deleted by Mailgun';
      item.iconPath = new vscode.ThemeIcon('trash');
      item.contextValue = 'mailgun.deletingDomain';
      item.collapsibleState = vscode.TreeItemCollapsibleState.None;
      item.tooltip = `Mailgun is deleting ${d.name} in the background; it leaves the list once that is done.`;
      item.accessibilityInformation = { label: `Domain ${d.name}, being deleted` };
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
