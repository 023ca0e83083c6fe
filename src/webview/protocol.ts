// Messages between the extension host and the stats webview, validated with zod on both sides.
// zod/mini keeps the browser bundle within its budget (the classic API alone is ~88 KB minified).
import * as z from 'zod/mini';

export { STATS_VIEW_TYPE } from './view-types';

export const RANGES = ['24h', '7d', '30d', '60d', 'custom'] as const;
export type StatsRange = (typeof RANGES)[number];
export const RESOLUTIONS = ['hour', 'day', 'month'] as const;
export type StatsResolution = (typeof RESOLUTIONS)[number];

/** Mailgun keeps hourly metrics this long (mailgun-api.md §9). */
export const HOURLY_RETENTION_DAYS = 60;

export const COUNT_SERIES = [
  { key: 'accepted', metric: 'accepted_count', label: 'Accepted' },
  { key: 'delivered', metric: 'delivered_count', label: 'Delivered' },
  { key: 'failedPermanent', metric: 'permanent_failed_count', label: 'Failed (permanent)' },
  { key: 'failedTemporary', metric: 'temporary_failed_count', label: 'Failed (temporary)' },
  { key: 'opened', metric: 'opened_count', label: 'Opened' },
  { key: 'clicked', metric: 'clicked_count', label: 'Clicked' },
  { key: 'unsubscribed', metric: 'unsubscribed_count', label: 'Unsubscribed' },
  { key: 'complained', metric: 'complained_count', label: 'Complained' },
] as const;
export type CountKey = (typeof COUNT_SERIES)[number]['key'];

/** Mailgun's rates are percentages (0–100) sent as strings such as "83.0000". */
export const RATE_SERIES = [
  { key: 'deliveredRate', metric: 'delivered_rate', label: 'Delivered rate' },
  { key: 'openedRate', metric: 'opened_rate', label: 'Opened rate' },
  { key: 'clickedRate', metric: 'clicked_rate', label: 'Clicked rate' },
  { key: 'bounceRate', metric: 'bounce_rate', label: 'Bounce rate' },
  { key: 'complainedRate', metric: 'complained_rate', label: 'Complained rate' },
] as const;
export type RateKey = (typeof RATE_SERIES)[number]['key'];

const COUNT_KEYS = COUNT_SERIES.map((s) => s.key) as [CountKey, ...CountKey[]];
const RATE_KEYS = RATE_SERIES.map((s) => s.key) as [RateKey, ...RateKey[]];

function record<K extends string, T extends z.ZodMiniType>(keys: readonly K[], value: T) {
  return z.object(Object.fromEntries(keys.map((k) => [k, value])) as Record<K, T>);
}

function buildSchemas() {
  const isoDay = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

  const statsQuery = z.object({
    range: z.enum(RANGES),
    resolution: z.enum(RESOLUTIONS),
    /** Custom range only: first and last UTC day, both included. */
    start: z.optional(isoDay),
    end: z.optional(isoDay),
  });
  const region = z.enum(['us', 'eu']);
  const name = z.string().check(z.minLength(1), z.maxLength(1000));

  const statsTarget = z.object({
    accountId: name,
    region,
    /** Absent: every domain of the account in that region. */
    domain: z.optional(name),
    /** The subaccount the panel acts for (X-Mailgun-On-Behalf-Of). */
    subaccount: z.optional(z.object({ id: name, name })),
  });
  const webviewState = z.object({
    target: statsTarget,
    query: statsQuery,
    hidden: z.array(z.string().check(z.maxLength(100))).check(z.maxLength(50)),
  });
  const finite = z.number().check(z.refine(Number.isFinite));
  const counts = z.array(finite);
  const rates = z.array(z.nullable(finite));
  /** A send alert on a charted rate: drawn as a line at `value` (percent), with `label`. */
  const threshold = z.object({
    key: z.enum(RATE_KEYS),
    name: z.string().check(z.maxLength(1000)),
    comparator: z.string().check(z.maxLength(20)),
    value: finite,
    label: z.string().check(z.maxLength(2000)),
  });
  const statsData = z
    .object({
      /** Which Mailgun API answered: Metrics v1, or the deprecated Stats v3 as the fallback. */
      source: z.enum(['metrics', 'stats']),
      /** Why the fallback was used, as a sentence for the user. */
      note: z.optional(z.string()),
      resolution: z.enum(RESOLUTIONS),
      /** Unix seconds: the first bucket's start and the end of the window (exclusive). */
      start: finite,
      end: finite,
      /** Bucket starts in unix seconds, ascending, every bucket present (missing ones zero-filled). */
      times: z.array(finite),
      counts: record(COUNT_KEYS, counts),
      /** null where a bucket had no mail, so the rate is undefined. */
      rates: record(RATE_KEYS, rates),
      totals: z.object({ counts: record(COUNT_KEYS, finite), rates: record(RATE_KEYS, z.nullable(finite)) }),
      /** Send alerts on the charted rates, added by the host (src/webview/alert-thresholds.ts). */
      thresholds: z.optional(z.array(threshold).check(z.maxLength(100))),
      /** A parent region's panel: every series over the whole window, one row per subaccount (src/webview/by-subaccount.ts). */
      bySubaccount: z.optional(
        z.array(z.object({ id: z.string().check(z.maxLength(100)), name: z.string().check(z.maxLength(1000)), values: z.record(z.string().check(z.maxLength(50)), finite) })).check(z.maxLength(10_000)),
      ),
    })
    .check(
      z.refine(
        (d) => [...Object.values(d.counts), ...Object.values(d.rates)].every((s) => s.length === d.times.length),
        'every series has one value per time bucket',
      ),
    );
  const webviewMessage = z.discriminatedUnion('type', [
    /** The app has loaded and listens; the host answers with `init`. */
    z.object({ type: z.literal('ready') }),
    /** Fetch (again) for this query: range or resolution changed, Refresh, or Retry. */
    z.object({ type: z.literal('load'), query: statsQuery }),
    z.object({ type: z.literal('exportCsv') }),
    z.object({ type: z.literal('exportBySubaccountCsv') }),
    /** The data of request `requestId` is on screen. */
    z.object({ type: z.literal('rendered'), requestId: z.number(), buckets: z.number() }),
    /** Something went wrong inside the webview (a rejected message, a CSP violation); logged by the host. */
    z.object({ type: z.literal('problem'), message: z.string().check(z.maxLength(2000)) }),
  ]);
  const hostMessage = z.discriminatedUnion('type', [
    z.object({
      type: z.literal('init'),
      target: statsTarget,
      /** e.g. the domain name, or "All domains"; shown as text. */
      title: z.string(),
      /** e.g. "US region · Production (key …a1b2)". */
      subtitle: z.string(),
      query: statsQuery,
    }),
    z.object({ type: z.literal('loading'), requestId: z.number(), query: statsQuery }),
    z.object({ type: z.literal('data'), requestId: z.number(), query: statsQuery, data: statsData }),
    z.object({
      type: z.literal('error'),
      requestId: z.number(),
      query: statsQuery,
      /** The client's userMessage, shown verbatim. */
      message: z.string(),
      canRetry: z.boolean(),
    }),
  ]);
  return { statsQuery, statsTarget, webviewState, statsData, threshold, webviewMessage, hostMessage };
}
type Schemas = ReturnType<typeof buildSchemas>;
let schemas: Schemas | undefined;
/** Built on first use: nothing is constructed when the extension loads. */
export const protocolSchemas = (): Schemas => (schemas ??= buildSchemas());

export type StatsQuery = z.infer<Schemas['statsQuery']>;
export const DEFAULT_QUERY: StatsQuery = { range: '7d', resolution: 'day' };
/** What a panel shows; the webview keeps it in its state so the serializer can restore the panel. */
export type StatsTarget = z.infer<Schemas['statsTarget']>;
export type WebviewState = z.infer<Schemas['webviewState']>;
export type StatsData = z.infer<Schemas['statsData']>;
export type Threshold = z.infer<Schemas['threshold']>;
/** webview → host */
export type WebviewMessage = z.infer<Schemas['webviewMessage']>;
/** host → webview */
export type HostMessage = z.infer<Schemas['hostMessage']>;

/** A zod problem as one short line (zod/mini carries no English messages of its own). */
export function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(message)'}: ${i.code}${i.message && i.message !== 'Invalid input' ? ` (${i.message})` : ''}`)
    .join('; ');
}
