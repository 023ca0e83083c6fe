// Authorized recipients of sandbox domains: Add (Mailgun emails an invitation) and Remove. One list per account.
import type { Account } from '../accounts/account-store';
import { MAX_SANDBOX_RECIPIENTS, validateEmail, type Region, type SandboxRecipient } from '../mailgun';
import { ancestorOf } from '../tree/ancestors';
import { DomainNode } from '../tree/domain-node';
import type { TreeNode } from '../tree/node';
import type { TreeScope } from '../tree/scope';
import { RegionNode } from '../tree/region-node';
import { SandboxRecipientNode } from '../tree/sandbox-recipient-node';
import { sandboxNote } from '../tree/sandbox-recipients-node';
import { UserCancelledError } from '../ui/input';
import { reportOutcome, reportRefusal } from '../ui/notify';
import { again, type CommandContext } from './register';
import { accountOf, clientOf, firstRegion, scopeOf } from './targets';
import { l10n } from 'vscode';

interface RecipientsTarget {
  account: Account;
  region: Region;
}

/** The account (and a region to ask through) of the item, else the account picked; the list is the whole account's. */
async function recipientsTarget(ctx: CommandContext, node: TreeNode | undefined, title: string): Promise<RecipientsTarget> {
  const where = ancestorOf(node, DomainNode) ?? ancestorOf(node, RegionNode);
  if (where) return { account: where.account, region: where.region };
  return { account: await accountOf(ctx, node, title), region: firstRegion() };
}

const PART = 'authorizedRecipients';

/** After a change: every loaded sandbox domain of the account shows the list again (it is shared). */
function reloadLists(ctx: CommandContext, accountId: string): void {
  ctx.tree.invalidateEverywhere(accountId, PART);
}

/** The list under the item's sandbox domain, for a failure to reload. */
function listOf(node: TreeNode | undefined): TreeScope | undefined {
  const domain = ancestorOf(node, DomainNode);
  return domain && scopeOf({ account: domain.account, region: domain.region, domainName: domain.domainName }, PART);
}

const stateOf = (r: SandboxRecipient): string => (r.activated ? l10n.t('activated') : l10n.t('invited, not accepted yet'));

/** The activated recipients, the only ones a sandbox domain sends to. */
export async function activatedRecipients(ctx: CommandContext, target: RecipientsTarget): Promise<string[]> {
  return (await (await clientOf(ctx, target)).sandboxRecipients.list()).filter((r) => r.activated).map((r) => r.email);
}

/** From a sandbox domain or its Authorized recipients, or the palette; returns the address added. */
export async function addAuthorizedRecipient(ctx: CommandContext, node?: TreeNode): Promise<string | undefined> {
  const target = await recipientsTarget(ctx, node, l10n.t('Add Authorized Recipient'));
  const who = `"${target.account.label}"`;
  ctx.errorHandling.action = `Add Authorized Recipient to ${who}`;
  const email = (
    await ctx.ui.input({
      title: l10n.t('Add Authorized Recipient to the sandbox domains of {0}', who),
      prompt: l10n.t('The address to authorize. Mailgun emails it an invitation; sandbox domains send to it once the invitation is accepted.'),
      placeHolder: 'you@example.com',
      validateInput: validateEmail,
      ignoreFocusOut: true,
    })
  ).trim();
  ctx.errorHandling.action = `Add Authorized Recipient ${email}`;
  ctx.errorHandling.retry = again(ctx, (c) => addAuthorizedRecipient(c, node));
  const client = await clientOf(ctx, target);
  const current = await client.sandboxRecipients.list();
  const same = current.find((r) => r.email.toLowerCase() === email.toLowerCase());
  if (same) return void reportRefusal(ctx.log, l10n.t('{0} is already an authorized recipient of {1} ({2}).', same.email, who, stateOf(same)));
  if (current.length >= MAX_SANDBOX_RECIPIENTS) {
    return void reportRefusal(ctx.log, l10n.t('{0} already has {1} authorized recipients, the most Mailgun allows. Remove one first with "Remove Authorized Recipient".', who, current.length));
  }
  // Sent: it may have gone through when it fails, so the list reloads (a Retry then finds the address listed).
  ctx.errorHandling.affected = listOf(node);
  const added = await client.sandboxRecipients.add(email);
  reloadLists(ctx, target.account.id);
  reportOutcome(
    ctx.log,
    'info',
    added.activated
      ? l10n.t('{0} is an authorized recipient of {1}: sandbox domains can send to it.', added.email, who)
      : l10n.t('Mailgun emailed an invitation to {0}. Sandbox domains of {1} send to it once the invitation is accepted.', added.email, who),
  );
  return added.email;
}

/** From a recipient, or the palette (asks which); returns whether one was removed. */
export async function removeAuthorizedRecipient(ctx: CommandContext, node?: TreeNode): Promise<boolean> {
  const target = await recipientsTarget(ctx, node, l10n.t('Remove Authorized Recipient'));
  const who = `"${target.account.label}"`;
  ctx.errorHandling.action = `Remove Authorized Recipient from ${who}`;
  const client = await clientOf(ctx, target);
  let email: string;
  if (node instanceof SandboxRecipientNode) email = node.recipient.email;
  else {
    const current = await client.sandboxRecipients.list();
    if (current.length === 0) {
      reportOutcome(ctx.log, 'info', l10n.t('{0} has no authorized recipients. {1}', who, sandboxNote()));
      throw new UserCancelledError();
    }
    const picked = await ctx.ui.pick(
      current.map((r) => ({ label: r.email, description: stateOf(r), recipient: r })),
      { title: l10n.t('Remove Authorized Recipient from {0}', who), placeHolder: l10n.t('Choose the recipient to remove') },
    );
    email = picked.recipient.email;
  }
  ctx.errorHandling.action = `Remove Authorized Recipient ${email}`;
  await ctx.ui.confirm(
    l10n.t('Remove {0} from the authorized recipients of {1}?', email, who),
    l10n.t('Sandbox domains can no longer send to it. Adding it again sends a new invitation to accept.'),
    l10n.t('Remove'),
  );
  ctx.errorHandling.affected = listOf(node);
  ctx.errorHandling.retry = again(ctx, (c) => removeAuthorizedRecipient(c, node));
  await client.sandboxRecipients.remove(email);
  reloadLists(ctx, target.account.id);
  reportOutcome(ctx.log, 'info', l10n.t('Removed {0} from the authorized recipients of {1}: sandbox domains no longer send to it.', email, who));
  return true;
}
