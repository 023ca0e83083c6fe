import * as vscode from 'vscode';
import type { Domain } from '../mailgun';
import type { TreeContext } from './context';
import { DnsRecordsNode } from './dnsRecordsNode';
import type { TreeNode } from './node';
import type { RegionNode } from './regionNode';
import { SuppressionListNode } from './suppressionListNode';
import { formatDate, oneLine, detailsTooltip } from './tooltip';
import { TrackingNode } from './trackingNode';
import { WebhooksNode } from './webhooksNode';
import { SUPPRESSION_LISTS } from './suppressionKinds';

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
    return item;
  }

  getChildren(): TreeNode[] {
    return this.children;
  }

  reset(): void {
    for (const child of this.children) child.reset();
  }
}
