// The detail pane's actions that reach outside the panel, run in the host: the stored message opened in a read-only
// editor (fetched with the account's client: the page gets neither the key nor the message), and the recipient's
// entries on the domain's suppression lists shown in the explorer.
import * as vscode from 'vscode';
import type { MessageLogRow } from '../../mailgun/message-logs';
import type { Services } from '../../services';
import { notify } from '../../ui/notify';
import { inStatusBar } from '../../ui/progress';
import type { ReadOnlyDocuments } from '../../ui/read-only-documents';
import type { LogsTarget } from './protocol';

/** The lists that stop mail to an address. */
const SUPPRESSION_LISTS = ['bounces', 'unsubscribes', 'complaints'] as const;

/** A file name out of a message-id or event id: no path separators or characters editors' tabs trip on. */
const fileName = (row: MessageLogRow): string => (row.messageId ?? row.id).replace(/[^\w.@+-]+/g, '_').slice(0, 120);

/** Fetches the event's stored message and opens its MIME (or, when Mailgun sends none, its fields as JSON). */
export async function openStoredMessage(services: Services, documents: ReadOnlyDocuments, target: LogsTarget, row: MessageLogRow): Promise<string | undefined> {
  const url = row.storageUrl;
  if (!url) return undefined;
  const client = await services.clients.get(target.accountId, target.region, target.subaccount?.id);
  const stored = await inStatusBar(vscode.l10n.t('Fetching the stored message from Mailgun…'), () => client.messages.stored(url));
  const folder = `/${row.domain ?? target.domain ?? 'message'}/`;
  const editor = stored.mime !== undefined
    ? await documents.show(`${folder}${fileName(row)}.eml`, stored.mime)
    : await documents.show(`${folder}${fileName(row)}.json`, JSON.stringify(stored.fields, null, 2));
  return editor.document.uri.toString();
}

/**
 * Shows the domain's bounces, unsubscribes and complaints filtered to the event's recipient in the explorer. When
 * the tree can't show the domain, says so and offers Trace Recipient, which looks the address up everywhere.
 */
export async function showRecipientSuppressions(services: Services, target: LogsTarget, row: MessageLogRow): Promise<boolean> {
  const domain = row.domain ?? target.domain;
  const address = row.recipient?.trim();
  if (!domain || !address) return false;
  const where = { accountId: target.accountId, region: target.region, domain, subaccount: target.subaccount?.id };
  if (await services.tree.revealFilteredLists(services.view, where, SUPPRESSION_LISTS, address)) return true;
  if (target.subaccount) {
    notify('info', vscode.l10n.t("The Mailgun explorer doesn't show the domains of {0} yet: expand that subaccount in the explorer, then try again.", target.subaccount.name), {}, services.log);
  } else {
    const trace = () => vscode.commands.executeCommand('mailgun.traceRecipient', { accountId: target.accountId, address, scope: 'domain', region: target.region, domain });
    notify('info', vscode.l10n.t("The Mailgun explorer can't show {0}. Trace {1} instead to see where it is suppressed.", domain, address), { [vscode.l10n.t('Trace Recipient')]: trace }, services.log);
  }
  return false;
}
