// Text for times and numbers. Times are UTC throughout, like Mailgun's buckets.
import type { StatsResolution } from '../protocol';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A bucket's start: `2025-02-17 13:00` (hour), `2025-02-17` (day) or `2025-02` (month). */
export function formatBucket(unixSeconds: number, resolution: StatsResolution): string {
  const iso = new Date(unixSeconds * 1000).toISOString();
  if (resolution === 'hour') return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  if (resolution === 'day') return iso.slice(0, 10);
  return iso.slice(0, 7);
}

export const formatCount = (n: number): string => integer.format(n);
export const formatCompact = (n: number): string => compact.format(n);
export const formatRate = (n: number | null | undefined): string => (n === null || n === undefined ? '–' : `${twoDecimals.format(n)} %`);

export function resolutionNoun(resolution: StatsResolution): string {
  return resolution === 'hour' ? 'hour' : resolution === 'day' ? 'day' : 'month';
}

/** `2025-02-17 to 2025-02-24` for the buckets shown. */
export function spanText(times: readonly number[], resolution: StatsResolution): string {
  if (times.length === 0) return '';
  const first = formatBucket(times[0], resolution);
  const last = formatBucket(times[times.length - 1], resolution);
  return first === last ? first : `${first} to ${last}`;
}
