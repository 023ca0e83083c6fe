// The account's webhook signing key: GET/POST /v5/accounts/http_signing_key (mailgun-api.md §6).
import { randomBytes } from 'node:crypto';
import { json } from '../http';
import type { Router } from '../router';

export const newSigningKey = (): string => `key-${randomBytes(16).toString('hex')}`;

export function register(router: Router): void {
  router.add('GET', '/v5/accounts/http_signing_key', ({ world }) => json(200, { http_signing_key: world.signingKey }));
  router.add('POST', '/v5/accounts/http_signing_key', ({ world }) => {
    world.signingKey = newSigningKey();
    return json(200, { message: 'regenerated HTTP signing key for account', http_signing_key: world.signingKey });
  });
}
