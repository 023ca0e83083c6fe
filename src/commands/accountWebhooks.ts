import * as vscode from 'vscode';
import { regionLabel, type AccountWebhook } from '../mailgun';
import type { Services } from '../services';
import { AccountWebhookNode } from '../tree/accountWebhookNode';
import { confirm } from '../ui/confirm';
import { reportFailure, reportOutcome, reportRefusal } from '../ui/notify';
import { commandOptions } from './commandOptions';
import { reportFailedChange } from './failedChange';
import { eventTypesProblem, pickEventTypes, type UrlsByEvent } from './pickEventTypes';
import { clientOf, reload, resolveRegion, type RegionTarget } from './targets';
import { webhookChanged, webhookUrl } from './webhookSteps';

/** Event type → URLs across a region's account webhooks, leaving one webhook out (the one being edited). */
function urlsByEvent(hooks: readonly AccountWebhook[], except?: string): UrlsByEvent {
  const map: Record<string, string[]> = {};
  for (const h of hooks) if (h.webhook_id !== except) for (const t of h.event_types) (map[t] ??= []).push(h.url);
  return map;
}

function where(target: RegionTarget): string {
  return `"${target.account.label}" (${regionLabel(target.region)})`;
}

async function pickAccountWebhook(services: Services, hooks: readonly AccountWebhook[], title: string, target: RegionTarget): Promise<AccountWebhook | undefined> {
  if (hooks.length === 0) {
    reportOutcome(services.log, 'info', `${where(target)} has no account webhooks.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    hooks.map((h) => ({ label: h.url, description: h.description ?? '', detail: h.event_types.join(', '), hook: h })),
    { title, placeHolder: 'Choose an account webhook', matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.hook;
}

function askDescription(title: string, value?: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({ title, prompt: 'A description (optional)', placeHolder: 'e.g. Production alerts', value, ignoreFocusOut: true });
}

interface AccountWebhookArgs {
  url: string;
  eventTypes: string[];
  description: string;
  /** From the palette: the webhook to edit or delete. */
  webhookId: string;
}

async function addAccountWebhook(services: Services, node: unknown, arg: unknown): Promise<string | undefined> {
  const args = commandOptions<AccountWebhookArgs>(arg);
  try {
    const target = await resolveRegion(services, node, 'Add Account Webhook');
    if (!target) return undefined;
    const title = `Add Account Webhook to ${where(target)}`;
    const url = await webhookUrl(services, title, args.url);
    if (url === undefined) return undefined;

    const client = await clientOf(services, target);
    const hooks = await client.accountWebhooks.list();
    const same = hooks.find((h) => h.url === url);
    if (same) return void reportRefusal(services.log, `${url} is already an account webhook of ${where(target)} (${same.event_types.join(', ')}). Use "Edit Account Webhook…" to change it.`);
    const current = urlsByEvent(hooks);
    const eventTypes = args.eventTypes ?? (await pickEventTypes(`${title}: ${url}`, current, [], url));
    if (!eventTypes) return undefined;
    const problem = eventTypesProblem(current, eventTypes, url);
    if (problem) return void reportRefusal(services.log, `The account webhook was not added. ${problem}`);
    const description = args.description ?? (await askDescription(title));
    if (description === undefined) return undefined;

    const id = await client.accountWebhooks.create({ url, event_types: eventTypes, description: description.trim() || undefined });
    webhookChanged(services, target.node?.accountWebhooks, `Every domain of ${where(target)} now posts ${eventTypes.join(', ')} events to ${url}.`);
    return id;
  } catch (err) {
    reportFailure(services.log, 'Could not add the account webhook', err);
    return undefined;
  }
}

/** The webhook a command acts on, fresh from Mailgun: the node's, the id given, or one picked. */
async function resolveWebhook(services: Services, node: unknown, args: Partial<AccountWebhookArgs>, title: string) {
  const target = await resolveRegion(services, node, title);
  return target && findWebhook(services, target, node, args, title);
}

/** The webhook of a known region a command acts on, read again from Mailgun. */
async function findWebhook(services: Services, target: RegionTarget, node: unknown, args: Partial<AccountWebhookArgs>, title: string) {
  const client = await clientOf(services, target);
  const hooks = await client.accountWebhooks.list();
  const id = node instanceof AccountWebhookNode ? node.webhook.webhook_id : args.webhookId;
  const hook = id !== undefined ? hooks.find((h) => h.webhook_id === id) : await pickAccountWebhook(services, hooks, `${title} (${where(target)})`, target);
  if (id !== undefined && !hook) {
    reload(services, target.node?.accountWebhooks);
    reportRefusal(services.log, `That account webhook no longer exists in ${where(target)}; the list has been refreshed.`);
    return undefined;
  }
  return hook && { target, client, hooks, hook };
}

async function editAccountWebhook(services: Services, node: unknown, arg: unknown): Promise<boolean> {
  const args = commandOptions<AccountWebhookArgs>(arg);
  try {
    const found = await resolveWebhook(services, node, args, 'Edit Account Webhook');
    if (!found) return false;
    const { target, client, hooks, hook } = found;
    const title = `Edit Account Webhook ${hook.url}`;
    const url = await webhookUrl(services, title, args.url, hook.url);
    if (url === undefined) return false;
    if (hooks.some((h) => h.url === url && h.webhook_id !== hook.webhook_id)) {
      reportRefusal(services.log, `${url} is already another account webhook of ${where(target)}.`);
      return false;
    }
    const others = urlsByEvent(hooks, hook.webhook_id);
    const eventTypes = args.eventTypes ?? (await pickEventTypes(title, others, hook.event_types));
    if (!eventTypes) return false;
    const problem = eventTypesProblem(others, eventTypes, url);
    if (problem) {
      reportRefusal(services.log, `The account webhook was not changed. ${problem}`);
      return false;
    }
    const description = args.description ?? (await askDescription(title, hook.description ?? ''));
    if (description === undefined) return false;

    await client.accountWebhooks.update(hook.webhook_id, { url, event_types: eventTypes, description: description.trim() });
    webhookChanged(services, target.node?.accountWebhooks, `Saved the account webhook ${url} (${eventTypes.join(', ')}).`);
    return true;
  } catch (err) {
    reportFailure(services.log, 'Could not change the account webhook', err);
    return false;
  }
}

async function deleteAccountWebhook(services: Services, node: unknown, arg: unknown): Promise<boolean> {
  try {
    const target = await resolveRegion(services, node, 'Delete Account Webhook');
    if (!target) return false;
    return await deleteAccountWebhookOf(services, target, node, commandOptions<AccountWebhookArgs>(arg));
  } catch (err) {
    reportFailure(services.log, 'Could not delete the account webhook', err, { retry: () => deleteAccountWebhook(services, node, arg) });
    return false;
  }
}

/**
 * Delete Account Webhook once the region is known. After a failure the list reloads when the delete was sent (it
 * may have been applied), and Retry reads the webhooks again and deletes the same one, asking again.
 */
async function deleteAccountWebhookOf(services: Services, target: RegionTarget, node: unknown, args: Partial<AccountWebhookArgs>, retryOfSent = false): Promise<boolean> {
  let sent = false;
  const chosen = { ...args };
  try {
    if (retryOfSent && args.webhookId !== undefined) {
      const hooks = await (await clientOf(services, target)).accountWebhooks.list();
      if (!hooks.some((h) => h.webhook_id === args.webhookId)) {
        reload(services, target.node?.accountWebhooks);
        reportOutcome(services.log, 'info', `The account webhook ${args.url ?? args.webhookId} is no longer in ${where(target)}: the first attempt deleted it.`);
        return true;
      }
    }
    const found = await findWebhook(services, target, node, args, 'Delete Account Webhook');
    if (!found) return false;
    const { client, hook } = found;
    chosen.webhookId = hook.webhook_id;
    chosen.url = hook.url;
    const ok = await confirm(
      `Delete the account webhook ${hook.url}?`,
      `Mailgun stops posting ${hook.event_types.join(', ')} events of every domain of ${where(target)} to it.${hook.description ? ` (${hook.description})` : ''}`,
      'Delete',
    );
    if (!ok) return false;
    sent = true;
    await client.accountWebhooks.delete(hook.webhook_id);
    webhookChanged(services, target.node?.accountWebhooks, `Deleted the account webhook ${hook.url}.`);
    return true;
  } catch (err) {
    // The webhook is named by its id from now on: the node may be gone after the reload.
    const retry = () => deleteAccountWebhookOf(services, target, undefined, chosen, sent);
    if (sent) reportFailedChange(services, 'Could not delete the account webhook', err, target.node?.accountWebhooks, retry);
    else reportFailure(services.log, 'Could not delete the account webhook', err, { retry });
    return false;
  }
}

export function registerAccountWebhookCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('mailgun.addAccountWebhook', (node?: unknown, args?: unknown) => addAccountWebhook(services, node, args)),
    vscode.commands.registerCommand('mailgun.editAccountWebhook', (node?: unknown, args?: unknown) => editAccountWebhook(services, node, args)),
    vscode.commands.registerCommand('mailgun.deleteAccountWebhook', (node?: unknown, args?: unknown) => deleteAccountWebhook(services, node, args)),
  ];
}
