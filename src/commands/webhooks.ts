import type { DomainWebhooks, MailgunClient } from '../mailgun';
import type { Services } from '../services';
import type { TreeNode } from '../tree/node';
import { WebhookEventNode } from '../tree/webhook-event-node';
import type { TreeScope } from '../tree/scope';
import { WebhookUrlNode } from '../tree/webhook-url-node';
import { eventTypesOf, eventTypesProblem, pickEventTypes } from '../ui/event-types';
import { UserCancelledError } from '../ui/input';
import { reportOutcome, reportRefusal } from '../ui/notify';
import type { DomainTarget } from '../ui/pickers';
import { again, type CommandContext } from './register';
import { clientOf, domainOf, reload, scopeOf, type DomainRef } from './targets';
import { askNewWebhook, webhookChanged } from './webhook-steps';

function webhooksOf(target: DomainRef): TreeScope {
  return scopeOf(target, 'webhooks');
}

/** The client and domain-webhook map of a domain, for the webhook commands. */
export async function domainWebhooks(services: Services, target: DomainTarget): Promise<{ client: MailgunClient; map: DomainWebhooks }> {
  const client = await clientOf(services, target);
  return { client, map: await client.domainWebhooks.list(target.domainName) };
}

/** A domain's webhook URL picked in the palette, each shown with its event types. */
async function pickWebhookUrl(ctx: CommandContext, map: DomainWebhooks, title: string, domainName: string): Promise<string> {
  const urls = [...new Set(Object.values(map).flat())];
  if (urls.length === 0) {
    reportOutcome(ctx.log, 'info', `${domainName} has no webhooks.`);
    throw new UserCancelledError();
  }
  const picked = await ctx.ui.pick(
    urls.map((url) => ({ label: url, description: eventTypesOf(map, url).join(', ') })),
    { title, placeHolder: 'Choose a webhook URL', matchOnDescription: true },
  );
  return picked.label;
}

/**
 * The URL a command acts on, with its event types as Mailgun has them now: the node's, the one known, or one
 * picked. A URL that is gone is said, and its list reloaded.
 */
async function existingUrl(ctx: CommandContext, node: TreeNode | undefined, known: string | undefined, map: DomainWebhooks, target: DomainRef, title: string): Promise<{ url: string; types: string[] } | undefined> {
  const { domainName } = target;
  const url = node instanceof WebhookUrlNode ? node.url : (known ?? (await pickWebhookUrl(ctx, map, `${title} (${domainName})`, domainName)));
  const types = eventTypesOf(map, url);
  if (types.length === 0) {
    reload(ctx, webhooksOf(target));
    reportRefusal(ctx.log, `${url} is no longer a webhook of ${domainName}; the list has been refreshed.`);
    return undefined;
  }
  return { url, types };
}

/** From the Webhooks list, an event type (preselected), or the palette. */
export async function addWebhook(ctx: CommandContext, node?: TreeNode): Promise<DomainWebhooks | undefined> {
  ctx.errorHandling.action = 'Could not add the webhook';
  const target = await domainOf(ctx, node, 'Add Webhook');
  const { domainName } = target;
  const title = `Add Webhook to ${domainName}`;
  const client = await clientOf(ctx, target);
  const preselected = node instanceof WebhookEventNode ? [node.eventType] : [];
  const { url, eventTypes, current } = await askNewWebhook(ctx.ui, ctx, title, () => client.domainWebhooks.list(domainName), preselected);
  const problem = eventTypesProblem(current, eventTypes, url);
  if (problem) return void reportRefusal(ctx.log, `The webhook was not added to ${domainName}. ${problem}`);

  const map = await client.domainWebhooks.create(domainName, { url, event_types: eventTypes });
  webhookChanged(ctx, webhooksOf(target), `${domainName} now posts ${eventTypes.join(', ')} events to ${url}.`, url);
  return map;
}

export async function editWebhookEvents(ctx: CommandContext, node?: TreeNode): Promise<DomainWebhooks | undefined> {
  ctx.errorHandling.action = 'Could not change the webhook';
  const target = await domainOf(ctx, node, 'Edit Webhook Events');
  const { domainName } = target;
  const { client, map: current } = await domainWebhooks(ctx, target);
  const found = await existingUrl(ctx, node, undefined, current, target, 'Edit Webhook Events');
  if (!found) return undefined;
  const { url, types: before } = found;
  const eventTypes = await pickEventTypes(ctx.ui, `Events ${domainName} posts to ${url}`, current, before, url);
  if (eventTypes.length === 0) return void reportRefusal(ctx.log, `Choose at least one event type. To stop posting to ${url}, use "Delete Webhook…".`);
  if (eventTypes.length === before.length && eventTypes.every((t) => before.includes(t))) {
    reportOutcome(ctx.log, 'info', `No change: ${url} keeps ${before.join(', ')}.`);
    return current;
  }
  const problem = eventTypesProblem(current, eventTypes, url);
  if (problem) return void reportRefusal(ctx.log, `The webhook's event types were not changed. ${problem}`);

  const map = await client.domainWebhooks.update(domainName, { url, event_types: eventTypes });
  webhookChanged(ctx, webhooksOf(target), `${domainName} now posts ${eventTypes.join(', ')} events to ${url}.`);
  return map;
}

type Scope = 'url' | 'eventType';

async function askDeleteScope(ctx: CommandContext, url: string, eventType: string, types: string[]): Promise<Scope> {
  const picked = await ctx.ui.pick(
    [
      { label: 'From every event type', description: types.join(', '), scope: 'url' as const },
      { label: `Only from ${eventType}`, description: `keeps ${types.filter((t) => t !== eventType).join(', ')}`, scope: 'eventType' as const },
    ],
    { title: `Delete Webhook ${url}`, placeHolder: 'Remove the URL from which event types?' },
  );
  return picked.scope;
}

/** Deletes a URL from all its event types or from one, or (on an event type node) every URL of that event type. */
export async function deleteWebhook(ctx: CommandContext, node?: TreeNode): Promise<boolean> {
  ctx.errorHandling.action = 'Could not delete the webhook';
  ctx.errorHandling.retry = again(ctx, (c) => deleteWebhook(c, node));
  const target = await domainOf(ctx, node, 'Delete Webhook');
  return deleteWebhookOf(ctx, target, node, {});
}

/**
 * Delete Webhook once the domain is known. After a failure the webhook list reloads when the change was sent (it may
 * have been applied), and Retry reads the webhooks again and deletes the same URL (or event type), asking again.
 */
async function deleteWebhookOf(ctx: CommandContext, target: DomainRef, node: TreeNode | undefined, chosen: { url?: string; scope?: Scope }, retryOfSent = false): Promise<boolean> {
  const { domainName } = target;
  ctx.errorHandling.retry = again(ctx, (c) => deleteWebhookOf(c, target, node, chosen, false));
  const sending = (): void => {
    ctx.errorHandling.affected = webhooksOf(target);
    ctx.errorHandling.retry = again(ctx, (c) => deleteWebhookOf(c, target, node, chosen, true));
  };
  // A Retry after a failure that came once the delete was sent: the first attempt may have gone through.
  const alreadyGone = (sentence: string): boolean => {
    reload(ctx, webhooksOf(target));
    reportOutcome(ctx.log, 'info', sentence);
    return true;
  };
  const client = await clientOf(ctx, target);
  if (node instanceof WebhookEventNode) {
    const type = node.eventType;
    if (retryOfSent && ((await client.domainWebhooks.list(domainName))[type]?.length ?? 0) === 0) return alreadyGone(`${domainName} no longer posts ${type} events: the first attempt deleted them.`);
    const n = node.getChildren().length;
    await ctx.ui.confirm(`Delete every "${type}" webhook of ${domainName}?`, `Mailgun stops posting ${type} events to ${n === 1 ? 'its URL' : `its ${n} URLs`}.`, 'Delete');
    sending();
    await client.domainWebhooks.deleteEventType(domainName, type);
    webhookChanged(ctx, webhooksOf(target), `${domainName} no longer posts ${type} events.`);
    return true;
  }

  const current = await client.domainWebhooks.list(domainName);
  const eventType = node instanceof WebhookUrlNode ? node.parent.eventType : undefined;
  if (retryOfSent && chosen.url !== undefined) {
    const left = eventTypesOf(current, chosen.url);
    if (left.length === 0 || (chosen.scope === 'eventType' && eventType && !left.includes(eventType))) return alreadyGone(`${chosen.url} is no longer a webhook of ${domainName}: the first attempt deleted it.`);
  }
  const found = await existingUrl(ctx, node, chosen.url, current, target, 'Delete Webhook');
  if (!found) return false;
  const { url, types } = found;
  chosen.url = url;
  const scope = eventType && types.length > 1 && types.includes(eventType) ? (chosen.scope ?? (await askDeleteScope(ctx, url, eventType, types))) : 'url';
  chosen.scope = scope;

  if (scope === 'eventType' && eventType) {
    const remaining = types.filter((t) => t !== eventType);
    await ctx.ui.confirm(`Stop posting "${eventType}" events of ${domainName} to ${url}?`, `The URL keeps ${remaining.join(', ')}.`, 'Delete');
    sending();
    await client.domainWebhooks.update(domainName, { url, event_types: remaining });
  } else {
    await ctx.ui.confirm(`Delete the webhook ${url} of ${domainName}?`, `Mailgun stops posting ${types.join(', ')} events to it.`, 'Delete');
    sending();
    await client.domainWebhooks.delete(domainName, url);
  }
  webhookChanged(ctx, webhooksOf(target), `Deleted the webhook ${url}${scope === 'eventType' ? ` from ${eventType}` : ''} of ${domainName}.`);
  return true;
}
