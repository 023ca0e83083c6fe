import * as z from 'zod/mini';
import { lazySchemas, list, rfc2822, looseObject } from './schema-helpers';
import { path, type Transport } from './transport';
import type { CallOptions } from './types';

export const STATS_EVENTS = ['accepted', 'delivered', 'failed', 'opened', 'clicked', 'unsubscribed', 'complained', 'stored'] as const;
export type StatsEvent = (typeof STATS_EVENTS)[number];

export interface StatsQuery {
  /** Stats of one sending domain; omit for the whole account in this region. */
  domain?: string;
  event: readonly StatsEvent[];
  start?: Date | string;
  end?: Date | string;
  resolution?: 'hour' | 'day' | 'month';
  /** e.g. `7d`, `24h`, `2m` (m is a month); overrides `start`. */
  duration?: string;
}

function buildSchemas() {
  const num = z.optional(z.number());
  const count = looseObject({ total: num });
  /** One bucket: `time` plus only the events asked for, each with its own nested counters. */
  const bucket = looseObject({
    time: z.string(),
    accepted: z.optional(looseObject({ incoming: num, outgoing: num, total: num })),
    delivered: z.optional(looseObject({ smtp: num, http: num, optimized: num, total: num })),
    failed: z.optional(
      looseObject({
        temporary: z.optional(looseObject({ espblock: num, total: num })),
        permanent: z.optional(looseObject({ bounce: num, 'suppress-bounce': num, total: num })),
      }),
    ),
    opened: z.optional(looseObject({ total: num, unique: num })),
    clicked: z.optional(looseObject({ total: num, unique: num })),
    unsubscribed: z.optional(count),
    complained: z.optional(count),
    stored: z.optional(count),
  });
  const response = looseObject({
    description: z.optional(z.string()),
    start: z.optional(z.string()),
    end: z.optional(z.string()),
    resolution: z.optional(z.string()),
    stats: list(bucket),
  });
  return { bucket, response };
}
type Schemas = ReturnType<typeof buildSchemas>;
export const statsSchemas = /* @__PURE__ */ lazySchemas(buildSchemas);
export type StatsBucket = z.output<Schemas['bucket']>;
export type StatsResponse = z.output<Schemas['response']>;

/** Stats API v3: deprecated by Mailgun, kept as the fallback when Metrics is unavailable. */
export function statsApi(t: Transport) {
  return {
    total: (q: StatsQuery, opts: CallOptions = {}): Promise<StatsResponse> =>
      t.request({
        method: 'GET',
        path: q.domain ? path`v3/${q.domain}/stats/total` : 'v3/stats/total',
        query: {
          event: q.event,
          start: q.start === undefined ? undefined : rfc2822(q.start),
          end: q.end === undefined ? undefined : rfc2822(q.end),
          resolution: q.resolution,
          duration: q.duration,
        },
        schema: statsSchemas().response,
        domain: q.domain,
        signal: opts.signal,
      }),
  };
}
