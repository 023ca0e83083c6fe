import { checkApiKey } from '../accounts/key-check';
import type { Account } from '../accounts/account-store';
import { regionLabel } from '../mailgun';
import type { TreeNode } from '../tree/node';
import { reportOutcome, reportRefusal } from '../ui/notify';
import { withCancellableProgress } from '../ui/progress';
import type { CommandContext } from './register';
import { accountOf } from './targets';

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

function askKey(ctx: CommandContext, title: string, prompt: string): Promise<string> {
  return ctx.ui.input({ title, prompt, placeHolder: 'Mailgun API key', password: true, validateInput: validateApiKeyFormat, ignoreFocusOut: true }).then((key) => key.trim());
}

/**
 * Checks the key with Mailgun before it is stored. Returns the domain counts to store with it, or undefined
 * when it must not be stored (rejected, can't manage domains, or unreachable and the user chose not to save).
 */
async function checkBeforeSaving(ctx: CommandContext, key: string): Promise<Account['domainCounts'] | null | undefined> {
  const check = await withCancellableProgress('Checking the API key with Mailgun (US and EU)…', (signal) => checkApiKey(ctx.clients, key, signal));
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
      await ctx.ui.confirm('Mailgun could not be reached to check the key. Save it anyway?', check.message, 'Save Anyway');
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
    title: 'Add Mailgun API Key (1/2)',
    prompt: 'A name for this account',
    placeHolder: 'Production',
    value: ctx.accounts.list().length === 0 ? 'Production' : '',
    validateInput: validateLabel,
    ignoreFocusOut: true,
  });
  if (validateLabel(label)) return undefined;
  const key = await askKey(ctx, 'Add Mailgun API Key (2/2)', `The API key for "${label.trim()}". It is kept in VS Code's secret storage only.`);
  return saveCheckedKey(ctx, key, async (counts) => {
    const id = (await ctx.accounts.add(label.trim(), key, counts)).id;
    reportOutcome(ctx.log, 'info', addedSentence(label.trim(), counts));
    return id;
  });
}

/** "Added Production: 6 domains in US, 2 in EU.", from the counts the key check found. */
function addedSentence(label: string, counts: Account['domainCounts']): string {
  if (!counts) return `Added ${label}. Mailgun could not be reached to count its domains; the explorer lists them once it can.`;
  const regions = (['us', 'eu'] as const).filter((r) => counts[r] !== undefined);
  const found = regions.map((r, i) => `${counts[r]!.toLocaleString('en-US')}${i === 0 ? ` domain${counts[r] === 1 ? '' : 's'}` : ''} in ${regionLabel(r)}`).join(', ');
  const unchecked = (['us', 'eu'] as const).filter((r) => counts[r] === undefined).map((r) => ` (the ${regionLabel(r)} region could not be checked)`).join('');
  return `Added ${label}: ${found}${unchecked}.`;
}

/** From an account, from a "key rejected" error node below it, or from the palette. */
export async function updateApiKey(ctx: CommandContext, target?: TreeNode): Promise<boolean> {
  const account = await accountOf(ctx, target, 'Update Mailgun API Key');
  const key = await askKey(ctx, `Update API Key of "${account.label}"`, `The new API key for "${account.label}" (the current one ends in ${account.keySuffix}).`);
  const replaced = await saveCheckedKey(ctx, key, async (counts) => {
    await ctx.accounts.replaceKey(account.id, key, counts);
    return true;
  });
  return replaced ?? false;
}

export async function renameAccount(ctx: CommandContext, target?: TreeNode): Promise<void> {
  const account = await accountOf(ctx, target, 'Rename Mailgun Account');
  const label = await ctx.ui.input({ title: 'Rename Mailgun Account', value: account.label, validateInput: validateLabel });
  if (validateLabel(label) || label.trim() === account.label) return;
  await ctx.accounts.rename(account.id, label.trim());
}

export async function removeApiKey(ctx: CommandContext, target?: TreeNode): Promise<void> {
  const account = await accountOf(ctx, target, 'Remove Mailgun API Key');
  await ctx.ui.confirm(
    `Remove the API key of "${account.label}" (…${account.keySuffix}) from VS Code?`,
    'The key is deleted from VS Code\u2019s secret storage. Nothing changes in your Mailgun account.',
    'Remove',
  );
  ctx.errorHandling.action = 'Could not remove the API key';
  await ctx.accounts.remove(account.id);
}
