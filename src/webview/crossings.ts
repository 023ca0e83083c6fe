// Where a charted rate crossed an alert's threshold; shared by the host and the webview app (no vscode, no DOM, no client).
import type { StatsData, Threshold } from './protocol';

export function crosses(value: number, comparator: string, limit: number): boolean {
  switch (comparator) {
    case '>': return value > limit;
    case '>=': return value >= limit;
    case '<': return value < limit;
    case '<=': return value <= limit;
    case '=': return value === limit;
    case '!=': return value !== limit;
    default: return false;
  }
}

/** The bucket starts (unix seconds) where the charted rate crossed the threshold; buckets without mail never do. */
export function crossings(data: Pick<StatsData, 'times' | 'rates'>, t: Threshold): number[] {
  const values = data.rates[t.key];
  return data.times.filter((_, i) => values[i] !== null && crosses(values[i], t.comparator, t.value));
}
