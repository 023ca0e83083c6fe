import * as z from 'zod/mini';
import { MailgunError } from './errors';
import { lazySchemas, looseObject } from './schema-helpers';
import type { Transport } from './transport';
import type { CallOptions } from './types';
import { validateEmail } from './validate';
import { LOG_EVENT_NAMES, type LogEventName } from './log-event-names';
import * as l10n from './l10n';

export { LOG_EVENT_NAMES, type LogEventName };


/** SPEC `...logs-api-pkg-api-model-FilterAttribute`. */
export const LOG_FILTER_ATTRIBUTES = [
  'id', 'domain', 'ip', 'ip_pool', 'recipient_domain', 'recipient_provider', 'country', 'bot', 'device', 'subaccount', 'event', 'attachment_filename', 'from',
  'message_id', 'subject', 'mailing_list_address', 'to', 'size', 'recipient', 'tag', 'severity', 'user_variables', 'delivered_at', 'delivery_status_code',
  'delivery_status_bounce_type', 'delivery_status_message', 'is_routed', 'i_classification_rule_id', 'i_classification_group_id', 'recipients',
] as const;
export type LogFilterAttribute = (typeof LOG_FILTER_ATTRIBUTES)[number];
export type LogComparator = '=' | '!=' | 'contains' | 'not contains' | '<' | '>';
const COMPARATORS: readonly string[] = ['=', '!=', 'contains', 'not contains', '<', '>'];
/** Only these compare by `<`/`>` (SPEC attribute descriptions). */
const ORDERED_ATTRIBUTES: readonly string[] = ['size', 'delivered_at'];

export interface LogFilterCondition {
  attribute: LogFilterAttribute;
  comparator: LogComparator;
  /** Any of them matches. Plain strings are sent as `{label: v, value: v}`. */
  values: readonly (string | { label?: string; value: string })[];
}

export interface LogsQuery {
  /** Default: one day before `end`. */
  start?: Date | string;
  /** Default: now. */
  end?: Date | string;
  /** e.g. `1h`, `7d`: counts back from `end` and overrides `start`. */
  duration?: string;
  events?: readonly LogEventName[];
  /** Mailgun only supports AND across conditions. */
  filter?: readonly LogFilterCondition[];
  includeSubaccounts?: boolean;
  /** Asks for `pagination.total`. */
  includeTotals?: boolean;
  /** Newest first (default) or oldest first. */
  sort?: 'desc' | 'asc';
  /** 1 to 100 (Mailgun's maximum); default 100. */
  limit?: number;
  /** A `next`/`previous`/`first`/`last` token of an earlier page of the same query. */
  token?: string;
}

export const MAX_LOGS_LIMIT = 100;

function buildSchemas() {
  const token = z.optional(z.string());
  /** Only what every row needs is checked; the dozens of other fields are kept as they came. */
  const item = looseObject({ id: z.string(), event: z.string(), '@timestamp': z.string() });
  const response = looseObject({
    start: z.optional(z.string()),
    end: z.optional(z.string()),
    items: z.pipe(z.nullish(z.array(item)), z.transform((v) => v ?? [])),
    // `{}` when everything fits on one page (VCR logs.yml).
    pagination: z.optional(z.nullable(looseObject({ previous: token, next: token, first: token, last: token, total: z.optional(z.number()) }))),
    aggregates: z.optional(z.unknown()),
  });
  return { item, response };
}
/** Built on first use: nothing is constructed when the extension loads. */
export const logsSchemas = /* @__PURE__ */ lazySchemas(buildSchemas);

/** A Logs item: `id`, `event`, ISO `@timestamp`, and every other field Mailgun sent. */
export type LogItem = z.output<ReturnType<typeof buildSchemas>['item']>;
export type LogsResponse = z.output<ReturnType<typeof buildSchemas>['response']>;

export interface LogsPage {
  items: LogItem[];
  /** Token of the following page (older when sorted newest first); absent on the last page. */
  next?: string;
  previous?: string;
  /** With `includeTotals`. */
  total?: number;
  start?: string;
  end?: string;
}

/** Mailgun's date format for these requests: RFC 2822, e.g. `Mon, 08 Jul 2024 00:00:00 -0000`. */
function rfc2822(date: Date | string): string {
  return typeof date === 'string' ? date : date.toUTCString().replace(/GMT$/, '-0000');
}

function timeOf(value: Date | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return value instanceof Date ? value.getTime() : Date.parse(value);
}

const describeTime = (value: Date | string): string => (value instanceof Date ? value.toISOString() : value);

/** Checks a message-id as people paste it (angle brackets are fine); undefined when it is usable. */
export function validateMessageId(input: string): string | undefined {
  const value = input.trim().replace(/^<(.*)>$/, '$1');
  if (!value) return l10n.t('Enter a message-id.');
  if (/\s/.test(value)) return l10n.t('"{0}" is not a message-id: it contains a space.', value);
  if (!/^[^@<>]+@[^@<>]+$/.test(value)) return l10n.t('"{0}" is not a message-id; they look like 20240708163018.1.ABC123@mg.example.com.', value);
  return undefined;
}

/** One sentence saying what is wrong with a time range, or undefined. */
export function validateTimeRange(start: Date | string | undefined, end: Date | string | undefined, duration?: string): string | undefined {
  const s = timeOf(start);
  const e = timeOf(end);
  if (start !== undefined && Number.isNaN(s)) return l10n.t('The start "{0}" is not a date.', describeTime(start));
  if (end !== undefined && Number.isNaN(e)) return l10n.t('The end "{0}" is not a date.', describeTime(end));
  if (duration !== undefined && !/^[1-9]\d*[hdm]$/.test(duration)) return l10n.t('The duration "{0}" is not valid; use a number and h, d or m, e.g. 24h or 7d.', duration);
  if (duration === undefined && s !== undefined && e !== undefined && e <= s) {
    return e === s ? l10n.t('The start and the end are the same time; choose a range.') : l10n.t('The end ({0}) is before the start ({1}).', describeTime(end!), describeTime(start!));
  }
  return undefined;
}

/** Checks one filter condition as the Logs API will read it. */
export function validateLogFilter(c: LogFilterCondition): string | undefined {
  if (!(LOG_FILTER_ATTRIBUTES as readonly string[]).includes(c.attribute)) return l10n.t('"{0}" is not a log attribute Mailgun can filter on.', c.attribute);
  if (!COMPARATORS.includes(c.comparator)) return l10n.t('"{0}" is not a comparator; use =, !=, contains or not contains.', c.comparator);
  const ordered = ORDERED_ATTRIBUTES.includes(c.attribute);
  if ((c.comparator === '<' || c.comparator === '>') !== ordered) {
    return ordered ? l10n.t('Filter {0} with < or >.', c.attribute) : l10n.t('Only size and delivered_at compare with {0}; use =, !=, contains or not contains.', c.comparator);
  }
  if (c.attribute === 'recipients' && !c.comparator.endsWith('contains')) return l10n.t('Filter recipients with contains or not contains.');
  const values = c.values.map((v) => (typeof v === 'string' ? v : v.value).trim());
  if (values.length === 0 || values.some((v) => v === '')) return l10n.t('Give a value to filter {0} by.', c.attribute);
  const exact = c.comparator === '=' || c.comparator === '!=';
  for (const v of values) {
    if (exact && c.attribute === 'recipient') {
      const problem = validateEmail(v);
      if (problem) return problem;
    }
    if (exact && c.attribute === 'message_id') {
      const problem = validateMessageId(v);
      if (problem) return problem;
    }
    if (c.attribute === 'event' && !(LOG_EVENT_NAMES as readonly string[]).includes(v)) return unknownEvent(v);
    if (c.attribute === 'severity' && exact && v !== 'temporary' && v !== 'permanent') return l10n.t('Severity is temporary or permanent, not "{0}".', v);
    if (c.attribute === 'size' && !/^\d+$/.test(v)) return l10n.t('The size "{0}" is not a number of bytes.', v);
  }
  return undefined;
}

const unknownEvent = (name: string): string => l10n.t('"{0}" is not an event type; use {1}.', name, LOG_EVENT_NAMES.join(', '));

/** The first problem with a Logs query, as a sentence; undefined when it can be sent. */
export function validateLogsQuery(q: LogsQuery): string | undefined {
  const range = validateTimeRange(q.start, q.end, q.duration);
  if (range) return range;
  const unknown = q.events?.find((e) => !(LOG_EVENT_NAMES as readonly string[]).includes(e));
  if (unknown !== undefined) return unknownEvent(unknown);
  for (const c of q.filter ?? []) {
    const problem = validateLogFilter(c);
    if (problem) return problem;
  }
  if (q.limit !== undefined && (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > MAX_LOGS_LIMIT)) return l10n.t('A page holds 1 to {0} log entries (got {1}).', MAX_LOGS_LIMIT, q.limit);
  if (q.sort !== undefined && q.sort !== 'asc' && q.sort !== 'desc') return l10n.t('Sort newest first (desc) or oldest first (asc), not "{0}".', String(q.sort));
  return undefined;
}

/** A refusal made before any request: kind `validation`, the sentence as its message. */
export function inputError(userMessage: string, method: string, path: string, domain?: string): MailgunError {
  return new MailgunError({ kind: 'validation', userMessage, method, path, domain });
}

/** The JSON body Mailgun expects; exported for tests and logs. */
export function logsRequestBody(q: LogsQuery): Record<string, unknown> {
  return {
    start: q.start === undefined || q.duration !== undefined ? undefined : rfc2822(q.start),
    end: q.end === undefined ? undefined : rfc2822(q.end),
    duration: q.duration,
    events: q.events && q.events.length > 0 ? q.events : undefined,
    filter: q.filter && q.filter.length > 0
      ? { AND: q.filter.map((c) => ({ attribute: c.attribute, comparator: c.comparator, values: c.values.map((v) => (typeof v === 'string' ? { label: v.trim(), value: v.trim() } : { label: v.label ?? v.value, value: v.value })) })) }
      : undefined,
    include_subaccounts: q.includeSubaccounts,
    include_totals: q.includeTotals,
    pagination: { sort: `timestamp:${q.sort ?? 'desc'}`, token: q.token, limit: q.limit ?? MAX_LOGS_LIMIT },
  };
}

export function logsApi(t: Transport) {
  /** POST /v1/analytics/logs: one page. Bad input is refused before sending. */
  async function query(q: LogsQuery, opts: CallOptions = {}): Promise<LogsPage> {
    const problem = validateLogsQuery(q);
    if (problem) throw inputError(problem, 'POST', '/v1/analytics/logs');
    const res = await t.request({ method: 'POST', path: 'v1/analytics/logs', body: { json: logsRequestBody(q) }, schema: logsSchemas().response, signal: opts.signal });
    const p = res.pagination ?? {};
    return { items: res.items, next: p.next || undefined, previous: p.previous || undefined, total: p.total, start: res.start, end: res.end };
  }

  /** Every page of a query, following `next` tokens; stops when a token comes back twice. */
  async function* pages(q: Omit<LogsQuery, 'token'>, opts: CallOptions = {}): AsyncGenerator<LogsPage, void, undefined> {
    const seen = new Set<string>();
    let token: string | undefined;
    for (;;) {
      const page = await query({ ...q, token }, opts);
      yield page;
      if (!page.next || page.items.length === 0 || seen.has(page.next)) return;
      seen.add(page.next);
      token = page.next;
    }
  }

  return { query, pages };
}

export type LogsApi = ReturnType<typeof logsApi>;
