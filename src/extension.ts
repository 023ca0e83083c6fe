import * as vscode from 'vscode';
import { AccountStore } from './accounts/account-store';
import { MailgunClients } from './accounts/clients';
import { addDemoAccountInDevelopment } from './accounts/demo-account';
import { commandsChunk } from './chunks/load';
import type { verifyPolling } from './commands/domains';
import { registerAllCommands } from './commands/lazy';
import { Log } from './log';
import { setTranslator } from './mailgun/l10n';
import type { Services } from './services';
import { settings } from './settings';
import { MailgunTreeProvider } from './tree/provider';
import { vscodeInput } from './ui/input';
import { vscodeOpener } from './ui/open';
import { notifications } from './ui/notify';

/** Returned by activate() only when VS Code runs the extension's tests; nothing otherwise, so no other extension reaches the keys. */
export interface TestApi extends Services {
  notifications: typeof notifications;
  verifyPolling: typeof verifyPolling;
}

// The composition root: builds the services and registers views and commands. No network I/O here.
export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  setTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  const log = new Log();
  const accounts = new AccountStore(context.secrets, context.globalState, log);
  const clients = new MailgunClients(accounts, log, (context.extension.packageJSON as { version: string }).version);

  const tree = new MailgunTreeProvider({ clients, accounts, log, pageSize: () => settings.pageSize(), regions: () => settings.regions() });
  const view = vscode.window.createTreeView('mailgun.accounts', { treeDataProvider: tree, showCollapseAll: true });
  // Accounts whose key Mailgun rejected: said once at the top of the view, not only in each error node.
  tree.onDidChangeMessage((message) => (view.message = message));

  const updateContext = (): void => {
    void vscode.commands.executeCommand('setContext', 'mailgun.accountCount', accounts.list().length);
  };
  updateContext();

  const services: Services = { context, log, accounts, clients, tree, view, input: { current: vscodeInput }, open: { ...vscodeOpener } };
  context.subscriptions.push(
    log,
    accounts,
    clients,
    tree,
    view,
    accounts.onDidChange(() => {
      tree.accountsChanged();
      updateContext();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mailgun.apiBaseUrl')) tree.resetAll();
      else if (e.affectsConfiguration('mailgun.regions')) tree.refresh();
    }),
    ...registerAllCommands(services),
  );

  addDemoAccountInDevelopment(context, accounts).catch((err: unknown) => log.error(`Could not add the demo account: ${String(err)}`));

  if (context.extensionMode === vscode.ExtensionMode.Test) {
    return {
      ...services,
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
