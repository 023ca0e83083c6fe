// Metrics v1 / Stats v3 answers → the panel's series: zero-filled gaps, string rates, RFC 2822 times and zones.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { metricsSchemas, statsSchemas } from '../../src/mailgun';
import { protocolSchemas } from '../../src/webview/protocol';
import {
  DAY_MS,
  HOUR_MS,
  bucketTimes,
  floorBucket,
  metricsToSeries,
  nextBucket,
  parseZonedDate,
  resolveWindow,
  StatsRangeError,
  statsToSeries,
  type StatsWindow,
} from '../../src/webview/series';

const T0 = Date.UTC(2024, 10, 27, 0, 0, 0); // Wed, 27 Nov 2024 00:00:00 UTC
const rfc = (ms: number, zone = '+0000'): string => new Date(ms).toUTCString().replace('GMT', zone);

function metrics(json: unknown) {
  return metricsSchemas().response.parse(json);
}

function item(time: string, values: Record<string, number | string | null>) {
  return { dimensions: [{ dimension: 'time', value: time, display_value: time }], metrics: values };
}

describe('parseZonedDate', () => {
  test('reads RFC 2822 with numeric offsets and keeps the offset', () => {
    assert.deepEqual(parseZonedDate('Wed, 27 Nov 2024 12:00:00 +0000'), { ms: T0 + 12 * HOUR_MS, offsetMinutes: 0 });
    assert.deepEqual(parseZonedDate('Wed, 27 Nov 2024 06:00:00 -0600'), { ms: T0 + 12 * HOUR_MS, offsetMinutes: -360 });
    assert.deepEqual(parseZonedDate('Wed, 27 Nov 2024 17:30:00 +0530'), { ms: T0 + 12 * HOUR_MS, offsetMinutes: 330 });
  });

  test('reads zone names (Stats v3 writes UTC, domains GMT) and RFC 3339', () => {
    assert.deepEqual(parseZonedDate('Mon, 17 Feb 2025 00:00:00 UTC'), { ms: Date.UTC(2025, 1, 17), offsetMinutes: 0 });
    assert.deepEqual(parseZonedDate('Mon, 17 Feb 2025 00:00:00 GMT'), { ms: Date.UTC(2025, 1, 17), offsetMinutes: 0 });
    assert.deepEqual(parseZonedDate('Sun, 16 Feb 2025 19:00:00 EST'), { ms: Date.UTC(2025, 1, 17), offsetMinutes: -300 });
    assert.deepEqual(parseZonedDate('2025-02-17T01:00:00+01:00'), { ms: Date.UTC(2025, 1, 17), offsetMinutes: 60 });
  });

  test('rejects what is not a date', () => {
    assert.equal(parseZonedDate(undefined), undefined);
    assert.equal(parseZonedDate(''), undefined);
    assert.equal(parseZonedDate('yesterday'), undefined);
  });
});

describe('buckets', () => {
  test('floor and step by hour, day and calendar month in UTC', () => {
    const t = Date.UTC(2024, 0, 31, 13, 45);
    assert.equal(floorBucket(t, 'hour'), Date.UTC(2024, 0, 31, 13));
    assert.equal(floorBucket(t, 'day'), Date.UTC(2024, 0, 31));
    assert.equal(floorBucket(t, 'month'), Date.UTC(2024, 0, 1));
    assert.equal(nextBucket(Date.UTC(2024, 0, 1), 'month'), Date.UTC(2024, 1, 1));
    assert.equal(nextBucket(Date.UTC(2024, 1, 1), 'month'), Date.UTC(2024, 2, 1), 'February of a leap year');
  });

  test('days and months follow the zone the answer is written in', () => {
    // 03:00 UTC on the 27th is still the 26th in UTC−6: that day starts at 06:00 UTC on the 26th.
    assert.equal(floorBucket(T0 + 3 * HOUR_MS, 'day', -360), T0 - DAY_MS + 6 * HOUR_MS);
    assert.equal(floorBucket(T0 + 3 * HOUR_MS, 'month', -360), Date.UTC(2024, 10, 1, 6));
    assert.equal(nextBucket(Date.UTC(2024, 10, 1, 6), 'month', -360), Date.UTC(2024, 11, 1, 6));
    // Half-hour zones shift hours too.
    assert.equal(floorBucket(T0 + 12 * HOUR_MS + 10 * 60_000, 'hour', 330), T0 + 11 * HOUR_MS + 30 * 60_000);
  });

  test('bucketTimes covers [start, end) and merges extra bucket starts in order', () => {
    assert.deepEqual(bucketTimes(T0 + 30 * 60_000, T0 + 3 * HOUR_MS, 'hour', 0), [T0, T0 + HOUR_MS, T0 + 2 * HOUR_MS]);
    assert.deepEqual(bucketTimes(T0, T0 + 2 * HOUR_MS, 'hour', 0, [T0 + 5 * HOUR_MS, T0 - HOUR_MS, T0]), [T0 - HOUR_MS, T0, T0 + HOUR_MS, T0 + 5 * HOUR_MS]);
  });
});

describe('metricsToSeries', () => {
  const window: StatsWindow = { start: T0, end: T0 + 6 * HOUR_MS, resolution: 'hour' };

  test('zero-fills the buckets Mailgun leaves out; rates are null there, numbers where given as strings', () => {
    const page = metrics({
      start: rfc(T0),
      end: rfc(T0 + 6 * HOUR_MS),
      resolution: 'hour',
      dimensions: ['time'],
      pagination: { sort: '', skip: 0, limit: 1500, total: 2 },
      items: [
        item(rfc(T0 + HOUR_MS), { accepted_count: 10, delivered_count: 8, delivered_rate: '80.0000', opened_rate: '12.5000' }),
        item(rfc(T0 + 4 * HOUR_MS), { accepted_count: 3, delivered_count: 3, delivered_rate: '100.0000', opened_rate: '0.0000' }),
      ],
      aggregates: { metrics: { accepted_count: 13, delivered_rate: '84.6200', opened_rate: '9.0900' } },
    });
    const data = metricsToSeries([page], window);
    assert.deepEqual(data.times, [0, 1, 2, 3, 4, 5].map((h) => (T0 + h * HOUR_MS) / 1000));
    assert.deepEqual(data.counts.accepted, [0, 10, 0, 0, 3, 0]);
    assert.deepEqual(data.counts.delivered, [0, 8, 0, 0, 3, 0]);
    assert.deepEqual(data.counts.complained, [0, 0, 0, 0, 0, 0], 'a metric that never came back is all zeros');
    assert.deepEqual(data.rates.deliveredRate, [null, 80, null, null, 100, null]);
    assert.deepEqual(data.rates.openedRate, [null, 12.5, null, null, 0, null]);
    assert.equal(data.totals.counts.accepted, 13);
    assert.equal(data.totals.rates.deliveredRate, 84.62);
    assert.equal(data.totals.rates.clickedRate, null, 'no aggregate, no total rate');
    assert.equal(data.source, 'metrics');
    assert.equal(data.start, T0 / 1000);
    assert.equal(data.end, (T0 + 6 * HOUR_MS) / 1000);
    assert.ok(protocolSchemas().statsData.safeParse(data).success, 'the result is a valid data message');
  });

  test('an empty answer is every bucket at zero', () => {
    const data = metricsToSeries([metrics({ start: rfc(T0), end: rfc(T0 + 3 * HOUR_MS), items: [], pagination: { total: 0 } })], { ...window, end: T0 + 3 * HOUR_MS });
    assert.equal(data.times.length, 3);
    assert.deepEqual(data.counts.accepted, [0, 0, 0]);
    assert.deepEqual(data.rates.deliveredRate, [null, null, null]);
    assert.equal(data.totals.counts.delivered, 0);
  });

  test('uses the normalised start/end of the answer, not the window asked for', () => {
    const asked = { start: T0 + 20 * 60_000, end: T0 + 3 * HOUR_MS + 20 * 60_000, resolution: 'hour' as const };
    const data = metricsToSeries([metrics({ start: rfc(T0), end: rfc(T0 + 3 * HOUR_MS), items: [] })], asked);
    assert.deepEqual(data.times, [T0 / 1000, (T0 + HOUR_MS) / 1000, (T0 + 2 * HOUR_MS) / 1000]);
  });

  test("totals are Mailgun's aggregates when it sends them, not the sum of the buckets", () => {
    // Mailgun counts a message once in the aggregate even when its events fall in two buckets of the same page.
    const page = metrics({
      start: rfc(T0),
      end: rfc(T0 + 2 * HOUR_MS),
      items: [item(rfc(T0), { accepted_count: 5, delivered_count: 4 }), item(rfc(T0 + HOUR_MS), { accepted_count: 7, delivered_count: 6 })],
      aggregates: { metrics: { accepted_count: 11 } },
    });
    const data = metricsToSeries([page], { start: T0, end: T0 + 2 * HOUR_MS, resolution: 'hour' });
    assert.equal(data.totals.counts.accepted, 11, 'the aggregate');
    assert.equal(data.totals.counts.delivered, 10, 'no aggregate: the sum');
  });

  test('an answer for another window than the one asked for is said in a note; a normalised one is not', () => {
    const asked: StatsWindow = { start: T0 - 90 * DAY_MS, end: T0, resolution: 'hour' };
    const clamped = metricsToSeries([metrics({ start: rfc(T0 - 60 * DAY_MS), end: rfc(T0), items: [] })], asked);
    assert.match(clamped.note ?? '', /^Mailgun answered for 2024-09-28 to 2024-11-27 \(UTC\), not the 2024-08-29 to 2024-11-27 asked for\./);
    const normalised = metricsToSeries([metrics({ start: rfc(T0), end: rfc(T0 + 3 * HOUR_MS), items: [] })], { start: T0 + 20 * 60_000, end: T0 + 3 * HOUR_MS + 20 * 60_000, resolution: 'hour' });
    assert.equal(normalised.note, undefined);
  });

  test('times with offsets land in the right bucket; day buckets follow the answer\'s zone', () => {
    const dayWindow: StatsWindow = { start: T0 - 2 * DAY_MS, end: T0 + DAY_MS, resolution: 'day' };
    // Day buckets of a UTC−6 account: each starts at 06:00 UTC.
    const page = metrics({
      start: 'Mon, 25 Nov 2024 00:00:00 -0600',
      end: 'Thu, 28 Nov 2024 00:00:00 -0600',
      items: [item('Tue, 26 Nov 2024 00:00:00 -0600', { accepted_count: 4 }), item('Wed, 27 Nov 2024 00:00:00 -0600', { accepted_count: 6 })],
    });
    const data = metricsToSeries([page], dayWindow);
    const sixUtc = (day: number): number => (Date.UTC(2024, 10, day, 6) / 1000);
    assert.deepEqual(data.times, [sixUtc(25), sixUtc(26), sixUtc(27)]);
    assert.deepEqual(data.counts.accepted, [0, 4, 6]);
  });

  test('two items in one bucket add up; a page per metric group merges into one bucket', () => {
    const counts = metrics({ start: rfc(T0), end: rfc(T0 + 2 * HOUR_MS), items: [item(rfc(T0), { accepted_count: 2 }), item(rfc(T0 + 10 * 60_000), { accepted_count: 3 })] });
    const rates = metrics({ start: rfc(T0), end: rfc(T0 + 2 * HOUR_MS), items: [item(rfc(T0), { clicked_rate: '50.0000' })] });
    const data = metricsToSeries([counts, rates], { start: T0, end: T0 + 2 * HOUR_MS, resolution: 'hour' });
    assert.deepEqual(data.counts.accepted, [5, 0]);
    assert.deepEqual(data.rates.clickedRate, [50, null]);
  });

  test('null, absent and unreadable metric values count as gaps (0 for counts, null for rates)', () => {
    const page = metrics({ start: rfc(T0), end: rfc(T0 + HOUR_MS), items: [item(rfc(T0), { accepted_count: null, delivered_rate: 'n/a', opened_rate: '7.5' })] });
    const data = metricsToSeries([page], { start: T0, end: T0 + HOUR_MS, resolution: 'hour' });
    assert.deepEqual(data.counts.accepted, [0]);
    assert.deepEqual(data.rates.deliveredRate, [null]);
    assert.deepEqual(data.rates.openedRate, [7.5]);
  });

  test('items without a readable time are left out rather than misplaced', () => {
    const page = metrics({
      start: rfc(T0),
      end: rfc(T0 + HOUR_MS),
      items: [item('not a date', { accepted_count: 99 }), { dimensions: [], metrics: { accepted_count: 98 } }, item(rfc(T0), { accepted_count: 1 })],
    });
    assert.deepEqual(metricsToSeries([page], { start: T0, end: T0 + HOUR_MS, resolution: 'hour' }).counts.accepted, [1]);
  });

  test('1,440 hourly buckets (60 days) from a sparse answer', () => {
    const start = T0 - 60 * DAY_MS;
    const items = Array.from({ length: 100 }, (_, i) => item(rfc(start + i * 14 * HOUR_MS), { accepted_count: i + 1 }));
    const data = metricsToSeries([metrics({ start: rfc(start), end: rfc(T0), items })], { start, end: T0, resolution: 'hour' });
    assert.equal(data.times.length, 1440);
    assert.equal(data.counts.accepted.reduce((a, b) => a + b, 0), (100 * 101) / 2);
    assert.equal(data.counts.accepted[14], 2);
  });
});

describe('statsToSeries (Stats v3 fallback)', () => {
  test('reads the nested totals, includes the end bucket and computes rates as percentages', () => {
    const res = statsSchemas().response.parse({
      start: 'Mon, 17 Feb 2025 00:00:00 UTC',
      end: 'Wed, 19 Feb 2025 00:00:00 UTC',
      resolution: 'day',
      stats: [
        {
          time: 'Mon, 17 Feb 2025 00:00:00 UTC',
          accepted: { total: 100 },
          delivered: { total: 90 },
          failed: { permanent: { bounce: 10, total: 12 }, temporary: { total: 4 } },
          opened: { total: 45 },
          clicked: { total: 9 },
          unsubscribed: { total: 1 },
          complained: { total: 0 },
        },
        { time: 'Wed, 19 Feb 2025 00:00:00 UTC', accepted: { total: 0 }, delivered: { total: 0 } },
      ],
    });
    const data = statsToSeries(res, { start: Date.UTC(2025, 1, 17), end: Date.UTC(2025, 1, 19, 12), resolution: 'day' });
    assert.equal(data.source, 'stats');
    assert.deepEqual(data.times, [17, 18, 19].map((d) => Date.UTC(2025, 1, d) / 1000));
    assert.deepEqual(data.counts.accepted, [100, 0, 0]);
    assert.deepEqual(data.counts.failedPermanent, [12, 0, 0]);
    assert.deepEqual(data.counts.failedTemporary, [4, 0, 0]);
    assert.deepEqual(data.rates.deliveredRate, [90, null, null], 'delivered / (delivered + bounced)');
    assert.deepEqual(data.rates.bounceRate, [10, null, null]);
    assert.deepEqual(data.rates.openedRate, [50, null, null]);
    assert.deepEqual(data.rates.clickedRate, [10, null, null]);
    assert.deepEqual(data.rates.complainedRate, [0, null, null]);
    assert.equal(data.totals.rates.deliveredRate, 90);
    assert.equal(data.end, Date.UTC(2025, 1, 20) / 1000);
  });
});

describe('resolveWindow', () => {
  const now = Date.UTC(2025, 1, 24, 12, 34);

  test('presets count back from now', () => {
    assert.deepEqual(resolveWindow({ range: '24h', resolution: 'hour' }, now), { start: now - DAY_MS, end: now, resolution: 'hour' });
    assert.deepEqual(resolveWindow({ range: '60d', resolution: 'hour' }, now), { start: now - 60 * DAY_MS, end: now, resolution: 'hour' });
  });

  test('a custom range is whole UTC days, both included, ending no later than now', () => {
    assert.deepEqual(resolveWindow({ range: 'custom', resolution: 'day', start: '2025-02-01', end: '2025-02-10' }, now), {
      start: Date.UTC(2025, 1, 1),
      end: Date.UTC(2025, 1, 11),
      resolution: 'day',
    });
    assert.equal(resolveWindow({ range: 'custom', resolution: 'day', start: '2025-02-20', end: '2025-02-24' }, now).end, now);
  });

  test('hourly only within the 60 days Mailgun keeps', () => {
    assert.throws(() => resolveWindow({ range: 'custom', resolution: 'hour', start: '2024-12-01', end: '2024-12-02' }, now), StatsRangeError);
    assert.doesNotThrow(() => resolveWindow({ range: 'custom', resolution: 'day', start: '2024-12-01', end: '2024-12-02' }, now));
  });

  test('rejects ranges that are backwards, in the future, incomplete or too fine', () => {
    assert.throws(() => resolveWindow({ range: 'custom', resolution: 'day', start: '2025-02-10', end: '2025-02-01' }, now), /on or before/);
    assert.throws(() => resolveWindow({ range: 'custom', resolution: 'day', start: '2025-03-01', end: '2025-03-02' }, now), /future/);
    assert.throws(() => resolveWindow({ range: 'custom', resolution: 'day', start: '2025-02-01' }, now), /start and an end/);
    assert.throws(() => resolveWindow({ range: 'custom', resolution: 'day', start: '2000-01-01', end: '2025-01-01' }, now), /coarser/);
  });
});
