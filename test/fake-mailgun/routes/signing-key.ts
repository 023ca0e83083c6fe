// The webhook signing key: GET/POST /v5/accounts/http_signing_key (mailgun-api.md §6). A subaccount has its own,
// reached with X-Mailgun-On-Behalf-Of (inferred: Mailgun signs a subaccount's webhooks with the subaccount's key).
import { randomBytes } from 'node:crypto';
import { json } from '../http';
import type { Ctx, Router } from '../router';

export const newSigningKey = (): string => `key-${randomBytes(16).toString('hex')}`;

/** Whose key the request reaches: the subaccount's it acts for, else the account's. */
const holder = (ctx: Ctx): { signingKey: string } => ctx.subaccount ?? ctx.world;

export function register(router: Router): void {
  router.add('GET', '/v5/accounts/http_signing_key', (ctx) => json(200, { http_signing_key: holder(ctx).signingKey }));
  router.add('POST', '/v5/accounts/http_signing_key', (ctx) => {
    const who = holder(ctx);
    who.signingKey = newSigningKey();
    return json(200, { message: 'regenerated HTTP signing key for account', http_signing_key: who.signingKey });
  });
}
