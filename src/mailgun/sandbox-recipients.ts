// Authorized recipients of sandbox domains: /v5/sandbox/auth_recipients (account-wide). POST takes `email` as a query
// parameter (mailgun-api.md §1.9); Mailgun then emails an invitation, and the recipient is `activated` once accepted.
import * as z from 'zod/mini';
import { looseObject } from './schema-helpers';
import { path, type Transport } from './transport';
import type { CallOptions } from './types';

function buildSchemas() {
  const recipient = looseObject({ email: z.string(), activated: z.optional(z.boolean()) });
  return {
    recipient,
    list: looseObject({ recipients: z.pipe(z.nullish(z.array(recipient)), z.transform((v) => v ?? [])) }),
    added: looseObject({ recipient }),
    removed: looseObject({ message: z.optional(z.string()) }),
  };
}
let schemas: ReturnType<typeof buildSchemas> | undefined;
const sandboxSchemas = () => (schemas ??= buildSchemas());

export type SandboxRecipient = z.output<ReturnType<typeof buildSchemas>['recipient']>;

/** Mailgun's limit of authorized recipients per account. */
export const MAX_SANDBOX_RECIPIENTS = 5;

export function sandboxRecipientsApi(t: Transport) {
  return {
    list: async (opts: CallOptions = {}): Promise<SandboxRecipient[]> =>
      (await t.request({ method: 'GET', path: 'v5/sandbox/auth_recipients', schema: sandboxSchemas().list, signal: opts.signal })).recipients,
    add: async (email: string, opts: CallOptions = {}): Promise<SandboxRecipient> =>
      (await t.request({ method: 'POST', path: 'v5/sandbox/auth_recipients', query: { email: email.trim() }, schema: sandboxSchemas().added, signal: opts.signal })).recipient,
    remove: (email: string, opts: CallOptions = {}) =>
      t.request({ method: 'DELETE', path: path`v5/sandbox/auth_recipients/${email.trim()}`, schema: sandboxSchemas().removed, signal: opts.signal }),
  };
}
