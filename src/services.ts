import type * as vscode from 'vscode';
import type { AccountStore } from './accounts/account-store';
import type { MailgunClients } from './accounts/clients';
import type { Log } from './log';
import type { TreeNode } from './tree/node';
import type { MailgunTreeProvider } from './tree/provider';
import type { InputSeam } from './ui/input';
import type { Opener } from './ui/open';

/** What command modules get from the composition root. */
export interface Services {
  context: vscode.ExtensionContext;
  log: Log;
  accounts: AccountStore;
  clients: MailgunClients;
  tree: MailgunTreeProvider;
  /** The explorer view, to reveal a node (a new domain, say). */
  view: vscode.TreeView<TreeNode>;
  /** Where commands ask the user; in-host tests swap in answers they queue. */
  input: InputSeam;
  /** Where links outside VS Code open; in-host tests swap in one that records them. */
  open: Opener;
}
