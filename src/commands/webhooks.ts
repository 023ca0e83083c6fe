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
import { l10n } from 'vscode';

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
    reportOutcome(ctx.log, 'info', l10n.t('{0} has no webhooks.', domainName));
    throw new UserCancelledError();
  }
  const picked = await ctx.ui.pick(
    urls.map((url) => ({ label: url, description: eventTypesOf(map, url).join(', ') })),
    { title, placeHolder: l10n.t('Choose a webhook URL'), matchOnDescription: true },
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
    reportRefusal(ctx.log, l10n.t('{0} is no longer a webhook of {1}; the list has been refreshed.', url, domainName));
    return undefined;
  }
  return { url, types };
}

/** From the Webhooks list, an event type (preselected), or the palette. */
export async function addWebhook(ctx: CommandContext, node?: TreeNode): Promise<DomainWebhooks | undefined> {
  ctx.errorHandling.action = 'Could not add the webhook';
  const target = await domainOf(ctx, node, l10n.t('Add Webhook'));
  const { domainName } = target;
  const title = l10n.t('Add Webhook to {0}', domainName);
  const client = await clientOf(ctx, target);
  const preselected = node instanceof WebhookEventNode ? [node.eventType] : [];
  const { url, eventTypes, current } = await askNewWebhook(ctx.ui, ctx, title, () => client.domainWebhooks.list(domainName), preselected);
  const problem = eventTypesProblem(current, eventTypes, url);
  if (problem) return void reportRefusal(ctx.log, l10n.t('The webhook was not added to {0}. {1}', domainName, problem));

  const map = await client.domainWebhooks.create(domainName, { url, event_types: eventTypes });
  webhookChanged(ctx, webhooksOf(target), l10n.t('{0} now posts {1} events to {2}.', domainName, eventTypes.join(', '), url), url);
  return map;
}

export async function editWebhookEvents(ctx: CommandContext, node?: TreeNode): Promise<DomainWebhooks | undefined> {
  ctx.errorHandling.action = 'Could not change the webhook';
  const target = await domainOf(ctx, node, l10n.t('Edit Webhook Events'));
  const { domainName } = target;
  const { client, map: current } = await domainWebhooks(ctx, target);
  const found = await existingUrl(ctx, node, undefined, current, target, l10n.t('Edit Webhook Events'));
  if (!found) return undefined;
  const { url, types: before } = found;
  const eventTypes = await pickEventTypes(ctx.ui, l10n.t('Events {0} posts to {1}', domainName, url), current, before, url);
  if (eventTypes.length === 0) return void reportRefusal(ctx.log, l10n.t('Choose at least one event type. To stop posting to {0}, use "Delete Webhook…".', url));
  if (eventTypes.length === before.length && eventTypes.every((t) => before.includes(t))) {
    reportOutcome(ctx.log, 'info', l10n.t('No change: {0} keeps {1}.', url, before.join(', ')));
    return current;
  }
  const problem = eventTypesProblem(current, eventTypes, url);
  if (problem) return void reportRefusal(ctx.log, l10n.t("The webhook's event types were not changed. {0}", problem));

  const map = await client.domainWebhooks.update(domainName, { url, event_types: eventTypes });
  webhookChanged(ctx, webhooksOf(target), l10n.t('{0} now posts {1} events to {2}.', domainName, eventTypes.join(', '), url));
  return map;
}

type Scope = 'url' | 'eventType';

async function askDeleteScope(ctx: CommandContext, url: string, eventType: string, types: string[]): Promise<Scope> {
  const picked = await ctx.ui.pick(
    [
      { label: l10n.t('From every event type'), description: types.join(', '), scope: 'url' as const },
      { label: l10n.t('Only from {0}', eventType), description: l10n.t('keeps {0}', types.filter((t) => t !== eventType).join(', ')), scope: 'eventType' as const },
    ],
    { title: l10n.t('Delete Webhook {0}', url), placeHolder: l10n.t('Remove the URL from which event types?') },
  );
  return picked.scope;
}

/** Deletes a URL from all its event types or from one, or (on an event type node) every URL of that event type. */
export async function deleteWebhook(ctx: CommandContext, node?: TreeNode): Promise<boolean> {
  ctx.errorHandling.action = 'Could not delete the webhook';
  ctx.errorHandling.retry = again(ctx, (c) => deleteWebhook(c, node));
  const target = await domainOf(ctx, node, l10n.t('Delete Webhook'));
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
    if (retryOfSent && ((await client.domainWebhooks.list(domainName))[type]?.length ?? 0) === 0) return alreadyGone(l10n.t('{0} no longer posts {1} events: the first attempt deleted them.', domainName, type));
    const n = node.getChildren().length;
    await ctx.ui.confirm(l10n.t('Delete every "{0}" webhook of {1}?', type, domainName), n === 1 ? l10n.t('Mailgun stops posting {0} events to its URL.', type) : l10n.t('Mailgun stops posting {0} events to its {1} URLs.', type, n), l10n.t('Delete'));
    sending();
    await client.domainWebhooks.deleteEventType(domainName, type);
    webhookChanged(ctx, webhooksOf(target), l10n.t('{0} no longer posts {1} events.', domainName, type));
    return true;
  }

  const current = await client.domainWebhooks.list(domainName);
  const eventType = node instanceof WebhookUrlNode ? node.parent.eventType : undefined;
  if (retryOfSent && chosen.url !== undefined) {
    const left = eventTypesOf(current, chosen.url);
    if (left.length === 0 || (chosen.scope === 'eventType' && eventType && !left.includes(eventType))) return alreadyGone(l10n.t('{0} is no longer a webhook of {1}: the first attempt deleted it.', chosen.url, domainName));
  }
  const found = await existingUrl(ctx, node, chosen.url, current, target, l10n.t('Delete Webhook'));
  if (!found) return false;
  const { url, types } = found;
  chosen.url = url;
  const scope = eventType && types.length > 1 && types.includes(eventType) ? (chosen.scope ?? (await askDeleteScope(ctx, url, eventType, types))) : 'url';
  chosen.scope = scope;

  if (scope === 'eventType' && eventType) {
    const remaining = types.filter((t) => t !== eventType);
    await ctx.ui.confirm(l10n.t('Stop posting "{0}" events of {1} to {2}?', eventType, domainName, url), l10n.t('The URL keeps {0}.', remaining.join(', ')), l10n.t('Delete'));
    sending();
    await client.domainWebhooks.update(domainName, { url, event_types: remaining });
  } else {
    await ctx.ui.confirm(l10n.t('Delete the webhook {0} of {1}?', url, domainName), l10n.t('Mailgun stops posting {0} events to it.', types.join(', ')), l10n.t('Delete'));
    sending();
    await client.domainWebhooks.delete(domainName, url);
  }
  webhookChanged(ctx, webhooksOf(target), scope === 'eventType' && eventType ? l10n.t('Deleted the webhook {0} from {1} of {2}.', url, eventType, domainName) : l10n.t('Deleted the webhook {0} of {1}.', url, domainName));
  return true;
}
