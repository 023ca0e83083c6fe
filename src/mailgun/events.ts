import * as z from 'zod/mini';
import { inputError, LOG_EVENT_NAMES, validateMessageId, validateTimeRange } from './logs';
import { lazySchemas, looseObject } from './schema-helpers';
import { path, type Transport } from './transport';
import type { CallOptions } from './types';
import { validateEmail } from './validate';
import * as l10n from './l10n';

/** Event names of the (deprecated) Events API: SPEC `EventType`. */
export const EVENTS_API_EVENT_NAMES = ['accepted', 'delivered', 'failed', 'rejected', 'clicked', 'opened', 'unsubscribed', 'stored', 'complained', 'email_validation', 'list_member_uploaded', 'list_member_upload_error', 'list_uploaded'] as const;
export const MAX_EVENTS_LIMIT = 300;

export interface EventsQuery {
  /** The older bound. */
  start?: Date | string;
  /** The newer bound; default now. */
  end?: Date | string;
  /** Oldest first. Default: newest first (Mailgun's `begin` is then the newer bound). */
  ascending?: boolean;
  /** 1 to 300; default 100. */
  limit?: number;
  /** Any of these events. */
  event?: readonly string[];
  recipient?: string;
  from?: string;
  to?: string;
  subject?: string;
  messageId?: string;
  tags?: string;
  severity?: 'temporary' | 'permanent';
}

function buildSchemas() {
  /** Float epoch seconds (`1529692199.626182`); every other field is kept as sent. */
  const item = looseObject({ id: z.string(), event: z.string(), timestamp: z.number() });
  const url = z.optional(z.string());
  const response = looseObject({
    items: z.pipe(z.nullish(z.array(item)), z.transform((v) => v ?? [])),
    paging: z.optional(z.nullable(looseObject({ next: url, previous: url, first: url, last: url }))),
  });
  return { item, response };
}
/** Built on first use: nothing is constructed when the extension loads. */
export const eventsSchemas = /* @__PURE__ */ lazySchemas(buildSchemas);

export type EventItem = z.output<ReturnType<typeof buildSchemas>['item']>;

export interface EventsPage {
  items: EventItem[];
  /** Mailgun always sends one; the list has ended when a page comes back empty. Poll it to tail. */
  nextPageUrl?: string;
  previousPageUrl?: string;
}

/** Events API dates: epoch seconds. */
function epochSeconds(value: Date | string): string {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return String(ms / 1000);
}

const optionalSeconds = (value: Date | string | undefined): string | undefined => (value === undefined ? undefined : epochSeconds(value));

/** The first problem with an Events query, as a sentence; undefined when it can be sent. */
export function validateEventsQuery(q: EventsQuery): string | undefined {
  const range = validateTimeRange(q.start, q.end);
  if (range) return range;
  if (q.limit !== undefined && (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > MAX_EVENTS_LIMIT)) return l10n.t('A page holds 1 to {0} events (got {1}).', MAX_EVENTS_LIMIT, q.limit);
  const unknown = q.event?.find((e) => !(EVENTS_API_EVENT_NAMES as readonly string[]).includes(e));
  if (unknown !== undefined) {
    return (LOG_EVENT_NAMES as readonly string[]).includes(unknown)
      ? l10n.t('The older Events API has no "{0}" event; use {1}.', unknown, EVENTS_API_EVENT_NAMES.join(', '))
      : l10n.t('"{0}" is not an event type; use {1}.', unknown, EVENTS_API_EVENT_NAMES.join(', '));
  }
  if (q.recipient !== undefined) {
    const problem = validateEmail(q.recipient);
    if (problem) return problem;
  }
  if (q.messageId !== undefined) {
    const problem = validateMessageId(q.messageId);
    if (problem) return problem;
  }
  if (q.severity !== undefined && q.severity !== 'temporary' && q.severity !== 'permanent') return l10n.t('Severity is temporary or permanent, not "{0}".', String(q.severity));
  return undefined;
}

export function eventsApi(t: Transport) {
  const eventsPath = (domain: string) => path`v3/${domain}/events`;

  async function request(domain: string, url: string | undefined, q: EventsQuery, opts: CallOptions): Promise<EventsPage> {
    const res = await t.request({
      method: 'GET',
      path: eventsPath(domain),
      url,
      query: url
        ? undefined
        : {
            // Mailgun searches from `begin` towards `end`: newest first begins at the newer bound.
            begin: q.ascending ? optionalSeconds(q.start) : optionalSeconds(q.end ?? (q.start === undefined ? undefined : new Date())),
            end: q.ascending ? optionalSeconds(q.end) : optionalSeconds(q.start),
            ascending: q.ascending ? 'yes' : 'no',
            limit: q.limit,
            event: q.event && q.event.length > 0 ? q.event.join(' OR ') : undefined,
            recipient: q.recipient?.trim(),
            from: q.from,
            to: q.to,
            subject: q.subject,
            'message-id': q.messageId?.trim().replace(/^<(.*)>$/, '$1'),
            tags: q.tags,
            severity: q.severity,
          },
      schema: eventsSchemas().response,
      domain,
      signal: opts.signal,
    });
    return { items: res.items, nextPageUrl: res.paging?.next || undefined, previousPageUrl: res.paging?.previous || undefined };
  }

  /** GET /v3/{domain}/events: the first page. Bad input is refused before sending. */
  async function list(domain: string, q: EventsQuery = {}, opts: CallOptions = {}): Promise<EventsPage> {
    const problem = validateEventsQuery(q);
    if (problem) throw inputError(problem, 'GET', `/${eventsPath(domain)}`, domain);
    return request(domain, undefined, q, opts);
  }

  /** A page by Mailgun's opaque paging URL (`nextPageUrl`), followed verbatim. */
  const page = (domain: string, pageUrl: string, opts: CallOptions = {}): Promise<EventsPage> => request(domain, pageUrl, {}, opts);

  /** Every page, following `next` until an empty page (Mailgun's end of list) or a URL seen before. */
  async function* pages(domain: string, q: EventsQuery = {}, opts: CallOptions = {}): AsyncGenerator<EventsPage, void, undefined> {
    const seen = new Set<string>();
    let current = await list(domain, q, opts);
    for (;;) {
      if (current.items.length === 0) return;
      yield current;
      const next = current.nextPageUrl;
      if (!next || seen.has(next)) return;
      seen.add(next);
      current = await page(domain, next, opts);
    }
  }

  return { list, page, pages };
}

export type EventsApi = ReturnType<typeof eventsApi>;
