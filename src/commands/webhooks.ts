import * as vscode from 'vscode';
import type { DomainWebhooks, MailgunClient } from '../mailgun';
import type { Services } from '../services';
import { WebhookEventNode } from '../tree/webhookEventNode';
import { WebhooksNode } from '../tree/webhooksNode';
import { WebhookUrlNode } from '../tree/webhookUrlNode';
import { confirm } from '../ui/confirm';
import { reportFailure, reportOutcome, reportRefusal } from '../ui/notify';
import { commandOptions } from './commandOptions';
import { reportFailedChange } from './failedChange';
import { eventTypesOf, eventTypesProblem, pickEventTypes } from './pickEventTypes';
import type { DomainTarget } from '../ui/pickers';
import { clientOf, reload, resolveDomain, type DomainRef } from './targets';
import { webhookChanged, webhookUrl } from './webhookSteps';

function webhooksNodeOf(target: DomainRef): WebhooksNode | undefined {
  return target.node?.getChildren().find((c): c is WebhooksNode => c instanceof WebhooksNode);
}

/** The client and domain-webhook map of a domain, for the webhook commands. */
export async function domainWebhooks(services: Services, target: DomainTarget): Promise<{ client: MailgunClient; map: DomainWebhooks }> {
  const client = await clientOf(services, target);
  return { client, map: await client.domainWebhooks.list(target.domainName) };
}

/** A domain's webhook URL picked in the palette, each shown with its event types. */
async function pickWebhookUrl(services: Services, map: DomainWebhooks, title: string, domainName: string): Promise<string | undefined> {
  const urls = [...new Set(Object.values(map).flat())];
  if (urls.length === 0) {
    reportOutcome(services.log, 'info', `${domainName} has no webhooks.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    urls.map((url) => ({ label: url, description: eventTypesOf(map, url).join(', ') })),
    { title, placeHolder: 'Choose a webhook URL', matchOnDescription: true },
  );
  return picked?.label;
}

/**
 * The URL a command acts on, with its event types as Mailgun has them now: the node's, the one given, or one
 * picked. A URL that is gone is said, and its list reloaded.
 */
async function existingUrl(services: Services, node: unknown, given: string | undefined, map: DomainWebhooks, target: DomainRef, title: string): Promise<{ url: string; types: string[] } | undefined> {
  const { domainName } = target;
  const url = node instanceof WebhookUrlNode ? node.url : (given ?? (await pickWebhookUrl(services, map, `${title} (${domainName})`, domainName)));
  if (url === undefined) return undefined;
  const types = eventTypesOf(map, url);
  if (types.length === 0) {
    reload(services, webhooksNodeOf(target));
    reportRefusal(services.log, `${url} is no longer a webhook of ${domainName}; the list has been refreshed.`);
    return undefined;
  }
  return { url, types };
}

interface AddWebhookArgs {
  url: string;
  eventTypes: string[];
}

interface EditWebhookArgs {
  /** From the palette: the URL to edit. */
  url: string;
  eventTypes: string[];
}

interface DeleteWebhookArgs {
  url: string;
  /** On a URL: remove it from every event type ('url', the default) or only from the node's ('eventType'). */
  scope: 'url' | 'eventType';
}

async function addWebhook(services: Services, node: unknown, arg: unknown): Promise<DomainWebhooks | undefined> {
  const args = commandOptions<AddWebhookArgs>(arg);
  try {
    const target = await resolveDomain(services, node, 'Add Webhook');
    if (!target) return undefined;
    const { domainName } = target;
    const title = `Add Webhook to ${domainName}`;
    const url = await webhookUrl(services, title, args.url);
    if (url === undefined) return undefined;

    const { client, map: current } = await domainWebhooks(services, target);
    const preselected = node instanceof WebhookEventNode ? [node.eventType] : [];
    const eventTypes = args.eventTypes ?? (await pickEventTypes(`${title}: ${url}`, current, preselected, url));
    if (!eventTypes) return undefined;
    const already = eventTypes.filter((t) => current[t]?.includes(url));
    if (already.length > 0) {
      return void reportRefusal(services.log, `${domainName} already posts ${already.join(', ')} events to ${url}. Use "Edit Webhook Events…" on the URL to change its event types.`);
    }
    const problem = eventTypesProblem(current, eventTypes, url);
    if (problem) return void reportRefusal(services.log, `The webhook was not added to ${domainName}. ${problem}`);

    const map = await client.domainWebhooks.create(domainName, { url, event_types: eventTypes });
    webhookChanged(services, webhooksNodeOf(target), `${domainName} now posts ${eventTypes.join(', ')} events to ${url}.`);
    return map;
  } catch (err) {
    reportFailure(services.log, 'Could not add the webhook', err);
    return undefined;
  }
}

async function editWebhookEvents(services: Services, node: unknown, arg: unknown): Promise<DomainWebhooks | undefined> {
  const args = commandOptions<EditWebhookArgs>(arg);
  try {
    const target = await resolveDomain(services, node, 'Edit Webhook Events');
    if (!target) return undefined;
    const { domainName } = target;
    const { client, map: current } = await domainWebhooks(services, target);
    const found = await existingUrl(services, node, args.url, current, target, 'Edit Webhook Events');
    if (!found) return undefined;
    const { url, types: before } = found;
    const eventTypes = args.eventTypes ?? (await pickEventTypes(`Events ${domainName} posts to ${url}`, current, before, url));
    if (!eventTypes) return undefined;
    if (eventTypes.length === 0) return void reportRefusal(services.log, `Choose at least one event type. To stop posting to ${url}, use "Delete Webhook…".`);
    if (eventTypes.length === before.length && eventTypes.every((t) => before.includes(t))) {
      reportOutcome(services.log, 'info', `No change: ${url} keeps ${before.join(', ')}.`);
      return current;
    }
    const problem = eventTypesProblem(current, eventTypes, url);
    if (problem) return void reportRefusal(services.log, `The webhook's event types were not changed. ${problem}`);

    const map = await client.domainWebhooks.update(domainName, { url, event_types: eventTypes });
    webhookChanged(services, webhooksNodeOf(target), `${domainName} now posts ${eventTypes.join(', ')} events to ${url}.`);
    return map;
  } catch (err) {
    reportFailure(services.log, 'Could not change the webhook', err);
    return undefined;
  }
}

async function askDeleteScope(url: string, eventType: string, types: string[]): Promise<DeleteWebhookArgs['scope'] | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'From every event type', description: types.join(', '), scope: 'url' as const },
      { label: `Only from ${eventType}`, description: `keeps ${types.filter((t) => t !== eventType).join(', ')}`, scope: 'eventType' as const },
    ],
    { title: `Delete Webhook ${url}`, placeHolder: 'Remove the URL from which event types?' },
  );
  return picked?.scope;
}

/** Deletes a URL from all its event types or from one, or (on an event type node) every URL of that event type. */
async function deleteWebhook(services: Services, node: unknown, arg: unknown): Promise<boolean> {
  try {
    const target = await resolveDomain(services, node, 'Delete Webhook');
    if (!target) return false;
    return await deleteWebhookOf(services, target, node, commandOptions<DeleteWebhookArgs>(arg));
  } catch (err) {
    reportFailure(services.log, 'Could not delete the webhook', err, { retry: () => deleteWebhook(services, node, arg) });
    return false;
  }
}

/**
 * Delete Webhook once the domain is known. After a failure the webhook list reloads when the change was sent (it may
 * have been applied), and Retry reads the webhooks again and deletes the same URL (or event type), asking again.
 */
async function deleteWebhookOf(services: Services, target: DomainRef, node: unknown, args: Partial<DeleteWebhookArgs>, retryOfSent = false): Promise<boolean> {
  const { domainName } = target;
  let sent = false;
  const chosen = { ...args };
  // A Retry after a failure that came once the delete was sent: the first attempt may have gone through.
  const alreadyGone = (sentence: string): boolean => {
    reload(services, webhooksNodeOf(target));
    reportOutcome(services.log, 'info', sentence);
    return true;
  };
  try {
    const client = await clientOf(services, target);
    if (node instanceof WebhookEventNode) {
      const type = node.eventType;
      if (retryOfSent && ((await client.domainWebhooks.list(domainName))[type]?.length ?? 0) === 0) return alreadyGone(`${domainName} no longer posts ${type} events: the first attempt deleted them.`);
      const n = node.getChildren().length;
      const ok = await confirm(`Delete every "${type}" webhook of ${domainName}?`, `Mailgun stops posting ${type} events to ${n === 1 ? 'its URL' : `its ${n} URLs`}.`, 'Delete');
      if (!ok) return false;
      sent = true;
      await client.domainWebhooks.deleteEventType(domainName, type);
      webhookChanged(services, webhooksNodeOf(target), `${domainName} no longer posts ${type} events.`);
      return true;
    }

    const current = await client.domainWebhooks.list(domainName);
    if (retryOfSent && args.url !== undefined) {
      const left = eventTypesOf(current, args.url);
      const eventType = node instanceof WebhookUrlNode ? node.parent.eventType : undefined;
      if (left.length === 0 || (args.scope === 'eventType' && eventType && !left.includes(eventType))) return alreadyGone(`${args.url} is no longer a webhook of ${domainName}: the first attempt deleted it.`);
    }
    const found = await existingUrl(services, node, args.url, current, target, 'Delete Webhook');
    if (!found) return false;
    const { url, types } = found;
    chosen.url = url;
    const eventType = node instanceof WebhookUrlNode ? node.parent.eventType : undefined;
    const scope = eventType && types.length > 1 && types.includes(eventType) ? (args.scope ?? (await askDeleteScope(url, eventType, types))) : 'url';
    if (!scope) return false;
    chosen.scope = scope;

    if (scope === 'eventType' && eventType) {
      const remaining = types.filter((t) => t !== eventType);
      const ok = await confirm(`Stop posting "${eventType}" events of ${domainName} to ${url}?`, `The URL keeps ${remaining.join(', ')}.`, 'Delete');
      if (!ok) return false;
      sent = true;
      await client.domainWebhooks.update(domainName, { url, event_types: remaining });
    } else {
      const ok = await confirm(`Delete the webhook ${url} of ${domainName}?`, `Mailgun stops posting ${types.join(', ')} events to it.`, 'Delete');
      if (!ok) return false;
      sent = true;
      await client.domainWebhooks.delete(domainName, url);
    }
    webhookChanged(services, webhooksNodeOf(target), `Deleted the webhook ${url}${scope === 'eventType' ? ` from ${eventType}` : ''} of ${domainName}.`);
    return true;
  } catch (err) {
    const retry = () => deleteWebhookOf(services, target, node, chosen, sent);
    if (sent) reportFailedChange(services, 'Could not delete the webhook', err, webhooksNodeOf(target), retry);
    else reportFailure(services.log, 'Could not delete the webhook', err, { retry });
    return false;
  }
}

export function registerDomainWebhookCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('mailgun.addWebhook', (node?: unknown, args?: unknown) => addWebhook(services, node, args)),
    vscode.commands.registerCommand('mailgun.editWebhookEvents', (node?: unknown, args?: unknown) => editWebhookEvents(services, node, args)),
    vscode.commands.registerCommand('mailgun.deleteWebhook', (node?: unknown, args?: unknown) => deleteWebhook(services, node, args)),
  ];
}
