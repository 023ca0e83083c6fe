// Send Test Message…: a real message from a domain (multipart POST /v3/{domain}/messages), then its events.
import * as vscode from 'vscode';
import { isMailgunError, validateEmail, validateMessage, validateTag, bareAddress, type MailgunClient, type OutgoingMessage, type SentMessage } from '../mailgun';
import type { TreeNode } from '../tree/node';
import type { UserInput } from '../ui/input';
import { notify, reportRefusal } from '../ui/notify';
import { inStatusBar } from '../ui/progress';
import type { CommandContext } from './register';
import { activatedRecipients } from './sandbox-recipients';
import { clientOf, domainOf } from './targets';

const LISTS = [
  ['bounces', 'bounces'],
  ['unsubscribes', 'unsubscribes'],
  ['complaints', 'complaints'],
] as const;

const splitList = (value: string): string[] => value.split(',').map((s) => s.trim()).filter(Boolean);

/** `offered`: a sandbox domain's activated recipients, the only ones it sends to (picked, not typed). */
async function askMessage(ui: UserInput, domain: string, offered?: string[]): Promise<OutgoingMessage> {
  const title = vscode.l10n.t('Send Test Message from {0}', domain);
  const local = await ui.input({
    title,
    prompt: vscode.l10n.t("The sender's name before @{0}.", domain),
    value: 'postmaster',
    validateInput: (v) => validateEmail(`${v.trim()}@${domain}`),
  });
  const to = offered
    ? await pickRecipients(ui, title, offered)
    : await ui.input({
        title,
        prompt: vscode.l10n.t('Recipients, separated by commas.'),
        placeHolder: 'you@example.com',
        validateInput: (v) => (splitList(v).length === 0 ? vscode.l10n.t('Enter at least one recipient.') : splitList(v).map((a) => validateEmail(bareAddress(a))).find(Boolean)),
      });
  const subject = await ui.input({ title, prompt: vscode.l10n.t('Subject'), value: vscode.l10n.t('Test message from {0}', domain), validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a subject.')) });
  const text = await ui.input({ title, prompt: vscode.l10n.t('The text of the message.'), value: vscode.l10n.t('This is a test message sent from VS Code.'), validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Write some text.')) });
  const tags = await ui.input({ title, prompt: vscode.l10n.t('Tags, separated by commas (optional).'), value: 'test', validateInput: (v) => splitList(v).map((t) => validateTag(t)).find(Boolean) });
  const mode = await ui.pick(
    [
      { label: vscode.l10n.t('Deliver it'), detail: vscode.l10n.t('The message is delivered to the recipients.'), testMode: false },
      { label: vscode.l10n.t('Test mode'), detail: vscode.l10n.t('Mailgun accepts the message and logs its events, but does not deliver it (o:testmode).'), testMode: true },
    ],
    { title, placeHolder: vscode.l10n.t('Deliver the message, or only test the sending?') },
  );
  return { from: `${local.trim()}@${domain}`, to: splitList(to), subject, text, tags: splitList(tags), testMode: mode.testMode };
}

/** A sandbox domain's recipients: ticked among the activated authorized recipients, as the list `to` takes. */
async function pickRecipients(ui: UserInput, title: string, offered: string[]): Promise<string> {
  for (;;) {
    const picked = await ui.pickMany(
      offered.map((email) => ({ label: email, description: vscode.l10n.t('authorized, activated') })),
      { title, placeHolder: vscode.l10n.t('Recipients: a sandbox domain sends only to its activated authorized recipients'), picked: () => offered.length === 1 },
    );
    if (picked.length > 0) return picked.map((p) => p.label).join(', ');
  }
}

/** Recipients on a suppression list of the domain, each said as "ana@example.com (bounces)". */
async function suppressed(client: MailgunClient, domain: string, recipients: string[]): Promise<Array<{ address: string; said: string }>> {
  const found: Array<{ address: string; said: string }> = [];
  for (const recipient of recipients.map(bareAddress)) {
    for (const [list, name] of LISTS) {
      try {
        await client.suppressions[list].get(domain, recipient);
        found.push({ address: recipient, said: `${recipient} (${name})` });
      } catch (err) {
        // "Not found" is the answer: the recipient is not on this list.
        if (!isMailgunError(err) || err.kind !== 'notFound') throw err;
      }
    }
  }
  return found;
}

/** Send Test Message: from a domain in the explorer, or the palette. */
export async function sendTestMessage(ctx: CommandContext, node?: TreeNode): Promise<SentMessage | undefined> {
  const target = await domainOf(ctx, node, vscode.l10n.t('Send Test Message from a Mailgun Domain'));
  const name = target.domainName;
  ctx.errorHandling.action = vscode.l10n.t('Send Test Message from {0}', name);
  let offered: string[] | undefined;
  if (target.domain?.type === 'sandbox') {
    offered = await activatedRecipients(ctx, target);
    if (offered.length === 0) {
      const add = vscode.l10n.t('Add Authorized Recipient');
      ctx.log.warn(`Send Test Message: ${name} has no activated authorized recipients.`);
      notify('warning', vscode.l10n.t("{0} is a sandbox domain: it sends only to authorized recipients who accepted Mailgun's invitation, and none has yet. Add one, accept the invitation it receives, then send again.", name), { [add]: () => vscode.commands.executeCommand('mailgun.addAuthorizedRecipient', node) }, ctx.log);
      return undefined;
    }
  }
  const message = await askMessage(ctx.ui, name, offered);
  const problem = validateMessage(message, name);
  if (problem) return void reportRefusal(ctx.log, problem);
  const client = await clientOf(ctx, target);
  const blocked = await inStatusBar(vscode.l10n.t('Checking the suppression lists of {0}…', name), () => suppressed(client, name, message.to));
  if (blocked.length > 0) {
    const choice = await ctx.ui.pick(
      [
        { label: vscode.l10n.t('Send Anyway'), detail: vscode.l10n.t('Mailgun will not deliver to a suppressed address: the message fails for it at once.') },
        ...[...new Set(blocked.map((b) => b.address))].map((address) => ({ label: vscode.l10n.t('Trace {0}', address), detail: vscode.l10n.t('Nothing is sent. Shows where and why the address is suppressed, with one-click remedies.'), address })),
        { label: vscode.l10n.t("Don't Send"), detail: vscode.l10n.t('Nothing is sent.') },
      ],
      { title: blocked.length === 1 ? vscode.l10n.t('{0} is on a suppression list of {1}.', blocked[0].said, name) : vscode.l10n.t('{0} are on a suppression list of {1}.', blocked.map((b) => b.said).join(', '), name), placeHolder: vscode.l10n.t('Send the message anyway?'), ignoreFocusOut: true },
    );
    if ('address' in choice) {
      await vscode.commands.executeCommand('mailgun.traceRecipient', { accountId: target.account.id, address: choice.address, scope: 'domain', region: target.region, domain: name });
      return undefined;
    }
    if (choice.label !== vscode.l10n.t('Send Anyway')) return undefined;
  }
  const sent = await inStatusBar(vscode.l10n.t('Sending a test message from {0}…', name), () => client.messages.send(name, message));
  ctx.log.info(`Send Test Message: Mailgun queued ${sent.id} from ${name} to ${message.to.length} recipient(s)${message.testMode ? ' in test mode' : ''}.`);
  const logs = (await vscode.commands.getCommands(true)).includes('mailgun.openLogs');
  const buttons: Record<string, () => unknown> = logs
    ? { [vscode.l10n.t('Watch Events')]: () => vscode.commands.executeCommand('mailgun.openLogs', { accountId: target.account.id, region: target.region, domain: name, messageId: sent.id }) }
    : {};
  buttons[vscode.l10n.t('Copy Message ID')] = () => vscode.env.clipboard.writeText(sent.id);
  notify('info', message.testMode ? vscode.l10n.t('Mailgun queued the message from {0} in test mode (it is not delivered). Message ID: {1}', name, sent.id) : vscode.l10n.t('Mailgun queued the message from {0}. Message ID: {1}', name, sent.id), buttons, ctx.log);
  return sent;
}
