// Metrics v1: POST /v1/analytics/metrics with the time and domain dimensions and AND filters. Buckets are
// sparse and rates are strings (mailgun-api.md §9), computed from the stored event series.
import { analyticsWindow, DAY_MS, floorTo, type Resolution, rfc2822 } from '../dates';
import { addCounts, COUNT_METRICS, type Counts, formatRate, isEmpty, newCounts, RATE_METRICS, sumInto } from '../events';
import { json, message, type Reply } from '../http';
import type { Ctx, Router } from '../router';

export const DIMENSIONS = ['time', 'domain', 'tag', 'subaccount', 'ip', 'ip_pool', 'country', 'recipient_domain', 'recipient_provider', 'device', 'bot'];
export const SUPPORTED_DIMENSIONS = ['time', 'domain', 'subaccount'];
const COMPARATORS = ['=', '!=', 'contains', 'not contains'];

interface Filter {
  attribute: string;
  comparator: string;
  values: string[];
}

type Query = Record<string, unknown>;
const s = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

function parseFilters(raw: unknown): Filter[] | string {
  if (raw === undefined || raw === null) return [];
  if (typeof raw !== 'object' || Array.isArray(raw)) return 'filter must be an object';
  const keys = Object.keys(raw);
  if (keys.some((k) => k !== 'AND')) return 'only AND filters are supported';
  const and = (raw as { AND?: unknown }).AND;
  if (and === undefined) return [];
  if (!Array.isArray(and)) return 'filter.AND must be an array';
  const out: Filter[] = [];
  for (const f of and as Query[]) {
    const attribute = s(f?.attribute);
    const comparator = s(f?.comparator);
    if (!DIMENSIONS.includes(attribute) || attribute === 'time') return `invalid filter attribute: ${attribute}`;
    if (!COMPARATORS.includes(comparator)) return `invalid filter comparator: ${comparator}`;
    const values = Array.isArray(f.values) ? (f.values as Query[]).map((v) => s(v?.value)) : [];
    if (values.length === 0) return `filter on ${attribute} has no values`;
    out.push({ attribute, comparator, values });
  }
  return out;
}

/** Only the domain and the subaccount are known of events; every other attribute is empty for all events. */
function passes(filters: Filter[], domain: string, subaccount: string): boolean {
  return filters.every((f) => {
    const actual = f.attribute === 'domain' ? domain : f.attribute === 'subaccount' ? subaccount : '';
    const hit = f.values.some((v) => (f.comparator.endsWith('contains') ? v !== '' && actual.includes(v) : actual === v));
    return f.comparator === '=' || f.comparator === 'contains' ? hit : !hit;
  });
}

function metricValues(metrics: string[], counts: Counts): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const m of metrics) {
    if (m in COUNT_METRICS) out[m] = COUNT_METRICS[m](counts);
    else {
      const [num, den] = RATE_METRICS[m];
      out[m] = formatRate(num(counts), den(counts));
    }
  }
  return out;
}

function metricsHandler(ctx: Ctx): Reply {
  const { body, world, region } = ctx;
  if (body.invalidJson || typeof body.json !== 'object' || body.json === null || Array.isArray(body.json)) return message(400, 'invalid request body: expected a JSON object');
  const q = body.json as Query;
  const metrics = Array.isArray(q.metrics) ? q.metrics.map(String) : [];
  const unknownMetric = metrics.find((m) => !(m in COUNT_METRICS) && !(m in RATE_METRICS));
  if (unknownMetric) return message(400, `invalid metric: ${unknownMetric}`);
  const dimensions = Array.isArray(q.dimensions) ? q.dimensions.map(String) : [];
  const badDim = dimensions.find((d) => !DIMENSIONS.includes(d));
  if (badDim) return message(400, `invalid dimension: ${badDim}`);
  const unsupported = dimensions.find((d) => !SUPPORTED_DIMENSIONS.includes(d));
  if (unsupported) return message(400, `dimension ${unsupported} is not supported by the fake Mailgun server (time, domain and subaccount are)`);
  const resolution = s(q.resolution, 'day') as Resolution;
  if (!['hour', 'day', 'month'].includes(resolution)) return message(400, `invalid resolution: ${resolution}`);
  const filters = parseFilters(q.filter);
  if (typeof filters === 'string') return message(400, filters);

  const window = analyticsWindow(q, world.now(), 7 * DAY_MS, (end) => floorTo(end, 'hour'));
  if ('error' in window) return message(400, window.error);
  const { start, end } = window;
  const duration = typeof q.duration === 'string' && q.duration ? q.duration : undefined;

  const byTime = dimensions.includes('time');
  const byDomain = dimensions.includes('domain');
  const bySubaccount = dimensions.includes('subaccount');
  const floor = (ms: number): number => (byTime ? floorTo(ms, resolution) : 0);
  const groups = new Map<string, { time: number; domain: string; subaccount: string; counts: Counts }>();
  const aggregate = newCounts();
  // Inferred: grouping by subaccount lists the subaccounts' traffic only (the parent's own has no subaccount).
  const sources = bySubaccount ? [] : [region];
  if (!ctx.subaccount && (bySubaccount || q.include_subaccounts === true)) for (const sub of world.subaccounts.values()) sources.push(sub[region.region]);
  for (const source of sources) {
    const subaccount = source.subaccountId ?? '';
    for (const name of [...source.domains.keys()].sort()) {
      if (!passes(filters, name, subaccount)) continue;
      const buckets = new Map<number, Counts>();
      sumInto(buckets, source.events.get(name), start, end, floor);
      for (const [time, counts] of buckets) {
        addCounts(aggregate, counts);
        const key = `${time}|${byDomain ? name : ''}|${bySubaccount ? subaccount : ''}`;
        const g = groups.get(key);
        if (g) addCounts(g.counts, counts);
        else groups.set(key, { time, domain: name, subaccount, counts });
      }
    }
  }
  const rows = [...groups.values()].filter((g) => !isEmpty(g.counts));

  const pagination = (typeof q.pagination === 'object' && q.pagination !== null ? q.pagination : {}) as Query;
  const sort = typeof pagination.sort === 'string' ? pagination.sort : '';
  const [sortKey, sortDir] = sort.split(':');
  const sign = sortDir === 'desc' ? -1 : 1;
  const valueOf = (g: (typeof rows)[number], key: string): number | string =>
    key === 'time' ? g.time : key === 'domain' ? g.domain : key === 'subaccount' ? g.subaccount : key in COUNT_METRICS ? COUNT_METRICS[key](g.counts) : 0;
  rows.sort((a, b) => a.time - b.time || (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
  if (sortKey) rows.sort((a, b) => (valueOf(a, sortKey) < valueOf(b, sortKey) ? -sign : valueOf(a, sortKey) > valueOf(b, sortKey) ? sign : 0));
  const maxLimit = byTime ? 1500 : 1000;
  const skip = Math.max(0, Math.floor(Number(pagination.skip ?? 0)) || 0);
  const limit = Math.min(maxLimit, Math.max(1, Math.floor(Number(pagination.limit ?? (byTime ? 1500 : 10))) || (byTime ? 1500 : 10)));

  const items = rows.slice(skip, skip + limit).map((g) => ({
    dimensions: dimensions.map((dim) => {
      if (dim === 'subaccount') return { dimension: dim, value: g.subaccount, display_value: world.subaccounts.get(g.subaccount)?.name ?? g.subaccount };
      const value = dim === 'time' ? rfc2822(g.time) : g.domain;
      return { dimension: dim, value, display_value: value };
    }),
    metrics: metricValues(metrics, g.counts),
  }));
  const out: Record<string, unknown> = { start: rfc2822(start), end: rfc2822(end), resolution };
  if (duration) out.duration = duration;
  Object.assign(out, { dimensions, pagination: { sort, skip, limit, total: rows.length }, items });
  if (q.include_aggregates === true) out.aggregates = { metrics: metricValues(metrics, aggregate) };
  return json(200, out);
}

export function register(router: Router): void {
  router.add('POST', '/v1/analytics/metrics', metricsHandler);
}
