import * as vscode from 'vscode';
import type { SuppressionListName } from '../mailgun';
import { ChildListNode } from './child-list-node';
import type { TreeContext } from './context';
import type { DomainNode } from './domain-node';
import type { Page } from './paged-list';
import { suppressionTitle } from './suppression-kinds';
import { SuppressionNode, type SuppressionEntry } from './suppression-node';
import * as l10n from '../mailgun/l10n';

/** One suppression list of a domain, paged by following Mailgun's `paging.next` URL, filtered by address prefix. */
export class SuppressionListNode extends ChildListNode<DomainNode, SuppressionNode, string> {
  filter: string | undefined;

  constructor(
    parent: DomainNode,
    readonly kind: SuppressionListName,
    ctx: TreeContext,
  ) {
    super(parent, ctx, kind);
  }

  getTreeItem(): vscode.TreeItem {
    const title = suppressionTitle(this.kind);
    const item = new vscode.TreeItem(title.plural, vscode.TreeItemCollapsibleState.Collapsed);
    const parts: string[] = [];
    if (this.list.loaded) parts.push(this.list.hasMore ? `${this.list.items.length.toLocaleString('en-US')}+` : this.list.items.length.toLocaleString('en-US'));
    if (this.filter) parts.push(l10n.t('filter: {0}…', this.filter));
    item.description = parts.join(' · ');
    item.iconPath = new vscode.ThemeIcon(title.icon);
    item.contextValue = `mailgun.suppressions.${this.kind}${this.filter ? '.filtered' : ''}`;
    item.tooltip = this.filter ? l10n.t('{0} of {1} starting with "{2}"', title.plural, this.parent.domainName, this.filter) : l10n.t('{0} of {1}', title.plural, this.parent.domainName);
    return item;
  }

  protected async fetchPage(pageUrl: string | undefined, signal: AbortSignal): Promise<Page<SuppressionNode, string>> {
    const client = await this.client();
    const limit = this.ctx.pageSize();
    const page: { items: SuppressionEntry[]; nextPageUrl?: string } = await client.suppressions[this.kind].page(this.parent.domainName, { limit, term: this.filter, pageUrl }, { signal });
    // Mailgun sends a next URL even from the last page; a page shorter than asked for is the last one, which
    // spares the user a "Load more…" that would only find the list's end.
    return { items: page.items.map((e) => new SuppressionNode(this, e)), next: page.items.length < limit ? undefined : page.nextPageUrl };
  }

  protected emptyMessage(): string {
    const title = suppressionTitle(this.kind);
    return this.filter ? l10n.t('No {0} starting with "{1}".', title.singular, this.filter) : l10n.t('No {0} for this domain.', title.plural.toLowerCase());
  }

  setFilter(filter: string | undefined): void {
    this.filter = filter || undefined;
    this.reset();
  }
}
