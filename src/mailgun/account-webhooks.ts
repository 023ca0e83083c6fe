import * as z from 'zod/mini';
import { anyResponse, form, lazySchemas, list, looseObject } from './schema-helpers';
import { path, type Transport } from './transport';
import type { CallOptions } from './types';

function buildSchemas() {
  const accountWebhook = looseObject({
    webhook_id: z.string(),
    url: z.string(),
    event_types: list(z.string()),
    description: z.nullish(z.string()),
    created_at: z.optional(z.string()),
  });
  return {
    accountWebhook,
    listResponse: z.pipe(looseObject({ webhooks: list(accountWebhook) }), z.transform((r) => r.webhooks)),
    created: z.pipe(looseObject({ webhook_id: z.string() }), z.transform((r) => r.webhook_id)),
  };
}
export const accountWebhookSchemas = /* @__PURE__ */ lazySchemas(buildSchemas);
export type AccountWebhook = z.output<ReturnType<typeof buildSchemas>['accountWebhook']>;

export interface AccountWebhookInput {
  url: string;
  event_types: readonly string[];
  description?: string;
}

const body = (input: AccountWebhookInput) => ({ form: form({ url: input.url, event_types: input.event_types, description: input.description }) });

/** Region-level webhooks (/v1/webhooks): each region has its own set. */
export function accountWebhooksApi(t: Transport) {
  return {
    list: (query: { webhook_ids?: readonly string[] } = {}, opts: CallOptions = {}): Promise<AccountWebhook[]> =>
      t.request({
        method: 'GET',
        path: 'v1/webhooks',
        query: { webhook_ids: query.webhook_ids?.join(',') },
        schema: accountWebhookSchemas().listResponse,
        signal: opts.signal,
        // An account with none answers 404 "no webhooks found for account".
        recover: (e) => (e.kind === 'notFound' && /no webhooks found/i.test(e.serverMessage ?? '') ? [] : undefined),
      }),
    /** Returns the new webhook's id. */
    create: (input: AccountWebhookInput, opts: CallOptions = {}): Promise<string> =>
      t.request({ method: 'POST', path: 'v1/webhooks', body: body(input), schema: accountWebhookSchemas().created, signal: opts.signal }),
    get: (id: string, opts: CallOptions = {}): Promise<AccountWebhook> =>
      t.request({ method: 'GET', path: path`v1/webhooks/${id}`, schema: accountWebhookSchemas().accountWebhook, signal: opts.signal }),
    /** Full replacement of URL, event types and description (204). */
    update: async (id: string, input: AccountWebhookInput, opts: CallOptions = {}): Promise<void> => {
      await t.request({ method: 'PUT', path: path`v1/webhooks/${id}`, body: body(input), schema: anyResponse(), signal: opts.signal });
    },
    delete: async (id: string, opts: CallOptions = {}): Promise<void> => {
      await t.request({ method: 'DELETE', path: path`v1/webhooks/${id}`, schema: anyResponse(), signal: opts.signal });
    },
    deleteMany: async (ids: readonly string[], opts: CallOptions = {}): Promise<void> => {
      if (ids.length === 0) return;
      await t.request({ method: 'DELETE', path: 'v1/webhooks', query: { webhook_ids: ids.join(',') }, schema: anyResponse(), signal: opts.signal });
    },
    deleteAll: async (opts: CallOptions = {}): Promise<void> => {
      await t.request({ method: 'DELETE', path: 'v1/webhooks', query: { all: 'true' }, schema: anyResponse(), signal: opts.signal });
    },
  };
}

export type AccountWebhooksApi = ReturnType<typeof accountWebhooksApi>;
