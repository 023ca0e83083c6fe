import * as vscode from 'vscode';
import { validateWebhookUrl, type DomainWebhooks, type MailgunClient } from '../mailgun';
import type { Services } from '../services';
import { ancestorOf } from '../tree/ancestors';
import { DomainNode } from '../tree/domainNode';
import type { TreeNode } from '../tree/node';
import { WebhookEventNode } from '../tree/webhookEventNode';
import { WebhooksNode } from '../tree/webhooksNode';
import { WebhookUrlNode } from '../tree/webhookUrlNode';
import { confirm } from '../ui/confirm';
import { fail, optionsArg, refuse, tell } from './feedback';
import { eventTypesOf, eventTypesProblem, pickEventTypes } from './pickEventTypes';
import type { DomainTarget } from './pickDomain';
import { domainTarget, findDomainNode, reload } from './targets';

async function webhooksNodeOf(services: Services, node: unknown, target: DomainTarget): Promise<WebhooksNode | undefined> {
  const domain = ancestorOf(node as TreeNode | undefined, DomainNode) ?? (await findDomainNode(services, target.account.id, target.region, target.domainName));
  return domain?.getChildren().find((c): c is WebhooksNode => c instanceof WebhooksNode);
}

export function askWebhookUrl(title: string, value?: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt: 'The URL Mailgun posts events to (https, with a CA-signed certificate)',
    placeHolder: 'https://example.com/mailgun/events',
    value,
    validateInput: validateWebhookUrl,
    ignoreFocusOut: true,
  });
}

/** A domain's webhook URL picked in the palette, each shown with its event types. */
async function pickWebhookUrl(services: Services, map: DomainWebhooks, title: string, domainName: string): Promise<string | undefined> {
  const urls = [...new Set(Object.values(map).flat())];
  if (urls.length === 0) {
    tell(services, 'info', `${domainName} has no webhooks.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    urls.map((url) => ({ label: url, description: eventTypesOf(map, url).join(', ') })),
    { title, placeHolder: 'Choose a webhook URL', matchOnDescription: true },
  );
  return picked?.label;
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

const TAKES_TIME = 'Mailgun may take up to 10 minutes to apply the change.';

async function addWebhook(services: Services, node: unknown, arg: unknown): Promise<DomainWebhooks | undefined> {
  const args = optionsArg<AddWebhookArgs>(arg);
  try {
    const target = await domainTarget(services, node, 'Add Webhook');
    if (!target) return undefined;
    const { domainName } = target;
    const title = `Add Webhook to ${domainName}`;
    const url = args.url?.trim() ?? (await askWebhookUrl(title))?.trim();
    if (url === undefined) return undefined;
    const badUrl = validateWebhookUrl(url);
    if (badUrl) return void refuse(services, badUrl);

    const client = await services.clients.get(target.account.id, target.region);
    const current = await client.domainWebhooks.list(domainName);
    const preselected = node instanceof WebhookEventNode ? [node.eventType] : [];
    const eventTypes = args.eventTypes ?? (await pickEventTypes(`${title}: ${url}`, current, preselected, url));
    if (!eventTypes) return undefined;
    const already = eventTypes.filter((t) => current[t]?.includes(url));
    if (already.length > 0) {
      return void refuse(services, `${domainName} already posts ${already.join(', ')} events to ${url}. Use "Edit Webhook Events…" on the URL to change its event types.`);
    }
    const problem = eventTypesProblem(current, eventTypes, url);
    if (problem) return void refuse(services, `The webhook was not added to ${domainName}. ${problem}`);

    const map = await client.domainWebhooks.create(domainName, { url, event_types: eventTypes });
    reload(services, await webhooksNodeOf(services, node, target));
    tell(services, 'info', `${domainName} now posts ${eventTypes.join(', ')} events to ${url}. ${TAKES_TIME}`);
    return map;
  } catch (err) {
    fail(services, 'Could not add the webhook', err);
    return undefined;
  }
}

async function editWebhookEvents(services: Services, node: unknown, arg: unknown): Promise<DomainWebhooks | undefined> {
  const args = optionsArg<EditWebhookArgs>(arg);
  try {
    const target = await domainTarget(services, node, 'Edit Webhook Events');
    if (!target) return undefined;
    const { domainName } = target;
    const client = await services.clients.get(target.account.id, target.region);
    const current = await client.domainWebhooks.list(domainName);
    const url = node instanceof WebhookUrlNode ? node.url : (args.url ?? (await pickWebhookUrl(services, current, `Edit Webhook Events (${domainName})`, domainName)));
    if (url === undefined) return undefined;
    const before = eventTypesOf(current, url);
    if (before.length === 0) {
      reload(services, await webhooksNodeOf(services, node, target));
      return void refuse(services, `${url} is no longer a webhook of ${domainName}; the list has been refreshed.`);
    }
    const eventTypes = args.eventTypes ?? (await pickEventTypes(`Events ${domainName} posts to ${url}`, current, before, url));
    if (!eventTypes) return undefined;
    if (eventTypes.length === 0) return void refuse(services, `Choose at least one event type. To stop posting to ${url}, use "Delete Webhook…".`);
    if (eventTypes.length === before.length && eventTypes.every((t) => before.includes(t))) {
      tell(services, 'info', `No change: ${url} keeps ${before.join(', ')}.`);
      return current;
    }
    const problem = eventTypesProblem(current, eventTypes, url);
    if (problem) return void refuse(services, `The webhook's event types were not changed. ${problem}`);

    const map = await client.domainWebhooks.update(domainName, { url, event_types: eventTypes });
    reload(services, await webhooksNodeOf(services, node, target));
    tell(services, 'info', `${domainName} now posts ${eventTypes.join(', ')} events to ${url}. ${TAKES_TIME}`);
    return map;
  } catch (err) {
    fail(services, 'Could not change the webhook', err);
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
  const args = optionsArg<DeleteWebhookArgs>(arg);
  try {
    const target = await domainTarget(services, node, 'Delete Webhook');
    if (!target) return false;
    const { domainName } = target;
    const client = await services.clients.get(target.account.id, target.region);
    const listNode = await webhooksNodeOf(services, node, target);

    if (node instanceof WebhookEventNode) {
      const type = node.eventType;
      const ok = await confirm(`Delete every "${type}" webhook of ${domainName}?`, `Mailgun stops posting ${type} events to ${node.getChildren().length === 1 ? 'its URL' : `its ${node.getChildren().length} URLs`}.`, 'Delete');
      if (!ok) return false;
      await client.domainWebhooks.deleteEventType(domainName, type);
      reload(services, listNode);
      tell(services, 'info', `${domainName} no longer posts ${type} events. ${TAKES_TIME}`);
      return true;
    }

    const current = await client.domainWebhooks.list(domainName);
    const url = node instanceof WebhookUrlNode ? node.url : (args.url ?? (await pickWebhookUrl(services, current, `Delete Webhook (${domainName})`, domainName)));
    if (url === undefined) return false;
    const types = eventTypesOf(current, url);
    if (types.length === 0) {
      reload(services, listNode);
      refuse(services, `${url} is no longer a webhook of ${domainName}; the list has been refreshed.`);
      return false;
    }
    const eventType = node instanceof WebhookUrlNode ? node.parent.eventType : undefined;
    const scope = eventType && types.length > 1 && types.includes(eventType) ? (args.scope ?? (await askDeleteScope(url, eventType, types))) : 'url';
    if (!scope) return false;

    if (scope === 'eventType' && eventType) {
      const remaining = types.filter((t) => t !== eventType);
      const ok = await confirm(`Stop posting "${eventType}" events of ${domainName} to ${url}?`, `The URL keeps ${remaining.join(', ')}.`, 'Delete');
      if (!ok) return false;
      await client.domainWebhooks.update(domainName, { url, event_types: remaining });
    } else {
      const ok = await confirm(`Delete the webhook ${url} of ${domainName}?`, `Mailgun stops posting ${types.join(', ')} events to it.`, 'Delete');
      if (!ok) return false;
      await client.domainWebhooks.delete(domainName, url);
    }
    reload(services, listNode);
    tell(services, 'info', `Deleted the webhook ${url}${scope === 'eventType' ? ` from ${eventType}` : ''} of ${domainName}. ${TAKES_TIME}`);
    return true;
  } catch (err) {
    fail(services, 'Could not delete the webhook', err);
    return false;
  }
}

/** The client and domain-webhook map of a domain, for other webhook commands. */
export async function domainWebhooks(services: Services, target: DomainTarget): Promise<{ client: MailgunClient; map: DomainWebhooks }> {
  const client = await services.clients.get(target.account.id, target.region);
  return { client, map: await client.domainWebhooks.list(target.domainName) };
}

export function registerDomainWebhookCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('mailgun.addWebhook', (node?: unknown, args?: unknown) => addWebhook(services, node, args)),
    vscode.commands.registerCommand('mailgun.editWebhookEvents', (node?: unknown, args?: unknown) => editWebhookEvents(services, node, args)),
    vscode.commands.registerCommand('mailgun.deleteWebhook', (node?: unknown, args?: unknown) => deleteWebhook(services, node, args)),
  ];
}
