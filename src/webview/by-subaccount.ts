// A parent region's stats by subaccount (Metrics `dimensions: ["subaccount"]`): one row per subaccount with every
// charted count and rate over the panel's window, and its CSV. Never imports vscode.
import { metricNumber, type MetricsQuery, type MetricsResponse } from '../mailgun';
import { csvLib } from '../chunks/load';
import { COUNT_SERIES, RATE_SERIES, type StatsData } from './protocol';
import type { StatsWindow } from './series';
import type { StatsClient } from './fetch-stats';

export type SubaccountStatsRow = NonNullable<StatsData['bySubaccount']>[number];

/** Mailgun's page limit for dimensions other than time. */
const PAGE_LIMIT = 1000;
const MAX_PAGES = 10;

/** Every series the panel charts: what a row has a value for. */
export const BY_SUBACCOUNT_SERIES = [...COUNT_SERIES, ...RATE_SERIES];

async function allPages(client: StatsClient, query: MetricsQuery, signal: AbortSignal): Promise<MetricsResponse['items']> {
  const items: MetricsResponse['items'] = [];
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await client.metrics.query({ ...query, pagination: { skip: items.length, limit: PAGE_LIMIT } }, { signal });
    items.push(...page.items);
    const total = page.pagination?.total;
    if (page.items.length < PAGE_LIMIT || (total !== undefined && items.length >= total)) break;
  }
  return items;
}

/** One row per subaccount that had traffic in the window, by name. */
export async function fetchBySubaccount(client: StatsClient, window: StatsWindow, signal: AbortSignal): Promise<SubaccountStatsRow[]> {
  const base: Omit<MetricsQuery, 'metrics'> = {
    start: new Date(window.start),
    end: new Date(window.end),
    resolution: window.resolution,
    dimensions: ['subaccount'],
    include_subaccounts: true,
  };
  // Counts and rates in two queries of at most 10 metrics each, as for the charts.
  const groups = await Promise.all([COUNT_SERIES, RATE_SERIES].map((series) => allPages(client, { ...base, metrics: series.map((s) => s.metric) }, signal)));
  const rows = new Map<string, SubaccountStatsRow>();
  for (const items of groups) {
    for (const item of items) {
      const dim = item.dimensions.find((d) => d.dimension === 'subaccount');
      if (!dim?.value) continue;
      let row = rows.get(dim.value);
      if (!row) rows.set(dim.value, (row = { id: dim.value, name: dim.display_value || dim.value, values: {} }));
      for (const s of BY_SUBACCOUNT_SERIES) {
        const n = metricNumber(item.metrics[s.metric]);
        if (n !== undefined) row.values[s.key] = n;
      }
    }
  }
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function bySubaccountCsv(rows: readonly SubaccountStatsRow[]): string {
  const header = ['subaccount', 'subaccount id', ...COUNT_SERIES.map((s) => s.metric), ...RATE_SERIES.map((s) => `${s.metric} (%)`)];
  const body = rows.map((r) => [r.name, r.id, ...BY_SUBACCOUNT_SERIES.map((s) => r.values[s.key] ?? '')]);
  // Subaccount names are typed by people: a cell starting with = must never run as a formula in a spreadsheet.
  return csvLib().stringify([header, ...body], { escape_formulas: true });
}
