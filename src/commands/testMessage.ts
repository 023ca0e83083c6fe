// Send Test Message…: a real message from a domain (multipart POST /v3/{domain}/messages), then its events.
import * as vscode from 'vscode';
import { isMailgunError, validateEmail, validateMessage, validateTag, bareAddress, type MailgunClient, type OutgoingMessage, type SentMessage } from '../mailgun';
import type { Services } from '../services';
import { confirm } from '../ui/confirm';
import { notify, reportFailure } from '../ui/notify';
import { inStatusBar } from '../ui/progress';
import { commandOptions } from './commandOptions';
import { onboardingTarget } from './onboardingTarget';
import { clientOf } from './targets';

/** What the prompts ask; automation and tests pass it instead (still validated). */
export type TestMessageOptions = Partial<OutgoingMessage>;

const LISTS = [
  ['bounces', 'bounces'],
  ['unsubscribes', 'unsubscribes'],
  ['complaints', 'complaints'],
] as const;

const splitList = (value: string): string[] => value.split(',').map((s) => s.trim()).filter(Boolean);

async function askMessage(domain: string, sandbox: boolean): Promise<OutgoingMessage | undefined> {
  const title = `Send Test Message from ${domain}`;
  const local = await vscode.window.showInputBox({
    title,
    prompt: `The sender's name before @${domain}.`,
    value: 'postmaster',
    validateInput: (v) => validateEmail(`${v.trim()}@${domain}`),
  });
  if (local === undefined) return undefined;
  const to = await vscode.window.showInputBox({
    title,
    prompt: sandbox ? 'Recipients, separated by commas. A sandbox domain only sends to authorized recipients who accepted the invitation.' : 'Recipients, separated by commas.',
    placeHolder: 'you@example.com',
    validateInput: (v) => (splitList(v).length === 0 ? 'Enter at least one recipient.' : splitList(v).map((a) => validateEmail(bareAddress(a))).find(Boolean)),
  });
  if (to === undefined) return undefined;
  const subject = await vscode.window.showInputBox({ title, prompt: 'Subject', value: `Test message from ${domain}`, validateInput: (v) => (v.trim() ? undefined : 'Enter a subject.') });
  if (subject === undefined) return undefined;
  const text = await vscode.window.showInputBox({ title, prompt: 'The text of the message.', value: 'This is a test message sent from VS Code.', validateInput: (v) => (v.trim() ? undefined : 'Write some text.') });
  if (text === undefined) return undefined;
  const tags = await vscode.window.showInputBox({ title, prompt: 'Tags, separated by commas (optional).', value: 'test', validateInput: (v) => splitList(v).map(validateTag).find(Boolean) });
  if (tags === undefined) return undefined;
  const mode = await vscode.window.showQuickPick(
    [
      { label: 'Deliver it', detail: 'The message is delivered to the recipients.', testMode: false },
      { label: 'Test mode', detail: 'Mailgun accepts the message and logs its events, but does not deliver it (o:testmode).', testMode: true },
    ],
    { title, placeHolder: 'Deliver the message, or only test the sending?' },
  );
  if (mode === undefined) return undefined;
  return { from: `${local.trim()}@${domain}`, to: splitList(to), subject, text, tags: splitList(tags), testMode: mode.testMode };
}

/** Recipients on a suppression list of the domain, as "ana@example.com (bounces)". */
async function suppressed(client: MailgunClient, domain: string, recipients: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const recipient of recipients.map(bareAddress)) {
    for (const [list, name] of LISTS) {
      try {
        await client.suppressions[list].get(domain, recipient);
        found.push(`${recipient} (${name})`);
      } catch (err) {
        if (!isMailgunError(err) || err.kind !== 'notFound') throw err;
      }
    }
  }
  return found;
}

async function sendTestMessage(services: Services, node: unknown, arg: unknown): Promise<SentMessage | undefined> {
  let name = '';
  try {
    const target = await onboardingTarget(services, node, arg, 'Send Test Message from a Mailgun Domain');
    if (!target) return undefined;
    name = target.domainName;
    const given = commandOptions<TestMessageOptions>(arg);
    const message: OutgoingMessage | undefined =
      given.to !== undefined ? { from: `postmaster@${name}`, subject: `Test message from ${name}`, text: 'This is a test message sent from VS Code.', ...given, to: given.to } : await askMessage(name, target.domain?.type === 'sandbox');
    if (!message) return undefined;
    const problem = validateMessage(message, name);
    if (problem) {
      notify('error', problem);
      return undefined;
    }
    const client = await clientOf(services, target);
    const blocked = await inStatusBar(`Checking the suppression lists of ${name}…`, () => suppressed(client, name, message.to));
    if (blocked.length > 0) {
      const send = await confirm(
        `${blocked.join(', ')} ${blocked.length === 1 ? 'is' : 'are'} on a suppression list of ${name}.`,
        'Mailgun will not deliver to a suppressed address: the message fails for it at once. Remove the address from the list first to deliver to it.',
        'Send Anyway',
      );
      if (!send) return undefined;
    }
    const sent = await inStatusBar(`Sending a test message from ${name}…`, () => client.messages.send(name, message));
    services.log.info(`Send Test Message: Mailgun queued ${sent.id} from ${name} to ${message.to.length} recipient(s)${message.testMode ? ' in test mode' : ''}.`);
    const logs = (await vscode.commands.getCommands(true)).includes('mailgun.openLogs');
    const buttons: Record<string, () => unknown> = logs
      ? { 'Watch Events': () => vscode.commands.executeCommand('mailgun.openLogs', { accountId: target.account.id, region: target.region, domain: name, messageId: sent.id }) }
      : {};
    buttons['Copy Message ID'] = () => vscode.env.clipboard.writeText(sent.id);
    notify('info', `Mailgun queued the message from ${name}${message.testMode ? ' in test mode (it is not delivered)' : ''}. Message ID: ${sent.id}`, buttons, services.log);
    return sent;
  } catch (err) {
    reportFailure(services.log, `Send Test Message${name ? ` from ${name}` : ''}`, err);
    return undefined;
  }
}

export function registerTestMessageCommands(services: Services): vscode.Disposable[] {
  return [vscode.commands.registerCommand('mailgun.sendTestMessage', (node?: unknown, arg?: unknown) => sendTestMessage(services, node, arg))];
}
