import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  alertInputOf,
  describeAlert,
  describeLimit,
  limitAsPercent,
  limitFromInput,
  type MailgunError,
  parseAlertFilter,
  type SendAlertInput,
  validateLimitInput,
  validatePeriod,
  validateSendAlert,
} from '../../src/mailgun';
import { alertSchemas } from '../../src/mailgun/alerts';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { useFakeMailgun } from './client-fixture';

const fx = useFakeMailgun('demo');
const M = DEMO_DOMAINS.us.main;

const bounceAlert = (over: Partial<SendAlertInput> = {}): SendAlertInput => ({
  name: 'main hard bounces',
  metric: 'hard_bounce_rate',
  comparator: '>',
  limit: '0.5',
  dimension: 'domain',
  period: '1h',
  alert_channels: ['email', 'webhook'],
  filters: [{ dimension: 'domain', comparator: '=', values: [M] }],
  ...over,
});

describe('alerts client (/v1/thresholds/alerts/send)', () => {
  test('create, get, list, update (rename), delete: JSON bodies, the name path-escaped, every field kept', async () => {
    const c = fx.us();
    const created = await c.alerts.create(bounceAlert({ name: 'a/b & c?' }));
    assert.equal(created.name, 'a/b & c?');
    assert.equal(created.limit, '0.5');
    assert.ok(created.id && created.created_at && created.parent_account_id);
    const post = fx.fake.control.requests({ method: 'POST', path: '/v1/thresholds/alerts/send' });
    assert.match(String(post[0].headers['content-type']), /^application\/json/);
    assert.equal((await c.alerts.get('a/b & c?')).metric, 'hard_bounce_rate');
    assert.deepEqual(fx.fake.control.requests({ method: 'GET' }).map((r) => r.path), ['/v1/thresholds/alerts/send/a%2Fb%20%26%20c%3F']);
    const names = (await c.alerts.list()).map((a) => a.name);
    assert.deepEqual(names.sort(), ['a/b & c?', 'complaint rate', 'delivery rate']);
    await c.alerts.update('a/b & c?', bounceAlert({ name: 'renamed', limit: '0.25', alert_channels: ['slack'] }));
    const renamed = await c.alerts.get('renamed');
    assert.deepEqual([renamed.limit, renamed.alert_channels], ['0.25', ['slack']]);
    await assert.rejects(c.alerts.get('a/b & c?'), (e: MailgunError) => e.kind === 'notFound');
    await c.alerts.delete('renamed');
    await assert.rejects(c.alerts.delete('renamed'), (e: MailgunError) => e.kind === 'notFound' && /alert/i.test(e.message));
  });

  test('a duplicate name is a 409 conflict; EU keeps its own alerts', async () => {
    await fx.us().alerts.create(bounceAlert());
    await assert.rejects(fx.us().alerts.create(bounceAlert()), (e: MailgunError) => e.status === 409 && /already exists/.test(e.message));
    assert.deepEqual(await fx.eu().alerts.list(), []);
    await fx.eu().alerts.create(bounceAlert({ filters: undefined }));
    assert.equal((await fx.eu().alerts.list()).length, 1);
  });

  test('bad input is refused before any request, with one sentence', async () => {
    const c = fx.us();
    const cases: [Partial<SendAlertInput>, RegExp][] = [
      [{ name: '  ' }, /name/],
      [{ metric: 'opened_rate' }, /not a metric alerts watch/],
      [{ comparator: '=>' }, /not a comparator/],
      [{ limit: '2' }, /fraction from 0 to 1 .*200 %/],
      [{ limit: '-0.1' }, /negative/],
      [{ limit: 'lots' }, /not a number/],
      [{ period: '1w' }, /not a period/],
      [{ dimension: 'tag' }, /not a dimension/],
      [{ alert_channels: ['sms'] }, /not an alert channel/],
      [{ filters: [{ dimension: 'domain', comparator: '~', values: ['x'] }] }, /filter comparator/],
    ];
    for (const [over, pattern] of cases) {
      await assert.rejects(c.alerts.create(bounceAlert(over)), (e: MailgunError) => e.kind === 'validation' && pattern.test(e.message), JSON.stringify(over));
    }
    assert.equal(fx.fake.control.requests().length, 0);
  });

  test('the fake validates as the spec says (enums, period format) when the client is bypassed', async () => {
    const auth = { authorization: `Basic ${Buffer.from('api:' + (await import('../fake-mailgun')).DEMO_API_KEY).toString('base64')}`, 'content-type': 'application/json' };
    const post = async (body: object) => {
      const r = await fetch(new URL('v1/thresholds/alerts/send', fx.fake.usUrl), { method: 'POST', headers: auth, body: JSON.stringify(body) });
      return [r.status, ((await r.json()) as { message: string }).message] as const;
    };
    const ok = { name: 'x', metric: 'delivered_rate', comparator: '<', limit: '.99', dimension: 'subaccount', period: '1h' };
    assert.deepEqual(await post({ ...ok, metric: 'clicked_rate' }), [400, 'invalid metric: clicked_rate']);
    assert.deepEqual(await post({ ...ok, comparator: 'contains' }), [400, 'invalid comparator: contains']);
    assert.deepEqual(await post({ ...ok, period: '90m' }), [400, 'invalid period: 90m; use the format 1h or 1d']);
    assert.deepEqual(await post({ ...ok, dimension: undefined }), [400, 'invalid dimension: (missing)']);
    assert.equal((await post(ok))[0], 200);
  });
});

describe('hits (/v1/thresholds/hits)', () => {
  test('a hit appears once the events of the period cross the limit, with the observed value as a fraction', async () => {
    const c = fx.us();
    await c.alerts.create(bounceAlert());
    assert.ok(!(await c.alerts.hits()).some((h) => h.name === 'main hard bounces'), 'no hit before');
    fx.fake.control.addEvents({ domain: M, time: Date.now(), counts: { hard_bounce: 100_000 } });
    const hit = (await c.alerts.hits()).find((h) => h.name === 'main hard bounces');
    assert.ok(hit, 'a hit after the bounces');
    assert.equal(hit.dimension_value, M);
    assert.equal(hit.limit, '0.5');
    const value = Number(hit.latest_value);
    assert.ok(value > 0.5 && value <= 1, `latest_value ${hit.latest_value} is a fraction above the limit`);
    // An alert whose filter leaves the domain out is not hit.
    await c.alerts.create(bounceAlert({ name: 'other domains', filters: [{ dimension: 'domain', comparator: '!=', values: [M] }] }));
    assert.ok(!(await c.alerts.hits()).some((h) => h.name === 'other domains'));
  });
});

describe('limits: fractions in the API, percentages for people', () => {
  test('conversions both ways', () => {
    assert.equal(limitFromInput('complained_rate', '0.1'), '0.001');
    assert.equal(limitFromInput('hard_bounce_rate', '2 %'), '0.02');
    assert.equal(limitFromInput('delivered_rate', '99'), '0.99');
    assert.equal(limitAsPercent('delivered_rate', '.99'), 99);
    assert.equal(limitAsPercent('complained_rate', '0.001'), 0.1);
    assert.equal(describeLimit('complained_rate', '0.001'), '0.1 %');
    assert.equal(describeLimit('sent_count', '500'), '500 messages');
    assert.equal(describeAlert({ metric: 'hard_bounce_rate', comparator: '>', limit: '0.02', period: '1h', alert_channels: ['email', 'webhook'] }), 'hard bounce rate > 2 % over 1 h → email, webhook');
  });

  test('validation table of what people type', () => {
    const table: [string, string, RegExp | undefined][] = [
      ['hard_bounce_rate', '2', undefined],
      ['hard_bounce_rate', '0.1 %', undefined],
      ['hard_bounce_rate', '100', undefined],
      ['hard_bounce_rate', '100.5', /above 100 %/],
      ['hard_bounce_rate', '-1', /below 0 %/],
      ['hard_bounce_rate', '', /percentage/],
      ['hard_bounce_rate', 'two', /not a number/],
      ['sent_count', '-3', /negative/],
      ['sent_count', '2.5', /whole number/],
      ['sent_count', '500', undefined],
    ];
    for (const [metric, input, want] of table) {
      const got = validateLimitInput(metric, input);
      if (want) assert.match(got ?? '', want, `${metric} "${input}"`);
      else assert.equal(got, undefined, `${metric} "${input}"`);
    }
    assert.equal(validatePeriod('1h'), undefined);
    assert.equal(validatePeriod('7d'), undefined);
    for (const bad of ['', '0h', '1w', 'h', '1.5h']) assert.ok(validatePeriod(bad), bad);
    assert.deepEqual(parseAlertFilter('domain = a.example.com, b.example.com'), { dimension: 'domain', comparator: '=', values: ['a.example.com', 'b.example.com'] });
    assert.deepEqual(parseAlertFilter('recipient_provider not contains Gmail'), { dimension: 'recipient_provider', comparator: 'not contains', values: ['Gmail'] });
    assert.match(parseAlertFilter('tag = x') as string, /not a dimension/);
    assert.equal(validateSendAlert(bounceAlert()), undefined);
  });

  test("the spec's recorded examples parse, unknown fields and enum values kept", () => {
    const item = alertSchemas().alert.parse({
      id: '915ff385-0a9a-4087-86d5-6727ea7d9b49', parent_account_id: '12345', subaccount_id: '67890', name: 'hard bounce rate',
      created_at: '2026-02-01T10:30:00Z', updated_at: '2026-02-03T14:15:00Z', last_checked: '2026-02-04T16:00:00Z',
      alert_channels: ['email', 'webhook', 'slack', 'pager'], metric: 'hard_bounce_rate', comparator: '<', limit: '.99', dimension: 'subaccount', period: '1h', extra: { x: 1 },
    });
    assert.deepEqual(item.alert_channels, ['email', 'webhook', 'slack', 'pager']);
    assert.deepEqual(item.extra, { x: 1 });
    assert.deepEqual(item.filters, []);
    assert.equal(alertInputOf(item).limit, '.99');
    const hit = alertSchemas().hit.parse({ id: 'x', name: 'n', created_at: '2026-02-01T10:30:00Z', updated_at: '2026-02-03T14:15:00Z', triggered: true, expires_at: '0001-01-01T00:00:00Z', latest_value: 10, metric: 'complained_rate', comparator: '>', limit: '1000' });
    assert.equal(hit.latest_value, '10');
  });
});

describe('thresholds on the stats panel', () => {
  test('alerts on charted rates become thresholds in percent; others and foreign domain filters are left out', async () => {
    const { thresholdsFor } = await import('../../src/webview/alert-thresholds');
    const { crossings } = await import('../../src/webview/crossings');
    const base = { created_at: '', alert_channels: ['email'], dimension: 'domain', period: '1d' };
    const alerts = [
      { ...base, name: 'c', metric: 'complained_rate', comparator: '>', limit: '0.001', filters: [] },
      { ...base, name: 'h', metric: 'hard_bounce_rate', comparator: '>', limit: '0.02', filters: [] },
      { ...base, name: 'd', metric: 'delivered_rate', comparator: '<', limit: '.99', filters: [{ dimension: 'domain', comparator: '=', values: ['other.example.com'] }] },
    ];
    const t = thresholdsFor(alerts, M);
    assert.deepEqual(t, [{ key: 'complainedRate', name: 'c', comparator: '>', value: 0.1, label: 'alert: complaint rate > 0.1 % over 1 d' }]);
    assert.deepEqual(thresholdsFor(alerts, 'other.example.com').map((x) => [x.key, x.value]), [['complainedRate', 0.1], ['deliveredRate', 99]]);
    const rates = { deliveredRate: [null, null, null], openedRate: [null, null, null], clickedRate: [null, null, null], bounceRate: [null, null, null], complainedRate: [0.05, null, 0.2] };
    assert.deepEqual(crossings({ times: [100, 200, 300], rates }, t[0]), [300]);
  });
});
