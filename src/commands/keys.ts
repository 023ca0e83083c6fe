import * as vscode from 'vscode';
import { checkApiKey, type KeyCheck } from '../accounts/keyCheck';
import type { Account } from '../accounts/accountStore';
import { isMailgunError } from '../mailgun';
import type { Services } from '../services';
import { confirm } from '../ui/confirm';
import { reportFailure, reportRefusal } from '../ui/notify';
import { withCancellableProgress } from '../ui/progress';
import { commandOptions } from './commandOptions';
import { resolveAccount } from './targets';

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
interface KeyArgs {
  label?: string;
  key?: string;
}

async function askKey(title: string, prompt: string): Promise<string | undefined> {
  const key = await vscode.window.showInputBox({ title, prompt, placeHolder: 'Mailgun API key', password: true, validateInput: validateApiKeyFormat, ignoreFocusOut: true });
  return key?.trim();
}

/**
 * Checks the key with Mailgun before it is stored. Returns the domain counts to store with it, or undefined
 * when it must not be stored (rejected, can't manage domains, or unreachable and the user chose not to save).
 */
async function checkBeforeSaving(services: Services, key: string): Promise<Account['domainCounts'] | null | undefined> {
  let check: KeyCheck;
  try {
    check = await withCancellableProgress('Checking the API key with Mailgun (US and EU)…', (signal) => checkApiKey(services.clients, key, signal));
  } catch (err) {
    if (isMailgunError(err) && err.kind === 'cancelled') return undefined;
    throw err;
  }
  switch (check.verdict) {
    case 'valid':
      for (const w of check.warnings) services.log.warn(`Key check: ${w}`);
      return check.domainCounts;
    case 'rejected':
    case 'cannotManage':
      reportRefusal(services.log, check.message);
      return undefined;
    case 'unreachable': {
      services.log.warn(`Key check: ${check.message}`);
      const save = await confirm('Mailgun could not be reached to check the key. Save it anyway?', check.message, 'Save Anyway');
      return save ? null : undefined;
    }
  }
}

/** Checks the key's format, then with Mailgun, then saves it; undefined when it was not saved (the reason said). */
async function saveCheckedKey<T>(services: Services, key: string, save: (domainCounts: Account['domainCounts']) => Promise<T>): Promise<T | undefined> {
  const problem = validateApiKeyFormat(key);
  if (problem) {
    reportRefusal(services.log, problem);
    return undefined;
  }
  try {
    const counts = await checkBeforeSaving(services, key);
    if (counts === undefined) return undefined;
    return await save(counts ?? undefined);
  } catch (err) {
    reportFailure(services.log, 'Could not save the API key', err);
    return undefined;
  }
}

export function registerKeyCommands(services: Services): vscode.Disposable[] {
  const { accounts } = services;
  return [
    vscode.commands.registerCommand('mailgun.addApiKey', async (arg?: unknown): Promise<string | undefined> => {
      if (arg !== undefined && (typeof arg !== 'object' || arg === null || Array.isArray(arg))) {
        reportRefusal(services.log, '"Add API Key" was run with something other than options, so it did nothing. Run it from the Mailgun explorer or the Command Palette.');
        return undefined;
      }
      const args = commandOptions<KeyArgs>(arg);
      if ((args.label !== undefined && typeof args.label !== 'string') || (args.key !== undefined && typeof args.key !== 'string')) {
        reportRefusal(services.log, '"Add API Key" was given a label or key that is not text, so it did nothing.');
        return undefined;
      }
      const label =
        args.label ??
        (await vscode.window.showInputBox({
          title: 'Add Mailgun API Key (1/2)',
          prompt: 'A name for this account',
          placeHolder: 'Production',
          value: accounts.list().length === 0 ? 'Production' : '',
          validateInput: validateLabel,
          ignoreFocusOut: true,
        }));
      if (label === undefined || validateLabel(label)) return undefined;
      const key = args.key?.trim() ?? (await askKey('Add Mailgun API Key (2/2)', `The API key for "${label.trim()}". It is kept in VS Code's secret storage only.`));
      if (key === undefined) return undefined;
      return saveCheckedKey(services, key, async (counts) => (await accounts.add(label.trim(), key, counts)).id);
    }),

    // From an account, from a "key rejected" error node below it, or from the palette.
    vscode.commands.registerCommand('mailgun.updateApiKey', async (node?: unknown, arg?: unknown): Promise<boolean> => {
      const account = await resolveAccount(services, node, 'Update Mailgun API Key');
      if (!account) return false;
      const given = commandOptions<KeyArgs>(arg).key;
      const key = (typeof given === 'string' ? given.trim() : undefined) ?? (await askKey(`Update API Key of "${account.label}"`, `The new API key for "${account.label}" (the current one ends in ${account.keySuffix}).`));
      if (key === undefined) return false;
      const replaced = await saveCheckedKey(services, key, async (counts) => {
        await accounts.replaceKey(account.id, key, counts);
        return true;
      });
      return replaced ?? false;
    }),

    vscode.commands.registerCommand('mailgun.renameAccount', async (node?: unknown, arg?: unknown) => {
      const account = await resolveAccount(services, node, 'Rename Mailgun Account');
      if (!account) return;
      const given = commandOptions<{ label: unknown }>(arg).label;
      const label = (typeof given === 'string' ? given : undefined) ?? (await vscode.window.showInputBox({ title: 'Rename Mailgun Account', value: account.label, validateInput: validateLabel }));
      if (label === undefined || validateLabel(label) || label.trim() === account.label) return;
      await accounts.rename(account.id, label.trim());
    }),

    vscode.commands.registerCommand('mailgun.removeApiKey', async (node?: unknown) => {
      const account = await resolveAccount(services, node, 'Remove Mailgun API Key');
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
        reportFailure(services.log, 'Could not remove the API key', err);
      }
    }),
  ];
}
