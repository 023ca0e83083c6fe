// The panel's fetch against the fake Mailgun: Metrics first, Stats v3 only as the fallback, paging, cancellation.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setImmediate } from 'node:timers/promises';
import type { MetricsQuery, MetricsResponse } from '../../src/mailgun';
import { fetchStats, type StatsClient } from '../../src/webview/fetch-stats';
import { COUNT_SERIES, RATE_SERIES } from '../../src/webview/protocol';
import { DAY_MS, HOUR_MS, resolveWindow, type StatsWindow } from '../../src/webview/series';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { useFakeMailgun } from './client-fixture';

const fx = useFakeMailgun('demo');
const domain = DEMO_DOMAINS.us.main;
const METRICS = '/v1/analytics/metrics';
/** `run`'s target for the whole region (an explicit undefined would pick the default domain). */
const REGION = null;

const hourNow = (): number => Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
const run = (window: StatsWindow, target: string | null = domain, signal = new AbortController().signal) => fetchStats(fx.us(), target ?? undefined, window, signal);

describe('fetchStats against the fake Mailgun', () => {
  test('asks Metrics for the time dimension, one domain, counts and rates in two queries of at most 10 metrics', async () => {
    const sent: MetricsQuery[] = [];
    const client = fx.us();
    const spy: StatsClient = {
      stats: client.stats,
      metrics: {
        query: (q, o) => {
          sent.push(q);
          return client.metrics.query(q, o);
        },
      },
    };
    const window = resolveWindow({ range: '7d', resolution: 'day' }, Date.now());
    const data = await fetchStats(spy, domain, window, new AbortController().signal);
    assert.equal(data.source, 'metrics');
    assert.equal(sent.length, 2);
    assert.ok(sent.every((q) => q.metrics.length <= 10));
    assert.deepEqual(sent.flatMap((q) => q.metrics).sort(), [...COUNT_SERIES, ...RATE_SERIES].map((s) => s.metric).sort());
    for (const q of sent) {
      assert.deepEqual(q.dimensions, ['time']);
      assert.equal(q.resolution, 'day');
      assert.deepEqual([q.start, q.end], [new Date(window.start), new Date(window.end)]);
      assert.equal(q.duration, undefined);
      assert.deepEqual(q.filter, [{ attribute: 'domain', comparator: '=', values: [{ label: domain, value: domain }] }]);
    }
    const requests = fx.fake.control.requests({ method: 'POST', path: METRICS });
    assert.equal(requests.length, 2);
    assert.equal(fx.fake.control.requests({ path: '/v3/**' }).length, 0, 'Stats v3 is not touched when Metrics answers');
  });

  test('the series agree with Stats v3 for the same window (both computed from the same events)', async () => {
    const end = hourNow();
    const window: StatsWindow = { start: end - 7 * DAY_MS, end, resolution: 'day' };
    const data = await run(window);
    const v3 = await fx.us().stats.total({ domain, event: ['accepted', 'delivered'], start: new Date(window.start), end: new Date(window.end - 1), resolution: 'hour' });
    const v3Accepted = v3.stats.reduce((sum, b) => sum + (b.accepted?.total ?? 0), 0);
    assert.ok(data.totals.counts.accepted > 0);
    assert.equal(data.totals.counts.accepted, v3Accepted);
    assert.equal(data.counts.accepted.reduce((a, b) => a + b, 0), data.totals.counts.accepted);
    assert.ok(data.totals.rates.deliveredRate !== null && data.totals.rates.deliveredRate > 90 && data.totals.rates.deliveredRate <= 100, 'rates are percentages');
  });

  test('60 days hourly: every hour present, the quiet ones zero-filled', async () => {
    const window = resolveWindow({ range: '60d', resolution: 'hour' }, Date.now());
    const quiet = DEMO_DOMAINS.us.sandbox; // about one message every three hours
    const data = await run(window, quiet);
    assert.ok(data.times.length >= 1439 && data.times.length <= 1441, `${data.times.length} hourly buckets`);
    const withMail = data.counts.accepted.filter((n) => n > 0).length;
    assert.ok(withMail > 0 && withMail < data.times.length / 2, `${withMail} of ${data.times.length} hours had mail`);
    for (let i = 1; i < data.times.length; i++) assert.equal(data.times[i] - data.times[i - 1], 3600);
    const nullRates = data.rates.deliveredRate.filter((r) => r === null).length;
    assert.equal(nullRates, data.times.length - withMail, 'rates are null exactly where Mailgun sent no bucket');
  });

  test('the whole region adds up every domain', async () => {
    const window = resolveWindow({ range: '30d', resolution: 'day' }, Date.now());
    const [region, main, news] = await Promise.all([run(window, REGION), run(window, domain), run(window, DEMO_DOMAINS.us.newsletter)]);
    const body = fx.fake.control.requests({ method: 'POST', path: METRICS });
    assert.equal(body.length, 6);
    assert.ok(region.totals.counts.accepted >= main.totals.counts.accepted + news.totals.counts.accepted, `${region.totals.counts.accepted} < ${main.totals.counts.accepted} + ${news.totals.counts.accepted}`);
  });

  test('Metrics missing (404) → Stats v3, and the note says so', async () => {
    fx.fake.control.fault({ path: METRICS, status: 404, body: { message: 'Not found' } });
    const data = await run(resolveWindow({ range: '7d', resolution: 'day' }, Date.now()));
    assert.equal(data.source, 'stats');
    assert.match(data.note ?? '', /Metrics API could not be used .* older Stats API/);
    assert.ok(data.totals.counts.delivered > 0);
    const v3 = fx.fake.control.requests({ path: `/v3/${domain}/stats/total` });
    assert.equal(v3.length, 1);
    assert.deepEqual(v3[0].query.event, ['accepted', 'delivered', 'failed', 'opened', 'clicked', 'unsubscribed', 'complained']);
  });

  test('a rejected key is not retried against Stats v3', async () => {
    fx.fake.control.fault({ path: METRICS, status: 401, body: 'Forbidden' });
    await assert.rejects(run(resolveWindow({ range: '7d', resolution: 'day' }, Date.now())), { kind: 'auth' });
    assert.equal(fx.fake.control.requests({ path: '/v3/**' }).length, 0);
  });

  test('when Stats v3 fails too, the Metrics error is the one reported', async () => {
    fx.fake.control.fault({ path: METRICS, status: 400, body: { message: 'metrics are off' } });
    fx.fake.control.fault({ path: '/v3/**', status: 500, body: { message: 'stats are down' } });
    await assert.rejects(run(resolveWindow({ range: '7d', resolution: 'day' }, Date.now())), (err: { kind: string; serverMessage?: string; userMessage: string }) => {
      assert.equal(err.kind, 'validation');
      assert.equal(err.serverMessage, 'metrics are off');
      assert.ok(err.userMessage.length > 0);
      return true;
    });
  });

  test('aborting cancels the request in flight and no fallback starts', async () => {
    fx.fake.control.fault({ path: METRICS, delayMs: 3_000 });
    const controller = new AbortController();
    const started = Date.now();
    const pending = run(resolveWindow({ range: '7d', resolution: 'day' }, Date.now()), domain, controller.signal);
    while (fx.fake.control.requests({ path: METRICS }).length === 0) await setImmediate(); // in flight
    controller.abort();
    await assert.rejects(pending, { kind: 'cancelled' });
    assert.ok(Date.now() - started < 2_000, 'gave up at once');
    assert.equal(fx.fake.control.requests({ path: '/v3/**' }).length, 0);
  });
});

describe('fetchStats paging', () => {
  test('pages by skip until a short page, for each query', async () => {
    const calls: { metrics: readonly string[]; skip?: number; limit?: number }[] = [];
    const end = hourNow();
    const hours = 1600;
    const start = end - hours * HOUR_MS;
    const all = Array.from({ length: hours }, (_, i) => new Date(start + i * HOUR_MS).toUTCString().replace('GMT', '+0000'));
    const client: StatsClient = {
      stats: {} as StatsClient['stats'],
      metrics: {
        query: (q: MetricsQuery): Promise<MetricsResponse> => {
          const skip = q.pagination?.skip ?? 0;
          const limit = q.pagination?.limit ?? 1500;
          calls.push({ metrics: q.metrics, skip, limit });
          const metrics: Record<string, number | string> = q.metrics.includes('accepted_count') ? { accepted_count: 1 } : { delivered_rate: '100.0000' };
          const items = all.slice(skip, skip + limit).map((t) => ({ dimensions: [{ dimension: 'time', value: t }], metrics }));
          return Promise.resolve({ start: all[0], end: new Date(end).toUTCString(), dimensions: ['time'], items, pagination: { total: hours } });
        },
      },
    };
    const data = await fetchStats(client, undefined, { start, end, resolution: 'hour' }, new AbortController().signal);
    assert.deepEqual(
      calls.map((c) => c.skip),
      [0, 0, 1500, 1500],
    );
    assert.ok(calls.every((c) => c.limit === 1500));
    assert.equal(data.totals.counts.accepted, hours);
    assert.equal(data.times.length, hours);
  });
});
