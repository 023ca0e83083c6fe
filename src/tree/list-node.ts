import type * as vscode from 'vscode';
import { describeError, ErrorNode, isKeyRejection, type Retryable } from './error-node';
import { InfoNode } from './info-node';
import { LoadMoreNode, type Pageable } from './load-more-node';
import type { TreeNode } from './node';
import { PagedList, type Page } from './paged-list';
import type { TreeContext } from './context';
import * as l10n from '../mailgun/l10n';

/**
 * The common behaviour of nodes whose children come from the API: load on first expand (one request),
 * keep what was loaded until refreshed, "Load more…" when the API has further pages, an error node with
 * Retry instead of a spinner or an empty list, and an explicit line when the list is empty.
 */
export abstract class ListNode<T extends TreeNode, C = never> implements Retryable, Pageable {
  abstract readonly id: string;
  abstract readonly parent?: TreeNode;
  abstract getTreeItem(): vscode.TreeItem;
  protected readonly list: PagedList<T, C>;

  constructor(protected readonly ctx: TreeContext) {
    this.list = new PagedList<T, C>(
      (cursor, signal) => this.fetchPage(cursor, signal),
      (node) => node.id,
    );
  }

  /** Loads one page (lists that the API does not page return everything at once with no `next`). */
  protected abstract fetchPage(cursor: C | undefined, signal: AbortSignal): Promise<Page<T, C>>;
  /** The line shown when there is nothing to list. */
  protected abstract emptyMessage(): string;
  /** The account whose key this node's requests use. */
  protected abstract readonly accountId: string;

  async getChildren(): Promise<TreeNode[]> {
    if (!this.list.loaded && this.list.error === undefined) {
      // A refresh while loading aborts the load; the next pass starts a fresh one and shares it with other callers.
      await this.ctx.rerenderWhenQuiet.during(async () => {
        while (!this.list.loaded && this.list.error === undefined) await this.list.ensureFirstPage();
      });
      // The load may change this row (a count) and its parent's (a domain's state, read with its DNS records).
      this.ctx.rerenderWhenQuiet.changed(this, this.parent);
    }
    const children: TreeNode[] = [...this.list.items];
    if (this.list.error !== undefined) {
      this.ctx.log.error(`${this.id}: ${describeError(this.list.error)}`);
      if (isKeyRejection(this.list.error)) this.ctx.keyRejected(this.accountId);
      children.push(new ErrorNode(this, this.list.error));
    } else if (this.list.hasMore) children.push(new LoadMoreNode(this));
    else if (children.length === 0) children.push(this.emptyNode());
    return children;
  }

  /** The node shown when there is nothing to list; a subclass may give it its own actions. */
  protected emptyNode(): TreeNode {
    return new InfoNode(this, this.emptyMessage());
  }

  get progress(): string {
    const n = this.list.items.length.toLocaleString('en-US');
    return this.list.total === undefined ? l10n.t('{0} loaded', n) : l10n.t('{0} of {1} loaded', n, this.list.total.toLocaleString('en-US'));
  }

  async loadMore(): Promise<void> {
    await this.list.loadMore();
    this.ctx.refresh(this);
  }

  retry(): void {
    void this.list.ensureFirstPage();
    this.ctx.refresh(this);
  }

  /** Drops what was loaded (and cancels a load in flight); the next expand loads again. */
  reset(): void {
    this.list.reset();
  }
}
