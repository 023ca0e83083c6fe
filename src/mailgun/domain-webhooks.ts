import * as z from 'zod';
import { form } from './schema-helpers';
import { path, type Transport } from './transport';
import type { CallOptions } from './types';

export const WEBHOOK_EVENT_TYPES = ['accepted', 'clicked', 'opened', 'unsubscribed', 'delivered', 'permanent_fail', 'temporary_fail', 'complained'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Mailgun allows at most this many URLs per event type. */
export const MAX_URLS_PER_EVENT = 3;

// One event type's URLs: `urls` today, a single legacy `url` on old accounts, `null` from some servers.
const urlsEntry = z
  .looseObject({ urls: z.array(z.string()).nullish(), url: z.string().nullish() })
  .nullish()
  .transform((v): string[] => (v ? (v.urls ?? (v.url ? [v.url] : [])) : []));

/** Event type → URLs. Event types with no URL are absent. Unknown and legacy event names are kept. */
export type DomainWebhooks = Record<string, string[]>;

const webhookMap = z.record(z.string(), urlsEntry).transform((m): DomainWebhooks => {
  const out: DomainWebhooks = {};
  for (const [event, urls] of Object.entries(m)) if (urls.length > 0) out[event] = urls;
  return out;
});

const mapResponse = z.looseObject({ webhooks: webhookMap.nullish() }).transform((r) => r.webhooks ?? {});
const oneResponse = z.looseObject({ webhook: urlsEntry }).transform((r) => r.webhook);

export interface DomainWebhookInput {
  url: string;
  event_types: readonly string[];
}

export function domainWebhooksApi(t: Transport) {
  return {
    /** v3: every event type that has URLs. */
    list: (domain: string, opts: CallOptions = {}): Promise<DomainWebhooks> =>
      t.request({ method: 'GET', path: path`v3/domains/${domain}/webhooks`, schema: mapResponse, domain, signal: opts.signal }),
    /** v3: the URLs of one event type. */
    get: (domain: string, eventType: string, opts: CallOptions = {}): Promise<string[]> =>
      t.request({ method: 'GET', path: path`v3/domains/${domain}/webhooks/${eventType}`, schema: oneResponse, domain, signal: opts.signal }),
    /** v4: adds one URL to several event types; returns the whole map. */
    create: (domain: string, input: DomainWebhookInput, opts: CallOptions = {}): Promise<DomainWebhooks> =>
      t.request({ method: 'POST', path: path`v4/domains/${domain}/webhooks`, body: { form: form({ url: input.url, event_types: input.event_types }) }, schema: mapResponse, domain, signal: opts.signal }),
    /** v4: replaces the event types of an existing URL; returns the whole map. */
    update: (domain: string, input: DomainWebhookInput, opts: CallOptions = {}): Promise<DomainWebhooks> =>
      t.request({ method: 'PUT', path: path`v4/domains/${domain}/webhooks`, body: { form: form({ url: input.url, event_types: input.event_types }) }, schema: mapResponse, domain, signal: opts.signal }),
    /** v4: removes the URLs from every event type; returns the whole map. */
    delete: (domain: string, urls: string | readonly string[], opts: CallOptions = {}): Promise<DomainWebhooks> =>
      t.request({ method: 'DELETE', path: path`v4/domains/${domain}/webhooks`, query: { url: typeof urls === 'string' ? urls : urls.join(',') }, schema: mapResponse, domain, signal: opts.signal }),
    /**
     * v3: removes every URL of one event type; returns the URLs removed (none are known when Mailgun's answer
     * was lost and the retry found the event type already empty).
     */
    deleteEventType: (domain: string, eventType: string, opts: CallOptions = {}): Promise<string[]> =>
      t.request({ method: 'DELETE', path: path`v3/domains/${domain}/webhooks/${eventType}`, schema: oneResponse, domain, signal: opts.signal, goneAfterRetry: () => [] }),
  };
}

export type DomainWebhooksApi = ReturnType<typeof domainWebhooksApi>;
