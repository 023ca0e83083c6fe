// Send alerts (/v1/thresholds/alerts/send) and their hits (/v1/thresholds/hits): account-level, one set per region.
//
// How a rate's `limit` is written. The spec types `limit` as a string and gives no unit; its examples are
// `delivered_rate < '.99'` and `complained_rate > '.01'` (SPEC `POST-v1-thresholds-alerts-send`). Only a
// fraction makes sense of them: a delivery rate below 0.99 % is not something anyone alerts on. Neither
// official SDK has a client for these endpoints to compare with: mailgun-go's alerts.go and mtypes/alerts.go
// are the InboxReady alerts (/v1/alerts/settings), and mailgun.js has no thresholds client (both checked at
// their newest commits). So: **alert limits of rates are fractions 0–1, sent as decimal strings**, and so is
// a hit's `latest_value`. The Metrics API is different: its rates are percentages 0–100 (SPEC metric
// descriptions: "divided by the total number of emails delivered and multiplied by 100, expressed as a
// percentage"; its example `"0.8300"` beside 50 clicks of 60 deliveries fits neither reading exactly). The
// stats panel keeps reading Metrics rates as percentages and converts an alert's limit with `limitAsPercent`.
import * as z from 'zod/mini';
import { looseObject } from './schema-helpers';
import { inputError } from './logs';
import { path, type Transport } from './transport';
import type { CallOptions } from './types';
import * as l10n from './l10n';

/** SPEC `...thresholds-api-Metric`, with its own labels. */
export const ALERT_METRICS = ['hard_bounce_rate', 'temporary_fail_rate', 'delivered_rate', 'complained_rate'] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];
export const alertMetricLabels = (): Record<AlertMetric, string> => ({
  hard_bounce_rate: l10n.t('Hard bounce rate'),
  temporary_fail_rate: l10n.t('Temporary fail rate'),
  delivered_rate: l10n.t('Delivery rate'),
  complained_rate: l10n.t('Complaint rate'),
});

/** SPEC `...MetricComparator`. */
export const ALERT_COMPARATORS = ['>', '>=', '<', '<=', '=', '!='] as const;
export type AlertComparator = (typeof ALERT_COMPARATORS)[number];
export const alertComparatorLabels = (): Record<AlertComparator, string> => ({
  '>': l10n.t('greater than'),
  '>=': l10n.t('greater than or equal to'),
  '<': l10n.t('less than'),
  '<=': l10n.t('less than or equal to'),
  '=': l10n.t('equal to'),
  '!=': l10n.t('not equal to'),
});

/** SPEC `...Dimension`. */
export const ALERT_DIMENSIONS = ['domain', 'ip', 'ip_pool', 'recipient_provider', 'subaccount'] as const;
export type AlertDimension = (typeof ALERT_DIMENSIONS)[number];
export const alertDimensionLabels = (): Record<AlertDimension, string> => ({
  domain: l10n.t('Sender domain'),
  ip: l10n.t('Sending IP address'),
  ip_pool: l10n.t('IP pool'),
  recipient_provider: l10n.t('Recipient provider (Gmail, Other US, …)'),
  subaccount: l10n.t('Subaccount'),
});

/** SPEC `...AlertChannel`. */
export const ALERT_CHANNELS = ['email', 'webhook', 'slack'] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];

/** SPEC `...FilterComparator`. */
export const ALERT_FILTER_COMPARATORS = ['=', '!=', 'contains', 'not contains', '<', '<=', '>', '>='] as const;

export interface AlertFilter {
  dimension: string;
  comparator: string;
  values: string[];
}

/** SPEC `...SendAlertRequest`: the body of create and update. */
export interface SendAlertInput {
  name: string;
  metric: AlertMetric | (string & {});
  comparator: AlertComparator | (string & {});
  /** As the API wants it: a fraction for rates (see the top of this file). */
  limit: string;
  dimension: AlertDimension | (string & {});
  alert_channels?: string[];
  filters?: AlertFilter[];
  /** e.g. `1h`, `1d`. */
  period?: string;
  description?: string;
}

function buildSchemas() {
  const str = z.optional(z.string());
  // The spec says string; a number is read the same way.
  const numberish = z.pipe(z.union([z.string(), z.number()]), z.transform(String));
  const list = <T extends z.core.$ZodType>(item: T) => z.pipe(z.nullish(z.array(item)), z.transform((v) => v ?? []));
  const filter = looseObject({ dimension: z.string(), comparator: z.string(), values: list(z.string()) });
  // Unknown enum values are kept as strings: Mailgun may add metrics and channels.
  const alert = looseObject({
    id: str,
    parent_account_id: str,
    subaccount_id: str,
    account_group: str,
    name: z.string(),
    created_at: str,
    updated_at: str,
    last_checked: str,
    description: str,
    alert_channels: list(z.string()),
    filters: list(filter),
    metric: z.string(),
    comparator: z.string(),
    limit: numberish,
    dimension: z.optional(z.string()),
    period: str,
  });
  const alertList = looseObject({ items: list(alert), total: z.optional(z.number()) });
  const hit = looseObject({
    id: z.string(),
    name: z.string(),
    created_at: str,
    updated_at: str,
    triggered: z.optional(z.boolean()),
    expires_at: str,
    latest_value: z.optional(numberish),
    metric: z.string(),
    comparator: z.string(),
    limit: numberish,
    parent_account_id: str,
    subaccount_id: str,
    dimension: str,
    dimension_value: str,
  });
  const hitList = looseObject({ items: list(hit), total: z.optional(z.number()) });
  const ack = looseObject({ message: z.optional(z.string()) });
  return { alert, alertList, hit, hitList, ack };
}
let schemas: ReturnType<typeof buildSchemas> | undefined;
/** Built on first use: nothing is constructed when the extension loads. */
export const alertSchemas = (): ReturnType<typeof buildSchemas> => (schemas ??= buildSchemas());

export type SendAlert = z.output<ReturnType<typeof buildSchemas>['alert']>;
export type AlertHit = z.output<ReturnType<typeof buildSchemas>['hit']>;

export const isRateMetric = (metric: string): boolean => metric.endsWith('_rate');

/** What the user types a limit in: percent for rates, messages for counts. */
export const limitUnit = (metric: string): string => (isRateMetric(metric) ? '%' : 'messages');

/** `0.02` → 2 (a rate's limit as a percentage); counts are returned as they are. NaN when it isn't a number. */
export function limitAsPercent(metric: string, limit: string): number {
  const n = Number(limit.trim());
  if (limit.trim() === '' || !Number.isFinite(n)) return NaN;
  return isRateMetric(metric) ? Math.round(n * 100 * 1e6) / 1e6 : n;
}

/** A limit as a person reads it: `2 %`, `0.1 %`, `500 messages`. */
export function describeLimit(metric: string, limit: string): string {
  const n = limitAsPercent(metric, limit);
  if (Number.isNaN(n)) return limit;
  return isRateMetric(metric) ? `${n.toLocaleString('en-US', { maximumFractionDigits: 4 })} %` : `${n.toLocaleString('en-US')} messages`;
}

/** The first problem with a limit typed in the unit `limitUnit` shows, or undefined. */
export function validateLimitInput(metric: string, input: string): string | undefined {
  const text = input.trim().replace(/\s*%$/, '');
  if (text === '') return isRateMetric(metric) ? l10n.t('Enter a percentage, e.g. 2 or 0.1.') : l10n.t('Enter a number of messages.');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return l10n.t('"{0}" is not a number.', input.trim());
  const n = Number(text);
  if (isRateMetric(metric)) {
    if (n < 0) return l10n.t('A rate cannot be below 0 %.');
    if (n > 100) return l10n.t('A rate cannot be above 100 % (got {0} %).', text);
    return undefined;
  }
  if (n < 0) return l10n.t('A number of messages cannot be negative.');
  if (!Number.isInteger(n)) return l10n.t('A number of messages is a whole number.');
  return undefined;
}

/** A limit typed by the user (percent for rates) as the API wants it: `2` → `"0.02"` for a rate. */
export function limitFromInput(metric: string, input: string): string {
  const n = Number(input.trim().replace(/\s*%$/, ''));
  if (!isRateMetric(metric)) return String(n);
  // Fractions with at most 8 decimals, without float noise (0.1 / 100 = 0.001, not 0.0010000000000000002).
  return String(Number((n / 100).toFixed(8)));
}

/** `1h`, `1d`, `12h`: the spec's format for `period` ("in the format of '1h' '1d'"). */
export function validatePeriod(input: string): string | undefined {
  const p = input.trim();
  if (p === '') return l10n.t('Enter a period, e.g. 1h or 1d.');
  if (!/^[1-9]\d*[hd]$/.test(p)) return l10n.t('"{0}" is not a period; use a number and h (hours) or d (days), e.g. 1h or 7d.', p);
  return undefined;
}

export function validateAlertName(input: string): string | undefined {
  return input.trim() === '' ? l10n.t('Give the alert a name, e.g. "hard bounce rate".') : undefined;
}

/** Parses `domain = mg.example.com, news.example.com` or `recipient_provider contains gmail`. */
export function parseAlertFilter(input: string): AlertFilter | string {
  const text = input.trim();
  const m = /^(\S+)\s+(not contains|contains|!=|<=|>=|=|<|>)\s+(.+)$/.exec(text);
  if (!m) return l10n.t('"{0}" is not a filter; write a dimension, a comparator and values, e.g. domain = mg.example.com.', text);
  const [, dimension, comparator, rest] = m;
  if (!(ALERT_DIMENSIONS as readonly string[]).includes(dimension)) return l10n.t('"{0}" is not a dimension alerts filter on; use {1}.', dimension, ALERT_DIMENSIONS.join(', '));
  const values = rest.split(',').map((v) => v.trim());
  if (values.some((v) => v === '')) return l10n.t('A filter value is empty; separate values with commas.');
  return { dimension, comparator, values };
}

/** The first problem with a whole alert, as a sentence; undefined when it can be sent. */
export function validateSendAlert(input: SendAlertInput): string | undefined {
  const name = validateAlertName(input.name);
  if (name) return name;
  if (!(ALERT_METRICS as readonly string[]).includes(input.metric)) return l10n.t('"{0}" is not a metric alerts watch; use {1}.', input.metric, ALERT_METRICS.join(', '));
  if (!(ALERT_COMPARATORS as readonly string[]).includes(input.comparator)) return l10n.t('"{0}" is not a comparator; use {1}.', input.comparator, ALERT_COMPARATORS.join(' '));
  const limit = Number(input.limit);
  if (input.limit.trim() === '' || !Number.isFinite(limit)) return l10n.t('The limit "{0}" is not a number.', input.limit);
  if (limit < 0) return l10n.t('The limit cannot be negative.');
  if (isRateMetric(input.metric) && limit > 1) return l10n.t('The limit of a rate is a fraction from 0 to 1 ({0} would be {1} %).', input.limit, limit * 100);
  if (!(ALERT_DIMENSIONS as readonly string[]).includes(input.dimension)) return l10n.t('"{0}" is not a dimension; use {1}.', input.dimension, ALERT_DIMENSIONS.join(', '));
  const channel = input.alert_channels?.find((c) => !(ALERT_CHANNELS as readonly string[]).includes(c));
  if (channel !== undefined) return l10n.t('"{0}" is not an alert channel; use {1}.', channel, ALERT_CHANNELS.join(', '));
  if (input.period !== undefined) {
    const period = validatePeriod(input.period);
    if (period) return period;
  }
  for (const f of input.filters ?? []) {
    if (!(ALERT_DIMENSIONS as readonly string[]).includes(f.dimension)) return l10n.t('"{0}" is not a dimension alerts filter on; use {1}.', f.dimension, ALERT_DIMENSIONS.join(', '));
    if (!(ALERT_FILTER_COMPARATORS as readonly string[]).includes(f.comparator)) return l10n.t('"{0}" is not a filter comparator; use {1}.', f.comparator, ALERT_FILTER_COMPARATORS.join(', '));
    if (f.values.length === 0 || f.values.some((v) => v.trim() === '')) return l10n.t('Give a value to filter {0} by.', f.dimension);
  }
  return undefined;
}

const body = (input: SendAlertInput) => ({
  json: {
    name: input.name.trim(),
    metric: input.metric,
    comparator: input.comparator,
    limit: input.limit,
    dimension: input.dimension,
    alert_channels: input.alert_channels,
    filters: input.filters && input.filters.length > 0 ? input.filters : undefined,
    period: input.period,
    description: input.description || undefined,
  },
});

const ENDPOINT = 'v1/thresholds/alerts/send';

export function alertsApi(t: Transport) {
  const refuse = (input: SendAlertInput, method: string, where: string): void => {
    const problem = validateSendAlert(input);
    if (problem) throw inputError(problem, method, `/${where}`);
  };
  return {
    list: async (opts: CallOptions = {}): Promise<SendAlert[]> =>
      (await t.request({ method: 'GET', path: ENDPOINT, schema: alertSchemas().alertList, signal: opts.signal })).items,
    get: (name: string, opts: CallOptions = {}): Promise<SendAlert> =>
      t.request({ method: 'GET', path: path`v1/thresholds/alerts/send/${name}`, schema: alertSchemas().alert, signal: opts.signal }),
    /** Bad input is refused before sending. Returns the alert as Mailgun stored it. */
    create: async (input: SendAlertInput, opts: CallOptions = {}): Promise<SendAlert> => {
      refuse(input, 'POST', ENDPOINT);
      return await t.request({ method: 'POST', path: ENDPOINT, body: body(input), schema: alertSchemas().alert, signal: opts.signal });
    },
    /** Replaces the alert called `name` (the body may rename it). */
    update: async (name: string, input: SendAlertInput, opts: CallOptions = {}): Promise<void> => {
      const where = path`v1/thresholds/alerts/send/${name}`;
      refuse(input, 'PUT', where);
      await t.request({ method: 'PUT', path: where, body: body(input), schema: alertSchemas().ack, signal: opts.signal });
    },
    delete: async (name: string, opts: CallOptions = {}): Promise<void> => {
      await t.request({ method: 'DELETE', path: path`v1/thresholds/alerts/send/${name}`, schema: alertSchemas().ack, signal: opts.signal });
    },
    hits: async (opts: CallOptions = {}): Promise<AlertHit[]> =>
      (await t.request({ method: 'GET', path: 'v1/thresholds/hits', schema: alertSchemas().hitList, signal: opts.signal })).items,
  };
}

export type AlertsApi = ReturnType<typeof alertsApi>;

/** The request body that recreates an alert (Copy as JSON, Edit's starting point). */
export function alertInputOf(a: SendAlert): SendAlertInput {
  return {
    name: a.name,
    metric: a.metric,
    comparator: a.comparator,
    limit: a.limit,
    dimension: a.dimension ?? 'subaccount',
    alert_channels: a.alert_channels,
    filters: a.filters.length > 0 ? a.filters.map((f) => ({ dimension: f.dimension, comparator: f.comparator, values: f.values })) : undefined,
    period: a.period,
    description: a.description,
  };
}

/** "hard bounce rate > 2 % over 1 h → email, webhook" */
export function describeAlert(a: { metric: string; comparator: string; limit: string; period?: string; alert_channels?: readonly string[] }): string {
  const label = (alertMetricLabels() as Record<string, string>)[a.metric]?.toLowerCase() ?? a.metric.replace(/_/g, ' ');
  const period = a.period ? ` over ${a.period.replace(/^(\d+)([a-z])$/, '$1 $2')}` : '';
  const channels = a.alert_channels && a.alert_channels.length > 0 ? ` → ${a.alert_channels.join(', ')}` : '';
  return `${label} ${a.comparator} ${describeLimit(a.metric, a.limit)}${period}${channels}`;
}
