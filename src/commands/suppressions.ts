import * as vscode from 'vscode';
import { isMailgunError, validateDomainName, validateEmail, validateSuppressionRow, validateTag, type MailgunClient, type SuppressionListName, type Unsubscribe } from '../mailgun';
import type { Services } from '../services';
import { settings } from '../settings';
import { SuppressionNode } from '../tree/suppressionNode';
import { confirm, confirmByTyping } from '../ui/confirm';
import { reportFailure, reportOutcome, reportRefusal } from '../ui/notify';
import { commandOptions } from './commandOptions';
import { reportFailedChange } from './failedChange';
import { exportList } from './suppressionFiles';
import { listName, listTarget, type ListTarget } from './suppressionTarget';
import { clientOf, reload } from './targets';

interface AddSuppressionArgs {
  /** An email address; for the allowlist also a domain. */
  address: string;
  /** Allowlist: a whole domain. */
  domain: string;
  /** Bounces: SMTP code (Mailgun's default is 550) and error text. */
  code: string;
  error: string;
  /** Unsubscribes: the tag unsubscribed from (default: all mail). */
  tag: string;
}

function validateAllowlistValue(v: string): string | undefined {
  return v.includes('@') ? validateEmail(v) : validateDomainName(v);
}

async function askEntry(kind: SuppressionListName, title: string): Promise<Partial<AddSuppressionArgs> | undefined> {
  const allowlist = kind === 'allowlist';
  const value = await vscode.window.showInputBox({
    title,
    prompt: allowlist ? 'An email address, or a whole domain whose addresses never go on the bounce list' : 'The email address',
    placeHolder: allowlist ? 'alice@example.com or example.com' : 'alice@example.com',
    validateInput: allowlist ? validateAllowlistValue : validateEmail,
    ignoreFocusOut: true,
  });
  if (value === undefined) return undefined;
  const entry: Partial<AddSuppressionArgs> = { address: value.trim() };
  if (kind === 'bounces') {
    const code = await vscode.window.showInputBox({
      title,
      prompt: 'SMTP code (optional; Mailgun uses 550)',
      placeHolder: '550',
      validateInput: (v) => validateSuppressionRow('bounces', { address: entry.address, code: v }),
      ignoreFocusOut: true,
    });
    if (code === undefined) return undefined;
    const error = await vscode.window.showInputBox({ title, prompt: 'Error text (optional)', placeHolder: '5.1.1 The email account does not exist', ignoreFocusOut: true });
    if (error === undefined) return undefined;
    Object.assign(entry, { code: code.trim() || undefined, error: error.trim() || undefined });
  }
  if (kind === 'unsubscribes') {
    const tag = await vscode.window.showInputBox({
      title,
      prompt: 'Unsubscribe only from this tag (optional; empty means all mail)',
      placeHolder: '*',
      validateInput: (v) => (v.trim() ? validateTag(v) : undefined),
      ignoreFocusOut: true,
    });
    if (tag === undefined) return undefined;
    entry.tag = tag.trim() || undefined;
  }
  return entry;
}

/** Sends one entry; the input was checked already. */
async function addEntry(client: MailgunClient, t: ListTarget, e: Partial<AddSuppressionArgs>, value: string): Promise<void> {
  const s = client.suppressions;
  switch (t.kind) {
    case 'bounces':
      await s.bounces.add(t.domainName, { address: value, code: e.code, error: e.error });
      return;
    case 'unsubscribes':
      await s.unsubscribes.add(t.domainName, { address: value, tags: e.tag && e.tag !== '*' ? [e.tag] : undefined });
      return;
    case 'complaints':
      await s.complaints.add(t.domainName, { address: value });
      return;
    case 'allowlist':
      await s.allowlist.add(t.domainName, value.includes('@') ? { address: value } : { domain: value });
  }
}

async function addSuppression(services: Services, node: unknown, arg: unknown): Promise<boolean> {
  const args = commandOptions<AddSuppressionArgs>(arg);
  try {
    const t = await listTarget(services, node, 'Add Suppression');
    if (!t) return false;
    const title = `Add to ${listName(t)}`;
    const given = args.address !== undefined || args.domain !== undefined;
    const entry = given ? args : await askEntry(t.kind, title);
    if (!entry) return false;
    const value = (entry.address ?? entry.domain ?? '').trim();
    const row = t.kind === 'allowlist' ? (value.includes('@') ? { address: value } : { domain: value }) : { address: value, code: entry.code, error: entry.error };
    const problem = validateSuppressionRow(t.kind, row) ?? (t.kind === 'unsubscribes' && entry.tag?.trim() ? validateTag(entry.tag) : undefined);
    if (problem) {
      reportRefusal(services.log, `Nothing was added to ${listName(t)}. ${problem}`);
      return false;
    }
    await addEntry(await clientOf(services, t), t, entry, value);
    reload(services, t.node);
    reportOutcome(services.log, 'info', `Added ${value} to ${listName(t)}.`);
    return true;
  } catch (err) {
    reportFailure(services.log, 'Could not add the suppression', err);
    return false;
  }
}

interface DeleteSuppressionArgs {
  /** From the palette: the address (or allowlisted domain) to remove. */
  address: string;
  /** Unsubscribes: remove only this tag. */
  tag: string;
}

const AFTER_DELETE: Record<SuppressionListName, string> = {
  bounces: 'Mailgun will try to deliver to it again.',
  unsubscribes: 'Mailgun will send it mail again.',
  complaints: 'Mailgun will send it mail again.',
  allowlist: 'Bounces from it can put it on the bounce list again.',
};

const AFTER_CLEAR: Record<SuppressionListName, string> = {
  bounces: 'Mailgun will try to deliver to these addresses again.',
  unsubscribes: 'Mailgun will send these addresses mail again.',
  complaints: 'Mailgun will send these addresses mail again.',
  allowlist: 'Bounces can put these addresses and domains on the bounce list again.',
};

async function pickUnsubscribeTag(entry: Unsubscribe, key: string): Promise<string | null | undefined> {
  const picked = await vscode.window.showQuickPick(
    [{ label: 'Every tag', description: entry.tags.join(', '), tag: null }, ...entry.tags.map((tag) => ({ label: `Only ${tag}`, description: '', tag }))],
    { title: `Delete Unsubscribe ${key}`, placeHolder: 'Remove the whole unsubscribe, or one tag of it?' },
  );
  return picked === undefined ? undefined : picked.tag;
}

async function deleteSuppression(services: Services, node: unknown, arg: unknown): Promise<boolean> {
  const args = commandOptions<DeleteSuppressionArgs>(arg);
  try {
    const t = await listTarget(services, node, 'Delete Suppression');
    if (!t) return false;
    const key =
      node instanceof SuppressionNode
        ? node.key
        : (args.address ??
          (await vscode.window.showInputBox({ title: `Delete from ${listName(t)}`, prompt: t.kind === 'allowlist' ? 'The address or domain to remove' : 'The address to remove', validateInput: (v) => (v.trim() ? undefined : 'Enter what to remove.'), ignoreFocusOut: true })));
    if (key === undefined) return false;
    const entry = node instanceof SuppressionNode && t.kind === 'unsubscribes' ? (node.entry as Unsubscribe) : undefined;
    const tag = args.tag ?? (entry && entry.tags.length > 1 ? await pickUnsubscribeTag(entry, key) : null);
    if (tag === undefined) return false;
    return await removeEntry(services, t, key.trim(), tag);
  } catch (err) {
    reportFailure(services.log, 'Could not delete the suppression', err, { retry: () => deleteSuppression(services, node, arg) });
    return false;
  }
}

/**
 * Asks, then removes the entry (or one tag of it). After a failure the list reloads, and Retry asks again and removes
 * the same entry; if Mailgun no longer has it then, the first attempt went through and that is said.
 */
async function removeEntry(services: Services, t: ListTarget, key: string, tag: string | null, again = false): Promise<boolean> {
  const what = tag ? `the tag "${tag}" of ${key}` : key;
  const ok = await confirm(`Remove ${what} from ${listName(t)}?`, tag ? `${key} stays unsubscribed from its other tags.` : AFTER_DELETE[t.kind], 'Delete');
  if (!ok) return false;
  try {
    const client = await clientOf(services, t);
    if (tag) await client.suppressions.unsubscribes.deleteTag(t.domainName, key, tag);
    else await client.suppressions[t.kind].delete(t.domainName, key);
  } catch (err) {
    if (again && isMailgunError(err) && err.kind === 'notFound') {
      reload(services, t.node);
      reportOutcome(services.log, 'info', `${tag ? `The tag "${tag}" of ${key}` : key} is no longer on ${listName(t)}: the first attempt removed it.`);
      return true;
    }
    reportFailedChange(services, 'Could not delete the suppression', err, t.node, () => removeEntry(services, t, key, tag, true));
    return false;
  }
  reload(services, t.node);
  reportOutcome(services.log, 'info', `Removed ${what} from ${listName(t)}.`);
  return true;
}

interface ClearSuppressionsArgs {
  /** Skips the offer to export first: false to clear without exporting, a file URI to export there first. */
  exportFirst: false | vscode.Uri;
}

/** Offers an export before the list is gone: true to go on (exported or not), false to stop. */
async function exportBeforeClearing(services: Services, t: ListTarget, choice: false | vscode.Uri | undefined): Promise<boolean> {
  let destination = choice;
  if (destination === undefined) {
    const EXPORT = 'Export CSV First…';
    const SKIP = 'Clear Without Export';
    const answer = await vscode.window.showWarningMessage(
      `Clear ${listName(t)}?`,
      { modal: true, detail: 'Every entry is removed and this cannot be undone. Keep a copy as a CSV file first?' },
      EXPORT,
      SKIP,
    );
    if (answer === undefined) return false;
    if (answer === SKIP) return true;
  }
  if (destination === false) return true;
  destination = destination instanceof vscode.Uri ? destination : undefined;
  // A filtered node still clears the whole list, so the copy is of the whole list too.
  const exported = await exportList(services, { ...t, filter: undefined }, destination);
  return exported !== undefined;
}

async function clearSuppressions(services: Services, node: unknown, arg: unknown): Promise<boolean> {
  const args = commandOptions<ClearSuppressionsArgs>(arg);
  try {
    const t = await listTarget(services, node, 'Clear Suppression List');
    if (!t) return false;
    if (!(await exportBeforeClearing(services, t, args.exportFirst))) return false;
    return await clearList(services, t);
  } catch (err) {
    reportFailure(services.log, 'Could not clear the list', err, { retry: () => clearSuppressions(services, node, arg) });
    return false;
  }
}

/** Asks to type the domain's name, then clears the list. After a failure the list reloads, and Retry asks again (not for the export). */
async function clearList(services: Services, t: ListTarget): Promise<boolean> {
  const message = `Remove every entry of ${listName(t)}?`;
  const detail = `This cannot be undone${t.filter ? `, and removes all of them, not only those starting with "${t.filter}"` : ''}. ${AFTER_CLEAR[t.kind]}`;
  const style = settings.confirmStyle();
  const ok = await confirmByTyping(t.domainName, message, detail, 'Clear All');
  if (!ok) {
    services.log.info(`Clear of ${listName(t)} not confirmed (${style}); nothing was sent.`);
    return false;
  }
  try {
    await (await clientOf(services, t)).suppressions[t.kind].clear(t.domainName);
  } catch (err) {
    reportFailedChange(services, 'Could not clear the list', err, t.node, () => clearList(services, t));
    return false;
  }
  reload(services, t.node);
  reportOutcome(services.log, 'info', `Cleared ${listName(t)}.`);
  return true;
}

export function registerSuppressionCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('mailgun.addSuppression', (node?: unknown, args?: unknown) => addSuppression(services, node, args)),
    vscode.commands.registerCommand('mailgun.deleteSuppression', (node?: unknown, args?: unknown) => deleteSuppression(services, node, args)),
    vscode.commands.registerCommand('mailgun.clearSuppressions', (node?: unknown, args?: unknown) => clearSuppressions(services, node, args)),
  ];
}
