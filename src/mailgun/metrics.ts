import * as z from 'zod/mini';
import { lazySchemas, list, rfc2822, looseObject } from './schema-helpers';
import type { Transport } from './transport';
import type { CallOptions } from './types';

export type MetricsResolution = 'hour' | 'day' | 'month';
export type MetricsDimension = 'time' | 'domain' | 'tag' | 'subaccount' | 'ip' | 'ip_pool' | 'country' | 'recipient_domain' | 'recipient_provider' | 'device' | 'bot';

export interface MetricsFilterCondition {
  attribute: Exclude<MetricsDimension, 'time'> | (string & {});
  comparator: '=' | '!=' | 'contains' | 'not contains';
  values: readonly { label?: string; value: string }[];
}

export interface MetricsQuery {
  /** Omit rather than send placeholders; `duration` counts back from `end`. */
  start?: Date | string;
  end?: Date | string;
  resolution?: MetricsResolution;
  /** e.g. `7d`, `24h`, `1m` (m is a month). */
  duration?: string;
  dimensions?: readonly MetricsDimension[];
  metrics: readonly string[];
  /** Mailgun only supports AND. */
  filter?: readonly MetricsFilterCondition[];
  include_subaccounts?: boolean;
  include_aggregates?: boolean;
  pagination?: { sort?: string; skip?: number; limit?: number };
}

function buildSchemas() {
  /** Counts are numbers, rates are strings such as "0.8300"; a metric may be absent. */
  const metricValues = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));
  const response = looseObject({
    start: z.optional(z.string()),
    end: z.optional(z.string()),
    resolution: z.optional(z.string()),
    duration: z.optional(z.string()),
    dimensions: list(z.string()),
    pagination: z.optional(looseObject({ sort: z.optional(z.string()), skip: z.optional(z.number()), limit: z.optional(z.number()), total: z.optional(z.number()) })),
    items: list(
      looseObject({
        dimensions: list(looseObject({ dimension: z.string(), value: z.string(), display_value: z.optional(z.string()) })),
        metrics: z.pipe(z.nullish(metricValues), z.transform((m) => m ?? {})),
      }),
    ),
    aggregates: z.nullish(looseObject({ metrics: z.optional(metricValues) })),
  });
  return { response };
}
export const metricsSchemas = /* @__PURE__ */ lazySchemas(buildSchemas);
export type MetricsResponse = z.output<ReturnType<typeof buildSchemas>['response']>;

/** A metric as a number: counts as they are, rate strings parsed, absent or null as undefined. */
export function metricNumber(value: number | string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : undefined;
}

export function metricsApi(t: Transport) {
  return {
    /** POST /v1/analytics/metrics. Empty time buckets are omitted by Mailgun: fill gaps before charting. */
    query: (q: MetricsQuery, opts: CallOptions = {}): Promise<MetricsResponse> =>
      t.request({
        method: 'POST',
        path: 'v1/analytics/metrics',
        body: {
          json: {
            start: q.start === undefined ? undefined : rfc2822(q.start),
            end: q.end === undefined ? undefined : rfc2822(q.end),
            resolution: q.resolution,
            duration: q.duration,
            dimensions: q.dimensions,
            metrics: q.metrics,
            filter: q.filter && q.filter.length > 0 ? { AND: q.filter } : undefined,
            include_subaccounts: q.include_subaccounts,
            include_aggregates: q.include_aggregates,
            pagination: q.pagination,
          },
        },
        schema: metricsSchemas().response,
        signal: opts.signal,
      }),
  };
}
