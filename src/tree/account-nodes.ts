import type { Account, AccountStore } from '../accounts/account-store';
import type { Region } from '../mailgun';
import { AccountNode } from './account-node';
import type { TreeContext } from './context';
import * as l10n from '../mailgun/l10n';

/** The explorer's roots: one node per stored account, kept across refreshes, and the accounts whose key Mailgun rejected. */
export class AccountNodes {
  private readonly nodes = new Map<string, AccountNode>();
  /** Said once at the top of the view, not only in each error node. */
  private readonly rejectedKeys = new Set<string>();

  constructor(
    private readonly accounts: AccountStore,
    private readonly ctx: TreeContext,
    private readonly regions: () => Region[],
  ) {}

  list(): AccountNode[] {
    return this.accounts.list().map((account) => this.nodeOf(account));
  }

  private nodeOf(account: Account): AccountNode {
    const node = this.nodes.get(account.id);
    if (node) {
      node.account = account;
      return node;
    }
    const created = new AccountNode(account, this.ctx, this.regions);
    this.nodes.set(account.id, created);
    return created;
  }

  /** Forgets removed accounts and what was loaded with a replaced key (errors included); a new key may fix a rejection. */
  accountsChanged(): void {
    for (const [id, node] of this.nodes) {
      const account = this.accounts.get(id);
      if (!account) this.nodes.delete(id);
      else if (account.keyChangedAt !== node.account.keyChangedAt) {
        node.account = account;
        node.reset();
      }
    }
    // A key still rejected is reported again on its next load.
    this.rejectedKeys.clear();
  }

  /** Everything loaded from the API is stale (another API base URL). */
  resetAll(): void {
    for (const node of this.nodes.values()) node.reset();
  }

  keyRejected(accountId: string): void {
    this.rejectedKeys.add(accountId);
  }

  /** The line shown at the top of the view, if any key was rejected. */
  message(): string | undefined {
    const labels = this.accounts.list().filter((a) => this.rejectedKeys.has(a.id)).map((a) => `"${a.label}"`);
    return labels.length === 0 ? undefined : l10n.t('Mailgun rejected the API key of {0} (401). Update it with "Mailgun: Update API Key…" or remove the account.', labels.join(', '));
  }
}
