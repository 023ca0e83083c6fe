import * as z from 'zod/mini';
import { form, lazySchemas, looseObject } from './schema-helpers';
import { path, type Transport } from './transport';
import type { CallOptions } from './types';

export const WEBHOOK_EVENT_TYPES = ['accepted', 'clicked', 'opened', 'unsubscribed', 'delivered', 'permanent_fail', 'temporary_fail', 'complained'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Mailgun allows at most this many URLs per event type. */
export const MAX_URLS_PER_EVENT = 3;

/** Event type → URLs. Event types with no URL are absent. Unknown and legacy event names are kept. */
export type DomainWebhooks = Record<string, string[]>;

const schemas = /* @__PURE__ */ lazySchemas(() => {
  // One event type's URLs: `urls` today, a single legacy `url` on old accounts, `null` from some servers.
  const urlsEntry = z.pipe(
    z.nullish(looseObject({ urls: z.nullish(z.array(z.string())), url: z.nullish(z.string()) })),
    z.transform((v): string[] => (v ? (v.urls ?? (v.url ? [v.url] : [])) : [])),
  );
  const webhookMap = z.pipe(
    z.record(z.string(), urlsEntry),
    z.transform((m): DomainWebhooks => {
      const out: DomainWebhooks = {};
      for (const [event, urls] of Object.entries(m)) if (urls.length > 0) out[event] = urls;
      return out;
    }),
  );
  return {
    mapResponse: z.pipe(looseObject({ webhooks: z.nullish(webhookMap) }), z.transform((r) => r.webhooks ?? {})),
    oneResponse: z.pipe(looseObject({ webhook: urlsEntry }), z.transform((r) => r.webhook)),
  };
});

export interface DomainWebhookInput {
  url: string;
  event_types: readonly string[];
}

export function domainWebhooksApi(t: Transport) {
  const list = (domain: string, opts: CallOptions = {}): Promise<DomainWebhooks> =>
    t.request({ method: 'GET', path: path`v3/domains/${domain}/webhooks`, schema: schemas().mapResponse, domain, signal: opts.signal });

  const deleteEventType = (domain: string, eventType: string, opts: CallOptions = {}): Promise<string[]> =>
    t.request({ method: 'DELETE', path: path`v3/domains/${domain}/webhooks/${eventType}`, schema: schemas().oneResponse, domain, signal: opts.signal, goneAfterRetry: () => [] });

  /**
   * Mailgun splits the v4 DELETE's `url` query on commas (percent-encoding does not help: the query is decoded
   * first), so a URL holding a comma would remove the URL before its comma. Such URLs leave through v3 instead:
   * each event type that has one gets its list rewritten without it (or is deleted when nothing is left), and
   * v3 takes URLs one per form field, so no comma is ever split.
   */
  async function deleteByEventType(domain: string, urls: readonly string[], opts: CallOptions): Promise<DomainWebhooks> {
    const map = await list(domain, opts);
    for (const [eventType, current] of Object.entries(map)) {
      if (!current.some((u) => urls.includes(u))) continue;
      const keep = current.filter((u) => !urls.includes(u));
      if (keep.length === 0) {
        await deleteEventType(domain, eventType, opts);
        delete map[eventType];
      } else {
        map[eventType] = await t.request({ method: 'PUT', path: path`v3/domains/${domain}/webhooks/${eventType}`, body: { form: form({ url: keep }) }, schema: schemas().oneResponse, domain, signal: opts.signal });
      }
    }
    return map;
  }

  return {
    /** v3: every event type that has URLs. */
    list,
    /** v3: the URLs of one event type. */
    get: (domain: string, eventType: string, opts: CallOptions = {}): Promise<string[]> =>
      t.request({ method: 'GET', path: path`v3/domains/${domain}/webhooks/${eventType}`, schema: schemas().oneResponse, domain, signal: opts.signal }),
    /** v4: adds one URL to several event types; returns the whole map. */
    create: (domain: string, input: DomainWebhookInput, opts: CallOptions = {}): Promise<DomainWebhooks> =>
      t.request({ method: 'POST', path: path`v4/domains/${domain}/webhooks`, body: { form: form({ url: input.url, event_types: input.event_types }) }, schema: schemas().mapResponse, domain, signal: opts.signal }),
    /** v4: replaces the event types of an existing URL; returns the whole map. */
    update: (domain: string, input: DomainWebhookInput, opts: CallOptions = {}): Promise<DomainWebhooks> =>
      t.request({ method: 'PUT', path: path`v4/domains/${domain}/webhooks`, body: { form: form({ url: input.url, event_types: input.event_types }) }, schema: schemas().mapResponse, domain, signal: opts.signal }),
    /** Removes the URLs from every event type (v4; v3 for URLs holding a comma); returns the whole map. */
    delete: async (domain: string, urls: string | readonly string[], opts: CallOptions = {}): Promise<DomainWebhooks> => {
      const all = typeof urls === 'string' ? [urls] : urls;
      const withComma = all.filter((u) => u.includes(','));
      const plain = all.filter((u) => !u.includes(','));
      let map = withComma.length > 0 ? await deleteByEventType(domain, withComma, opts) : undefined;
      if (plain.length > 0 || !map) {
        map = await t.request({
          method: 'DELETE',
          path: path`v4/domains/${domain}/webhooks`,
          query: { url: plain.join(',') },
          schema: schemas().mapResponse,
          domain,
          signal: opts.signal,
          // The answer to the applied attempt (the whole map) was lost: read it again.
          goneAfterRetry: () => list(domain, opts),
        });
      }
      return map;
    },
    /**
     * v3: removes every URL of one event type; returns the URLs removed (none are known when Mailgun's answer
     * was lost and the retry found the event type already empty).
     */
    deleteEventType,
  };
}

export type DomainWebhooksApi = ReturnType<typeof domainWebhooksApi>;
