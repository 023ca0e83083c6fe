// Mailgun uses several date formats in one API (mailgun-api.md §1.4).
const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** RFC 1123 with a zone name: `Mon, 24 Feb 2025 22:44:03 GMT` (domains) or `... UTC` (suppressions, stats). */
export function rfc1123(ms: number, zone: 'GMT' | 'UTC' = 'GMT'): string {
  const s = new Date(ms).toUTCString();
  return zone === 'GMT' ? s : s.slice(0, -3) + 'UTC';
}

/** RFC 2822 with a numeric offset, as Metrics returns it: `Fri, 01 Nov 2024 01:00:00 +0000`. */
export function rfc2822(ms: number): string {
  return new Date(ms).toUTCString().slice(0, -3) + '+0000';
}

/** RFC 3339 without fractions, as account webhooks return it: `2026-02-16T19:06:01Z`. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Go's time.String() in UTC: `2009-11-10 23:00:00 +0000 UTC` (x509 messages). */
export function goTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' +0000 UTC');
}

/** Parses an RFC 2822 date or (when allowed) unix epoch seconds. Returns NaN when invalid. */
export function parseTime(value: string, allowEpoch: boolean): number {
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return allowEpoch ? Math.round(Number(v) * 1000) : NaN;
  if (!/[a-z]/i.test(v)) return NaN;
  return Date.parse(v);
}

export type Resolution = 'hour' | 'day' | 'month';

export function floorTo(ms: number, resolution: Resolution): number {
  if (resolution === 'hour') return ms - (ms % HOUR_MS);
  if (resolution === 'day') return ms - (ms % DAY_MS);
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

export function nextBucket(ms: number, resolution: Resolution): number {
  if (resolution === 'hour') return ms + HOUR_MS;
  if (resolution === 'day') return ms + DAY_MS;
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** Parses `[0-9]+[hdm]` (m = month) and returns the start `duration` before `end`, or undefined when malformed. */
export function subtractDuration(end: number, duration: string): number | undefined {
  const m = /^(\d+)([hdm])$/.exec(duration.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2] === 'h') return end - n * HOUR_MS;
  if (m[2] === 'd') return end - n * DAY_MS;
  const d = new Date(end);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - n, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/**
 * The time window of a v1 analytics request (Metrics, Logs): `end` (RFC 2822, default now, passed through
 * `alignEnd`), then `start` (default `end - defaultSpanMs`) unless `duration` counts back from `end`. Mailgun's 400
 * sentence when a part is unreadable or the window is empty.
 */
export function analyticsWindow(
  q: { start?: unknown; end?: unknown; duration?: unknown },
  now: number,
  defaultSpanMs: number,
  alignEnd: (end: number) => number = (end) => end,
): { start: number; end: number } | { error: string } {
  const given = (v: unknown): v is string => typeof v === 'string' && v !== '';
  const parsedEnd = given(q.end) ? parseTime(q.end, false) : now;
  if (Number.isNaN(parsedEnd)) return { error: `invalid end: ${String(q.end)}, expected RFC 2822` };
  const end = alignEnd(parsedEnd);
  let start = given(q.start) ? parseTime(q.start, false) : end - defaultSpanMs;
  if (Number.isNaN(start)) return { error: `invalid start: ${String(q.start)}, expected RFC 2822` };
  if (given(q.duration)) {
    const s = subtractDuration(end, q.duration);
    if (s === undefined) return { error: `invalid duration: ${q.duration}` };
    start = s;
  }
  if (start >= end) return { error: 'start must be before end' };
  return { start, end };
}

export { DAY_MS };
