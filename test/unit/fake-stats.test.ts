// Stats v3 (zero-filled, only the requested events) and Metrics v1 (sparse, string rates), both computed
// from the stored event series.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client } from '../fake-mailgun/contract/client';
import { DEMO_DOMAINS, type FakeMailgun, startFakeMailgun } from '../fake-mailgun';

const HOUR = 3_600_000;
/** The instant of the recorded stats response (VCR domains.yml, 2025-02-24 22:44:03 GMT). */
const NOW = Date.UTC(2025, 1, 24, 22, 44, 3);
const M = DEMO_DOMAINS.us.main;

interface Metrics {
  start: string;
  end: string;
  resolution: string;
  duration?: string;
  dimensions: string[];
  pagination: { sort: string; skip: number; limit: number; total: number };
  items: { dimensions: { dimension: string; value: string; display_value: string }[]; metrics: Record<string, number | string> }[];
  aggregates?: { metrics: Record<string, number | string> };
}

describe('on the demo seed with the recorded clock', () => {
  let fake: FakeMailgun;
  let api: ReturnType<typeof client>;
  before(async () => {
    fake = await startFakeMailgun({ seed: 'demo', now: NOW });
    api = client(fake.usUrl);
  });
  after(() => fake.close());

  test('stats/total matches the recorded shape: 8 zero-filled daily buckets with only the requested event', async () => {
    const body = (await api.get(`v3/${DEMO_DOMAINS.us.unverified}/stats/total?event=clicked`)).json<{ stats: Record<string, unknown>[] }>();
    assert.deepEqual(Object.keys(body), ['description', 'start', 'end', 'resolution', 'stats']);
    assert.deepEqual({ ...body, stats: undefined }, { description: '', start: 'Mon, 17 Feb 2025 00:00:00 UTC', end: 'Mon, 24 Feb 2025 00:00:00 UTC', resolution: 'day', stats: undefined });
    assert.equal(body.stats.length, 8);
    assert.deepEqual(body.stats[0], { time: 'Mon, 17 Feb 2025 00:00:00 UTC', clicked: { total: 0, unique: 0 } });
    assert.ok(body.stats.every((s) => Object.keys(s).join() === 'time,clicked'));
  });

  test('stats for a sending domain have traffic; hourly resolution and duration', async () => {
    const daily = (await api.get(`v3/${M}/stats/total?event=delivered&event=failed`)).json<{ stats: { delivered: { total: number; smtp: number; http: number } }[] }>();
    assert.ok(daily.stats.every((s) => s.delivered.total > 0 && s.delivered.total === s.delivered.smtp + s.delivered.http));
    const hourly = (await api.get(`v3/${M}/stats/total?event=accepted&resolution=hour&duration=24h`)).json<{ start: string; stats: { time: string }[] }>();
    assert.equal(hourly.stats.length, 25);
    assert.equal(hourly.start, 'Sun, 23 Feb 2025 22:00:00 UTC');
    const monthly = (await api.get('v3/stats/total?event=delivered&resolution=month&duration=2m')).json<{ stats: { time: string }[] }>();
    assert.deepEqual(monthly.stats.map((s) => s.time), ['Sun, 01 Dec 2024 00:00:00 UTC', 'Wed, 01 Jan 2025 00:00:00 UTC', 'Sat, 01 Feb 2025 00:00:00 UTC']);
    assert.deepEqual((await api.get(`v3/${M}/stats/total`)).json(), { message: 'Missing mandatory parameter: event' });
  });

  test('metrics: recorded shape, normalised window, sparse hourly buckets, only the requested metrics', async () => {
    const res = await api.post('v1/analytics/metrics', { json: { resolution: 'hour', duration: '1m', dimensions: ['time'], metrics: ['accepted_count', 'delivered_count', 'opened_rate', 'clicked_rate'], filter: { AND: [{ attribute: 'domain', comparator: '=', values: [{ label: DEMO_DOMAINS.us.sandbox, value: DEMO_DOMAINS.us.sandbox }] }] }, include_aggregates: true } });
    const m = res.json<Metrics>();
    assert.deepEqual(Object.keys(m), ['start', 'end', 'resolution', 'duration', 'dimensions', 'pagination', 'items', 'aggregates']);
    assert.equal(m.end, 'Mon, 24 Feb 2025 22:00:00 +0000');
    assert.equal(m.start, 'Fri, 24 Jan 2025 22:00:00 +0000');
    assert.deepEqual(m.dimensions, ['time']);
    assert.deepEqual({ ...m.pagination, total: 0 }, { sort: '', skip: 0, limit: 1500, total: 0 });
    // The sandbox sends a few messages a day: far fewer items than the 744 hours of the month.
    assert.ok(m.items.length > 0 && m.items.length < 200, `${m.items.length} items`);
    assert.equal(m.pagination.total, m.items.length);
    for (const item of m.items) {
      assert.deepEqual(Object.keys(item.metrics), ['accepted_count', 'delivered_count', 'opened_rate', 'clicked_rate']);
      assert.match(item.metrics.opened_rate as string, /^\d+\.\d{4}$/);
      assert.equal(item.dimensions[0].value, item.dimensions[0].display_value);
      assert.match(item.dimensions[0].value, /^\w{3}, \d{2} \w{3} \d{4} \d{2}:00:00 \+0000$/);
    }
    const sum = m.items.reduce((n, i) => n + (i.metrics.accepted_count as number), 0);
    assert.equal(m.aggregates!.metrics.accepted_count, sum);
  });

  test('metrics agree with stats over the same days', async () => {
    const stats = (await api.get(`v3/${M}/stats/total?event=delivered&start=${encodeURIComponent('Mon, 17 Feb 2025 00:00:00 +0000')}&end=${encodeURIComponent('Sun, 23 Feb 2025 00:00:00 +0000')}`)).json<{ stats: { delivered: { total: number } }[] }>();
    const statsTotal = stats.stats.reduce((n, s) => n + s.delivered.total, 0);
    const metrics = (await api.post('v1/analytics/metrics', { json: { start: 'Mon, 17 Feb 2025 00:00:00 +0000', end: 'Mon, 24 Feb 2025 00:00:00 +0000', resolution: 'day', dimensions: ['domain'], metrics: ['delivered_count'], include_aggregates: true } })).json<Metrics>();
    const row = metrics.items.find((i) => i.dimensions[0].value === M)!;
    assert.equal(row.metrics.delivered_count, statsTotal);
    assert.equal(metrics.pagination.limit, 10, 'non-time dimensions default to 10 per page');
  });

  test('metrics filters, domain dimension, sorting and offset paging', async () => {
    const query = (extra: object) => api.post('v1/analytics/metrics', { json: { duration: '7d', resolution: 'day', metrics: ['accepted_count'], ...extra } }).then((r) => r.json<Metrics>());
    const byDomain = await query({ dimensions: ['domain'], pagination: { sort: 'accepted_count:desc' } });
    assert.deepEqual(byDomain.items.map((i) => i.dimensions[0].value), [DEMO_DOMAINS.us.newsletter, M, DEMO_DOMAINS.us.sandbox]);
    const notNews = await query({ dimensions: ['domain'], filter: { AND: [{ attribute: 'domain', comparator: '!=', values: [{ label: 'x', value: DEMO_DOMAINS.us.newsletter }] }] } });
    assert.deepEqual(notNews.items.map((i) => i.dimensions[0].value).sort(), [M, DEMO_DOMAINS.us.sandbox].sort());
    const contains = await query({ dimensions: ['domain'], filter: { AND: [{ attribute: 'domain', comparator: 'contains', values: [{ label: 'acme', value: 'acme' }] }] } });
    assert.equal(contains.items.length, 2);
    const tagged = await query({ dimensions: ['time'], filter: { AND: [{ attribute: 'tag', comparator: '=', values: [{ label: 'x', value: 'newsletter' }] }] } });
    assert.deepEqual(tagged.items, [], 'no stored event carries a tag');
    const all = await query({ dimensions: ['time', 'domain'], pagination: { sort: 'time:desc' } });
    assert.equal(all.items[0].dimensions[0].value, 'Mon, 24 Feb 2025 00:00:00 +0000');
    const page = await query({ dimensions: ['time', 'domain'], pagination: { skip: 2, limit: 3, sort: 'time:desc' } });
    assert.deepEqual(page.items, all.items.slice(2, 5));
    assert.deepEqual(page.pagination, { sort: 'time:desc', skip: 2, limit: 3, total: all.items.length });
    assert.equal((await query({})).aggregates, undefined);
    assert.equal((await api.post('v1/analytics/metrics', { json: { metrics: ['accepted_count'], dimensions: ['country'] } })).status, 400);
    assert.equal((await api.post('v1/analytics/metrics', { json: { metrics: ['accepted_count'], start: '2025-02-01' } })).status, 400);
  });
});

describe('computed from events added through the control API', () => {
  let fake: FakeMailgun;
  let api: ReturnType<typeof client>;
  const T = Date.UTC(2025, 5, 10, 12); // Tue, 10 Jun 2025 12:00 UTC
  before(async () => {
    fake = await startFakeMailgun({ seed: 'empty', now: T + 30 * 60_000 });
    api = client(fake.usUrl);
    await api.post('v4/domains', { form: { name: 'a.example.com' } });
    await api.post('v4/domains', { form: { name: 'b.example.com' } });
    fake.control.addEvents({ domain: 'a.example.com', time: T - 2 * HOUR, counts: { accepted_outgoing: 10, delivered_smtp: 8, hard_bounce: 1, suppressed_bounce: 1, opened: 4, unique_opened: 3, clicked: 2 } });
    fake.control.addEvents({ domain: 'a.example.com', time: T, counts: { accepted_outgoing: 5, delivered_smtp: 5, delivered_first_attempt: 4 } });
    fake.control.addEvents({ domain: 'b.example.com', time: T - 26 * HOUR, counts: { accepted_outgoing: 3, delivered_http: 3 } });
  });
  after(() => fake.close());

  test('stats sum the stored hours into buckets', async () => {
    const hourly = (await api.get('v3/a.example.com/stats/total?event=accepted&event=failed&event=opened&resolution=hour&duration=3h')).json<{ stats: { accepted: { total: number }; failed: { permanent: Record<string, number> }; opened: { total: number; unique: number } }[] }>();
    assert.deepEqual(hourly.stats.map((s) => s.accepted.total), [0, 10, 0, 5]);
    assert.deepEqual(hourly.stats[1].failed.permanent, { 'suppress-bounce': 1, 'suppress-unsubscribe': 0, 'suppress-complaint': 0, bounce: 1, 'delayed-bounce': 0, webhook: 0, optimized: 0, total: 2 });
    assert.deepEqual(hourly.stats[1].opened, { total: 4, unique: 3 });
    const account = (await api.get('v3/stats/total?event=delivered&duration=2d')).json<{ stats: { delivered: { total: number; http: number } }[] }>();
    assert.deepEqual(account.stats.map((s) => s.delivered.total), [0, 3, 13]);
  });

  test('metrics compute counts and percentage rates from the same hours', async () => {
    const m = (await api.post('v1/analytics/metrics', { json: { duration: '1d', resolution: 'hour', dimensions: ['time'], metrics: ['accepted_count', 'delivered_count', 'sent_count', 'permanent_failed_count', 'bounced_count', 'delivered_rate', 'opened_rate', 'clicked_rate', 'bounce_rate', 'delayed_rate'], include_aggregates: true } })).json<Metrics>();
    // The current hour (12:00) is not complete, so it lies past the normalised end.
    assert.equal(m.end, 'Tue, 10 Jun 2025 12:00:00 +0000');
    assert.deepEqual(m.items.map((i) => i.dimensions[0].value), ['Tue, 10 Jun 2025 10:00:00 +0000']);
    assert.deepEqual(m.items[0].metrics, {
      accepted_count: 10, delivered_count: 8, sent_count: 9, permanent_failed_count: 2, bounced_count: 1,
      delivered_rate: '88.8900', opened_rate: '50.0000', clicked_rate: '25.0000', bounce_rate: '11.1100', delayed_rate: '100.0000',
    });
    const empty = (await api.post('v1/analytics/metrics', { json: { duration: '1h', dimensions: ['time'], metrics: ['opened_rate'], include_aggregates: true } })).json<Metrics>();
    assert.deepEqual([empty.items, empty.aggregates], [[], { metrics: { opened_rate: '0.0000' } }]);
  });
});
