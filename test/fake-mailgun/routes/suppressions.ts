// Bounces, unsubscribes, complaints and the allowlist (`whitelists`) of one domain (mailgun-api.md §7).
import { parse as parseCsv } from 'csv-parse/sync';
import { rfc1123 } from '../dates';
import { domainNotFound, json, message, rawJson, type Reply } from '../http';
import type { Ctx, Router } from '../router';
import { type Allowlisted, type Bounce, type Complaint, type Domain, findDomain, type ListName, type Unsubscribe } from '../state';
import type { SuppressionList } from '../suppression-list';

/** Messages exactly as recorded (VCR) or, where no recording exists, as the SPEC examples give them. */
const TEXT: Record<ListName, { added: string; batch: (n: number) => string; removed: string; cleared: string; notFound: string }> = {
  bounces: {
    added: 'Address has been added to the bounces table',
    batch: (n) => `${n} addresses have been added to the bounces table`,
    removed: 'Bounced address has been removed',
    cleared: 'Bounced addresses for this domain have been removed',
    notFound: 'Address not found in bounces table',
  },
  unsubscribes: {
    added: 'Address has been added to the unsubscribes table',
    batch: (n) => `${n} addresses have been added to the unsubscribes table`,
    removed: 'Unsubscribe event has been removed',
    cleared: 'Unsubscribe addresses for this domain have been removed',
    notFound: 'Address not found in unsubscribers table',
  },
  complaints: {
    added: 'Address has been added to the complaints table',
    batch: (n) => `${n} complaint addresses have been added to the complaints table`,
    removed: 'Spam complaint has been removed',
    cleared: 'Complaint addresses for this domain have been removed',
    notFound: 'No spam complaints found for this address',
  },
  whitelists: {
    added: 'Address/Domain has been added to the allowlists table',
    batch: () => '',
    removed: 'Allowlist address/domain has been removed',
    cleared: 'Allowlist addresses/domains for this domain have been removed',
    notFound: 'Address/Domain not found in allowlist table',
  },
};

export const MAX_PAGE = 1000;
export const MAX_BATCH = 1000;
const MISSING_ADDRESS = 'Missing mandatory parameter: address';

/** Go's url.QueryEscape, which builds the recorded paging URLs (`test777%40example.com`). */
export function queryEscape(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, '+');
}

type Input = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** `created_at` given by the caller (RFC 2822) or now; undefined when unparsable. */
function createdAt(ctx: Ctx, raw: unknown): string | undefined {
  const s = str(raw);
  const ms = s ? Date.parse(s) : ctx.world.now();
  return Number.isNaN(ms) ? undefined : rfc1123(ms, 'UTC');
}

/** Builds a record of `list` from form fields or a JSON object; a string result is the error message. */
function toRecord(ctx: Ctx, list: ListName, input: Input): Bounce | Unsubscribe | Complaint | Allowlisted | string {
  const when = createdAt(ctx, input.created_at);
  if (when === undefined) return `Invalid created_at: ${str(input.created_at)}`;
  if (list === 'whitelists') {
    const address = str(input.address)?.trim();
    const domain = str(input.domain)?.trim();
    if (!address && !domain) return 'Missing mandatory parameter: address/domain';
    return { value: (address || domain)!, reason: str(input.reason) ?? '', type: address ? 'address' : 'domain', createdAt: when };
  }
  const address = str(input.address)?.trim();
  if (!address) return MISSING_ADDRESS;
  if (list === 'bounces') return { address, code: str(input.code) || '550', error: str(input.error) ?? '', created_at: when };
  if (list === 'complaints') return { address, created_at: when };
  const tags = Array.isArray(input.tags) ? input.tags.map(String) : str(input.tag) ? [str(input.tag)!] : ['*'];
  return { address, tags, created_at: when };
}

/** Adding an unsubscribe for a known address adds its tag instead of replacing the record. */
function store(lists: Domain['lists'], list: ListName, record: Bounce | Unsubscribe | Complaint | Allowlisted): void {
  if (list === 'unsubscribes') {
    const u = record as Unsubscribe;
    const existing = lists.unsubscribes.get(u.address);
    if (existing) {
      for (const t of u.tags) if (!existing.tags.includes(t)) existing.tags.push(t);
      lists.unsubscribes.changed(existing);
      return;
    }
  }
  (lists[list] as SuppressionList<typeof record>).put(record);
}

function withDomain(fn: (d: Domain, list: ListName, ctx: Ctx) => Reply, list: ListName) {
  return (ctx: Ctx): Reply => {
    const d = findDomain(ctx.region, ctx.params.domain);
    return d ? fn(d, list, ctx) : domainNotFound();
  };
}

function page(d: Domain, list: ListName, ctx: Ctx): Reply {
  const q = ctx.query;
  const rawLimit = Number(q.get('limit') ?? 100);
  const limit = Number.isInteger(rawLimit) && rawLimit > 0 ? Math.min(rawLimit, MAX_PAGE) : 100;
  const term = q.get('term') ?? '';
  const { json: items, first: head, last: tail } = (d.lists[list] as SuppressionList<object>).pageJson({ limit, term, page: q.get('page') ?? undefined, address: q.get('address') ?? undefined });
  const base = `${ctx.baseUrl}v3/${d.name}/${list}`;
  const params = `limit=${limit}&term=${queryEscape(term)}`;
  const first = `${base}?${params}`;
  const cursor = (r: object): string => queryEscape(list === 'whitelists' ? (r as Allowlisted).value : (r as Bounce).address);
  const paging =
    head && tail
      ? { previous: `${base}?page=previous&address=${cursor(head)}&${params}`, first, next: `${base}?page=next&address=${cursor(tail)}&${params}`, last: `${base}?page=last&${params}` }
      : { previous: first, first, next: first, last: first };
  return rawJson(200, `{"items":${items},"paging":${JSON.stringify(paging)}}`);
}

function add(d: Domain, list: ListName, ctx: Ctx): Reply {
  const { body } = ctx;
  if (body.contentType.startsWith('application/json') && list !== 'whitelists') {
    if (body.invalidJson) return message(400, 'Invalid JSON body');
    if (!Array.isArray(body.json)) return message(400, 'Expected a JSON array of records');
    if (body.json.length > MAX_BATCH) return message(400, 'Batch size should be less than 1000');
    const records = [];
    for (const item of body.json as unknown[]) {
      const r = toRecord(ctx, list, typeof item === 'object' && item !== null ? (item as Input) : {});
      if (typeof r === 'string') return message(400, r);
      records.push(r);
    }
    records.forEach((r) => store(d.lists, list, r));
    return message(200, TEXT[list].batch(records.length));
  }
  const f = body.form;
  const r = toRecord(ctx, list, { address: f.get('address'), domain: f.get('domain'), code: f.get('code'), error: f.get('error'), tag: f.get('tag'), reason: f.get('reason'), created_at: f.get('created_at') });
  if (typeof r === 'string') return message(400, r);
  store(d.lists, list, r);
  if (list === 'whitelists') {
    const w = r as Allowlisted;
    return json(200, { message: TEXT[list].added, type: w.type, value: w.value });
  }
  const address = (r as Bounce).address;
  return json(200, list === 'bounces' ? { message: TEXT[list].added, address } : { address, message: TEXT[list].added });
}

const CSV_COLUMNS: Record<ListName, string[]> = {
  bounces: ['address', 'code', 'error', 'created_at'],
  unsubscribes: ['address', 'tags', 'created_at'],
  complaints: ['address', 'created_at'],
  whitelists: ['address', 'domain'],
};

function importCsv(d: Domain, list: ListName, ctx: Ctx): Reply {
  const file = ctx.body.files.get('file');
  if (!file) return message(400, 'Missing mandatory parameter: file');
  let rows: Record<string, string>[];
  try {
    rows = parseCsv<Record<string, string>>(file.content, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, bom: true, relax_column_count: true });
  } catch {
    return message(400, 'while reading csv header');
  }
  const header = rows.length > 0 ? Object.keys(rows[0]) : [];
  const known = CSV_COLUMNS[list];
  const needs = list === 'whitelists' ? header.some((h) => h === 'address' || h === 'domain') : header.includes('address');
  if (rows.length > 0 && !needs) return message(400, 'while reading csv header');
  const accepted = message(202, 'file uploaded successfully for processing. standby...');
  // Real Mailgun takes the upload and then fails in the background on a column it does not know: nothing is imported.
  if (header.some((h) => !known.includes(h))) return accepted;
  const records = [];
  for (const row of rows) {
    const input: Input = { ...row, tags: row.tags ? row.tags.split(',').map((t) => t.trim()).filter(Boolean) : undefined };
    const r = toRecord(ctx, list, input);
    if (typeof r === 'string') return message(400, r);
    records.push(r);
  }
  records.forEach((r) => store(d.lists, list, r));
  return accepted;
}

function getOne(d: Domain, list: ListName, ctx: Ctx): Reply {
  const r = (d.lists[list] as SuppressionList<object>).get(ctx.params.address);
  return r ? json(200, r) : message(404, TEXT[list].notFound);
}

function removeOne(d: Domain, list: ListName, ctx: Ctx): Reply {
  const key = ctx.params.address;
  const tag = list === 'unsubscribes' ? ctx.query.get('tag') : null;
  const existing = (d.lists[list] as SuppressionList<object>).get(key);
  if (!existing) return message(404, TEXT[list].notFound);
  const u = existing as Unsubscribe;
  if (tag) {
    // RST: `tag` removes one tag only; the record goes when no tag is left.
    if (!u.tags.includes(tag)) return message(404, TEXT[list].notFound);
    u.tags = u.tags.filter((t) => t !== tag);
    if (u.tags.length === 0) d.lists[list].delete(key);
    else d.lists.unsubscribes.changed(u);
  } else d.lists[list].delete(key);
  if (list === 'whitelists') return json(200, { message: TEXT[list].removed, value: (existing as Allowlisted).value });
  return json(200, { address: u.address, message: TEXT[list].removed });
}

function removeAll(d: Domain, list: ListName): Reply {
  d.lists[list].clear();
  return message(200, TEXT[list].cleared);
}

export function register(router: Router): void {
  const rateHeaders = true;
  for (const list of Object.keys(TEXT) as ListName[]) {
    router.add('GET', `/v3/:domain/${list}`, withDomain(page, list), { rateHeaders });
    router.add('POST', `/v3/:domain/${list}`, withDomain(add, list), { rateHeaders });
    router.add('DELETE', `/v3/:domain/${list}`, withDomain(removeAll, list), { rateHeaders });
    router.add('POST', `/v3/:domain/${list}/import`, withDomain(importCsv, list), { rateHeaders });
    router.add('GET', `/v3/:domain/${list}/:address`, withDomain(getOne, list), { rateHeaders });
    router.add('DELETE', `/v3/:domain/${list}/:address`, withDomain(removeOne, list), { rateHeaders });
  }
}
