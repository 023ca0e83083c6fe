import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import type { AccountNode } from '../tree/accountNode';
import { pickAccount } from './pickAccount';
import { confirm } from '../ui/confirm';

export function validateApiKeyFormat(value: string): string | undefined {
  const key = value.trim();
  if (!key) return 'Paste the API key from the Mailgun Control Panel (Settings → API Keys).';
  if (/\s/.test(key)) return 'An API key has no spaces or line breaks.';
  if (key.length < 10) return 'That is too short to be a Mailgun API key.';
  return undefined;
}

function validateLabel(value: string): string | undefined {
  return value.trim() ? undefined : 'Give the account a name, for example "Production".';
}

/** Arguments for automation and tests; interactive use passes none. */
interface AddApiKeyArgs {
  label?: string;
  key?: string;
}

export function registerKeyCommands(accounts: AccountStore): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('mailgun.addApiKey', async (args?: AddApiKeyArgs) => {
      const label =
        args?.label ??
        (await vscode.window.showInputBox({
          title: 'Add Mailgun API Key (1/2)',
          prompt: 'A name for this account',
          placeHolder: 'Production',
          value: accounts.list().length === 0 ? 'Production' : '',
          validateInput: validateLabel,
          ignoreFocusOut: true,
        }));
      if (label === undefined || validateLabel(label)) return undefined;
      const key =
        args?.key ??
        (await vscode.window.showInputBox({
          title: 'Add Mailgun API Key (2/2)',
          prompt: `The API key for "${label.trim()}". It is kept in VS Code's secret storage only.`,
          placeHolder: 'Mailgun API key',
          password: true,
          validateInput: validateApiKeyFormat,
          ignoreFocusOut: true,
        }));
      if (key === undefined) return undefined;
      const problem = validateApiKeyFormat(key);
      if (problem) {
        void vscode.window.showErrorMessage(problem);
        return undefined;
      }
      try {
        const account = await accounts.add(label.trim(), key.trim());
        return account.id;
      } catch (err) {
        void vscode.window.showErrorMessage((err as Error).message);
        return undefined;
      }
    }),

    vscode.commands.registerCommand('mailgun.renameAccount', async (node?: AccountNode) => {
      const account = node?.account ?? (await pickAccount(accounts, 'Rename Mailgun Account'));
      if (!account) return;
      const label = await vscode.window.showInputBox({
        title: 'Rename Mailgun Account',
        value: account.label,
        validateInput: validateLabel,
      });
      if (label === undefined || label.trim() === account.label) return;
      await accounts.rename(account.id, label.trim());
    }),

    vscode.commands.registerCommand('mailgun.removeApiKey', async (node?: AccountNode) => {
      const account = node?.account ?? (await pickAccount(accounts, 'Remove Mailgun API Key'));
      if (!account) return;
      const confirmed = await confirm(
        `Remove the API key of "${account.label}" (…${account.keySuffix}) from VS Code?`,
        'The key is deleted from VS Code\u2019s secret storage. Nothing changes in your Mailgun account.',
        'Remove',
      );
      if (!confirmed) return;
      try {
        await accounts.remove(account.id);
      } catch (err) {
        void vscode.window.showErrorMessage((err as Error).message);
      }
    }),
  ];
}
