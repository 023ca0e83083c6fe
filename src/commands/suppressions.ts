import { isMailgunError, validateDomainName, validateEmail, validateSuppressionRow, validateTag, type SuppressionListName, type Unsubscribe } from '../mailgun';
import type { TreeNode } from '../tree/node';
import { SuppressionNode } from '../tree/suppression-node';
import { confirmDestructive } from '../ui/confirm';
import type { UserInput } from '../ui/input';
import { reportOutcome } from '../ui/notify';
import { again, type CommandContext } from './register';
import { exportList } from './suppression-files';
import { listName, listTarget, type ListTarget } from './suppression-target';
import { clientOf, reload } from './targets';
import { l10n } from 'vscode';

/** One entry to add, as asked. */
interface Entry {
  /** An email address; for the allowlist also a whole domain. */
  value: string;
  /** Bounces: SMTP code (Mailgun's default is 550) and error text. */
  code?: string;
  error?: string;
  /** Unsubscribes: the tag unsubscribed from (default: all mail). */
  tag?: string;
}

function validateAllowlistValue(v: string): string | undefined {
  return v.trim().includes('@') ? validateEmail(v.trim()) : validateDomainName(v.trim());
}

async function askEntry(ui: UserInput, kind: SuppressionListName, title: string): Promise<Entry> {
  const allowlist = kind === 'allowlist';
  const value = (
    await ui.input({
      title,
      prompt: allowlist ? l10n.t('An email address, or a whole domain whose addresses never go on the bounce list') : l10n.t('The email address'),
      placeHolder: allowlist ? l10n.t('alice@example.com or example.com') : l10n.t('alice@example.com'),
      validateInput: allowlist ? validateAllowlistValue : (v) => validateEmail(v.trim()),
      ignoreFocusOut: true,
    })
  ).trim();
  if (kind === 'bounces') {
    const code = await ui.input({
      title,
      prompt: l10n.t('SMTP code (optional; Mailgun uses 550)'),
      placeHolder: '550',
      validateInput: (v) => validateSuppressionRow('bounces', { address: value, code: v.trim() || undefined }),
      ignoreFocusOut: true,
    });
    const error = await ui.input({ title, prompt: l10n.t('Error text (optional)'), placeHolder: l10n.t('5.1.1 The email account does not exist'), ignoreFocusOut: true });
    return { value, code: code.trim() || undefined, error: error.trim() || undefined };
  }
  if (kind === 'unsubscribes') {
    const tag = await ui.input({
      title,
      prompt: l10n.t('Unsubscribe only from this tag (optional; empty means all mail)'),
      placeHolder: '*',
      validateInput: (v) => (v.trim() ? validateTag(v.trim()) : undefined),
      ignoreFocusOut: true,
    });
    return { value, tag: tag.trim() || undefined };
  }
  return { value };
}

/** Sends one entry (the prompts checked it), then the list reloads. */
async function addEntry(ctx: CommandContext, t: ListTarget, e: Entry): Promise<true> {
  const s = (await clientOf(ctx, t)).suppressions;
  switch (t.kind) {
    case 'bounces':
      await s.bounces.add(t.domainName, { address: e.value, code: e.code, error: e.error });
      break;
    case 'unsubscribes':
      await s.unsubscribes.add(t.domainName, { address: e.value, tags: e.tag && e.tag !== '*' ? [e.tag] : undefined });
      break;
    case 'complaints':
      await s.complaints.add(t.domainName, { address: e.value });
      break;
    case 'allowlist':
      await s.allowlist.add(t.domainName, e.value.includes('@') ? { address: e.value } : { domain: e.value });
  }
  reload(ctx, t.scope);
  reportOutcome(ctx.log, 'info', l10n.t('Added {0} to {1}.', e.value, listName(t)));
  return true;
}

/** From a suppression list (or one of its entries), or the palette. */
export async function addSuppression(ctx: CommandContext, target?: TreeNode): Promise<true> {
  const t = await listTarget(ctx, target, l10n.t('Add Suppression'));
  const entry = await askEntry(ctx.ui, t.kind, l10n.t('Add to {0}', listName(t)));
  ctx.errorHandling.action = l10n.t('Add {0} to {1}', entry.value, listName(t));
  ctx.errorHandling.retry = again(ctx, (c) => addEntry(c, t, entry));
  return addEntry(ctx, t, entry);
}

const AFTER_DELETE: Record<SuppressionListName, string> = {
  bounces: l10n.t('Mailgun will try to deliver to it again.'),
  unsubscribes: l10n.t('Mailgun will send it mail again.'),
  complaints: l10n.t('Mailgun will send it mail again.'),
  allowlist: l10n.t('Bounces from it can put it on the bounce list again.'),
};

const AFTER_CLEAR: Record<SuppressionListName, string> = {
  bounces: l10n.t('Mailgun will try to deliver to these addresses again.'),
  unsubscribes: l10n.t('Mailgun will send these addresses mail again.'),
  complaints: l10n.t('Mailgun will send these addresses mail again.'),
  allowlist: l10n.t('Bounces can put these addresses and domains on the bounce list again.'),
};

async function pickUnsubscribeTag(ui: UserInput, entry: Unsubscribe, key: string): Promise<string | null> {
  const picked = await ui.pick(
    [{ label: l10n.t('Every tag'), description: entry.tags.join(', '), tag: null as string | null }, ...entry.tags.map((tag) => ({ label: l10n.t('Only {0}', tag), description: '', tag }))],
    { title: l10n.t('Delete Unsubscribe {0}', key), placeHolder: l10n.t('Remove the whole unsubscribe, or one tag of it?') },
  );
  return picked.tag;
}

/** From an entry, its list, or the palette (which asks for the address). */
export async function deleteSuppression(ctx: CommandContext, target?: TreeNode): Promise<true> {
  const t = await listTarget(ctx, target, l10n.t('Delete Suppression'));
  const key =
    target instanceof SuppressionNode
      ? target.key
      : (
          await ctx.ui.input({
            title: l10n.t('Delete from {0}', listName(t)),
            prompt: t.kind === 'allowlist' ? l10n.t('The address or domain to remove') : l10n.t('The address to remove'),
            validateInput: (v) => (v.trim() ? undefined : l10n.t('Enter what to remove.')),
            ignoreFocusOut: true,
          })
        ).trim();
  const entry = target instanceof SuppressionNode && t.kind === 'unsubscribes' ? (target.entry as Unsubscribe) : undefined;
  const tag = entry && entry.tags.length > 1 ? await pickUnsubscribeTag(ctx.ui, entry, key) : null;
  return removeEntry(ctx, t, key, tag);
}

/**
 * Asks, then removes the entry (or one tag of it). After a failure the list reloads, and Retry asks again and removes
 * the same entry; if Mailgun no longer has it then, the first attempt went through and that is said.
 */
async function removeEntry(ctx: CommandContext, t: ListTarget, key: string, tag: string | null, retrying = false): Promise<true> {
  const what = tag ? l10n.t('the tag "{0}" of {1}', tag, key) : key;
  await ctx.ui.confirm(l10n.t('Remove {0} from {1}?', what, listName(t)), tag ? l10n.t('{0} stays unsubscribed from its other tags.', key) : AFTER_DELETE[t.kind], l10n.t('Delete'));
  Object.assign(ctx.errorHandling, { action: `Delete ${what} from ${listName(t)}`, affected: t.scope, retry: again(ctx, (c) => removeEntry(c, t, key, tag, true)) });
  try {
    const client = await clientOf(ctx, t);
    if (tag) await client.suppressions.unsubscribes.deleteTag(t.domainName, key, tag);
    else await client.suppressions[t.kind].delete(t.domainName, key);
  } catch (err) {
    // On a Retry, "not found" means the first attempt went through: that is the outcome, not a failure.
    if (!(retrying && isMailgunError(err) && err.kind === 'notFound')) throw err;
    reload(ctx, t.scope);
    reportOutcome(ctx.log, 'info', l10n.t('{0} is no longer on {1}: the first attempt removed it.', tag ? l10n.t('The tag "{0}" of {1}', tag, key) : key, listName(t)));
    return true;
  }
  reload(ctx, t.scope);
  reportOutcome(ctx.log, 'info', l10n.t('Removed {0} from {1}.', what, listName(t)));
  return true;
}

const EXPORT_FIRST = l10n.t('Export CSV First…');
const CLEAR_WITHOUT_EXPORT = l10n.t('Clear Without Export');

/** From a suppression list, or the palette: offers an export first, then asks to type the domain's name. */
export async function clearSuppressions(ctx: CommandContext, target?: TreeNode): Promise<true> {
  const t = await listTarget(ctx, target, l10n.t('Clear Suppression List'));
  const first = await ctx.ui.pick(
    [
      { label: EXPORT_FIRST, detail: l10n.t('Keep a copy of every entry in a CSV file, then clear the list.') },
      { label: CLEAR_WITHOUT_EXPORT, detail: l10n.t('Every entry is removed and this cannot be undone.') },
    ],
    { title: l10n.t('Clear {0}', listName(t)), placeHolder: l10n.t('Keep a copy as a CSV file first?') },
  );
  // A filtered node still clears the whole list, so the copy is of the whole list too.
  if (first.label === EXPORT_FIRST) await exportList(ctx, { ...t, filter: undefined });
  return clearList(ctx, t);
}

/** Asks to type the domain's name, then clears the list. After a failure the list reloads, and Retry asks again (not for the export). */
async function clearList(ctx: CommandContext, t: ListTarget): Promise<true> {
  const message = l10n.t('Remove every entry of {0}?', listName(t));
  const detail = `${t.filter ? l10n.t('This cannot be undone, and removes all of them, not only those starting with "{0}".', t.filter) : l10n.t('This cannot be undone.')} ${AFTER_CLEAR[t.kind]}`;
  await confirmDestructive(ctx.ui, t.domainName, message, detail, l10n.t('Clear All'));
  Object.assign(ctx.errorHandling, { action: `Clear ${listName(t)}`, hint: undefined, affected: t.scope, retry: again(ctx, (c) => clearList(c, t)) });
  await (await clientOf(ctx, t)).suppressions[t.kind].clear(t.domainName);
  reload(ctx, t.scope);
  reportOutcome(ctx.log, 'info', l10n.t('Cleared {0}.', listName(t)));
  return true;
}
