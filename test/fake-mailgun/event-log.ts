// Individual log rows for the Logs and Events APIs, expanded from the same hourly counters that Stats and
// Metrics read (events.ts), so a window of whole hours holds exactly as many rows of each event as the
// metrics count there. Rows are generated on demand and deterministically from (domain, hour, index):
// the scale seed's millions of rows are never materialised. Events appended through the control API are
// stored whole, added to the counters too, and take the place of generated rows of their kind.
import { COUNTER_INDEX, type Counter, type DomainSeries, record } from './events';
import { HOUR_MS } from './dates';
import type { RegionState } from './state';

/** One generated row kind per leaf counter that stands for a message event. */
interface Kind {
  counter: Counter;
  event: string;
  transport?: 'smtp' | 'http';
  incoming?: boolean;
  optimized?: boolean;
  severity?: 'temporary' | 'permanent';
  reason?: string;
  bounceType?: 'hard' | 'soft';
  code?: number;
  status?: string;
}

// webhook and rate_limit are counted outside the message flow (metrics' failed_count leaves them out): no rows.
export const KINDS: readonly Kind[] = [
  { counter: 'accepted_outgoing', event: 'accepted' },
  { counter: 'accepted_incoming', event: 'accepted', incoming: true },
  { counter: 'delivered_smtp', event: 'delivered', transport: 'smtp', code: 250, status: 'OK' },
  { counter: 'delivered_http', event: 'delivered', transport: 'http', code: 200, status: 'OK' },
  { counter: 'delivered_optimized', event: 'delivered', transport: 'smtp', optimized: true, code: 250, status: 'OK' },
  { counter: 'stored', event: 'stored' },
  { counter: 'opened', event: 'opened' },
  { counter: 'clicked', event: 'clicked' },
  { counter: 'unsubscribed', event: 'unsubscribed' },
  { counter: 'complained', event: 'complained' },
  { counter: 'temporary_other', event: 'failed', severity: 'temporary', reason: 'generic', code: 421, status: '4.4.2 Connection timed out, will retry' },
  { counter: 'temporary_esp_block', event: 'failed', severity: 'temporary', reason: 'espblock', code: 421, status: '4.7.0 Try again later, closing connection' },
  { counter: 'hard_bounce', event: 'failed', severity: 'permanent', reason: 'bounce', bounceType: 'hard', code: 550, status: '5.1.1 The email account that you tried to reach does not exist.' },
  { counter: 'soft_bounce', event: 'failed', severity: 'permanent', reason: 'bounce', bounceType: 'soft', code: 552, status: '5.2.2 The recipient\'s mailbox is full.' },
  { counter: 'suppressed_bounce', event: 'failed', severity: 'permanent', reason: 'suppress-bounce', code: 605, status: 'Not delivering to previously bounced address' },
  { counter: 'suppressed_unsubscribe', event: 'failed', severity: 'permanent', reason: 'suppress-unsubscribe', code: 606, status: 'Not delivering to unsubscribed address' },
  { counter: 'suppressed_complaint', event: 'failed', severity: 'permanent', reason: 'suppress-complaint', code: 607, status: 'Not delivering to a user who marked your messages as spam' },
];
const KIND_COUNTER = KINDS.map((k) => COUNTER_INDEX[k.counter]);

/** Event names a log row may carry (SPEC `...logs-api-pkg-api-model-Event`, without the unique_* views). */
export const LOG_EVENTS = ['accepted', 'delivered', 'failed', 'opened', 'clicked', 'unsubscribed', 'complained', 'rejected', 'stored', 'email_validation', 'list_uploaded', 'list_member_uploaded', 'list_member_upload_error', 'trapped'];

/** An event appended through the control API, kept whole (Logs item shape, without `@timestamp`). */
export interface StoredEvent {
  /** Epoch microseconds. */
  ts: number;
  id: string;
  kind: number;
  item: Record<string, unknown>;
}

/** Appended events per domain, by hour start (ms), each list sorted by (ts, id). */
export type DomainLog = Map<number, StoredEvent[]>;

/** A row in a scan: generated (`index` within its hour) or stored. The id of a generated row is made on first use. */
export class Row {
  private madeId: string | undefined;
  constructor(
    readonly domain: string,
    readonly hour: number,
    readonly ts: number,
    readonly kind: number,
    readonly index: number,
    readonly stored?: StoredEvent,
    /** The subaccount whose region holds the row; absent for the account's own. */
    readonly subaccount?: string,
  ) {
    this.madeId = stored?.id;
  }

  get id(): string {
    return (this.madeId ??= rowId(fnv(this.domain), this.hour / HOUR_MS, this.index));
  }

  /** The seed of a generated row's details. */
  get seed(): number {
    return mix(fnv(this.domain), this.hour / HOUR_MS, this.index);
  }
}

export interface Cursor {
  ts: number;
  id: string;
}

export const compareRows = (a: Cursor, b: Cursor): number => a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

// ---- deterministic numbers and strings ----

const fnvCache = new Map<string, number>();
function fnv(s: string): number {
  const known = fnvCache.get(s);
  if (known !== undefined) return known;
  const h = fnvOf(s);
  if (fnvCache.size > 10_000) fnvCache.clear();
  fnvCache.set(s, h);
  return h;
}

function fnvOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function mix(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) ^ c;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
function chars(n: number, count: number): string {
  let s = '';
  for (let i = 0; i < count; i++, n >>>= 6) s += ALPHABET[n & 63];
  return s;
}

/** 22 characters like the recorded `JDhSWf9mT5OFxCkZfpDU5d`. */
function rowId(seed: number, hourIndex: number, index: number): string {
  return chars(mix(seed, hourIndex, index), 5) + chars(mix(seed, hourIndex, index ^ 0x55555555), 5) + chars(mix(seed ^ 0x1234567, hourIndex, index), 6) + chars(mix(seed, hourIndex ^ 0x7654321, index), 6);
}

let storedCounter = 0;
export function storedId(domain: string, ts: number): string {
  storedCounter++;
  return rowId(fnv(domain) ^ 0x2545f491, Math.floor(ts / 1000), storedCounter);
}

// ---- per-hour expansion ----

interface HourPlan {
  /** Generated rows' kinds, shuffled; row i is at hour + (i + 0.5) / n of the hour. */
  kinds: Uint8Array;
  /** The generated counts it was built from, to notice when the counters change. */
  counts: Float64Array;
}

const plans = new WeakMap<DomainSeries, Map<number, HourPlan>>();
const MAX_PLANS_PER_DOMAIN = 512;

function generatedCounts(series: DomainSeries, log: DomainLog | undefined, hour: number): Float64Array {
  const out = new Float64Array(KINDS.length);
  const row = series.get(hour);
  if (!row) return out;
  for (let k = 0; k < KINDS.length; k++) out[k] = row[KIND_COUNTER[k]];
  for (const e of log?.get(hour) ?? []) if (e.kind >= 0) out[e.kind]--;
  for (let k = 0; k < out.length; k++) out[k] = Math.max(0, Math.round(out[k]));
  return out;
}

function planOf(domain: string, series: DomainSeries, log: DomainLog | undefined, hour: number): HourPlan {
  const counts = generatedCounts(series, log, hour);
  let cache = plans.get(series);
  if (!cache) plans.set(series, (cache = new Map<number, HourPlan>()));
  const cached = cache.get(hour);
  if (cached && cached.counts.every((v, i) => v === counts[i])) return cached;
  let n = 0;
  for (const v of counts) n += v;
  const kinds = new Uint8Array(n);
  let at = 0;
  counts.forEach((v, k) => {
    kinds.fill(k, at, at + v);
    at += v;
  });
  // Fisher-Yates with a per-(domain, hour) seed: the same rows every time, kinds interleaved.
  let state = mix(fnv(domain), hour / HOUR_MS, 0x9e37);
  for (let i = n - 1; i > 0; i--) {
    state = mix(state, i, 0x2c1b);
    const j = state % (i + 1);
    const t = kinds[i];
    kinds[i] = kinds[j];
    kinds[j] = t;
  }
  const plan = { kinds, counts };
  if (cache.size >= MAX_PLANS_PER_DOMAIN) cache.delete(cache.keys().next().value as number);
  cache.set(hour, plan);
  return plan;
}

/** The rows of one domain's hour in ascending (ts, id) order. */
export function hourRows(region: RegionState, domain: string, hour: number): Row[] {
  const series = region.events.get(domain);
  const log = region.logs.get(domain);
  const stored = log?.get(hour) ?? [];
  const rows: Row[] = [];
  if (series?.has(hour)) {
    const { kinds } = planOf(domain, series, log, hour);
    const n = kinds.length;
    const base = hour * 1000;
    // Generated timestamps are distinct within an hour, so they sort without ids.
    for (let i = 0; i < n; i++) rows.push(new Row(domain, hour, base + Math.floor(((i + 0.5) * HOUR_MS * 1000) / n), kinds[i], i, undefined, region.subaccountId));
  }
  if (stored.length === 0) return rows;
  for (const e of stored) rows.push(new Row(domain, hour, e.ts, e.kind, -1, e, region.subaccountId));
  return rows.sort(compareRows);
}

/** Generated rows per event name in one domain's hour, without expanding them. */
export function hourEventCounts(region: RegionState, domain: string, hour: number): Map<string, number> {
  const out = new Map<string, number>();
  const series = region.events.get(domain);
  const log = region.logs.get(domain);
  if (series) generatedCounts(series, log, hour).forEach((v, k) => out.set(KINDS[k].event, (out.get(KINDS[k].event) ?? 0) + v));
  for (const e of log?.get(hour) ?? []) {
    const event = String(e.item.event);
    out.set(event, (out.get(event) ?? 0) + 1);
  }
  return out;
}

// ---- appending ----

/** The generated kind an appended event counts as, or -1 when no metric counts it (rejected, …). */
export function kindOf(item: Record<string, unknown>): number {
  const event = item.event;
  const flags = (item.flags ?? {}) as Record<string, unknown>;
  const status = (item['delivery-status'] ?? {}) as Record<string, unknown>;
  const envelope = (item.envelope ?? {}) as Record<string, unknown>;
  const find = (pred: (k: Kind) => boolean): number => KINDS.findIndex(pred);
  switch (event) {
    case 'accepted':
      return find((k) => k.event === 'accepted' && !!k.incoming === (flags['is-authenticated'] === false));
    case 'delivered':
      return find((k) => k.event === 'delivered' && !k.optimized && k.transport === (envelope.transport === 'http' ? 'http' : 'smtp'));
    case 'failed': {
      if (item.severity === 'temporary') return find((k) => k.severity === 'temporary' && (k.reason === 'espblock') === (item.reason === 'espblock'));
      const reason = typeof item.reason === 'string' ? item.reason : 'bounce';
      if (reason.startsWith('suppress-')) return find((k) => k.reason === reason);
      return find((k) => k.reason === 'bounce' && k.bounceType === (status['bounce-type'] === 'soft' ? 'soft' : 'hard'));
    }
    case 'stored':
    case 'opened':
    case 'clicked':
    case 'unsubscribed':
    case 'complained':
      return find((k) => k.event === event);
    default:
      return -1;
  }
}

/** Stores an event and counts it in the hourly series, so Stats and Metrics see it too. */
export function appendEvent(region: RegionState, series: DomainSeries, domain: string, event: StoredEvent): void {
  let log = region.logs.get(domain);
  if (!log) region.logs.set(domain, (log = new Map<number, StoredEvent[]>()));
  const hour = Math.floor(event.ts / 1000 / HOUR_MS) * HOUR_MS;
  const list = log.get(hour) ?? [];
  list.push(event);
  list.sort(compareRows);
  log.set(hour, list);
  if (event.kind < 0) return;
  const counts: Partial<Record<Counter, number>> = { [KINDS[event.kind].counter]: 1 };
  const status = (event.item['delivery-status'] ?? {}) as Record<string, unknown>;
  if (KINDS[event.kind].event === 'delivered' && (status['attempt-no'] ?? 1) === 1) counts.delivered_first_attempt = 1;
  record(series, hour, counts);
}

// ---- rendering ----

const RECIPIENT_DOMAINS = [
  ['gmail.com', 'Gmail'],
  ['yahoo.com', 'Yahoo'],
  ['outlook.com', 'Microsoft'],
  ['example.com', 'Other'],
  ['example.org', 'Other'],
] as const;
const SUBJECTS = ['Your order has shipped', 'Welcome to Acme', 'Reset your password', 'Weekly digest', 'Invoice #{n}', 'Your receipt'];
const TAGS = ['newsletter', 'transactional', 'onboarding', 'billing'];
export const ACCOUNT_ID = '5f1e2d3c4b5a6978a0b1c2d3';

/** The Logs item's `account`: a subaccount's names its parent (SPEC `LogEvent` account{id, parent-id}). */
export const accountOf = (subaccount?: string): Record<string, string> => (subaccount ? { id: subaccount, 'parent-id': ACCOUNT_ID } : { id: ACCOUNT_ID });
const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** Recipients of generated rows: `user<4 digits>@<one of five domains>`. */
export function generatedRecipient(r: number): { recipient: string; domain: string; provider: string } {
  const [domain, provider] = RECIPIENT_DOMAINS[(r >>> 16) % RECIPIENT_DOMAINS.length];
  return { recipient: `user${pad(r % 5000, 4)}@${domain}`, domain, provider };
}

/** The fields of a generated row that filters read most, without building the whole item. */
export interface RowBasics {
  recipient: string;
  recipientDomain: string;
  provider: string;
  subject: string;
  tag: string;
  messageId: string;
  from: string;
}

let stampCache: [number, string] = [NaN, ''];
/** `yyyymmddhh` of an hour, as generated message ids start. */
function hourStamp(hour: number): string {
  if (stampCache[0] !== hour) stampCache = [hour, new Date(hour).toISOString().replace(/\D/g, '').slice(0, 10)];
  return stampCache[1];
}

export function rowBasics(row: Row): RowBasics {
  const r = row.seed;
  const { recipient, domain: recipientDomain, provider } = generatedRecipient(r);
  const stamp = hourStamp(row.hour);
  return {
    recipient,
    recipientDomain,
    provider,
    subject: SUBJECTS[(r >>> 8) % SUBJECTS.length].replace('{n}', String(1000 + (r % 9000))),
    tag: TAGS[(r >>> 20) % TAGS.length],
    messageId: `${stamp}.${row.index}.${mix(fnv(row.domain), row.index, row.hour / HOUR_MS).toString(16).toUpperCase()}@${row.domain}`,
    from: `Acme <noreply@${row.domain}>`,
  };
}

/** The Logs API item for a row (SPEC `LogEvent`; recorded shape in VCR logs.yml). */
export function logItem(row: Row, baseUrl: string): Record<string, unknown> {
  const iso = new Date(Math.floor(row.ts / 1000)).toISOString();
  if (row.stored) return { id: row.id, event: row.stored.item.event, '@timestamp': iso, ...row.stored.item };
  const kind = KINDS[row.kind];
  const r = row.seed;
  const { recipient, recipientDomain, provider, subject, tag, messageId, from } = rowBasics(row);
  const item: Record<string, unknown> = {
    id: row.id,
    event: kind.event,
    '@timestamp': iso,
    account: accountOf(row.subaccount),
    domain: { name: row.domain },
    tags: [tag],
    recipient,
    'recipient-domain': recipientDomain,
    'recipient-provider': provider,
    'log-level': kind.event === 'failed' ? (kind.severity === 'temporary' ? 'warn' : 'error') : kind.event === 'complained' ? 'warn' : 'info',
    'user-variables': JSON.stringify({ 'customer-id': String(r % 100_000) }),
    envelope: { sender: `noreply@${row.domain}`, transport: kind.transport ?? 'smtp', 'sending-ip': `198.51.100.${(r >>> 24) % 200 + 10}`, targets: recipient },
    message: { headers: { to: recipient, 'message-id': messageId, from, subject }, attachments: [], size: 2000 + (r % 40_000) },
    flags: {
      'is-authenticated': !kind.incoming,
      'is-system-test': false,
      'is-routed': false,
      'is-amp': false,
      'is-test-mode': false,
      'is-delayed-bounce': false,
      'is-callback': false,
      'is-encrypted': false,
      'is-webhook': false,
    },
  };
  if (kind.event === 'accepted') {
    item.method = kind.incoming ? 'SMTP' : 'HTTP';
    item['originating-ip'] = `203.0.113.${r % 250}`;
  }
  const key = storageKeyOf(row);
  if (key) item.storage = storageOf(baseUrl, row.domain, key);
  if (kind.code !== undefined) {
    const status: Record<string, unknown> = { code: kind.code, message: kind.status, description: '', 'attempt-no': kind.event === 'delivered' ? 1 + ((r >>> 3) % 25 === 0 ? 1 : 0) : 1, 'session-seconds': ((r % 5000) / 1000) + 0.1 };
    if (kind.event === 'delivered') Object.assign(status, { 'mx-host': `mx.${recipientDomain}`, tls: true, 'certificate-verified': true, utf8: true });
    if (kind.bounceType) status['bounce-type'] = kind.bounceType;
    if (kind.severity === 'temporary') status['retry-seconds'] = 600;
    item['delivery-status'] = status;
  }
  if (kind.optimized) item['i-delivery-optimizer'] = 'enabled';
  if (kind.severity) {
    item.severity = kind.severity;
    item.reason = kind.reason;
  }
  if (kind.event === 'opened' || kind.event === 'clicked' || kind.event === 'unsubscribed' || kind.event === 'complained') {
    item.ip = `192.0.2.${r % 250}`;
    item.geolocation = { country: 'US', region: 'CA', city: 'San Francisco', timezone: 'America/Los_Angeles' };
    item['client-info'] = { 'client-name': 'Chrome', 'client-os': 'macOS', 'client-type': 'browser', 'device-type': 'desktop', 'user-agent': 'Mozilla/5.0', bot: '' };
  }
  if (kind.event === 'clicked') item.url = `https://www.acme-demo.com/offers/${r % 100}`;
  return item;
}

/** A generated row's stored-message key (accepted and stored events), or a stored row's own; the hour's stamp comes first. */
export function storageKeyOf(row: Row): string | undefined {
  if (row.stored) {
    const key = (row.stored.item.storage as { key?: unknown } | undefined)?.key;
    return typeof key === 'string' ? key : undefined;
  }
  const event = KINDS[row.kind].event;
  return event === 'accepted' || event === 'stored' ? `${hourStamp(row.hour)}${row.index}${row.seed.toString(36)}` : undefined;
}

/** The `storage` field of an event whose message the storage route serves (GET /v3/domains/{d}/messages/{key}). */
export function storageOf(baseUrl: string, domain: string, key: string): Record<string, unknown> {
  return { region: 'us-east4', env: 'production', key, url: [`${baseUrl}v3/domains/${domain}/messages/${key}`] };
}

/** A new stored-message key for an event at `ms`: its hour's stamp, then something unique. */
export function newStorageKey(ms: number, unique: string): string {
  return `${hourStamp(Math.floor(ms / HOUR_MS) * HOUR_MS)}${unique}`;
}

/** The row whose message is stored under `key` in the domain, if any (the key's first 10 digits are its hour). */
export function rowOfStorageKey(region: RegionState, domain: string, key: string): Row | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})/.exec(key);
  if (!m) return undefined;
  const hour = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]));
  return hourRows(region, domain, hour).find((row) => storageKeyOf(row) === key);
}

/** The Events API item for a row: float-second `timestamp`, no account/domain, an object `user-variables`. */
export function eventItem(row: Row, baseUrl: string): Record<string, unknown> {
  const { '@timestamp': _t, account: _a, domain: _d, ...rest } = logItem(row, baseUrl);
  const out: Record<string, unknown> = { ...rest, timestamp: row.ts / 1e6 };
  if (typeof rest['user-variables'] === 'string') {
    try {
      out['user-variables'] = JSON.parse(rest['user-variables']);
    } catch {
      out['user-variables'] = {};
    }
  }
  const storage = rest.storage as { url?: unknown } | undefined;
  if (storage && Array.isArray(storage.url)) out.storage = { ...storage, url: storage.url[0] as unknown };
  return out;
}

// ---- scanning ----

export interface ScanOptions {
  domains: readonly string[];
  /** Epoch µs, inclusive. */
  from: number;
  /** Epoch µs, exclusive. */
  to: number;
  desc: boolean;
  /** Only rows strictly after this one in scan order. */
  after?: Cursor;
  /** Cheap test on the kind (generated) or event name (stored) before a row is rendered. */
  kindFilter?: (event: string) => boolean;
}

/** Rows of the given domains in [from, to), in (ts, id) order or its reverse, one hour at a time. */
export function* scanRows(region: RegionState, opts: ScanOptions): Generator<Row> {
  const domains = opts.domains.filter((d) => region.events.has(d) || region.logs.has(d));
  if (domains.length === 0 || opts.from >= opts.to) return;
  let lowHour = Math.floor(opts.from / 1000 / HOUR_MS) * HOUR_MS;
  let highHour = Math.floor((opts.to - 1) / 1000 / HOUR_MS) * HOUR_MS;
  // Don't walk empty hours before the first data point.
  let first = Infinity;
  let last = -Infinity;
  for (const d of domains) {
    for (const h of [...(region.events.get(d)?.keys() ?? []), ...(region.logs.get(d)?.keys() ?? [])]) {
      first = Math.min(first, h);
      last = Math.max(last, h);
    }
  }
  lowHour = Math.max(lowHour, first);
  highHour = Math.min(highHour, last);
  if (opts.after) {
    const cursorHour = Math.floor(opts.after.ts / 1000 / HOUR_MS) * HOUR_MS;
    if (opts.desc) highHour = Math.min(highHour, cursorHour);
    else lowHour = Math.max(lowHour, cursorHour);
  }
  const step = opts.desc ? -HOUR_MS : HOUR_MS;
  for (let hour = opts.desc ? highHour : lowHour; opts.desc ? hour >= lowHour : hour <= highHour; hour += step) {
    let rows: Row[] = [];
    for (const d of domains) {
      const part = hourRows(region, d, hour);
      rows = rows.length === 0 ? part : rows.concat(part);
    }
    if (domains.length > 1) rows.sort(compareRows);
    if (opts.desc) rows.reverse();
    for (const row of rows) {
      if (row.ts < opts.from || row.ts >= opts.to) continue;
      if (opts.after && (opts.desc ? compareRows(row, opts.after) >= 0 : compareRows(row, opts.after) <= 0)) continue;
      if (opts.kindFilter && !opts.kindFilter(row.stored ? String(row.stored.item.event) : KINDS[row.kind].event)) continue;
      yield row;
    }
  }
}
