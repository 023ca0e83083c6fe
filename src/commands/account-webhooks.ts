import { regionLabel, type AccountWebhook } from '../mailgun';
import { AccountWebhookNode } from '../tree/account-webhook-node';
import type { TreeNode } from '../tree/node';
import { eventTypesProblem, pickEventTypes, type UrlsByEvent } from '../ui/event-types';
import { UserCancelledError } from '../ui/input';
import { reportOutcome, reportRefusal } from '../ui/notify';
import { again, type CommandContext } from './register';
import { clientOf, regionOf, reload, scopeOf, type RegionTarget } from './targets';
import { webhookChanged, webhookUrl } from './webhook-steps';
import { l10n } from 'vscode';

/** Event type → URLs across a region's account webhooks, leaving one webhook out (the one being edited). */
function urlsByEvent(hooks: readonly AccountWebhook[], except?: string): UrlsByEvent {
  const map: Record<string, string[]> = {};
  for (const h of hooks) if (h.webhook_id !== except) for (const t of h.event_types) (map[t] ??= []).push(h.url);
  return map;
}

function where(target: RegionTarget): string {
  return `"${target.account.label}" (${regionLabel(target.region)})`;
}

async function pickAccountWebhook(ctx: CommandContext, hooks: readonly AccountWebhook[], title: string, target: RegionTarget): Promise<AccountWebhook> {
  if (hooks.length === 0) {
    reportOutcome(ctx.log, 'info', l10n.t('{0} has no account webhooks.', where(target)));
    throw new UserCancelledError();
  }
  const picked = await ctx.ui.pick(
    hooks.map((h) => ({ label: h.url, description: h.description ?? '', detail: h.event_types.join(', '), hook: h })),
    { title, placeHolder: l10n.t('Choose an account webhook'), matchOnDescription: true, matchOnDetail: true },
  );
  return picked.hook;
}

function askDescription(ctx: CommandContext, title: string, value?: string): Promise<string> {
  return ctx.ui.input({ title, prompt: l10n.t('A description (optional)'), placeHolder: l10n.t('e.g. Production alerts'), value, ignoreFocusOut: true });
}

/** From a region's Account Webhooks, or the palette. */
export async function addAccountWebhook(ctx: CommandContext, node?: TreeNode): Promise<string | undefined> {
  ctx.errorHandling.action = 'Could not add the account webhook';
  const target = await regionOf(ctx, node, l10n.t('Add Account Webhook'));
  const title = l10n.t('Add Account Webhook to {0}', where(target));
  const url = await webhookUrl(ctx.ui, title);

  const client = await clientOf(ctx, target);
  const hooks = await client.accountWebhooks.list();
  const same = hooks.find((h) => h.url === url);
  if (same) return void reportRefusal(ctx.log, l10n.t('{0} is already an account webhook of {1} ({2}). Use "Edit Account Webhook…" to change it.', url, where(target), same.event_types.join(', ')));
  const current = urlsByEvent(hooks);
  const eventTypes = await pickEventTypes(ctx.ui, `${title}: ${url}`, current, [], url);
  const problem = eventTypesProblem(current, eventTypes, url);
  if (problem) return void reportRefusal(ctx.log, l10n.t('The account webhook was not added. {0}', problem));
  const description = await askDescription(ctx, title);

  const id = await client.accountWebhooks.create({ url, event_types: eventTypes, description: description.trim() || undefined });
  webhookChanged(ctx, scopeOf(target, 'account-webhooks'), l10n.t('Every domain of {0} now posts {1} events to {2}.', where(target), eventTypes.join(', '), url), url);
  return id;
}

/** The webhook of a known region a command acts on, read again from Mailgun: the node's, the id known, or one picked. */
async function findWebhook(ctx: CommandContext, target: RegionTarget, node: TreeNode | undefined, knownId: string | undefined, title: string) {
  const client = await clientOf(ctx, target);
  const hooks = await client.accountWebhooks.list();
  const id = node instanceof AccountWebhookNode ? node.webhook.webhook_id : knownId;
  const hook = id !== undefined ? hooks.find((h) => h.webhook_id === id) : await pickAccountWebhook(ctx, hooks, `${title} (${where(target)})`, target);
  if (!hook) {
    reload(ctx, scopeOf(target, 'account-webhooks'));
    reportRefusal(ctx.log, l10n.t('That account webhook no longer exists in {0}; the list has been refreshed.', where(target)));
    return undefined;
  }
  return { client, hooks, hook };
}

export async function editAccountWebhook(ctx: CommandContext, node?: TreeNode): Promise<boolean> {
  ctx.errorHandling.action = 'Could not change the account webhook';
  const target = await regionOf(ctx, node, l10n.t('Edit Account Webhook'));
  const found = await findWebhook(ctx, target, node, undefined, l10n.t('Edit Account Webhook'));
  if (!found) return false;
  const { client, hooks, hook } = found;
  const title = l10n.t('Edit Account Webhook {0}', hook.url);
  const url = await webhookUrl(ctx.ui, title, hook.url);
  if (hooks.some((h) => h.url === url && h.webhook_id !== hook.webhook_id)) {
    reportRefusal(ctx.log, l10n.t('{0} is already another account webhook of {1}.', url, where(target)));
    return false;
  }
  const others = urlsByEvent(hooks, hook.webhook_id);
  const eventTypes = await pickEventTypes(ctx.ui, title, others, hook.event_types);
  const problem = eventTypesProblem(others, eventTypes, url);
  if (problem) {
    reportRefusal(ctx.log, l10n.t('The account webhook was not changed. {0}', problem));
    return false;
  }
  const description = await askDescription(ctx, title, hook.description ?? '');

  await client.accountWebhooks.update(hook.webhook_id, { url, event_types: eventTypes, description: description.trim() });
  webhookChanged(ctx, scopeOf(target, 'account-webhooks'), l10n.t('Saved the account webhook {0} ({1}).', url, eventTypes.join(', ')), url);
  return true;
}

export async function deleteAccountWebhook(ctx: CommandContext, node?: TreeNode): Promise<boolean> {
  ctx.errorHandling.action = 'Could not delete the account webhook';
  ctx.errorHandling.retry = again(ctx, (c) => deleteAccountWebhook(c, node));
  const target = await regionOf(ctx, node, l10n.t('Delete Account Webhook'));
  return deleteAccountWebhookOf(ctx, target, node, {});
}

/**
 * Delete Account Webhook once the region is known. After a failure the list reloads when the delete was sent (it
 * may have been applied), and Retry reads the webhooks again and deletes the same one, asking again.
 */
async function deleteAccountWebhookOf(ctx: CommandContext, target: RegionTarget, node: TreeNode | undefined, chosen: { webhookId?: string; url?: string }, retryOfSent = false): Promise<boolean> {
  // The webhook is named by its id from now on: the node may be gone after the reload.
  ctx.errorHandling.retry = again(ctx, (c) => deleteAccountWebhookOf(c, target, undefined, chosen, false));
  if (retryOfSent && chosen.webhookId !== undefined) {
    const hooks = await (await clientOf(ctx, target)).accountWebhooks.list();
    if (!hooks.some((h) => h.webhook_id === chosen.webhookId)) {
      reload(ctx, scopeOf(target, 'account-webhooks'));
      reportOutcome(ctx.log, 'info', l10n.t('The account webhook {0} is no longer in {1}: the first attempt deleted it.', chosen.url ?? chosen.webhookId, where(target)));
      return true;
    }
  }
  const found = await findWebhook(ctx, target, node, chosen.webhookId, l10n.t('Delete Account Webhook'));
  if (!found) return false;
  const { client, hook } = found;
  chosen.webhookId = hook.webhook_id;
  chosen.url = hook.url;
  await ctx.ui.confirm(
    l10n.t('Delete the account webhook {0}?', hook.url),
    `${l10n.t('Mailgun stops posting {0} events of every domain of {1} to it.', hook.event_types.join(', '), where(target))}${hook.description ? ` (${hook.description})` : ''}`,
    l10n.t('Delete'),
  );
  ctx.errorHandling.affected = scopeOf(target, 'account-webhooks');
  ctx.errorHandling.retry = again(ctx, (c) => deleteAccountWebhookOf(c, target, undefined, chosen, true));
  await client.accountWebhooks.delete(hook.webhook_id);
  webhookChanged(ctx, scopeOf(target, 'account-webhooks'), l10n.t('Deleted the account webhook {0}.', hook.url));
  return true;
}
