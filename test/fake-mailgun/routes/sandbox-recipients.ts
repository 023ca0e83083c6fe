// Authorized recipients of sandbox domains: /v5/sandbox/auth_recipients (mailgun-api.md §1.9, SPEC). Account-wide,
// so both regions see the same list. A new recipient is not activated until they accept Mailgun's invitation.
import { json, message, type Reply } from '../http';
import type { Ctx, Router } from '../router';
import type { World } from '../state';

const MAX = 5;
const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

const recipients = (ctx: Ctx): NonNullable<World['sandboxRecipients']> => (ctx.world.sandboxRecipients ??= new Map<string, { email: string; activated: boolean }>());

function list(ctx: Ctx): Reply {
  return json(200, { recipients: [...recipients(ctx).values()] });
}

function add(ctx: Ctx): Reply {
  const email = ctx.query.get('email')?.trim() ?? '';
  if (!ADDRESS.test(email)) return message(400, 'Invalid email address.');
  const all = recipients(ctx);
  const existing = all.get(email.toLowerCase());
  if (existing) return json(200, { recipient: existing });
  if (all.size >= MAX) return message(400, `Only ${MAX} sandbox recipients are allowed`);
  const recipient = { email, activated: false };
  all.set(email.toLowerCase(), recipient);
  return json(200, { recipient });
}

function remove(ctx: Ctx): Reply {
  const email = ctx.params.email.trim();
  if (!ADDRESS.test(email)) return message(400, 'Invalid email address.');
  // Removing an address that is not on the list: not recorded; answered like a removal.
  recipients(ctx).delete(email.toLowerCase());
  return message(200, 'Sandbox recipient deleted.');
}

export function register(router: Router): void {
  router.add('GET', '/v5/sandbox/auth_recipients', list);
  router.add('POST', '/v5/sandbox/auth_recipients', add);
  router.add('DELETE', '/v5/sandbox/auth_recipients/:email', remove);
}
