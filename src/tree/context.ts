import type { AccountStore } from '../accounts/account-store';
import type { MailgunClients } from '../accounts/clients';
import type { Log } from '../log';
import type { DeletingDomains } from './deleting-domains';
import type { RerenderWhenQuiet } from './rerender-when-quiet';
import type { TreeNode } from './node';

/** What nodes need to load their children and announce changes. */
export interface TreeContext {
  clients: MailgunClients;
  accounts: AccountStore;
  log: Log;
  /** Re-renders a node (and asks for its children again when it is expanded). */
  refresh(node?: TreeNode): void;
  /** Counts a load as in flight, and re-renders the rows it changed once no load is. */
  rerenderWhenQuiet: RerenderWhenQuiet;
  /** Deleted domains Mailgun may still list for a while. */
  deletingDomains: DeletingDomains;
  pageSize(): number;
  /** Called when Mailgun rejects an account's key on an account-wide call. */
  keyRejected(accountId: string): void;
}
