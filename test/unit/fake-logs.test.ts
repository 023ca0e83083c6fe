// The fake's Logs API (POST /v1/analytics/logs) and Events API (GET /v3/{domain}/events): rows expanded from
// the event series that feeds Stats and Metrics, so the two agree; token paging; filters; appended events.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { client } from '../fake-mailgun/contract/client';
import { SpecValidator } from '../fake-mailgun/contract/spec';
import { DEMO_API_KEY, DEMO_DOMAINS, DEMO_SUBACCOUNTS, type FakeMailgun, SCALE_DOMAIN, startFakeMailgun } from '../fake-mailgun';

const HOUR = 3_600_000;
// A fixed clock half-way through an hour: seeds and windows are the same on every run.
const NOW = Date.UTC(2026, 2, 18, 14, 30, 0);
const HOUR_START = NOW - (NOW % HOUR);
const M = DEMO_DOMAINS.us.main;
const AUTH = { authorization: `Basic ${Buffer.from(`api:${DEMO_API_KEY}`).toString('base64')}` };
const rfc = (ms: number): string => new Date(ms).toUTCString().replace('GMT', '-0000');

interface LogsBody {
  start: string;
  end: string;
  items: Record<string, unknown>[];
  pagination: { next?: string; previous?: string; first?: string; last?: string; total?: number };
  aggregates: unknown;
}
interface EventsBody {
  items: Record<string, unknown>[];
  paging: { next: string; previous: string; first: string; last: string };
}

let fake: FakeMailgun;
let api: ReturnType<typeof client>;
let eu: ReturnType<typeof client>;

before(async () => {
  fake = await startFakeMailgun({ seed: 'demo', now: NOW });
  api = client(fake.usUrl);
  eu = client(fake.euUrl);
});
beforeEach(() => {
  fake.control.reset('demo');
  fake.control.clearFaults();
  fake.control.clearRequests();
});
after(() => fake.close());

const domainFilter = (d: string) => ({ attribute: 'domain', comparator: '=', values: [{ label: d, value: d }] });

async function logs(body: Record<string, unknown>, status = 200, onBehalfOf?: string): Promise<LogsBody> {
  const res = await api.post('v1/analytics/logs', { json: body, headers: onBehalfOf ? { 'X-Mailgun-On-Behalf-Of': onBehalfOf } : {} });
  assert.equal(res.status, status, res.text.slice(0, 300));
  return res.json<LogsBody>();
}

async function allLogRows(body: Record<string, unknown>, onBehalfOf?: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let token: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await logs({ ...body, pagination: { ...(body.pagination as object), token } }, 200, onBehalfOf);
    out.push(...page.items);
    if (!page.pagination.next) return out;
    token = page.pagination.next;
  }
  throw new Error('paging did not end');
}

async function metricCounts(domain: string, start: number, end: number, metrics: string[]): Promise<Record<string, number>> {
  const res = await api.post('v1/analytics/metrics', { json: { start: rfc(start), end: rfc(end), resolution: 'hour', metrics, include_aggregates: true, filter: { AND: [domainFilter(domain)] } } });
  assert.equal(res.status, 200, res.text);
  return res.json<{ aggregates: { metrics: Record<string, number> } }>().aggregates.metrics;
}

const countBy = (rows: Record<string, unknown>[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const r of rows) out[String(r.event)] = (out[String(r.event)] ?? 0) + 1;
  return out;
};

describe('logs and stats agree', () => {
  test('rows per event in a window of whole hours equal the metrics counts for the same domain and window', async () => {
    const end = HOUR_START;
    const start = end - 3 * HOUR;
    const rows = await allLogRows({ start: rfc(start), end: rfc(end), filter: { AND: [domainFilter(M)] }, pagination: { limit: 100 } });
    const byEvent = countBy(rows);
    const metrics = await metricCounts(M, start, end, ['accepted_count', 'delivered_count', 'failed_count', 'opened_count', 'clicked_count', 'unsubscribed_count', 'complained_count', 'stored_count']);
    assert.ok(rows.length > 100, `${rows.length} rows span several pages`);
    for (const event of ['accepted', 'delivered', 'failed', 'opened', 'clicked', 'unsubscribed', 'complained', 'stored']) {
      assert.equal(byEvent[event] ?? 0, metrics[`${event}_count`], `${event}: ${byEvent[event]} rows vs ${metrics[`${event}_count`]} in metrics`);
    }
    assert.equal(rows.length, Object.values(byEvent).reduce((a, b) => a + b, 0));
    assert.ok(rows.every((r) => (r.domain as { name: string }).name === M));
  });

  test('include_totals over a day counts what metrics count, per event type', async () => {
    const end = HOUR_START;
    const start = end - 24 * HOUR;
    const metrics = await metricCounts(M, start, end, ['accepted_count', 'delivered_count', 'failed_count']);
    for (const event of ['accepted', 'delivered', 'failed']) {
      const page = await logs({ start: rfc(start), end: rfc(end), events: [event], filter: { AND: [domainFilter(M)] }, include_totals: true, pagination: { limit: 1 } });
      assert.equal(page.pagination.total, metrics[`${event}_count`], event);
    }
  });

  test('failed rows split into severities and reasons as stats v3 reports them', async () => {
    const end = HOUR_START;
    const start = end - 6 * HOUR;
    const rows = await allLogRows({ start: rfc(start), end: rfc(end), events: ['failed'], filter: { AND: [domainFilter(M)] }, pagination: { limit: 100 } });
    const stats = await api.get(`v3/${M}/stats/total?event=failed&resolution=hour&start=${start / 1000}&end=${(end - HOUR) / 1000}`);
    const buckets = stats.json<{ stats: { failed: { temporary: { total: number }; permanent: { total: number; 'suppress-bounce': number } } }[] }>().stats;
    const sum = (f: (b: (typeof buckets)[number]) => number) => buckets.reduce((a, b) => a + f(b), 0);
    assert.equal(rows.filter((r) => r.severity === 'temporary').length, sum((b) => b.failed.temporary.total));
    assert.equal(rows.filter((r) => r.severity === 'permanent').length, sum((b) => b.failed.permanent.total));
    assert.equal(rows.filter((r) => r.reason === 'suppress-bounce').length, sum((b) => b.failed.permanent['suppress-bounce']));
  });
});

describe('POST /v1/analytics/logs', () => {
  test('token paging newest first then oldest first: same rows, opposite order, no repeats', async () => {
    const body = { start: rfc(HOUR_START - 2 * HOUR), end: rfc(HOUR_START), filter: { AND: [domainFilter(M)] } };
    const desc = await allLogRows({ ...body, pagination: { sort: 'timestamp:desc', limit: 37 } });
    const asc = await allLogRows({ ...body, pagination: { sort: 'timestamp:asc', limit: 41 } });
    const ids = desc.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'no row twice');
    assert.deepEqual(asc.map((r) => r.id), [...ids].reverse());
    const times = desc.map((r) => Date.parse(String(r['@timestamp'])));
    assert.ok(times.every((t, i) => i === 0 || t <= times[i - 1]), 'newest first');
    assert.ok(times.every((t) => t >= HOUR_START - 2 * HOUR && t < HOUR_START), 'inside the window');
    assert.match(String(desc[0]['@timestamp']), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  test('previous, first and last tokens lead back to the same pages', async () => {
    const body = { duration: '2h', end: rfc(HOUR_START), filter: { AND: [domainFilter(M)] }, pagination: { limit: 20 } };
    const p1 = await logs(body);
    assert.equal(p1.pagination.previous, undefined);
    const p2 = await logs({ ...body, pagination: { limit: 20, token: p1.pagination.next } });
    const back = await logs({ ...body, pagination: { limit: 20, token: p2.pagination.previous } });
    assert.deepEqual(back.items.map((r) => r.id), p1.items.map((r) => r.id));
    const first = await logs({ ...body, pagination: { limit: 20, token: p2.pagination.first } });
    assert.deepEqual(first.items.map((r) => r.id), p1.items.map((r) => r.id));
    const last = await logs({ ...body, pagination: { limit: 20, token: p2.pagination.last } });
    assert.equal(last.pagination.next, undefined);
    assert.ok(last.items.length > 0 && last.items.length <= 20);
  });

  test('one page holding everything has "pagination":{} as recorded; so does an empty result', async () => {
    const some = await logs({ duration: '1d', end: rfc(HOUR_START), events: ['complained'], filter: { AND: [domainFilter(M)] }, pagination: { limit: 100 } });
    assert.ok(some.items.length > 0 && some.items.length < 100);
    assert.deepEqual(some.pagination, {});
    assert.deepEqual(some.aggregates, {});
    const none = await logs({ duration: '1d', filter: { AND: [{ attribute: 'recipient', comparator: '=', values: [{ label: 'x', value: 'nobody@example.com' }] }] } });
    assert.deepEqual(none.items, []);
    assert.deepEqual(none.pagination, {});
    const counted = await logs({ duration: '1d', include_totals: true, filter: { AND: [{ attribute: 'recipient', comparator: '=', values: [{ label: 'x', value: 'nobody@example.com' }] }] } });
    assert.deepEqual(counted.pagination, { total: 0 });
  });

  test('filters: AND of =, !=, contains and not contains over several attributes, events list', async () => {
    const sample = (await logs({ duration: '3h', end: rfc(HOUR_START), filter: { AND: [domainFilter(M)] }, pagination: { limit: 1 } })).items[0];
    const recipient = String(sample.recipient);
    const byRecipient = await allLogRows({ duration: '7d', end: rfc(HOUR_START), filter: { AND: [{ attribute: 'recipient', comparator: '=', values: [{ label: recipient, value: recipient.toUpperCase() }] }] } });
    assert.ok(byRecipient.length >= 1 && byRecipient.every((r) => r.recipient === recipient));
    const notDelivered = await logs({ duration: '3h', end: rfc(HOUR_START), filter: { AND: [domainFilter(M), { attribute: 'event', comparator: '!=', values: [{ label: 'd', value: 'delivered' }, { label: 'a', value: 'accepted' }] }] } });
    assert.ok(notDelivered.items.length > 0 && notDelivered.items.every((r) => r.event !== 'delivered' && r.event !== 'accepted'));
    const subject = await logs({ duration: '3h', end: rfc(HOUR_START), events: ['delivered'], filter: { AND: [{ attribute: 'subject', comparator: 'contains', values: [{ label: 'inv', value: 'invoice' }] }, { attribute: 'tag', comparator: 'not contains', values: [{ label: 'b', value: 'billing' }] }] } });
    assert.ok(subject.items.length > 0);
    for (const r of subject.items) {
      const headers = (r.message as { headers: { subject: string } }).headers;
      assert.match(headers.subject, /invoice/i);
      assert.ok(!(r.tags as string[]).includes('billing'));
      assert.equal(r.event, 'delivered');
    }
  });

  test('unknown fields survive: user-variables is a JSON string, storage.url a list, flags complete', async () => {
    const page = await logs({ duration: '3h', end: rfc(HOUR_START), events: ['accepted'], filter: { AND: [domainFilter(M)] }, pagination: { limit: 1 } });
    const item = page.items[0];
    assert.equal(typeof item['user-variables'], 'string');
    assert.ok(Array.isArray((item.storage as { url: unknown }).url));
    assert.equal(typeof (item.flags as Record<string, unknown>)['is-authenticated'], 'boolean');
  });

  test('bad requests are refused with a message', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ duration: '1d', pagination: { limit: 101 } }, /limit/],
      [{ duration: '1d', events: ['bounced'] }, /invalid event: bounced/],
      [{ duration: '1d', filter: { AND: [{ attribute: 'colour', comparator: '=', values: [{ label: 'x', value: 'x' }] }] } }, /invalid filter attribute/],
      [{ duration: '1d', filter: { AND: [{ attribute: 'recipient', comparator: '~', values: [{ label: 'x', value: 'x' }] }] } }, /invalid filter comparator/],
      [{ start: rfc(NOW), end: rfc(NOW - HOUR) }, /start must be before end/],
      [{ duration: '1d', pagination: { token: 'not-a-token' } }, /invalid pagination token/],
      [{ duration: '1d', pagination: { sort: 'recipient:asc' } }, /invalid sort/],
    ];
    for (const [body, message] of cases) assert.match(String((await logs(body, 400) as unknown as { message: string }).message), message);
  });

  test('data is per region: EU rows only on the EU host', async () => {
    const res = await eu.post('v1/analytics/logs', { json: { duration: '1d', pagination: { limit: 100 } } });
    const names = new Set(res.json<LogsBody>().items.map((r) => (r.domain as { name: string }).name));
    assert.ok(names.size > 0 && [...names].every((n) => n.endsWith('.eu')), [...names].join());
  });

  test('auth, faults and the rate limit apply as on every route', async () => {
    assert.equal((await client(fake.usUrl, 'key-wrong').post('v1/analytics/logs', { json: {} })).status, 401);
    fake.control.fault({ path: '/v1/analytics/logs', status: 404, body: { message: 'not found' }, times: 1 });
    assert.equal((await api.post('v1/analytics/logs', { json: {} })).status, 404);
    fake.control.setRateLimit({ limit: 0 });
    assert.equal((await api.post('v1/analytics/logs', { json: {} })).status, 429);
  });
});

describe('POST /v1/analytics/logs with subaccounts', () => {
  const { bakery, cafe } = DEMO_SUBACCOUNTS;
  const window = { start: rfc(HOUR_START - HOUR), end: rfc(HOUR_START) };
  const domainOf = (r: Record<string, unknown>): string => (r.domain as { name: string }).name;
  const domainsIn = (rows: Record<string, unknown>[]): string[] => [...new Set(rows.map(domainOf))].sort();

  test("include_subaccounts from the parent merges the region's subaccount rows in order, with token paging intact", async () => {
    const own = await allLogRows({ ...window, pagination: { limit: 100 } });
    const bakeryRows = await allLogRows({ ...window, pagination: { limit: 100 } }, bakery.id);
    const cafeRows = await allLogRows({ ...window, pagination: { limit: 100 } }, cafe.id);
    assert.ok(bakeryRows.length > 0 && cafeRows.length > 0, 'the subaccounts have traffic in the window');
    const all = await allLogRows({ ...window, include_subaccounts: true, pagination: { limit: 37 } });
    assert.equal(all.length, own.length + bakeryRows.length + cafeRows.length);
    const ids = all.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'no row twice across pages');
    assert.deepEqual(new Set(ids), new Set([...own, ...bakeryRows, ...cafeRows].map((r) => r.id)));
    const times = all.map((r) => Date.parse(String(r['@timestamp'])));
    assert.ok(times.every((t, i) => i === 0 || t <= times[i - 1]), 'newest first across the merged accounts');
    const asc = await allLogRows({ ...window, include_subaccounts: true, pagination: { sort: 'timestamp:asc', limit: 41 } });
    assert.deepEqual(asc.map((r) => r.id), [...ids].reverse());
    assert.ok(!domainsIn(all).includes(bakery.eu), "the EU subaccount domain is not in the US region's logs");
    assert.ok([bakery.us, cafe.us, M].every((d) => domainsIn(all).includes(d)));
    const fromBakery = all.find((r) => domainOf(r) === bakery.us)!;
    assert.deepEqual(fromBakery.account, { id: bakery.id, 'parent-id': (own[0].account as { id: string }).id });
    const totals = await logs({ ...window, include_subaccounts: true, include_totals: true, pagination: { limit: 1 } });
    assert.equal(totals.pagination.total, all.length);
    const bySubaccount = await allLogRows({ ...window, include_subaccounts: true, filter: { AND: [{ attribute: 'subaccount', comparator: '=', values: [{ label: bakery.name, value: bakery.id }] }] } });
    assert.deepEqual(domainsIn(bySubaccount), [bakery.us]);
  });

  test('on behalf of a subaccount only its own rows, even with include_subaccounts; the parent without it only its own', async () => {
    const own = await allLogRows({ ...window, pagination: { limit: 100 } });
    assert.ok(!domainsIn(own).some((d) => d === bakery.us || d === cafe.us));
    const bakeryRows = await allLogRows({ ...window, include_subaccounts: true, pagination: { limit: 100 } }, bakery.id);
    assert.deepEqual(domainsIn(bakeryRows), [bakery.us]);
    const ids = fake.control.appendEvents({ subaccount: cafe.id, domain: cafe.us, events: [{ event: 'delivered', recipient: 'latte@example.com' }] });
    const newest = await logs({ duration: '1h', include_subaccounts: true, pagination: { limit: 1 } });
    assert.deepEqual(newest.items.map((r) => [r.id, r.recipient, r.account]), [[ids[0], 'latte@example.com', { id: cafe.id, 'parent-id': (own[0].account as { id: string }).id }]]);
    assert.ok(!(await logs({ duration: '1h', pagination: { limit: 100 } }, 200, bakery.id)).items.some((r) => r.id === ids[0]));
  });

  test('include_subaccounts must be a boolean', async () => {
    const refused = await logs({ duration: '1h', include_subaccounts: 'yes' }, 400);
    assert.match((refused as unknown as { message: string }).message, /include_subaccounts/);
  });
});

describe('GET /v3/{domain}/events', () => {
  test('float-second timestamps, newest first, paging by the opaque next URL until an empty page', async () => {
    const begin = (HOUR_START - HOUR) / 1000;
    const end = HOUR_START / 1000;
    const first = await api.get(`v3/${M}/events?begin=${end}&end=${begin}&limit=300`);
    assert.equal(first.status, 200, first.text);
    let body = first.json<EventsBody>();
    const rows = [...body.items];
    assert.ok(typeof body.items[0].timestamp === 'number' && !Number.isInteger(body.items[0].timestamp), 'float seconds');
    assert.match(body.paging.next, /\/v3\/mg\.acme-demo\.com\/events\/[\w-]+$/);
    for (let i = 0; i < 100 && body.items.length > 0; i++) {
      const next = await fetch(body.paging.next, { headers: AUTH });
      body = (await next.json()) as EventsBody;
      rows.push(...body.items);
    }
    assert.deepEqual(body.items, [], 'ends on an empty page');
    assert.ok(body.paging.next, 'which still has a next link');
    const times = rows.map((r) => r.timestamp as number);
    assert.ok(times.every((t, i) => i === 0 || t <= times[i - 1]));
    const metrics = await metricCounts(M, HOUR_START - HOUR, HOUR_START, ['accepted_count', 'delivered_count', 'failed_count', 'opened_count', 'clicked_count', 'unsubscribed_count', 'complained_count', 'stored_count']);
    assert.equal(rows.length, Object.values(metrics).reduce((a, b) => a + b, 0), 'every row of the hour, once');
  });

  test('the paging URL answers with the documented response shape', async () => {
    const spec = new SpecValidator();
    const page = (await api.get(`v3/${M}/events?limit=3`)).json<EventsBody>();
    const res = await fetch(page.paging.next, { headers: AUTH });
    const text = await res.text();
    assert.deepEqual(spec.check('GET', `/v3/${M}/events`, res.status, res.headers.get('content-type') ?? '', text).errors, []);
    const broken = JSON.stringify({ items: [{ timestamp: 'yesterday' }], paging: {} });
    assert.notDeepEqual(spec.check('GET', `/v3/${M}/events`, 200, 'application/json', broken).errors, []);
  });

  test('filters: event OR, severity, recipient; ascending; limit above 300 refused; unknown domain 404', async () => {
    const failed = (await api.get(`v3/${M}/events?event=${encodeURIComponent('failed OR complained')}&severity=permanent&limit=50`)).json<EventsBody>();
    assert.ok(failed.items.length > 0 && failed.items.every((r) => r.event === 'failed' && r.severity === 'permanent'));
    const recipient = String(failed.items[0].recipient);
    const mine = (await api.get(`v3/${M}/events?recipient=${encodeURIComponent(recipient)}&begin=${(NOW - 7 * 24 * HOUR) / 1000}&ascending=yes&limit=300`)).json<EventsBody>();
    assert.ok(mine.items.length > 0 && mine.items.every((r) => r.recipient === recipient));
    const times = mine.items.map((r) => r.timestamp as number);
    assert.ok(times.every((t, i) => i === 0 || t >= times[i - 1]), 'oldest first');
    assert.equal((await api.get(`v3/${M}/events?limit=301`)).status, 400);
    assert.equal((await api.get('v3/nope.example.com/events')).status, 404);
    assert.equal((await api.get(`v3/${DEMO_DOMAINS.eu.main}/events`)).status, 404, 'an EU domain is not on the US host');
    assert.equal((await eu.get(`v3/${DEMO_DOMAINS.eu.main}/events`)).status, 200);
  });
});

describe('appending events (control API)', () => {
  test('appended events show in Logs, in Events (a tail polling next picks them up) and in the metrics counts', async () => {
    const before = await metricCounts(M, HOUR_START, HOUR_START + HOUR, ['delivered_count', 'failed_count']);
    const tail = (await api.get(`v3/${M}/events?begin=${NOW / 1000}&ascending=yes`)).json<EventsBody>();
    const ids = fake.control.appendEvents({
      domain: M,
      events: [
        { event: 'delivered', recipient: 'tail-1@example.com', subject: '<b>hello</b>', fields: { 'x-custom': { kept: true } } },
        { event: 'failed', recipient: 'tail-2@example.com', severity: 'permanent', reason: 'suppress-bounce' },
      ],
    });
    assert.equal(ids.length, 2);
    const newest = await logs({ duration: '1h', filter: { AND: [domainFilter(M)] }, pagination: { limit: 2 } });
    assert.deepEqual(newest.items.map((r) => r.id), [...ids].reverse());
    assert.deepEqual(newest.items[1]['x-custom'], { kept: true });
    const polled = (await (await fetch(tail.paging.next, { headers: AUTH })).json()) as EventsBody;
    assert.deepEqual(polled.items.map((r) => r.id), ids);
    assert.equal(polled.items[0].timestamp, NOW / 1000);
    const afterCounts = await metricCounts(M, HOUR_START, HOUR_START + HOUR, ['delivered_count', 'failed_count']);
    assert.deepEqual(afterCounts, { delivered_count: before.delivered_count + 1, failed_count: before.failed_count + 1 });
  });

  test('over HTTP: POST /_fake/events with events answers their ids; a bad event name is refused', async () => {
    const ok = await fetch(new URL('_fake/events', fake.usUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ domain: M, events: [{ event: 'opened', recipient: 'http@example.com' }] }) });
    assert.equal(ok.status, 200);
    const { ids } = (await ok.json()) as { ids: string[] };
    const found = await logs({ duration: '1h', filter: { AND: [{ attribute: 'id', comparator: '=', values: [{ label: 'id', value: ids[0] }] }] } });
    assert.equal(found.items[0]?.recipient, 'http@example.com');
    const bad = await fetch(new URL('_fake/events', fake.usUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ domain: M, events: [{ event: 'exploded' }] }) });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: string }).error, /event must be one of/);
  });
});

describe('scale seed', () => {
  let big: FakeMailgun;
  before(async () => {
    big = await startFakeMailgun({ seed: 'scale', now: NOW });
  });
  after(() => big.close());

  test(`${SCALE_DOMAIN} holds at least 200,000 log rows, and a page of the newest still comes from one hour`, async () => {
    const res = await client(big.usUrl).post('v1/analytics/logs', { json: { duration: '60d', end: rfc(NOW), include_totals: true, filter: { AND: [domainFilter(SCALE_DOMAIN)] }, pagination: { limit: 100 } } });
    const body = res.json<LogsBody>();
    assert.ok((body.pagination.total ?? 0) >= 200_000, `total ${body.pagination.total}`);
    assert.equal(body.items.length, 100);
    assert.ok(body.pagination.next);
  });
});
