// Send alerts /v1/thresholds/alerts/send and their hits /v1/thresholds/hits, per region (SPEC tag Alerts;
// mailgun-api.md §11). Validation follows the spec's enums; rate limits are fractions (src/mailgun/alerts.ts
// says why). Hits are computed on each GET from the stored event series over each alert's period, so a test
// provokes one by adding events (POST /_fake/events) that cross the limit.
import { createHash } from 'node:crypto';
import { HOUR_MS, rfc3339 } from '../dates';
import { COUNTER_INDEX, type Counts, derived, newCounts, sumInto } from '../events';
import { json, message, type Reply } from '../http';
import type { Ctx, Router } from '../router';
import type { RegionState, SendAlert, World } from '../state';

const METRICS = ['hard_bounce_rate', 'temporary_fail_rate', 'delivered_rate', 'complained_rate'];
const COMPARATORS = ['=', '!=', '<', '<=', '>', '>='];
const FILTER_COMPARATORS = ['=', '!=', 'contains', 'not contains', '<', '<=', '>', '>='];
const DIMENSIONS = ['domain', 'ip', 'ip_pool', 'recipient_provider', 'subaccount'];
const CHANNELS = ['email', 'slack', 'webhook'];
const PERIOD_RE = /^[1-9]\d*[hd]$/;
const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Numerator and denominator of each alert metric (SPEC Metrics descriptions), as fractions. */
const RATES: Record<string, (x: Counts) => [number, number]> = {
  hard_bounce_rate: (x) => [x[COUNTER_INDEX.hard_bounce], derived(x).sent],
  temporary_fail_rate: (x) => [derived(x).temporary, derived(x).sent],
  delivered_rate: (x) => [derived(x).delivered, derived(x).sent],
  complained_rate: (x) => [x[COUNTER_INDEX.complained], derived(x).delivered],
};

type Input = Omit<SendAlert, 'id' | 'created_at' | 'updated_at' | 'last_checked'>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function parseInput(ctx: Ctx): Input | Reply {
  const { body } = ctx;
  if (body.invalidJson || typeof body.json !== 'object' || body.json === null || Array.isArray(body.json)) return message(400, 'invalid request body: expected a JSON object');
  const q = body.json as Record<string, unknown>;
  const name = str(q.name)?.trim() ?? '';
  if (!name) return message(400, 'name is required');
  const metric = str(q.metric) ?? '';
  if (!METRICS.includes(metric)) return message(400, `invalid metric: ${metric || '(missing)'}`);
  const comparator = str(q.comparator) ?? '';
  if (!COMPARATORS.includes(comparator)) return message(400, `invalid comparator: ${comparator || '(missing)'}`);
  const limit = str(q.limit)?.trim() ?? '';
  if (!NUMBER_RE.test(limit)) return message(400, `invalid limit: ${limit || '(missing)'}`);
  const dimension = str(q.dimension) ?? '';
  if (!DIMENSIONS.includes(dimension)) return message(400, `invalid dimension: ${dimension || '(missing)'}`);
  const period = q.period === undefined || q.period === null ? undefined : str(q.period);
  if (period !== undefined && !PERIOD_RE.test(period)) return message(400, `invalid period: ${period}; use the format 1h or 1d`);
  if (q.period !== undefined && q.period !== null && period === undefined) return message(400, 'invalid period');
  const channels = q.alert_channels ?? [];
  if (!Array.isArray(channels) || channels.some((c) => typeof c !== 'string' || !CHANNELS.includes(c))) return message(400, `invalid alert_channels: ${JSON.stringify(channels)}`);
  const rawFilters = q.filters ?? [];
  if (!Array.isArray(rawFilters)) return message(400, 'filters must be an array');
  const filters: SendAlert['filters'] = [];
  for (const f of rawFilters as Record<string, unknown>[]) {
    const dim = str(f?.dimension) ?? '';
    if (!DIMENSIONS.includes(dim)) return message(400, `invalid filter dimension: ${dim}`);
    const cmp = str(f?.comparator) ?? '';
    if (!FILTER_COMPARATORS.includes(cmp)) return message(400, `invalid filter comparator: ${cmp}`);
    const values = Array.isArray(f.values) ? f.values.filter((v): v is string => typeof v === 'string') : [];
    if (values.length === 0) return message(400, `filter on ${dim} has no values`);
    filters.push({ dimension: dim, comparator: cmp, values });
  }
  return { name, metric, comparator, limit, dimension, period, alert_channels: channels as string[], filters, description: str(q.description) };
}

function newId(world: World): string {
  world.idCounter++;
  const h = createHash('sha256').update(`alert-${world.idCounter}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The stored alert as the API shows it: account ids added, unset optional fields left out. */
function shown(ctx: Ctx, a: SendAlert): Record<string, unknown> {
  const { id, ...rest } = a;
  return { id, parent_account_id: ctx.key.id, ...rest };
}

function list(ctx: Ctx): Reply {
  const items = [...ctx.region.alerts.values()].map((a) => shown(ctx, a));
  return json(200, { items, total: items.length });
}

function create(ctx: Ctx): Reply {
  const input = parseInput(ctx);
  if ('status' in input) return input;
  if (ctx.region.alerts.has(input.name)) return message(409, `alert with name '${input.name}' already exists`);
  const now = rfc3339(ctx.world.now());
  const alert: SendAlert = { id: newId(ctx.world), ...input, created_at: now, updated_at: now, last_checked: now };
  ctx.region.alerts.set(alert.name, alert);
  return json(200, shown(ctx, alert));
}

function get(ctx: Ctx): Reply {
  const alert = ctx.region.alerts.get(ctx.params.name);
  return alert ? json(200, shown(ctx, alert)) : message(404, 'alert not found');
}

function update(ctx: Ctx): Reply {
  const alert = ctx.region.alerts.get(ctx.params.name);
  if (!alert) return message(404, 'alert not found');
  const input = parseInput(ctx);
  if ('status' in input) return input;
  if (input.name !== alert.name && ctx.region.alerts.has(input.name)) return message(409, `alert with name '${input.name}' already exists`);
  ctx.region.alerts.delete(alert.name);
  // A field left out of the body is unset, as with any full replacement.
  const next: SendAlert = { id: alert.id, ...input, created_at: alert.created_at, updated_at: rfc3339(ctx.world.now()), last_checked: alert.last_checked };
  ctx.region.alerts.set(next.name, next);
  return message(200, 'alert updated');
}

function remove(ctx: Ctx): Reply {
  if (!ctx.region.alerts.delete(ctx.params.name)) return message(404, 'alert not found');
  return message(200, 'alert deleted');
}

const periodMs = (period: string | undefined): number => {
  const m = /^(\d+)([hd])$/.exec(period ?? '1h');
  return m ? Number(m[1]) * (m[2] === 'd' ? 24 : 1) * HOUR_MS : HOUR_MS;
};

/** Only the domain is stored with events; every other dimension's value is empty (as in routes/metrics.ts). */
function passes(filters: SendAlert['filters'], domain: string): boolean {
  return filters.every((f) => {
    const actual = f.dimension === 'domain' ? domain : '';
    if (['<', '<=', '>', '>='].includes(f.comparator)) return false;
    const hit = f.values.some((v) => (f.comparator.endsWith('contains') ? actual.includes(v) : actual === v));
    return f.comparator === '=' || f.comparator === 'contains' ? hit : !hit;
  });
}

function crosses(value: number, comparator: string, limit: number): boolean {
  const e = 1e-12;
  switch (comparator) {
    case '>': return value > limit + e;
    case '>=': return value >= limit - e;
    case '<': return value < limit - e;
    case '<=': return value <= limit + e;
    case '=': return Math.abs(value - limit) <= e;
    default: return Math.abs(value - limit) > e;
  }
}

/** The alert's metric over the hours of its period up to and including the current hour, per dimension value. */
function observe(region: RegionState, alert: SendAlert, now: number): { dimensionValue: string; value: number }[] {
  const hourNow = now - (now % HOUR_MS);
  const from = hourNow + HOUR_MS - periodMs(alert.period);
  const byDomain = alert.dimension === 'domain';
  const groups = new Map<string, Counts>();
  for (const name of [...region.domains.keys()].sort()) {
    if (!passes(alert.filters, name)) continue;
    const buckets = new Map<number, Counts>();
    sumInto(buckets, region.events.get(name), from, hourNow + HOUR_MS, () => 0);
    const counts = buckets.get(0);
    if (!counts) continue;
    const key = byDomain ? name : '';
    let g = groups.get(key);
    if (!g) groups.set(key, (g = newCounts()));
    for (let i = 0; i < g.length; i++) g[i] += counts[i];
  }
  const out: { dimensionValue: string; value: number }[] = [];
  for (const [dimensionValue, counts] of groups) {
    const [num, den] = RATES[alert.metric](counts);
    if (den > 0) out.push({ dimensionValue, value: num / den });
  }
  return out;
}

function hits(ctx: Ctx): Reply {
  const now = ctx.world.now();
  const items: Record<string, unknown>[] = [];
  for (const alert of ctx.region.alerts.values()) {
    alert.last_checked = rfc3339(now);
    for (const o of observe(ctx.region, alert, now)) {
      if (!crosses(o.value, alert.comparator, Number(alert.limit))) continue;
      items.push({
        id: alert.id,
        name: alert.name,
        created_at: rfc3339(now),
        updated_at: rfc3339(now),
        triggered: true,
        expires_at: '0001-01-01T00:00:00Z',
        latest_value: String(Number(o.value.toFixed(4))),
        metric: alert.metric,
        comparator: alert.comparator,
        limit: alert.limit,
        parent_account_id: ctx.key.id,
        subaccount_id: '',
        dimension: alert.dimension,
        ...(o.dimensionValue ? { dimension_value: o.dimensionValue } : {}),
      });
    }
  }
  return json(200, { items, total: items.length });
}

export function register(router: Router): void {
  router.add('GET', '/v1/thresholds/alerts/send', list);
  router.add('POST', '/v1/thresholds/alerts/send', create);
  router.add('GET', '/v1/thresholds/alerts/send/:name', get);
  router.add('PUT', '/v1/thresholds/alerts/send/:name', update);
  router.add('DELETE', '/v1/thresholds/alerts/send/:name', remove);
  router.add('GET', '/v1/thresholds/hits', hits);
}
