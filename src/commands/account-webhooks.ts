import { regionLabel, type AccountWebhook } from '../mailgun';
import { AccountWebhookNode } from '../tree/account-webhook-node';
import type { TreeNode } from '../tree/node';
import { eventTypesProblem, pickEventTypes, type UrlsByEvent } from '../ui/event-types';
import { UserCancelledError } from '../ui/input';
import { reportOutcome, reportRefusal } from '../ui/notify';
import { again, type CommandContext } from './register';
import { clientOf, regionOf, reload, scopeOf, type RegionTarget } from './targets';
import { webhookChanged, webhookUrl } from './webhook-steps';

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
    reportOutcome(ctx.log, 'info', `${where(target)} has no account webhooks.`);
    throw new UserCancelledError();
  }
  const picked = await ctx.ui.pick(
    hooks.map((h) => ({ label: h.url, description: h.description ?? '', detail: h.event_types.join(', '), hook: h })),
    { title, placeHolder: 'Choose an account webhook', matchOnDescription: true, matchOnDetail: true },
  );
  return picked.hook;
}

function askDescription(ctx: CommandContext, title: string, value?: string): Promise<string> {
  return ctx.ui.input({ title, prompt: 'A description (optional)', placeHolder: 'e.g. Production alerts', value, ignoreFocusOut: true });
}

/** From a region's Account Webhooks, or the palette. */
export async function addAccountWebhook(ctx: CommandContext, node?: TreeNode): Promise<string | undefined> {
  ctx.errorHandling.action = 'Could not add the account webhook';
  const target = await regionOf(ctx, node, 'Add Account Webhook');
  const title = `Add Account Webhook to ${where(target)}`;
  const url = await webhookUrl(ctx.ui, title);

  const client = await clientOf(ctx, target);
  const hooks = await client.accountWebhooks.list();
  const same = hooks.find((h) => h.url === url);
  if (same) return void reportRefusal(ctx.log, `${url} is already an account webhook of ${where(target)} (${same.event_types.join(', ')}). Use "Edit Account Webhook…" to change it.`);
  const current = urlsByEvent(hooks);
  const eventTypes = await pickEventTypes(ctx.ui, `${title}: ${url}`, current, [], url);
  const problem = eventTypesProblem(current, eventTypes, url);
  if (problem) return void reportRefusal(ctx.log, `The account webhook was not added. ${problem}`);
  const description = await askDescription(ctx, title);

  const id = await client.accountWebhooks.create({ url, event_types: eventTypes, description: description.trim() || undefined });
  webhookChanged(ctx, scopeOf(target, 'account-webhooks'), `Every domain of ${where(target)} now posts ${eventTypes.join(', ')} events to ${url}.`, url);
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
    reportRefusal(ctx.log, `That account webhook no longer exists in ${where(target)}; the list has been refreshed.`);
    return undefined;
  }
  return { client, hooks, hook };
}

export async function editAccountWebhook(ctx: CommandContext, node?: TreeNode): Promise<boolean> {
  ctx.errorHandling.action = 'Could not change the account webhook';
  const target = await regionOf(ctx, node, 'Edit Account Webhook');
  const found = await findWebhook(ctx, target, node, undefined, 'Edit Account Webhook');
  if (!found) return false;
  const { client, hooks, hook } = found;
  const title = `Edit Account Webhook ${hook.url}`;
  const url = await webhookUrl(ctx.ui, title, hook.url);
  if (hooks.some((h) => h.url === url && h.webhook_id !== hook.webhook_id)) {
    reportRefusal(ctx.log, `${url} is already another account webhook of ${where(target)}.`);
    return false;
  }
  const others = urlsByEvent(hooks, hook.webhook_id);
  const eventTypes = await pickEventTypes(ctx.ui, title, others, hook.event_types);
  const problem = eventTypesProblem(others, eventTypes, url);
  if (problem) {
    reportRefusal(ctx.log, `The account webhook was not changed. ${problem}`);
    return false;
  }
  const description = await askDescription(ctx, title, hook.description ?? '');

  await client.accountWebhooks.update(hook.webhook_id, { url, event_types: eventTypes, description: description.trim() });
  webhookChanged(ctx, scopeOf(target, 'account-webhooks'), `Saved the account webhook ${url} (${eventTypes.join(', ')}).`, url);
  return true;
}

export async function deleteAccountWebhook(ctx: CommandContext, node?: TreeNode): Promise<boolean> {
  ctx.errorHandling.action = 'Could not delete the account webhook';
  ctx.errorHandling.retry = again(ctx, (c) => deleteAccountWebhook(c, node));
  const target = await regionOf(ctx, node, 'Delete Account Webhook');
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
      reportOutcome(ctx.log, 'info', `The account webhook ${chosen.url ?? chosen.webhookId} is no longer in ${where(target)}: the first attempt deleted it.`);
      return true;
    }
  }
  const found = await findWebhook(ctx, target, node, chosen.webhookId, 'Delete Account Webhook');
  if (!found) return false;
  const { client, hook } = found;
  chosen.webhookId = hook.webhook_id;
  chosen.url = hook.url;
  await ctx.ui.confirm(
    `Delete the account webhook ${hook.url}?`,
    `Mailgun stops posting ${hook.event_types.join(', ')} events of every domain of ${where(target)} to it.${hook.description ? ` (${hook.description})` : ''}`,
    'Delete',
  );
  ctx.errorHandling.affected = scopeOf(target, 'account-webhooks');
  ctx.errorHandling.retry = again(ctx, (c) => deleteAccountWebhookOf(c, target, undefined, chosen, true));
  await client.accountWebhooks.delete(hook.webhook_id);
  webhookChanged(ctx, scopeOf(target, 'account-webhooks'), `Deleted the account webhook ${hook.url}.`);
  return true;
}
