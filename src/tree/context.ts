import type { AccountStore } from '../accounts/account-store';
import type { MailgunClients } from '../accounts/clients';
import type { Log } from '../log';
import type { DescribeAfterLoad } from './describe-after-load';
import type { TreeNode } from './node';

/** What nodes need to load their children and announce changes. */
export interface TreeContext {
  clients: MailgunClients;
  accounts: AccountStore;
  log: Log;
  /** Re-renders a node (and asks for its children again when it is expanded). */
  refresh(node?: TreeNode): void;
  /** Counts a load as in flight, and re-renders the rows it changed once no load is. */
  describeAfterLoad: DescribeAfterLoad;
  pageSize(): number;
  /** Called when Mailgun rejects an account's key on an account-wide call. */
  keyRejected(accountId: string): void;
}
