// Fetches the panel's data in the extension host: Metrics v1 first, Stats v3 only when Metrics can't be had.
// Never imports vscode, so it is tested against the fake server under plain Node.
import { isMailgunError, STATS_EVENTS, type MailgunClient, type MetricsQuery, type MetricsResponse } from '../mailgun';
import { COUNT_SERIES, RATE_SERIES, type StatsData } from './protocol';
import { metricsToSeries, statsToSeries, type StatsWindow } from './series';
import * as l10n from '../mailgun/l10n';

export type StatsClient = Pick<MailgunClient, 'metrics' | 'stats'>;

/** Mailgun's page size limit for the time dimension. */
const PAGE_LIMIT = 1500;
const MAX_PAGES = 20;

/**
 * Metrics errors after which the Stats API is worth a try: the endpoint is missing or refused for this key,
 * it rejected the query, or it broke. Auth, network, timeout and rate-limit errors would hit Stats too.
 */
const FALLBACK_KINDS = new Set(['notFound', 'forbidden', 'validation', 'server', 'malformedResponse']);

export function canFallBackToStats(error: unknown): boolean {
  return isMailgunError(error) && FALLBACK_KINDS.has(error.kind);
}

/** Every page of one metrics query (offset paging; Mailgun answers a short page at the end). */
async function queryAllPages(client: StatsClient, query: MetricsQuery, signal: AbortSignal): Promise<MetricsResponse[]> {
  const pages: MetricsResponse[] = [];
  let skip = 0;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await client.metrics.query({ ...query, pagination: { skip, limit: PAGE_LIMIT } }, { signal });
    pages.push(page);
    skip += page.items.length;
    const total = page.pagination?.total;
    if (page.items.length < PAGE_LIMIT || (total !== undefined && skip >= total)) break;
  }
  return pages;
}

export async function fetchMetricsSeries(client: StatsClient, domain: string | undefined, window: StatsWindow, signal: AbortSignal): Promise<StatsData> {
  const base: Omit<MetricsQuery, 'metrics'> = {
    start: new Date(window.start),
    end: new Date(window.end),
    resolution: window.resolution,
    dimensions: ['time'],
    filter: domain ? [{ attribute: 'domain', comparator: '=', values: [{ label: domain, value: domain }] }] : undefined,
    include_aggregates: true,
  };
  // Counts and rates go in two queries of at most 10 metrics each (a per-query limit some sources report).
  const both = new AbortController();
  const abort = (): void => both.abort();
  signal.addEventListener('abort', abort, { once: true });
  try {
    const [counts, rates] = await Promise.all(
      [COUNT_SERIES.map((s) => s.metric), RATE_SERIES.map((s) => s.metric)].map((metrics) =>
        queryAllPages(client, { ...base, metrics }, both.signal).catch((err: unknown) => {
          both.abort(); // the other query is of no use any more
          throw err;
        }),
      ),
    );
    return metricsToSeries([...counts, ...rates], window);
  } finally {
    signal.removeEventListener('abort', abort);
  }
}

export async function fetchStatsV3Series(client: StatsClient, domain: string | undefined, window: StatsWindow, signal: AbortSignal): Promise<StatsData> {
  const events = STATS_EVENTS.filter((e) => e !== 'stored');
  const response = await client.stats.total({ domain, event: events, start: new Date(window.start), end: new Date(window.end), resolution: window.resolution }, { signal });
  return statsToSeries(response, window);
}

/**
 * The panel's data for one domain (or the whole region when `domain` is undefined). When Metrics fails in a way
 * Stats might not, the deprecated Stats API answers instead and `note` says why; if that fails too, the Metrics
 * error is the one thrown.
 */
export async function fetchStats(
  client: StatsClient,
  domain: string | undefined,
  window: StatsWindow,
  signal: AbortSignal,
  onFallback?: (metricsError: unknown) => void,
): Promise<StatsData> {
  try {
    return await fetchMetricsSeries(client, domain, window, signal);
  } catch (metricsError) {
    if (signal.aborted || !canFallBackToStats(metricsError)) throw metricsError;
    onFallback?.(metricsError);
    try {
      const data = await fetchStatsV3Series(client, domain, window, signal);
      const reason = isMailgunError(metricsError) ? metricsError.userMessage : String(metricsError);
      return { ...data, note: l10n.t("The Metrics API could not be used ({0}), so these numbers come from Mailgun's older Stats API.", reason.replace(/\.$/, '')) };
    } catch (statsError) {
      if (signal.aborted) throw statsError;
      throw metricsError;
    }
  }
}
