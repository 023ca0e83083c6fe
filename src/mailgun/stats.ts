import * as z from 'zod';
import { list, rfc2822 } from './schema-helpers';
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

const count = z.looseObject({ total: z.number().optional() });

/** One bucket: `time` plus only the events asked for, each with its own nested counters. */
export const statsBucketSchema = z.looseObject({
  time: z.string(),
  accepted: z.looseObject({ incoming: z.number().optional(), outgoing: z.number().optional(), total: z.number().optional() }).optional(),
  delivered: z.looseObject({ smtp: z.number().optional(), http: z.number().optional(), optimized: z.number().optional(), total: z.number().optional() }).optional(),
  failed: z
    .looseObject({
      temporary: z.looseObject({ espblock: z.number().optional(), total: z.number().optional() }).optional(),
      permanent: z.looseObject({ bounce: z.number().optional(), 'suppress-bounce': z.number().optional(), total: z.number().optional() }).optional(),
    })
    .optional(),
  opened: z.looseObject({ total: z.number().optional(), unique: z.number().optional() }).optional(),
  clicked: z.looseObject({ total: z.number().optional(), unique: z.number().optional() }).optional(),
  unsubscribed: count.optional(),
  complained: count.optional(),
  stored: count.optional(),
});
export type StatsBucket = z.output<typeof statsBucketSchema>;

export const statsResponseSchema = z.looseObject({
  description: z.string().optional(),
  start: z.string().optional(),
  end: z.string().optional(),
  resolution: z.string().optional(),
  stats: list(statsBucketSchema),
});
export type StatsResponse = z.output<typeof statsResponseSchema>;

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
        schema: statsResponseSchema,
        domain: q.domain,
        signal: opts.signal,
      }),
  };
}
