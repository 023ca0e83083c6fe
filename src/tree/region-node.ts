import * as vscode from 'vscode';
import type { Account } from '../accounts/account-store';
import { regionLabel, REGION_BASE_URLS, type Region } from '../mailgun';
import { AccountWebhooksNode } from './account-webhooks-node';
import { AlertsNode } from './alerts-node';
import type { TreeContext } from './context';
import { DomainNode } from './domain-node';
import { InfoNode } from './info-node';
import { ListNode } from './list-node';
import type { TreeNode } from './node';
import type { Page } from './paged-list';
import type { TreeScope } from './scope';
import * as l10n from '../mailgun/l10n';

/** An account, or one of its subaccounts: what a region's requests are made for. */
export interface RegionParent extends TreeNode {
  readonly account: Account;
}

/** A region of an account (or of a subaccount): its domains, paged by skip/limit and filtered with the API's search, then its account webhooks. */
export class RegionNode extends ListNode<DomainNode, number> {
  readonly id: string;

  protected get accountId(): string {
    return this.parent.account.id;
  }
  filter: string | undefined;
  readonly accountWebhooks: AccountWebhooksNode;
  readonly alerts: AlertsNode;

  constructor(
    readonly parent: RegionParent,
    readonly region: Region,
    ctx: TreeContext,
  ) {
    super(ctx);
    this.id = `${parent.id}/${region}`;
    this.accountWebhooks = new AccountWebhooksNode(this, ctx);
    this.alerts = new AlertsNode(this, ctx);
  }

  get account(): Account {
    return this.parent.account;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(regionLabel(this.region), vscode.TreeItemCollapsibleState.Collapsed);
    const parts: string[] = [];
    // From the store, not the account snapshot: a command may have changed the count since (Add Domain).
    const stored = this.account.subaccount ? undefined : (this.ctx.accounts.get(this.account.id) ?? this.account).domainCounts?.[this.region];
    const total = this.list.total ?? stored;
    if (total !== undefined) parts.push(total === 1 ? l10n.t('1 domain') : l10n.t('{0} domains', total.toLocaleString('en-US')));
    if (this.filter) parts.push(l10n.t('filter: {0}', this.filter));
    item.description = parts.join(' · ');
    const base = this.ctx.clients.baseUrl(this.region) ?? REGION_BASE_URLS[this.region];
    const host = URL.canParse(base) ? new URL(base).host : base;
    item.tooltip = this.account.subaccount
      ? l10n.t('{0} region of subaccount "{1}" of "{2}" ({3})', regionLabel(this.region), this.account.subaccount.name, this.account.label, host)
      : l10n.t('{0} region of "{1}" ({2})', regionLabel(this.region), this.account.label, host);
    item.iconPath = new vscode.ThemeIcon('globe');
    item.contextValue = this.filter ? 'mailgun.region.filtered' : 'mailgun.region';
    return item;
  }

  override async getChildren(): Promise<TreeNode[]> {
    return [...(await super.getChildren()), this.accountWebhooks, this.alerts];
  }

  protected async fetchPage(skip: number | undefined, signal: AbortSignal): Promise<Page<DomainNode, number>> {
    const client = await this.ctx.clients.get(this.account.id, this.region, this.account.subaccount?.id);
    const from = skip ?? 0;
    const page = await client.domains.list({ skip: from, limit: this.ctx.pageSize(), search: this.filter }, { signal });
    const next = from + page.items.length;
    if (!this.filter && !this.account.subaccount) void this.ctx.accounts.setDomainCount(this.account.id, this.region, page.totalCount);
    if (!this.filter && from === 0 && next >= page.totalCount) {
      this.ctx.deletingDomains.keepOnly(this.account.id, this.region, new Set(page.items.map((d) => d.name)));
    }
    return {
      items: page.items.map((d) => new DomainNode(this, d, this.ctx)),
      total: page.totalCount,
      next: page.items.length > 0 && next < page.totalCount ? next : undefined,
    };
  }

  protected override emptyNode(): TreeNode {
    // Its own context value, so that it offers Add Domain.
    return new InfoNode(this, this.emptyMessage(), 'info', this.filter ? 'mailgun.info' : 'mailgun.info.noDomains');
  }

  protected emptyMessage(): string {
    if (this.filter) return l10n.t('No domain in the {0} region matches "{1}".', regionLabel(this.region), this.filter);
    return l10n.t('No domains in the {0} region yet.', regionLabel(this.region));
  }

  get scope(): TreeScope {
    return { accountId: this.account.id, region: this.region, subaccount: this.account.subaccount?.id };
  }

  /** Mailgun accepted deleting it but may list it for a few minutes. */
  isDeleting(name: string): boolean {
    return this.ctx.deletingDomains.has(this.account.id, this.region, name);
  }

  setFilter(filter: string | undefined): void {
    this.filter = filter || undefined;
    this.list.reset();
  }

  override reset(): void {
    super.reset();
    this.accountWebhooks.reset();
    this.alerts.reset();
  }
}
