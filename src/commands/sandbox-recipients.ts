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

const stateOf = (r: SandboxRecipient): string => (r.activated ? 'activated' : 'invited, not accepted yet');

/** The activated recipients, the only ones a sandbox domain sends to. */
export async function activatedRecipients(ctx: CommandContext, target: RecipientsTarget): Promise<string[]> {
  return (await (await clientOf(ctx, target)).sandboxRecipients.list()).filter((r) => r.activated).map((r) => r.email);
}

/** From a sandbox domain or its Authorized recipients, or the palette; returns the address added. */
export async function addAuthorizedRecipient(ctx: CommandContext, node?: TreeNode): Promise<string | undefined> {
  const target = await recipientsTarget(ctx, node, 'Add Authorized Recipient');
  const who = `"${target.account.label}"`;
  ctx.errorHandling.action = `Add Authorized Recipient to ${who}`;
  const email = (
    await ctx.ui.input({
      title: `Add Authorized Recipient to the sandbox domains of ${who}`,
      prompt: 'The address to authorize. Mailgun emails it an invitation; sandbox domains send to it once the invitation is accepted.',
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
  if (same) return void reportRefusal(ctx.log, `${same.email} is already an authorized recipient of ${who} (${stateOf(same)}).`);
  if (current.length >= MAX_SANDBOX_RECIPIENTS) {
    return void reportRefusal(ctx.log, `${who} already has ${current.length} authorized recipients, the most Mailgun allows. Remove one first with "Remove Authorized Recipient".`);
  }
  // Sent: it may have gone through when it fails, so the list reloads (a Retry then finds the address listed).
  ctx.errorHandling.affected = listOf(node);
  const added = await client.sandboxRecipients.add(email);
  reloadLists(ctx, target.account.id);
  reportOutcome(
    ctx.log,
    'info',
    added.activated
      ? `${added.email} is an authorized recipient of ${who}: sandbox domains can send to it.`
      : `Mailgun emailed an invitation to ${added.email}. Sandbox domains of ${who} send to it once the invitation is accepted.`,
  );
  return added.email;
}

/** From a recipient, or the palette (asks which); returns whether one was removed. */
export async function removeAuthorizedRecipient(ctx: CommandContext, node?: TreeNode): Promise<boolean> {
  const target = await recipientsTarget(ctx, node, 'Remove Authorized Recipient');
  const who = `"${target.account.label}"`;
  ctx.errorHandling.action = `Remove Authorized Recipient from ${who}`;
  const client = await clientOf(ctx, target);
  let email: string;
  if (node instanceof SandboxRecipientNode) email = node.recipient.email;
  else {
    const current = await client.sandboxRecipients.list();
    if (current.length === 0) {
      reportOutcome(ctx.log, 'info', `${who} has no authorized recipients. ${sandboxNote()}`);
      throw new UserCancelledError();
    }
    const picked = await ctx.ui.pick(
      current.map((r) => ({ label: r.email, description: stateOf(r), recipient: r })),
      { title: `Remove Authorized Recipient from ${who}`, placeHolder: 'Choose the recipient to remove' },
    );
    email = picked.recipient.email;
  }
  ctx.errorHandling.action = `Remove Authorized Recipient ${email}`;
  await ctx.ui.confirm(
    `Remove ${email} from the authorized recipients of ${who}?`,
    'Sandbox domains can no longer send to it. Adding it again sends a new invitation to accept.',
    'Remove',
  );
  ctx.errorHandling.affected = listOf(node);
  ctx.errorHandling.retry = again(ctx, (c) => removeAuthorizedRecipient(c, node));
  await client.sandboxRecipients.remove(email);
  reloadLists(ctx, target.account.id);
  reportOutcome(ctx.log, 'info', `Removed ${email} from the authorized recipients of ${who}: sandbox domains no longer send to it.`);
  return true;
}
