import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { metricNumber, parseMailgunDate } from '../../src/mailgun';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { useFakeMailgun } from './client-fixture';

const fx = useFakeMailgun('demo');
const domain = DEMO_DOMAINS.us.main;
const HOUR = 3_600_000;

describe('metrics (POST /v1/analytics/metrics)', () => {
  test('sends JSON with RFC 2822 dates and an AND filter; reads counts and string rates', async () => {
    const end = new Date(Math.floor(Date.now() / HOUR) * HOUR);
    const hour = new Date(end.getTime() - 3 * HOUR);
    fx.fake.control.addEvents({ domain, time: hour.getTime(), counts: { accepted_outgoing: 5, delivered_smtp: 4 } });
    const res = await fx.us().metrics.query({
      start: new Date(end.getTime() - 24 * HOUR),
      end,
      resolution: 'hour',
      dimensions: ['time'],
      metrics: ['accepted_count', 'delivered_count', 'delivered_rate'],
      filter: [{ attribute: 'domain', comparator: '=', values: [{ label: domain, value: domain }] }],
      include_aggregates: true,
    });
    const req = fx.fake.control.requests({ method: 'POST', path: '/v1/analytics/metrics' })[0];
    assert.match(String(req.headers['content-type']), /^application\/json/);
    assert.ok(res.items.length > 0);
    const bucket = res.items.find((i) => parseMailgunDate(i.dimensions[0]?.value)?.getTime() === hour.getTime());
    assert.ok(bucket, 'the hour with added events is there');
    assert.ok((metricNumber(bucket.metrics.accepted_count) ?? 0) >= 5);
    assert.equal(typeof bucket.metrics.delivered_rate, 'string');
    assert.ok(res.aggregates?.metrics);
    assert.match(res.start ?? '', /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/);
  });

  test('by domain dimension, with duration instead of start', async () => {
    const res = await fx.us().metrics.query({ duration: '7d', resolution: 'day', dimensions: ['domain'], metrics: ['accepted_count'] });
    assert.ok(res.items.every((i) => i.dimensions[0]?.dimension === 'domain'));
  });

  test('a bad metric name is a validation error with Mailgun\'s message', async () => {
    await assert.rejects(fx.us().metrics.query({ metrics: ['no_such_metric'] }), { kind: 'validation', serverMessage: 'invalid metric: no_such_metric' });
  });

  test('metricNumber reads counts, rate strings and gaps', () => {
    assert.equal(metricNumber(3), 3);
    assert.equal(metricNumber('0.8300'), 0.83);
    assert.equal(metricNumber(null), undefined);
    assert.equal(metricNumber(undefined), undefined);
    assert.equal(metricNumber('n/a'), undefined);
  });
});

describe('stats v3 (fallback)', () => {
  test('domain totals: repeated event params, zero-filled buckets with only the events asked for', async () => {
    const res = await fx.us().stats.total({ domain, event: ['accepted', 'delivered', 'failed'], duration: '7d', resolution: 'day' });
    assert.deepEqual(fx.fake.control.requests({ path: `/v3/${domain}/stats/total` })[0].query.event, ['accepted', 'delivered', 'failed']);
    assert.ok(res.stats.length >= 7);
    for (const b of res.stats) {
      assert.ok(b.accepted && b.delivered && b.failed);
      assert.equal(b.opened, undefined);
      assert.ok(parseMailgunDate(b.time));
    }
  });

  test('account totals in a region', async () => {
    const res = await fx.eu().stats.total({ event: ['delivered'], start: new Date(Date.now() - 2 * 86_400_000), resolution: 'hour' });
    assert.ok(res.stats.length >= 24);
    assert.equal(fx.fake.control.requests({ path: '/v3/stats/total' })[0].region, 'eu');
  });

  test('an unknown event is refused', async () => {
    await assert.rejects(fx.us().stats.total({ domain, event: ['teleported' as 'accepted'] }), { kind: 'validation' });
  });
});

test('parseMailgunDate reads every date format the API uses', () => {
  const t = Date.UTC(2026, 2, 26, 12, 59, 15);
  for (const s of ['Thu, 26 Mar 2026 12:59:15 UTC', 'Thu, 26 Mar 2026 12:59:15 GMT', 'Thu, 26 Mar 2026 12:59:15 +0000', '2026-03-26T12:59:15Z', '2026-03-26T12:59:15']) {
    assert.equal(parseMailgunDate(s)?.getTime(), t, s);
  }
  assert.equal(parseMailgunDate('not a date'), undefined);
  assert.equal(parseMailgunDate(undefined), undefined);
});
