// The panel's data as CSV: one row per time bucket, counts then rates. Never imports vscode.
import { csvLib } from '../chunks/load';
import { COUNT_SERIES, RATE_SERIES, type StatsData } from './protocol';

export function statsCsv(data: StatsData): string {
  const header = ['time (UTC)', ...COUNT_SERIES.map((s) => s.metric), ...RATE_SERIES.map((s) => `${s.metric} (%)`)];
  const rows = data.times.map((t, i) => [
    new Date(t * 1000).toISOString(),
    ...COUNT_SERIES.map((s) => data.counts[s.key][i]),
    ...RATE_SERIES.map((s) => data.rates[s.key][i] ?? ''),
  ]);
  // Nothing here comes from users today, but a cell starting with = must never run as a formula in a spreadsheet.
  return csvLib().stringify([header, ...rows], { escape_formulas: true });
}

/** A file name for the export, e.g. `mailgun-stats-mg.example.com-2025-02-17-to-2025-02-24-day.csv`. */
export function statsCsvFileName(scope: string, data: StatsData): string {
  const day = (s: number): string => new Date(s * 1000).toISOString().slice(0, 10);
  const safe = scope.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100) || 'stats';
  return `mailgun-stats-${safe}-${day(data.start)}-to-${day(data.end - 1)}-${data.resolution}.csv`;
}
