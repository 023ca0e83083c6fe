import * as vscode from 'vscode';
import { AccountStore } from './accounts/account-store';
import { MailgunClients } from './accounts/clients';
import { addDemoAccountInDevelopment } from './accounts/demo-account';
import { commandsChunk } from './chunks/load';
import type { verifyPolling } from './commands/domains';
import { registerAllCommands } from './commands/lazy';
import { Log } from './log';
import type { Services } from './services';
import { settings } from './settings';
import { AccountNode } from './tree/account-node';
import type { TreeContext } from './tree/context';
import { DescribeAfterLoad } from './tree/describe-after-load';
import { MailgunTreeProvider } from './tree/provider';
import { confirmations } from './ui/confirm';
import { vscodeInput } from './ui/input';
import { notifications } from './ui/notify';

/** Returned by activate() only when VS Code runs the extension's tests; nothing otherwise, so no other extension reaches the keys. */
export interface TestApi extends Services {
  confirmations: typeof confirmations;
  notifications: typeof notifications;
  verifyPolling: typeof verifyPolling;
}

// The composition root: builds the services and registers views and commands. No network I/O here.
export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const log = new Log();
  const accounts = new AccountStore(context.secrets, context.globalState, log);
  const clients = new MailgunClients(accounts, log, (context.extension.packageJSON as { version: string }).version);

  const accountNodes = new Map<string, AccountNode>();
  const tree = new MailgunTreeProvider(() =>
    accounts.list().map((account) => {
      const node = accountNodes.get(account.id);
      if (node) {
        node.account = account;
        return node;
      }
      const created = new AccountNode(account, treeContext, () => settings.regions());
      accountNodes.set(account.id, created);
      return created;
    }),
  );
  // Accounts whose key Mailgun rejected: said once at the top of the view, not only in each error node.
  const rejectedKeys = new Set<string>();
  const showRejectedKeys = (): void => {
    const labels = accounts.list().filter((a) => rejectedKeys.has(a.id)).map((a) => `"${a.label}"`);
    view.message = labels.length === 0 ? undefined : `Mailgun rejected the API key of ${labels.join(', ')} (401). Update it with "Mailgun: Update API Key…" or remove the account.`;
  };
  const describeAfterLoad = new DescribeAfterLoad(tree);
  const treeContext: TreeContext = {
    clients,
    accounts,
    log,
    refresh: (node) => tree.refresh(node),
    describeAfterLoad,
    pageSize: () => settings.pageSize(),
    keyRejected: (accountId) => {
      rejectedKeys.add(accountId);
      showRejectedKeys();
    },
  };
  const view = vscode.window.createTreeView('mailgun.accounts', { treeDataProvider: tree, showCollapseAll: true });

  const updateContext = (): void => {
    void vscode.commands.executeCommand('setContext', 'mailgun.accountCount', accounts.list().length);
  };
  updateContext();

  const services: Services = { context, log, accounts, clients, tree, view, input: { current: vscodeInput } };
  context.subscriptions.push(
    log,
    accounts,
    clients,
    tree,
    describeAfterLoad,
    view,
    accounts.onDidChange(() => {
      for (const [id, node] of accountNodes) {
        const account = accounts.get(id);
        if (!account) accountNodes.delete(id);
        // A replaced key makes everything loaded with the old one stale, errors included.
        else if (account.keyChangedAt !== node.account.keyChangedAt) {
          node.account = account;
          node.reset();
        }
      }
      // A new or removed key may fix it; a key still rejected is reported again on its next load.
      rejectedKeys.clear();
      showRejectedKeys();
      updateContext();
      tree.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mailgun.apiBaseUrl')) for (const node of accountNodes.values()) node.reset();
      if (e.affectsConfiguration('mailgun.regions') || e.affectsConfiguration('mailgun.apiBaseUrl')) tree.refresh();
    }),
    ...registerAllCommands(services),
  );

  addDemoAccountInDevelopment(context, accounts).catch((err: unknown) => log.error(`Could not add the demo account: ${String(err)}`));

  if (context.extensionMode === vscode.ExtensionMode.Test) {
    return {
      ...services,
      confirmations,
      notifications,
      get verifyPolling() {
        return commandsChunk().verifyPolling;
      },
    };
  }
  return undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
