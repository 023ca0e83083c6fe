import { checkApiKey } from '../accounts/key-check';
import type { Account } from '../accounts/account-store';
import { regionLabel } from '../mailgun';
import type { TreeNode } from '../tree/node';
import { reportOutcome, reportRefusal } from '../ui/notify';
import { withCancellableProgress } from '../ui/progress';
import type { CommandContext } from './register';
import { accountOf } from './targets';
import { l10n } from 'vscode';

export function validateApiKeyFormat(value: string): string | undefined {
  const key = value.trim();
  if (!key) return l10n.t('Paste the API key from the Mailgun Control Panel (Settings → API Keys).');
  if (/\s/.test(key)) return l10n.t('An API key has no spaces or line breaks.');
  if (key.length < 10) return l10n.t('That is too short to be a Mailgun API key.');
  return undefined;
}

function validateLabel(value: string): string | undefined {
  return value.trim() ? undefined : l10n.t('Give the account a name, for example "Production".');
}

function askKey(ctx: CommandContext, title: string, prompt: string): Promise<string> {
  return ctx.ui.input({ title, prompt, placeHolder: l10n.t('Mailgun API key'), password: true, validateInput: validateApiKeyFormat, ignoreFocusOut: true }).then((key) => key.trim());
}

/**
 * Checks the key with Mailgun before it is stored. Returns the domain counts to store with it, or undefined
 * when it must not be stored (rejected, can't manage domains, or unreachable and the user chose not to save).
 */
async function checkBeforeSaving(ctx: CommandContext, key: string): Promise<Account['domainCounts'] | null | undefined> {
  const check = await withCancellableProgress(l10n.t('Checking the API key with Mailgun (US and EU)…'), (signal) => checkApiKey(ctx.clients, key, signal));
  switch (check.verdict) {
    case 'valid':
      for (const w of check.warnings) ctx.log.warn(`Key check: ${w}`);
      return check.domainCounts;
    case 'rejected':
    case 'cannotManage':
      reportRefusal(ctx.log, check.message);
      return undefined;
    case 'unreachable': {
      ctx.log.warn(`Key check: ${check.message}`);
      await ctx.ui.confirm(l10n.t('Mailgun could not be reached to check the key. Save it anyway?'), check.message, l10n.t('Save Anyway'));
      return null;
    }
  }
}

/** Checks the key with Mailgun, then saves it; undefined when it was not saved (the reason said). */
async function saveCheckedKey<T>(ctx: CommandContext, key: string, save: (domainCounts: Account['domainCounts']) => Promise<T>): Promise<T | undefined> {
  ctx.errorHandling.action = 'Could not save the API key';
  const counts = await checkBeforeSaving(ctx, key);
  if (counts === undefined) return undefined;
  return save(counts ?? undefined);
}

export async function addApiKey(ctx: CommandContext): Promise<string | undefined> {
  const label = await ctx.ui.input({
    title: l10n.t('Add Mailgun API Key (1/2)'),
    prompt: l10n.t('A name for this account'),
    placeHolder: 'Production',
    value: ctx.accounts.list().length === 0 ? 'Production' : '',
    validateInput: validateLabel,
    ignoreFocusOut: true,
  });
  if (validateLabel(label)) return undefined;
  const key = await askKey(ctx, l10n.t('Add Mailgun API Key (2/2)'), l10n.t('The API key for "{0}". It is kept in VS Code\'s secret storage only.', label.trim()));
  return saveCheckedKey(ctx, key, async (counts) => {
    const id = (await ctx.accounts.add(label.trim(), key, counts)).id;
    reportOutcome(ctx.log, 'info', addedSentence(label.trim(), counts));
    return id;
  });
}

/** "Added Production: 6 domains in US, 2 in EU.", from the counts the key check found. */
function addedSentence(label: string, counts: Account['domainCounts']): string {
  if (!counts) return l10n.t('Added {0}. Mailgun could not be reached to count its domains; the explorer lists them once it can.', label);
  const regions = (['us', 'eu'] as const).filter((r) => counts[r] !== undefined);
  const found = regions
    .map((r, i) => {
      const n = counts[r]!;
      if (i > 0) return l10n.t('{0} in {1}', n.toLocaleString('en-US'), regionLabel(r));
      return n === 1 ? l10n.t('1 domain in {0}', regionLabel(r)) : l10n.t('{0} domains in {1}', n.toLocaleString('en-US'), regionLabel(r));
    })
    .join(', ');
  const unchecked = (['us', 'eu'] as const).filter((r) => counts[r] === undefined).map((r) => ` ${l10n.t('(the {0} region could not be checked)', regionLabel(r))}`).join('');
  return l10n.t('Added {0}: {1}{2}.', label, found, unchecked);
}

/** From an account, from a "key rejected" error node below it, or from the palette. */
export async function updateApiKey(ctx: CommandContext, target?: TreeNode): Promise<boolean> {
  const account = await accountOf(ctx, target, l10n.t('Update Mailgun API Key'));
  const key = await askKey(ctx, l10n.t('Update API Key of "{0}"', account.label), l10n.t('The new API key for "{0}" (the current one ends in {1}).', account.label, account.keySuffix));
  const replaced = await saveCheckedKey(ctx, key, async (counts) => {
    await ctx.accounts.replaceKey(account.id, key, counts);
    return true;
  });
  return replaced ?? false;
}

export async function renameAccount(ctx: CommandContext, target?: TreeNode): Promise<void> {
  const account = await accountOf(ctx, target, l10n.t('Rename Mailgun Account'));
  const label = await ctx.ui.input({ title: l10n.t('Rename Mailgun Account'), value: account.label, validateInput: validateLabel });
  if (validateLabel(label) || label.trim() === account.label) return;
  await ctx.accounts.rename(account.id, label.trim());
}

export async function removeApiKey(ctx: CommandContext, target?: TreeNode): Promise<void> {
  const account = await accountOf(ctx, target, l10n.t('Remove Mailgun API Key'));
  await ctx.ui.confirm(
    l10n.t('Remove the API key of "{0}" (…{1}) from VS Code?', account.label, account.keySuffix),
    l10n.t('The key is deleted from VS Code\u2019s secret storage. Nothing changes in your Mailgun account.'),
    l10n.t('Remove'),
  );
  ctx.errorHandling.action = 'Could not remove the API key';
  await ctx.accounts.remove(account.id);
}
