// Turns Metrics v1 and Stats v3 answers into the panel's series: one value per time bucket, gaps zero-filled,
// rate strings parsed, RFC 2822 times with any offset placed on the right bucket. Never imports vscode.
import { metricNumber, type MetricsResponse, type StatsBucket, type StatsResponse } from '../mailgun';
import {
  COUNT_SERIES,
  HOURLY_RETENTION_DAYS,
  RATE_SERIES,
  type CountKey,
  type RateKey,
  type StatsData,
  type StatsQuery,
  type StatsResolution,
} from './protocol';
import * as l10n from '../mailgun/l10n';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** More buckets than this is unreadable as a chart and slow as a table: ask for a coarser resolution. */
export const MAX_BUCKETS = 5_000;

/** The time window a query asks for, in epoch ms; `end` is exclusive. */
export interface StatsWindow {
  start: number;
  end: number;
  resolution: StatsResolution;
}

/** A query that can't be asked; `message` is a sentence for the user. */
export class StatsRangeError extends Error {
  override readonly name = 'StatsRangeError';
}

const PRESET_MS: Record<Exclude<StatsQuery['range'], 'custom'>, number> = {
  '24h': DAY_MS,
  '7d': 7 * DAY_MS,
  '30d': 30 * DAY_MS,
  '60d': 60 * DAY_MS,
};

const APPROX_BUCKET_MS: Record<StatsResolution, number> = { hour: HOUR_MS, day: DAY_MS, month: 28 * DAY_MS };

/** The window of a query at `now`. Throws StatsRangeError for ranges Mailgun can't answer. */
export function resolveWindow(query: StatsQuery, now: number): StatsWindow {
  let start: number;
  let end: number;
  if (query.range === 'custom') {
    if (!query.start || !query.end) throw new StatsRangeError(l10n.t('Choose a start and an end date for the custom range.'));
    start = Date.parse(`${query.start}T00:00:00Z`);
    end = Math.min(Date.parse(`${query.end}T00:00:00Z`) + DAY_MS, now);
    if (Number.isNaN(start) || Number.isNaN(end)) throw new StatsRangeError(l10n.t('The custom range has a date that does not exist.'));
    if (start >= now) throw new StatsRangeError(l10n.t('The start date is in the future.'));
    if (start >= end) throw new StatsRangeError(l10n.t('The start date must be on or before the end date.'));
  } else {
    end = now;
    start = now - PRESET_MS[query.range];
  }
  if (query.resolution === 'hour' && start < now - HOURLY_RETENTION_DAYS * DAY_MS) {
    throw new StatsRangeError(l10n.t('Mailgun keeps hourly stats for {0} days only. Choose Day or Month, or a later start date.', HOURLY_RETENTION_DAYS));
  }
  if ((end - start) / APPROX_BUCKET_MS[query.resolution] > MAX_BUCKETS) {
    const max = MAX_BUCKETS.toLocaleString('en-US');
    const message = { hour: l10n.t('That range has more than {0} hours. Choose a coarser resolution or a shorter range.', max), day: l10n.t('That range has more than {0} days. Choose a coarser resolution or a shorter range.', max), month: l10n.t('That range has more than {0} months. Choose a coarser resolution or a shorter range.', max) }[query.resolution];
    throw new StatsRangeError(message);
  }
  return { start, end, resolution: query.resolution };
}

const NAMED_ZONES: Record<string, number> = { UT: 0, UTC: 0, GMT: 0, Z: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420 };

/** An RFC 2822 (or RFC 3339) date with the zone offset it was written in, in minutes east of UTC. */
export function parseZonedDate(value: string | undefined): { ms: number; offsetMinutes: number } | undefined {
  if (!value) return undefined;
  const text = value.trim();
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  const numeric = /([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (numeric) return { ms, offsetMinutes: (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3])) };
  const named = /\b([A-Z]{1,3}T?|UTC)$/.exec(text)?.[1];
  return { ms, offsetMinutes: named ? (NAMED_ZONES[named] ?? 0) : 0 };
}

const mod = (a: number, n: number): number => ((a % n) + n) % n;

/** The start of the bucket holding `ms`, with days and months counted in the zone `offsetMinutes` east of UTC. */
export function floorBucket(ms: number, resolution: StatsResolution, offsetMinutes = 0): number {
  const shift = offsetMinutes * 60_000;
  const local = ms + shift;
  if (resolution === 'hour') return local - mod(local, HOUR_MS) - shift;
  if (resolution === 'day') return local - mod(local, DAY_MS) - shift;
  const d = new Date(local);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - shift;
}

export function nextBucket(bucketStart: number, resolution: StatsResolution, offsetMinutes = 0): number {
  if (resolution === 'hour') return bucketStart + HOUR_MS;
  if (resolution === 'day') return bucketStart + DAY_MS;
  const shift = offsetMinutes * 60_000;
  const d = new Date(bucketStart + shift);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - shift;
}

/** Every bucket start from the one holding `start` up to `end` (exclusive), plus any extra bucket starts, ascending. */
export function bucketTimes(start: number, end: number, resolution: StatsResolution, offsetMinutes: number, extra: Iterable<number> = []): number[] {
  const times = new Set<number>();
  for (let t = floorBucket(start, resolution, offsetMinutes); t < end && times.size <= MAX_BUCKETS * 2; t = nextBucket(t, resolution, offsetMinutes)) times.add(t);
  for (const t of extra) times.add(t);
  return [...times].sort((a, b) => a - b);
}

interface Bucket {
  counts: Partial<Record<CountKey, number>>;
  rates: Partial<Record<RateKey, number>>;
}

function assemble(
  source: StatsData['source'],
  resolution: StatsResolution,
  grid: { start: number; end: number; offsetMinutes: number },
  buckets: Map<number, Bucket>,
  rateTotals: (countTotals: Record<CountKey, number>) => Record<RateKey, number | null>,
  countAggregates: Partial<Record<CountKey, number>> = {},
): StatsData {
  const times = bucketTimes(grid.start, grid.end, resolution, grid.offsetMinutes, buckets.keys());
  const counts = Object.fromEntries(COUNT_SERIES.map((s) => [s.key, times.map((t) => buckets.get(t)?.counts[s.key] ?? 0)])) as Record<CountKey, number[]>;
  const rates = Object.fromEntries(RATE_SERIES.map((s) => [s.key, times.map((t) => buckets.get(t)?.rates[s.key] ?? null)])) as Record<RateKey, (number | null)[]>;
  const countTotals = Object.fromEntries(COUNT_SERIES.map((s) => [s.key, countAggregates[s.key] ?? counts[s.key].reduce((a, b) => a + b, 0)])) as Record<CountKey, number>;
  const first = times[0] ?? floorBucket(grid.start, resolution, grid.offsetMinutes);
  const last = times.length > 0 ? nextBucket(times[times.length - 1], resolution, grid.offsetMinutes) : grid.end;
  return {
    source,
    resolution,
    start: first / 1000,
    end: Math.max(last, grid.end) / 1000,
    times: times.map((t) => t / 1000),
    counts,
    rates,
    totals: { counts: countTotals, rates: rateTotals(countTotals) },
  };
}

/**
 * Metrics v1 pages (dimension `time`) → series. Mailgun omits buckets without traffic, so they are zero-filled
 * (rates stay null there: no mail, no rate). The grid follows the answer's normalised start/end and the zone
 * offset its times are written in.
 */
export function metricsToSeries(pages: readonly MetricsResponse[], window: StatsWindow): StatsData {
  const items = pages.flatMap((p) => p.items);
  const stamps = items.map((item) => parseZonedDate(item.dimensions.find((d) => d.dimension === 'time')?.value));
  const head = pages[0];
  const offsetMinutes = stamps.find((s) => s !== undefined)?.offsetMinutes ?? parseZonedDate(head?.start)?.offsetMinutes ?? 0;
  const buckets = new Map<number, Bucket>();
  items.forEach((item, i) => {
    const stamp = stamps[i];
    if (!stamp) return;
    const time = floorBucket(stamp.ms, window.resolution, offsetMinutes);
    let bucket = buckets.get(time);
    if (!bucket) buckets.set(time, (bucket = { counts: {}, rates: {} }));
    for (const s of COUNT_SERIES) {
      const n = metricNumber(item.metrics[s.metric]);
      if (n !== undefined) bucket.counts[s.key] = (bucket.counts[s.key] ?? 0) + n;
    }
    for (const s of RATE_SERIES) {
      const n = metricNumber(item.metrics[s.metric]);
      if (n !== undefined) bucket.rates[s.key] = n;
    }
  });
  const aggregates = Object.assign({}, ...pages.map((p) => p.aggregates?.metrics ?? {})) as Record<string, number | string | null>;
  const answered = { start: parseZonedDate(head?.start)?.ms ?? window.start, end: parseZonedDate(head?.end)?.ms ?? window.end };
  const data = assemble(
    'metrics',
    window.resolution,
    { ...answered, offsetMinutes },
    buckets,
    () => Object.fromEntries(RATE_SERIES.map((s) => [s.key, metricNumber(aggregates[s.metric]) ?? null])) as Record<RateKey, number | null>,
    // Mailgun's own totals where it sends them: they need not be the sum of the buckets.
    Object.fromEntries(COUNT_SERIES.flatMap((s) => (typeof aggregates[s.metric] === 'number' ? [[s.key, aggregates[s.metric]]] : []))),
  );
  const note = windowNote(window, answered);
  return note ? { ...data, note } : data;
}

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * Said when Mailgun answered for another window than the one asked (its retention, say). Mailgun normalises
 * start and end to whole buckets, so a difference under one bucket is not worth a word.
 */
function windowNote(asked: StatsWindow, answered: { start: number; end: number }): string | undefined {
  const bucket = APPROX_BUCKET_MS[asked.resolution];
  if (Math.abs(answered.start - asked.start) < bucket && Math.abs(answered.end - asked.end) < bucket) return undefined;
  return l10n.t('Mailgun answered for {0} to {1} (UTC), not the {2} to {3} asked for.', isoDay(answered.start), isoDay(answered.end), isoDay(asked.start), isoDay(asked.end));
}

/** A percentage with two decimals, or null when nothing was there to divide by. */
export function percent(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((numerator / denominator) * 10_000) / 100 : null;
}

/** Rates as Mailgun defines them (sent = delivered + bounced), for the Stats v3 fallback, which has no rates. */
function ratesFromCounts(c: Record<CountKey, number>, bounced: number): Record<RateKey, number | null> {
  const sent = c.delivered + bounced;
  return {
    deliveredRate: percent(c.delivered, sent),
    openedRate: percent(c.opened, c.delivered),
    clickedRate: percent(c.clicked, c.delivered),
    bounceRate: percent(bounced, sent),
    complainedRate: percent(c.complained, c.delivered),
  };
}

function statsCounts(b: StatsBucket): Record<CountKey, number> {
  return {
    accepted: b.accepted?.total ?? 0,
    delivered: b.delivered?.total ?? 0,
    failedPermanent: b.failed?.permanent?.total ?? 0,
    failedTemporary: b.failed?.temporary?.total ?? 0,
    opened: b.opened?.total ?? 0,
    clicked: b.clicked?.total ?? 0,
    unsubscribed: b.unsubscribed?.total ?? 0,
    complained: b.complained?.total ?? 0,
  };
}

/** Stats v3 → series. Its `end` is the last bucket's start (included); rates are computed from the counts. */
export function statsToSeries(response: StatsResponse, window: StatsWindow): StatsData {
  const stamps = response.stats.map((b) => parseZonedDate(b.time));
  const offsetMinutes = stamps.find((s) => s !== undefined)?.offsetMinutes ?? parseZonedDate(response.start)?.offsetMinutes ?? 0;
  const buckets = new Map<number, Bucket>();
  let bounced = 0;
  response.stats.forEach((b, i) => {
    const stamp = stamps[i];
    if (!stamp) return;
    const counts = statsCounts(b);
    const bounce = b.failed?.permanent?.bounce ?? 0;
    bounced += bounce;
    const rates = ratesFromCounts(counts, bounce);
    buckets.set(floorBucket(stamp.ms, window.resolution, offsetMinutes), {
      counts,
      rates: Object.fromEntries(Object.entries(rates).filter(([, v]) => v !== null)),
    });
  });
  const lastStart = parseZonedDate(response.end)?.ms;
  const end = lastStart === undefined ? window.end : nextBucket(floorBucket(lastStart, window.resolution, offsetMinutes), window.resolution, offsetMinutes);
  return assemble('stats', window.resolution, { start: parseZonedDate(response.start)?.ms ?? window.start, end, offsetMinutes }, buckets, (totals) =>
    ratesFromCounts(totals, bounced),
  );
}
