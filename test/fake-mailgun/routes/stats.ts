// Stats v3: GET /v3/{domain}/stats/total and /v3/stats/total, zero-filled buckets holding only the
// requested events (mailgun-api.md §8), computed from the stored event series.
import { floorTo, nextBucket, parseTime, type Resolution, rfc1123, subtractDuration, DAY_MS } from '../dates';
import { COUNTER_INDEX, type Counter, type Counts, derived, newCounts, sumInto } from '../events';
import { domainNotFound, json, message, type Reply } from '../http';
import type { Ctx, Router } from '../router';
import { findDomain } from '../state';

type Shape = (x: Counts) => Record<string, unknown>;
const v = (x: Counts, name: Counter): number => x[COUNTER_INDEX[name]];

export const STATS_EVENTS: Record<string, Shape> = {
  accepted: (x) => ({ incoming: v(x, 'accepted_incoming'), outgoing: v(x, 'accepted_outgoing'), total: derived(x).accepted }),
  delivered: (x) => ({ smtp: v(x, 'delivered_smtp'), http: v(x, 'delivered_http'), optimized: v(x, 'delivered_optimized'), total: derived(x).delivered }),
  failed: (x) => ({
    temporary: { espblock: v(x, 'temporary_esp_block'), total: derived(x).temporary },
    permanent: {
      'suppress-bounce': v(x, 'suppressed_bounce'),
      'suppress-unsubscribe': v(x, 'suppressed_unsubscribe'),
      'suppress-complaint': v(x, 'suppressed_complaint'),
      bounce: derived(x).bounced,
      'delayed-bounce': v(x, 'delayed_bounce'),
      webhook: v(x, 'webhook'),
      optimized: v(x, 'permanent_optimized'),
      total: derived(x).permanent,
    },
  }),
  opened: (x) => ({ total: v(x, 'opened'), unique: v(x, 'unique_opened') }),
  clicked: (x) => ({ total: v(x, 'clicked'), unique: v(x, 'unique_clicked') }),
  unsubscribed: (x) => ({ total: v(x, 'unsubscribed') }),
  complained: (x) => ({ total: v(x, 'complained') }),
  stored: (x) => ({ total: v(x, 'stored') }),
};

function total(ctx: Ctx, domainNames: string[]): Reply {
  const { query } = ctx;
  const events = query.getAll('event').flatMap((e) => e.split(',')).map((e) => e.trim()).filter(Boolean);
  if (events.length === 0) return message(400, 'Missing mandatory parameter: event');
  const unknown = events.find((e) => !(e in STATS_EVENTS));
  if (unknown) return message(400, `Invalid event type: ${unknown}`);
  const resolution = (query.get('resolution') ?? 'day') as Resolution;
  if (!['hour', 'day', 'month'].includes(resolution)) return message(400, `Invalid resolution: ${resolution}`);
  const end = query.get('end') ? parseTime(query.get('end')!, true) : ctx.world.now();
  if (Number.isNaN(end)) return message(400, `Invalid end date: ${query.get('end')}`);
  let start = query.get('start') ? parseTime(query.get('start')!, true) : end - 7 * DAY_MS;
  if (Number.isNaN(start)) return message(400, `Invalid start date: ${query.get('start')}`);
  const duration = query.get('duration');
  if (duration) {
    const s = subtractDuration(end, duration);
    if (s === undefined) return message(400, `Invalid duration: ${duration}`);
    start = s;
  }
  if (start > end) return message(400, 'Start date must be before end date');
  const floor = (ms: number): number => floorTo(ms, resolution);
  const first = floor(start);
  const last = floor(end);
  const buckets = new Map<number, Counts>();
  for (const name of domainNames) sumInto(buckets, ctx.region.events.get(name), first, nextBucket(last, resolution), floor);
  const stats = [];
  for (let t = first; t <= last; t = nextBucket(t, resolution)) {
    const counts = buckets.get(t) ?? newCounts();
    const item: Record<string, unknown> = { time: rfc1123(t, 'UTC') };
    for (const e of events) item[e] = STATS_EVENTS[e](counts);
    stats.push(item);
  }
  return json(200, { description: '', start: rfc1123(first, 'UTC'), end: rfc1123(last, 'UTC'), resolution, stats });
}

export function register(router: Router): void {
  router.add('GET', '/v3/stats/total', (ctx) => total(ctx, [...ctx.region.domains.keys()]));
  router.add('GET', '/v3/:domain/stats/total', (ctx) => {
    const d = findDomain(ctx.region, ctx.params.domain);
    return d ? total(ctx, [d.name]) : domainNotFound();
  });
}
