import * as vscode from 'vscode';
import type { SuppressionListName } from '../mailgun';
import { ChildListNode } from './child-list-node';
import type { TreeContext } from './context';
import type { DomainNode } from './domain-node';
import type { Page } from './paged-list';
import { suppressionTitles } from './suppression-kinds';
import { SuppressionNode, type SuppressionEntry } from './suppression-node';

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
    const title = suppressionTitles[this.kind];
    const item = new vscode.TreeItem(title.plural, vscode.TreeItemCollapsibleState.Collapsed);
    const parts: string[] = [];
    if (this.list.loaded) parts.push(this.list.hasMore ? `${this.list.items.length.toLocaleString('en-US')}+` : this.list.items.length.toLocaleString('en-US'));
    if (this.filter) parts.push(`filter: ${this.filter}…`);
    item.description = parts.join(' · ');
    item.iconPath = new vscode.ThemeIcon(title.icon);
    item.contextValue = `mailgun.suppressions.${this.kind}${this.filter ? '.filtered' : ''}`;
    item.tooltip = `${title.plural} of ${this.parent.domainName}${this.filter ? ` starting with "${this.filter}"` : ''}`;
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
    const title = suppressionTitles[this.kind];
    return this.filter ? `No ${title.singular} starting with "${this.filter}".` : `No ${title.plural.toLowerCase()} for this domain.`;
  }

  setFilter(filter: string | undefined): void {
    this.filter = filter || undefined;
    this.reset();
  }
}
