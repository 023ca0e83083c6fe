import * as vscode from 'vscode';
import { AccountStore } from './accounts/accountStore';
import { MailgunClients } from './accounts/clients';
import { addDemoAccountInDevelopment } from './accounts/demoAccount';
import { registerKeyCommands } from './commands/keys';
import { Log } from './log';
import { settings } from './settings';
import { AccountNode } from './tree/accountNode';
import { MailgunTreeProvider } from './tree/provider';
import { confirmations } from './ui/confirm';
import type { Services } from './services';

/** Returned by activate() only when VS Code runs the extension's tests; empty otherwise, so no other extension reaches the keys. */
export interface TestApi extends Services {
  confirmations: typeof confirmations;
}

// The composition root: builds the services and registers views and commands. No network I/O here.
export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const log = new Log();
  const accounts = new AccountStore(context.secrets, context.globalState, log);
  const clients = new MailgunClients(accounts, log, (context.extension.packageJSON as { version: string }).version);

  const accountNodes = new Map<string, AccountNode>();
  const roots = (): AccountNode[] =>
    accounts.list().map((account) => {
      let node = accountNodes.get(account.id);
      if (!node || node.account !== account) accountNodes.set(account.id, (node = new AccountNode(account, () => settings.regions())));
      return node;
    });
  const tree = new MailgunTreeProvider(roots);
  const view = vscode.window.createTreeView('mailgun.accounts', { treeDataProvider: tree, showCollapseAll: true });

  const updateContext = (): void => {
    void vscode.commands.executeCommand('setContext', 'mailgun.accountCount', accounts.list().length);
  };
  updateContext();

  const services: Services = { context, log, accounts, clients, tree };
  context.subscriptions.push(
    log,
    accounts,
    clients,
    tree,
    view,
    accounts.onDidChange(() => {
      updateContext();
      tree.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mailgun.regions')) tree.refresh();
    }),
    ...registerKeyCommands(accounts),
    vscode.commands.registerCommand('mailgun.refresh', () => tree.refresh()),
    vscode.commands.registerCommand('mailgun.showLogs', () => log.show()),
  );

  addDemoAccountInDevelopment(context, accounts).catch((err: unknown) => log.error(`Could not add the demo account: ${String(err)}`));

  if (context.extensionMode === vscode.ExtensionMode.Test) return { ...services, confirmations };
  return undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
