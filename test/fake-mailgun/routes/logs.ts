// Logs (POST /v1/analytics/logs) and the deprecated Events API (GET /v3/{domain}/events, paging by opaque
// path tokens), both reading the rows of event-log.ts (mailgun-api.md §10).
import { analyticsWindow, DAY_MS, HOUR_MS, parseTime, rfc2822 } from '../dates';
import { compareRows, type Cursor, eventItem, hourEventCounts, KINDS, LOG_EVENTS, logItem, type Row, rowBasics, type RowBasics, scanRows, type ScanOptions } from '../event-log';
import { domainNotFound, json, message, type Reply } from '../http';
import type { Ctx, Router } from '../router';
import { findDomain, type RegionState } from '../state';

/** SPEC `...logs-api-pkg-api-model-FilterAttribute`. */
export const LOG_FILTER_ATTRIBUTES = [
  'id', 'domain', 'ip', 'ip_pool', 'recipient_domain', 'recipient_provider', 'country', 'bot', 'device', 'subaccount', 'event', 'attachment_filename', 'from',
  'message_id', 'subject', 'mailing_list_address', 'to', 'size', 'recipient', 'tag', 'severity', 'user_variables', 'delivered_at', 'delivery_status_code',
  'delivery_status_bounce_type', 'delivery_status_message', 'is_routed', 'i_classification_rule_id', 'i_classification_group_id', 'recipients',
];
const COMPARATORS = ['=', '!=', 'contains', 'not contains'];
/** SPEC `...logs-api-pkg-api-model-MetricEvent`. */
const METRIC_EVENTS = [
  'accepted_incoming', 'accepted_outgoing', 'accepted', 'delivered_smtp', 'delivered_http', 'delivered_optimized', 'delivered', 'stored', 'opened', 'clicked',
  'unique_opened', 'unique_clicked', 'complained', 'unsubscribed', 'failed', 'processed', 'sent', 'temporary_failed', 'permanent_failed', 'esp_block',
  'temporary_failed_esp_block', 'permanent_failed_esp_block', 'webhook_failure', 'permanent_failed_optimized', 'permanent_failed_old', 'bounced', 'hard_bounces',
  'soft_bounces', 'delayed_bounce', 'suppressed_bounces', 'suppressed_unsubscribed', 'suppressed_complaints', 'delivered_first_attempt', 'delivered_subsequent',
  'delivered_two_plus_attempts', 'delayed_first_attempt',
];
export const MAX_LOGS_LIMIT = 100;
export const MAX_EVENTS_LIMIT = 300;

type Item = Record<string, unknown>;
type Values = string | string[] | undefined;
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
const obj = (v: unknown): Item => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Item) : {});
const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : typeof v === 'string' ? v : JSON.stringify(v));
const headers = (i: Item): Item => obj(obj(i.message).headers);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => String(x)) : []);

/** Where each filter attribute reads from a Logs item. */
const ATTRIBUTE_VALUES: Record<string, (i: Item) => Values> = {
  id: (i) => str(i.id),
  domain: (i) => str(obj(i.domain).name),
  ip: (i) => str(obj(i.envelope)['sending-ip']),
  ip_pool: (i) => str(obj(i.envelope)['i-ip-pool-id']),
  recipient_domain: (i) => str(i['recipient-domain']),
  recipient_provider: (i) => str(i['recipient-provider']),
  country: (i) => str(obj(i.geolocation).country),
  bot: (i) => str(obj(i['client-info']).bot),
  device: (i) => str(obj(i['client-info'])['device-type']),
  subaccount: (i) => str(obj(i.account)['parent-id'] === undefined ? undefined : obj(i.account).id),
  event: (i) => str(i.event),
  attachment_filename: (i) => (Array.isArray(obj(i.message).attachments) ? (obj(i.message).attachments as unknown[]).map((a) => text(obj(a).filename)) : []),
  from: (i) => str(headers(i).from),
  message_id: (i) => str(headers(i)['message-id']),
  subject: (i) => str(headers(i).subject),
  mailing_list_address: (i) => str(obj(i['mailing-list']).address),
  to: (i) => str(headers(i).to),
  size: (i) => str(obj(i.message).size),
  recipient: (i) => str(i.recipient),
  tag: (i) => strings(i.tags),
  severity: (i) => str(i.severity),
  user_variables: (i) => str(i['user-variables']),
  delivered_at: (i) => str(i['delivered-at']),
  delivery_status_code: (i) => str(obj(i['delivery-status']).code),
  delivery_status_bounce_type: (i) => str(obj(i['delivery-status'])['bounce-type']),
  delivery_status_message: (i) => str(obj(i['delivery-status']).message),
  is_routed: (i) => str(obj(i.flags)['is-routed']),
  i_classification_rule_id: (i) => str(obj(i['i-classification'])['rule-id']),
  i_classification_group_id: (i) => str(obj(i['i-classification'])['group-id']),
  recipients: (i) => strings(obj(i.message).recipients),
};

/** The same values read from a generated row's basics, for the common filters: no whole item is built. */
const CHEAP_VALUES: Record<string, (b: () => RowBasics, row: Row) => Values> = {
  id: (_, r) => r.id,
  domain: (_, r) => r.domain,
  event: (_, r) => KINDS[r.kind].event,
  severity: (_, r) => KINDS[r.kind].severity,
  recipient: (b) => b().recipient,
  recipient_domain: (b) => b().recipientDomain,
  recipient_provider: (b) => b().provider,
  subject: (b) => b().subject,
  tag: (b) => [b().tag],
  message_id: (b) => b().messageId,
  from: (b) => b().from,
  to: (b) => b().recipient,
};

/** A row's values for filter attributes, building as little as each needs. */
function rowReader(row: Row, baseUrl: string): (attribute: string) => Values {
  let basics: RowBasics | undefined;
  let item: Item | undefined;
  return (attribute) => {
    const cheap = row.stored ? undefined : CHEAP_VALUES[attribute];
    if (cheap) return cheap(() => (basics ??= rowBasics(row)), row);
    return ATTRIBUTE_VALUES[attribute]((item ??= logItem(row, baseUrl)));
  };
}

interface Predicate {
  attribute: string;
  comparator: string;
  values: string[];
}

/** `=`/`!=` compare whole values, `contains` substrings; all case-insensitive; several values mean any of them. */
function matches(p: Predicate, actual: Values): boolean {
  const list = (Array.isArray(actual) ? actual : actual === undefined ? [] : [actual]).map((a) => a.toLowerCase());
  const wanted = p.values.map((v) => v.toLowerCase());
  const contains = p.comparator.endsWith('contains');
  const hit = wanted.some((v) => list.some((a) => (contains ? v !== '' && a.includes(v) : a === v)));
  return p.comparator === '=' || p.comparator === 'contains' ? hit : !hit;
}

function parsePredicates(raw: unknown): Predicate[] | string {
  if (raw === undefined || raw === null) return [];
  if (typeof raw !== 'object' || Array.isArray(raw)) return 'filter must be an object';
  if (Object.keys(raw).some((k) => k !== 'AND')) return 'only AND filters are supported';
  const and = (raw as { AND?: unknown }).AND;
  if (and === undefined) return [];
  if (!Array.isArray(and)) return 'filter.AND must be an array';
  const out: Predicate[] = [];
  for (const f of and.map(obj)) {
    const attribute = text(f.attribute);
    const comparator = text(f.comparator);
    if (!LOG_FILTER_ATTRIBUTES.includes(attribute)) return `invalid filter attribute: ${attribute}`;
    if (!COMPARATORS.includes(comparator)) return `invalid filter comparator: ${comparator}`;
    const values = Array.isArray(f.values) ? f.values.map((v) => text(obj(v).value)) : [];
    if (values.length === 0) return `filter on ${attribute} has no values`;
    out.push({ attribute, comparator, values });
  }
  return out;
}

// ---- paging tokens (opaque to clients: base64url JSON) ----

type Direction = 'first' | 'next' | 'previous' | 'last';
interface PageToken {
  d: Direction;
  c?: [number, string];
}

const encodeToken = (t: object): string => Buffer.from(JSON.stringify(t)).toString('base64url');
function decodeToken<T>(token: string): T | undefined {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    return v && typeof v === 'object' ? (v as T) : undefined;
  } catch {
    return undefined;
  }
}

/** One account's region and the domains of it to read. */
interface Source {
  region: RegionState;
  domains: string[];
}

interface Window {
  /** The account's region, then (include_subaccounts) each subaccount's in the same region. */
  sources: Source[];
  from: number;
  to: number;
  desc: boolean;
  kindFilter?: (event: string) => boolean;
  keep: (row: Row) => boolean;
}

interface Page {
  rows: Row[];
  hasPrevious: boolean;
  hasNext: boolean;
}

/** The rows of every source in one (ts, id) order: each source's scan is ordered, so their heads are merged. */
function* scanSources(sources: Source[], opts: Omit<ScanOptions, 'domains'>): Generator<Row> {
  const scans = sources.map((s) => scanRows(s.region, { ...opts, domains: s.domains }));
  if (scans.length === 1) {
    yield* scans[0];
    return;
  }
  const heads = scans.map((scan) => scan.next());
  for (;;) {
    let best: number | undefined;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i];
      if (head.done) continue;
      const ahead = best === undefined ? true : compareRows(head.value, heads[best].value as Row) * (opts.desc ? -1 : 1) < 0;
      if (ahead) best = i;
    }
    if (best === undefined) return;
    yield heads[best].value as Row;
    heads[best] = scans[best].next();
  }
}

function take(w: Window, desc: boolean, after: Cursor | undefined, n: number): Row[] {
  const out: Row[] = [];
  if (n <= 0) return out;
  for (const row of scanSources(w.sources, { from: w.from, to: w.to, desc, after, kindFilter: w.kindFilter })) {
    if (!w.keep(row)) continue;
    out.push(row);
    if (out.length >= n) break;
  }
  return out;
}

/** One page in the window's order; `previous`/`last` read backwards and return rows in the window's order. */
function page(w: Window, token: PageToken, limit: number): Page {
  const cursor = token.c ? { ts: token.c[0], id: token.c[1] } : undefined;
  if (token.d === 'previous' || token.d === 'last') {
    const rows = take(w, !w.desc, token.d === 'previous' ? cursor : undefined, limit + 1);
    const hasPrevious = rows.length > limit;
    return { rows: rows.slice(0, limit).reverse(), hasPrevious, hasNext: token.d === 'previous' };
  }
  const rows = take(w, w.desc, token.d === 'next' ? cursor : undefined, limit + 1);
  return { rows: rows.slice(0, limit), hasPrevious: token.d === 'next', hasNext: rows.length > limit };
}

const cursorOf = (r: Row): [number, string] => [r.ts, r.id];

function countRows(w: Window, fast: boolean, events: Set<string> | undefined): number {
  if (!fast) {
    let n = 0;
    for (const row of scanSources(w.sources, { from: w.from, to: w.to, desc: false, kindFilter: w.kindFilter })) if (w.keep(row)) n++;
    return n;
  }
  // Whole hours from the counters; the partial hours at either end row by row.
  let n = 0;
  const firstFull = Math.ceil(w.from / 1000 / HOUR_MS) * HOUR_MS;
  const endFull = Math.floor(w.to / 1000 / HOUR_MS) * HOUR_MS;
  const partial = (from: number, to: number): void => {
    for (const _ of scanSources(w.sources, { from, to, desc: false, kindFilter: w.kindFilter })) n++;
  };
  if (firstFull >= endFull) {
    partial(w.from, w.to);
    return n;
  }
  partial(w.from, firstFull * 1000);
  for (const { region, domains } of w.sources) {
    for (const d of domains) {
      const hours = new Set([...(region.events.get(d)?.keys() ?? []), ...(region.logs.get(d)?.keys() ?? [])]);
      for (const h of hours) {
        if (h < firstFull || h >= endFull) continue;
        for (const [event, count] of hourEventCounts(region, d, h)) if (!events || events.has(event)) n += count;
      }
    }
  }
  partial(endFull * 1000, w.to);
  return n;
}

// ---- POST /v1/analytics/logs ----

function logsHandler(ctx: Ctx): Reply {
  const { body, world, region, baseUrl, subaccount } = ctx;
  if (body.invalidJson || typeof body.json !== 'object' || body.json === null || Array.isArray(body.json)) return message(400, 'invalid request body: expected a JSON object');
  const q = body.json as Item;
  const now = world.now();
  const window = analyticsWindow(q, now, DAY_MS);
  if ('error' in window) return message(400, window.error);
  const { start, end } = window;
  const duration = typeof q.duration === 'string' && q.duration ? q.duration : undefined;

  const events = new Set<string>();
  for (const e of strings(q.events)) {
    if (e === 'unique_opened' || e === 'unique_clicked') return message(400, `event ${e} is not supported by the fake Mailgun server`);
    if (!LOG_EVENTS.includes(e)) return message(400, `invalid event: ${e}`);
    events.add(e);
  }
  // Metric events that are plain event names select those events; the derived ones are not modelled.
  for (const e of strings(q.metric_events)) {
    if (!METRIC_EVENTS.includes(e)) return message(400, `invalid metric event: ${e}`);
    if (!LOG_EVENTS.includes(e)) return message(400, `metric event ${e} is not supported by the fake Mailgun server`);
    events.add(e);
  }
  const predicates = parsePredicates(q.filter);
  if (typeof predicates === 'string') return message(400, predicates);
  if (q.include_subaccounts !== undefined && typeof q.include_subaccounts !== 'boolean') return message(400, 'invalid include_subaccounts: must be true or false');
  const pagination = obj(q.pagination);
  const sort = str(pagination.sort) ?? 'timestamp:desc';
  if (sort !== 'timestamp:asc' && sort !== 'timestamp:desc') return message(400, `invalid sort: ${sort}; use timestamp:asc or timestamp:desc`);
  const limit = pagination.limit === undefined ? MAX_LOGS_LIMIT : Number(pagination.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LOGS_LIMIT) return message(400, `invalid limit: ${String(pagination.limit)}; must be between 1 and ${MAX_LOGS_LIMIT}`);
  let token: PageToken = { d: 'first' };
  if (typeof pagination.token === 'string' && pagination.token) {
    const t = decodeToken<PageToken>(pagination.token);
    if (!t || !['first', 'next', 'previous', 'last'].includes(t.d)) return message(400, 'invalid pagination token');
    token = t;
  }

  const domainPredicates = predicates.filter((p) => p.attribute === 'domain');
  const eventPredicates = predicates.filter((p) => p.attribute === 'event');
  const others = predicates.filter((p) => p.attribute !== 'domain' && p.attribute !== 'event');
  // A parent with include_subaccounts also reads its subaccounts' rows in this region; on behalf of a subaccount, only its own.
  const regions = [region, ...(!subaccount && q.include_subaccounts === true ? [...world.subaccounts.values()].map((s) => s[region.region]) : [])];
  const sources = regions.map((r) => ({ region: r, domains: [...r.domains.keys()].filter((d) => domainPredicates.every((p) => matches(p, d))) }));
  const kindFilter = (event: string): boolean => (events.size === 0 || events.has(event)) && eventPredicates.every((p) => matches(p, event));
  const w: Window = {
    sources,
    // Rows of the current hour exist only up to the fake's clock; without an end, "now" itself is included.
    from: start * 1000,
    to: Math.min(typeof q.end === 'string' && q.end ? end : now + 1, now + 1) * 1000,
    desc: sort === 'timestamp:desc',
    kindFilter,
    keep: (row) => {
      if (others.length === 0) return true;
      const read = rowReader(row, baseUrl);
      return others.every((p) => matches(p, read(p.attribute)));
    },
  };
  const p = page(w, token, limit);
  const paging: Record<string, unknown> = {};
  if (p.rows.length > 0 && (p.hasNext || p.hasPrevious)) {
    if (p.hasPrevious) paging.previous = encodeToken({ d: 'previous', c: cursorOf(p.rows[0]) });
    if (p.hasNext) paging.next = encodeToken({ d: 'next', c: cursorOf(p.rows[p.rows.length - 1]) });
    paging.first = encodeToken({ d: 'first' });
    paging.last = encodeToken({ d: 'last' });
  }
  if (q.include_totals === true) paging.total = countRows(w, others.length === 0 && eventPredicates.length === 0, events.size > 0 ? events : undefined);
  const echo = (v: unknown, ms: number): string => (typeof v === 'string' && v ? v : rfc2822(ms).replace('+0000', '-0000'));
  return json(200, { start: duration ? rfc2822(start).replace('+0000', '-0000') : echo(q.start, start), end: echo(q.end, end), items: p.rows.map((r) => logItem(r, baseUrl)), pagination: paging, aggregates: {} });
}

// ---- GET /v3/{domain}/events ----

const CONTAINS_FILTERS = new Set(['from', 'to', 'subject']);
/** Events filter parameters as Logs filter attributes. */
const EVENT_FILTER_ATTRIBUTES: Record<string, string> = {
  event: 'event',
  recipient: 'recipient',
  from: 'from',
  to: 'to',
  subject: 'subject',
  'message-id': 'message_id',
  tags: 'tag',
  severity: 'severity',
  list: 'mailing_list_address',
  attachment: 'attachment_filename',
  size: 'size',
  recipients: 'recipients',
};

/** What an Events paging token carries: the whole query, since Mailgun's `next` URL is followed verbatim. */
interface EventsToken extends PageToken {
  /** Range in epoch ms; `hi: null` means "up to now" at each request (tailing). */
  lo: number | null;
  hi: number | null;
  asc: boolean;
  limit: number;
  f: Record<string, string>;
}

/** Mailgun filter expressions, simplified: alternatives joined by OR, each optionally prefixed by NOT. */
function eventFilterMatches(name: string, expr: string, actual: Values): boolean {
  const list = (Array.isArray(actual) ? actual : actual === undefined ? [] : [actual]).map((a) => a.toLowerCase());
  const one = (term: string): boolean => {
    const negate = /^NOT\s+/.test(term);
    const v = term.replace(/^NOT\s+/, '').replace(/^<(.*)>$/, '$1').trim().toLowerCase();
    const hit = list.some((a) => (CONTAINS_FILTERS.has(name) ? a.includes(v) : a.replace(/^<(.*)>$/, '$1') === v));
    return negate ? !hit : hit;
  };
  return expr.split(/\s+OR\s+/).some(one);
}

function eventsQuery(ctx: Ctx): EventsToken | string {
  const { query } = ctx;
  const time = (name: string): number | undefined | string => {
    const v = query.get(name);
    if (!v) return undefined;
    const ms = parseTime(v, true);
    return Number.isNaN(ms) ? `invalid ${name}: ${v}; use epoch seconds or RFC 2822` : ms;
  };
  const begin = time('begin');
  const end = time('end');
  if (typeof begin === 'string') return begin;
  if (typeof end === 'string') return end;
  const ascending = query.get('ascending');
  if (ascending !== null && ascending !== 'yes' && ascending !== 'no') return `invalid ascending: ${ascending}; use yes or no`;
  const asc = ascending === 'yes' || (ascending === null && begin !== undefined && end !== undefined && begin < end);
  const limitRaw = query.get('limit');
  const limit = limitRaw === null ? 100 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1) return `invalid limit: ${limitRaw}`;
  if (limit > MAX_EVENTS_LIMIT) return `limit must be at most ${MAX_EVENTS_LIMIT}`;
  const f: Record<string, string> = {};
  for (const name of Object.keys(EVENT_FILTER_ATTRIBUTES)) {
    const v = query.get(name);
    if (v !== null && v !== '') f[name] = v;
  }
  // `begin` is where the search starts: the older bound ascending, the newer one descending.
  let lo: number | null = null;
  let hi: number | null = null;
  if (begin !== undefined && end !== undefined) [lo, hi] = [Math.min(begin, end), Math.max(begin, end)];
  else if (begin !== undefined) [lo, hi] = asc ? [begin, null] : [null, begin];
  else if (end !== undefined) [lo, hi] = asc ? [null, end] : [end, null];
  return { d: 'first', lo, hi, asc, limit, f };
}

function eventsPage(ctx: Ctx, t: EventsToken): Reply {
  const { region, world, baseUrl } = ctx;
  const d = findDomain(region, ctx.params.domain);
  if (!d) return domainNotFound();
  const filters = Object.entries(t.f).filter(([name]) => name !== 'event');
  const eventExpr = t.f.event;
  const now = world.now();
  const w: Window = {
    sources: [{ region, domains: [d.name] }],
    from: t.lo === null ? 0 : t.lo * 1000,
    to: (t.hi === null ? now + 1 : Math.min(t.hi, now + 1)) * 1000,
    desc: !t.asc,
    kindFilter: eventExpr ? (event) => eventFilterMatches('event', eventExpr, event) : undefined,
    keep: (row) => {
      if (filters.length === 0) return true;
      const read = rowReader(row, baseUrl);
      return filters.every(([name, expr]) => eventFilterMatches(name, expr, read(EVENT_FILTER_ATTRIBUTES[name])));
    },
  };
  const p = page(w, t, t.limit);
  const { d: _d, c, ...query } = t;
  const link = (dir: Direction, cursor?: [number, string]): string => `${baseUrl}v3/${d.name}/events/${encodeToken({ ...query, d: dir, c: cursor })}`;
  // An empty page keeps its cursor, so polling `next` picks up later events (tailing).
  const firstRow = p.rows[0];
  const lastRow = p.rows[p.rows.length - 1];
  const paging = {
    previous: link('previous', firstRow ? cursorOf(firstRow) : c),
    first: link('first'),
    last: link('last'),
    next: link(lastRow ? 'next' : t.d === 'previous' ? 'first' : t.d === 'last' ? 'last' : t.d, lastRow ? cursorOf(lastRow) : c),
  };
  return json(200, { items: p.rows.map((r) => eventItem(r, baseUrl)), paging });
}

export function register(router: Router): void {
  router.add('POST', '/v1/analytics/logs', logsHandler);
  router.add('GET', '/v3/:domain/events', (ctx) => {
    const t = eventsQuery(ctx);
    return typeof t === 'string' ? message(400, t) : eventsPage(ctx, t);
  });
  router.add('GET', '/v3/:domain/events/:token', (ctx) => {
    const t = decodeToken<EventsToken>(ctx.params.token);
    if (!t || typeof t.asc !== 'boolean' || typeof t.limit !== 'number' || typeof t.f !== 'object') return message(400, 'invalid paging token');
    return eventsPage(ctx, t);
  });
}

