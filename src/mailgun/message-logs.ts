// One way to read message events whichever API the account has: the Logs API, or the deprecated Events API
// (per domain) when Logs answers 404 or 403 for the account. Both become the same row type.
import { isMailgunError } from './errors';
import type { EventItem, EventsApi, EventsPage, EventsQuery } from './events';
import { inputError, type LogItem, type LogsApi, type LogsQuery, validateLogsQuery } from './logs';
import type { CallOptions } from './types';
import * as l10n from './l10n';

export type MessageLogSource = 'logs' | 'events';

/** For the UI to show when rows come from the Events API. */
export const eventsFallbackNotice = (): string => l10n.t("Showing the older Events API: the Logs API isn't available for this account.");
/** That sentence as the module read it when loaded (in English before activation hands over vscode.l10n.t). */
export const EVENTS_FALLBACK_NOTICE = eventsFallbackNotice();

/** What a table row shows, read tolerantly from either API; `item` is the whole event in the Logs shape. */
export interface MessageLogRow {
  id: string;
  /** Epoch ms. */
  time: number;
  event: string;
  severity?: string;
  reason?: string;
  recipient?: string;
  from?: string;
  subject?: string;
  messageId?: string;
  domain?: string;
  deliveryCode?: string;
  deliveryMessage?: string;
  tags: string[];
  /** The stored message's URL when Mailgun kept it. */
  storageUrl?: string;
  /** The clicked link (clicked events). */
  url?: string;
  /** The event in the Logs shape, every field kept. */
  item: LogItem;
  /** The Events API item it came from, unchanged. */
  original?: EventItem;
}

export interface MessageLogsPage {
  source: MessageLogSource;
  rows: MessageLogRow[];
  /** Pass back to load the following (older, when newest first) page; absent at the end. */
  next?: MessageLogsCursor;
  /** Logs API with `includeTotals` only. */
  total?: number;
}

export type MessageLogsCursor = { source: 'logs'; token: string } | { source: 'events'; pageUrls: Record<string, string> };

export interface MessageLogsScope {
  /** The domains shown: one for a domain, every domain of the region for a region (the Events fallback asks each). */
  domains: readonly string[];
  /** Leave out for a region: then no domain filter is sent to the Logs API. */
  domain?: string;
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** An Events item in the Logs shape: `@timestamp` from the float seconds, the domain, `storage.url` as a list. */
export function eventToLogItem(e: EventItem, domain: string): LogItem {
  const out: Record<string, unknown> = { ...e, '@timestamp': new Date(Math.round(e.timestamp * 1000)).toISOString(), domain: { name: domain } };
  delete out.timestamp;
  const storage = obj(e.storage);
  if (typeof storage.url === 'string') out.storage = { ...storage, url: [storage.url] };
  if (e['user-variables'] !== undefined && typeof e['user-variables'] !== 'string') out['user-variables'] = JSON.stringify(e['user-variables']);
  return out as LogItem;
}

export function toMessageLogRow(item: LogItem, original?: EventItem): MessageLogRow {
  const message = obj(item.message);
  const headers = obj(message.headers);
  const status = obj(item['delivery-status']);
  const storageUrl = obj(item.storage).url;
  const time = Date.parse(item['@timestamp']);
  return {
    id: item.id,
    time: Number.isNaN(time) ? 0 : time,
    event: item.event,
    severity: text(item.severity),
    reason: text(item.reason),
    recipient: text(item.recipient),
    from: text(headers.from) ?? text(obj(item.envelope).sender),
    subject: text(headers.subject),
    messageId: text(headers['message-id']),
    domain: text(obj(item.domain).name),
    deliveryCode: text(status.code),
    deliveryMessage: text(status.message) || text(status.description),
    tags: Array.isArray(item.tags) ? item.tags.filter((t): t is string => typeof t === 'string') : [],
    storageUrl: Array.isArray(storageUrl) ? text(storageUrl[0]) : text(storageUrl),
    url: text(item.url),
    item,
    original,
  };
}

/** The Logs query as Events API parameters; a sentence when the older API can't express it. */
export function toEventsQuery(q: LogsQuery, now = Date.now()): EventsQuery | string {
  const end = q.end === undefined ? new Date(now) : q.end;
  let start = q.start;
  if (q.duration) {
    const m = /^(\d+)([hdm])$/.exec(q.duration);
    const endMs = end instanceof Date ? end.getTime() : Date.parse(end);
    if (m) start = new Date(endMs - Number(m[1]) * (m[2] === 'h' ? 3_600_000 : m[2] === 'd' ? 86_400_000 : 30 * 86_400_000));
  }
  const out: EventsQuery = { start, end: q.end, ascending: q.sort === 'asc', limit: q.limit, event: q.events };
  for (const c of q.filter ?? []) {
    const values = c.values.map((v) => (typeof v === 'string' ? v : v.value));
    const one = values.length === 1 ? values[0] : undefined;
    const substring = c.comparator === 'contains' && (c.attribute === 'from' || c.attribute === 'to' || c.attribute === 'subject');
    if ((c.comparator !== '=' && !substring) || (one === undefined && c.attribute !== 'event')) {
      return values.length > 1
        ? l10n.t('The older Events API can\'t filter {0} with "{1}" on several values; change or remove that filter.', c.attribute, c.comparator)
        : l10n.t('The older Events API can\'t filter {0} with "{1}"; change or remove that filter.', c.attribute, c.comparator);
    }
    switch (c.attribute) {
      case 'event':
        out.event = [...(out.event ?? []), ...values];
        break;
      case 'recipient':
        out.recipient = one;
        break;
      case 'from':
        out.from = one;
        break;
      case 'to':
        out.to = one;
        break;
      case 'subject':
        out.subject = one;
        break;
      case 'message_id':
        out.messageId = one;
        break;
      case 'tag':
        out.tags = one;
        break;
      case 'severity':
        out.severity = one as 'temporary' | 'permanent';
        break;
      case 'domain':
        break; // one domain per Events request already
      default:
        return l10n.t("The older Events API can't filter by {0}; remove that filter.", c.attribute);
    }
  }
  return out;
}

const EVENTS_CONCURRENCY = 4;

export interface MessageLogsOptions extends CallOptions {
  /** The Logs API answered 404 or 403 for this account and region before: go straight to the Events API. */
  logsUnavailable?: boolean;
}

const logsUnavailable = (error: unknown): boolean => isMailgunError(error) && (error.status === 404 || error.status === 403);

/**
 * One page of message events for a domain or a region. Tries the Logs API first; when it answers 404 or 403
 * (the account doesn't have it) reads the Events API of each domain instead, and says which one answered.
 * Pass `cursor` from the previous page to continue from where it ended, with the same source, and
 * `logsUnavailable` once a page came from the Events API, so that the Logs API is not asked again.
 */
export async function queryMessageLogs(
  api: { logs: LogsApi; events: EventsApi },
  scope: MessageLogsScope,
  q: Omit<LogsQuery, 'token'>,
  cursor?: MessageLogsCursor,
  options: MessageLogsOptions = {},
): Promise<MessageLogsPage> {
  const { logsUnavailable: known, ...opts } = options;
  const filter = scope.domain ? [...(q.filter ?? []).filter((c) => c.attribute !== 'domain'), { attribute: 'domain' as const, comparator: '=' as const, values: [scope.domain] }] : q.filter;
  const query: LogsQuery = { ...q, filter };
  if (cursor ? cursor.source === 'logs' : !known) {
    const problem = validateLogsQuery(query);
    if (problem) throw inputError(problem, 'POST', '/v1/analytics/logs', scope.domain);
    try {
      const page = await api.logs.query({ ...query, token: cursor?.source === 'logs' ? cursor.token : undefined }, opts);
      return { source: 'logs', rows: page.items.map((i) => toMessageLogRow(i)), next: page.next ? { source: 'logs', token: page.next } : undefined, total: page.total };
    } catch (error) {
      if (cursor || !logsUnavailable(error)) throw error;
    }
  }
  return eventsPage(api.events, scope, query, cursor?.source === 'events' ? cursor : undefined, opts);
}

async function eventsPage(events: EventsApi, scope: MessageLogsScope, q: LogsQuery, cursor: Extract<MessageLogsCursor, { source: 'events' }> | undefined, opts: CallOptions): Promise<MessageLogsPage> {
  const eq = toEventsQuery(q);
  const domains = cursor ? Object.keys(cursor.pageUrls) : scope.domains;
  if (typeof eq === 'string') throw inputError(eq, 'GET', `/v3/${domains[0] ?? ''}/events`, scope.domain);
  const pages: { domain: string; page: EventsPage }[] = [];
  // A region may hold hundreds of domains: a few requests at a time.
  for (let i = 0; i < domains.length; i += EVENTS_CONCURRENCY) {
    const batch = domains.slice(i, i + EVENTS_CONCURRENCY);
    pages.push(...(await Promise.all(batch.map(async (domain) => ({ domain, page: cursor ? await events.page(domain, cursor.pageUrls[domain], opts) : await events.list(domain, eq, opts) })))));
  }
  const rows = pages.flatMap(({ domain, page }) => page.items.map((e) => toMessageLogRow(eventToLogItem(e, domain), e)));
  rows.sort((a, b) => (eq.ascending ? a.time - b.time : b.time - a.time));
  // A domain whose page came back empty has ended (Mailgun's `next` never disappears).
  const pageUrls: Record<string, string> = {};
  for (const { domain, page } of pages) if (page.items.length > 0 && page.nextPageUrl) pageUrls[domain] = page.nextPageUrl;
  return { source: 'events', rows, next: Object.keys(pageUrls).length > 0 ? { source: 'events', pageUrls } : undefined };
}
