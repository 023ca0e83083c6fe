import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as zodClassic from 'zod';
import * as zodMini from 'zod/mini';
import { EVENTS_FALLBACK_NOTICE, eventToLogItem, logsSchemas, MailgunError, type MessageLogRow, queryMessageLogs, toMessageLogRow, validateLogsQuery } from '../../src/mailgun';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { collect, useFakeMailgun } from './client-fixture';

const fx = useFakeMailgun('demo');
const M = DEMO_DOMAINS.us.main;
const N = DEMO_DOMAINS.us.newsletter;
const HOUR = 3_600_000;
const hourStart = (): number => Math.floor(Date.now() / HOUR) * HOUR;
const onDomain = (d: string) => ({ attribute: 'domain' as const, comparator: '=' as const, values: [d] });

describe('logs.query / logs.pages (POST /v1/analytics/logs)', () => {
  test('sends JSON with RFC 2822 dates, an AND filter of {label, value} and pagination; keeps every field of an item', async () => {
    const [id] = fx.fake.control.appendEvents({ domain: M, events: [{ event: 'delivered', recipient: 'kept@example.com', fields: { 'x-new-field': { nested: [1, 2] } } }] });
    const page = await fx.us().logs.query({ duration: '1h', filter: [onDomain(M), { attribute: 'recipient', comparator: '=', values: ['kept@example.com'] }], limit: 10 });
    assert.equal(page.items.length, 1);
    const item = page.items[0];
    assert.equal(item.id, id);
    assert.deepEqual(item['x-new-field'], { nested: [1, 2] });
    assert.equal(typeof item['user-variables'], 'string');
    assert.ok(item.flags && item.envelope && item.message, 'nested objects kept');
    assert.equal(page.next, undefined);
    const req = fx.fake.control.requests({ method: 'POST', path: '/v1/analytics/logs' });
    assert.equal(req.length, 1);
    assert.match(String(req[0].headers['content-type']), /^application\/json/);
    const end = new Date(hourStart());
    await fx.us().logs.query({ start: new Date(end.getTime() - HOUR), end, limit: 1 });
  });

  test('pages() follows next tokens newest first and oldest first: the same rows, once each', async () => {
    const end = new Date(hourStart());
    const start = new Date(end.getTime() - 2 * HOUR);
    const q = { start, end, filter: [onDomain(M)], limit: 50 };
    const desc = (await collect(fx.us().logs.pages({ ...q, sort: 'desc' }))).flatMap((p) => p.items);
    const asc = (await collect(fx.us().logs.pages({ ...q, sort: 'asc' }))).flatMap((p) => p.items);
    assert.ok(desc.length > 50, `${desc.length} rows over several pages`);
    assert.equal(new Set(desc.map((i) => i.id)).size, desc.length);
    assert.deepEqual(asc.map((i) => i.id), desc.map((i) => i.id).reverse());
    const total = await fx.us().logs.query({ ...q, includeTotals: true, limit: 1 });
    assert.equal(total.total, desc.length);
  });

  test('bad input is refused with a sentence and no request: range, limit, event, attribute, recipient, message-id', async () => {
    const now = new Date();
    const earlier = new Date(now.getTime() - HOUR);
    const cases: [Parameters<ReturnType<typeof fx.us>['logs']['query']>[0], RegExp][] = [
      [{ start: now, end: earlier }, /The end \(.+\) is before the start/],
      [{ start: now, end: now }, /same time/],
      [{ start: 'last tuesday-ish' }, /is not a date/],
      [{ duration: '7 days' }, /duration "7 days" is not valid/],
      [{ limit: 101 }, /1 to 100/],
      [{ limit: 0 }, /1 to 100/],
      [{ events: ['bounced' as never] }, /"bounced" is not an event type/],
      [{ filter: [{ attribute: 'colour' as never, comparator: '=', values: ['red'] }] }, /"colour" is not a log attribute/],
      [{ filter: [{ attribute: 'recipient', comparator: '=', values: ['bob@'] }] }, /not a valid email address/],
      [{ filter: [{ attribute: 'recipient', comparator: '=', values: ['bob example.com'] }] }, /has no @/],
      [{ filter: [{ attribute: 'message_id', comparator: '=', values: ['12345'] }] }, /is not a message-id/],
      [{ filter: [{ attribute: 'event', comparator: '=', values: ['exploded'] }] }, /"exploded" is not an event type/],
      [{ filter: [{ attribute: 'size', comparator: '=', values: ['10'] }] }, /Filter size with < or >/],
      [{ filter: [{ attribute: 'tag', comparator: '=', values: [' '] }] }, /Give a value/],
    ];
    for (const [q, message] of cases) {
      await assert.rejects(fx.us().logs.query(q), (e: unknown) => e instanceof MailgunError && e.kind === 'validation' && message.test(e.userMessage), JSON.stringify(q));
    }
    assert.equal(fx.fake.control.requests().length, 0, 'nothing was sent');
  });

  test('valid input Mailgun takes is not refused', () => {
    assert.equal(validateLogsQuery({ filter: [{ attribute: 'recipient', comparator: '=', values: ['first.last+promo@gmail.com'] }] }), undefined);
    assert.equal(validateLogsQuery({ filter: [{ attribute: 'message_id', comparator: '=', values: ['<20240708163018.1.ABC@mg.example.com>'] }] }), undefined);
    assert.equal(validateLogsQuery({ filter: [{ attribute: 'recipient', comparator: 'contains', values: ['gmail'] }] }), undefined);
    assert.equal(validateLogsQuery({ events: ['unique_opened', 'trapped'], limit: 100, sort: 'asc', duration: '7d' }), undefined);
    assert.equal(validateLogsQuery({ filter: [{ attribute: 'size', comparator: '>', values: ['1000'] }] }), undefined);
  });

  test('an API failure is a sentence with Mailgun\'s reason', async () => {
    fx.fake.control.fault({ path: '/v1/analytics/logs', status: 400, body: { message: 'start is older than the log retention period' }, times: 1 });
    await assert.rejects(fx.us().logs.query({ duration: '30d' }), (e: unknown) => e instanceof MailgunError && e.kind === 'validation' && e.serverMessage === 'start is older than the log retention period');
  });

  test('schemas are zod/mini and built once, on first use', () => {
    assert.equal(logsSchemas(), logsSchemas());
    assert.ok(!(logsSchemas().item instanceof zodClassic.ZodType), 'a zod/mini schema, not a classic one');
    assert.ok(logsSchemas().item instanceof zodMini.ZodMiniType);
  });
});

describe('events.list / events.pages (GET /v3/{domain}/events)', () => {
  test('float-second timestamps; pages by the opaque next URL until an empty page; refuses a bad query unsent', async () => {
    const end = new Date(hourStart());
    const start = new Date(end.getTime() - HOUR);
    const pages = await collect(fx.us().events.pages(M, { start, end, limit: 300 }));
    const items = pages.flatMap((p) => p.items);
    assert.ok(pages.length >= 1 && items.length > 0);
    assert.ok(items.every((i) => typeof i.timestamp === 'number'));
    assert.ok(items.some((i) => !Number.isInteger(i.timestamp)), 'fractions of a second');
    assert.ok(items.every((i, n) => n === 0 || i.timestamp <= items[n - 1].timestamp), 'newest first');
    assert.ok(items.every((i) => i.timestamp * 1000 >= start.getTime() && i.timestamp * 1000 < end.getTime()));
    const viaLogs = await fx.us().logs.query({ start, end, filter: [onDomain(M)], includeTotals: true, limit: 1 });
    assert.equal(items.length, viaLogs.total);
    const followed = fx.fake.control.requests({ path: `/v3/${M}/events/*` });
    assert.equal(followed.length, pages.length, 'one request per next URL, the last one empty');
    const first = fx.fake.control.requests({ path: `/v3/${M}/events` })[0];
    assert.equal(first.query.ascending, 'no');
    assert.equal(first.query.begin, String(end.getTime() / 1000), 'newest first begins at the newer bound');

    fx.fake.control.clearRequests();
    await assert.rejects(fx.us().events.list(M, { limit: 301 }), /1 to 300 events/);
    await assert.rejects(fx.us().events.list(M, { event: ['unique_opened'] }), /older Events API has no "unique_opened" event/);
    await assert.rejects(fx.us().events.list(M, { recipient: 'nobody' }), /not an email address/);
    await assert.rejects(fx.us().events.list(M, { messageId: 'no id here' }), /contains a space/);
    await assert.rejects(fx.us().events.list(M, { start: end, end: start }), /is before the start/);
    assert.equal(fx.fake.control.requests().length, 0);
  });

  test('oldest first from a start polls the next URL and picks up appended events (tail)', async () => {
    const api = fx.us().events;
    const first = await api.list(M, { start: new Date(), ascending: true, limit: 300 });
    assert.ok(first.nextPageUrl);
    const ids = fx.fake.control.appendEvents({ domain: M, events: [{ event: 'accepted', recipient: 'a@example.com' }, { event: 'delivered', recipient: 'a@example.com' }] });
    const polled = await api.page(M, first.nextPageUrl);
    assert.deepEqual(polled.items.slice(-2).map((i) => i.id), ids);
  });
});

describe('queryMessageLogs: Logs first, Events when Logs is not there', () => {
  test('answers from the Logs API when it works', async () => {
    const page = await queryMessageLogs(fx.us(), { domains: [M], domain: M }, { duration: '1h', limit: 20 });
    assert.equal(page.source, 'logs');
    assert.ok(page.rows.length > 0 && page.rows.every((r) => r.domain === M));
    assert.equal(fx.fake.control.requests({ path: `/v3/${M}/events` }).length, 0);
    const next = await queryMessageLogs(fx.us(), { domains: [M], domain: M }, { duration: '1h', limit: 20 }, page.next);
    assert.equal(next.source, 'logs');
    assert.ok(next.rows.every((r) => r.time <= page.rows[page.rows.length - 1].time));
  });

  for (const status of [404, 403]) {
    test(`falls back to the Events API per domain on ${status}, with the same row type and a cursor that stays there`, async () => {
      fx.fake.control.fault({ path: '/v1/analytics/logs', status, body: { message: status === 404 ? 'Not Found' : 'Forbidden' } });
      fx.fake.control.appendEvents({ domain: M, events: [{ event: 'failed', recipient: 'fallback@example.com', severity: 'permanent', subject: 'Fallback', fields: { 'x-extra': 'kept' } }] });
      const q = { duration: '1h', limit: 50, filter: [{ attribute: 'recipient' as const, comparator: '=' as const, values: ['fallback@example.com'] }] };
      const page = await queryMessageLogs(fx.us(), { domains: [M], domain: M }, q);
      assert.equal(page.source, 'events');
      assert.equal(page.rows.length, 1);
      const row: MessageLogRow = page.rows[0];
      assert.equal(row.event, 'failed');
      assert.equal(row.severity, 'permanent');
      assert.equal(row.subject, 'Fallback');
      assert.equal(row.domain, M);
      assert.equal(typeof row.original?.timestamp, 'number');
      assert.equal(row.item['@timestamp'], new Date(row.time).toISOString());
      assert.equal(row.item['x-extra'], 'kept');
      const eventsReq = fx.fake.control.requests({ path: `/v3/${M}/events` });
      assert.equal(eventsReq.length, 1);
      assert.equal(eventsReq[0].query.recipient, 'fallback@example.com');
      assert.equal(page.next?.source, 'events');
      const more = await queryMessageLogs(fx.us(), { domains: [M], domain: M }, q, page.next);
      assert.equal(more.source, 'events');
      assert.deepEqual(more.rows, []);
      assert.equal(more.next, undefined, 'an empty page ends the list');
      assert.equal(fx.fake.control.requests({ path: '/v1/analytics/logs' }).length, 1, 'Logs was asked once');
      assert.match(EVENTS_FALLBACK_NOTICE, /older Events API/);
    });
  }

  test('logsUnavailable (a 404 or 403 remembered) asks the Events API only', async () => {
    const page = await queryMessageLogs(fx.us(), { domains: [M], domain: M }, { duration: '1h', limit: 20 }, undefined, { logsUnavailable: true });
    assert.equal(page.source, 'events');
    assert.equal(fx.fake.control.requests({ path: '/v1/analytics/logs' }).length, 0, 'the Logs API was not asked');
    assert.equal(fx.fake.control.requests({ path: `/v3/${M}/events` }).length, 1);
  });

  test('a region in fallback merges every domain newest first', async () => {
    fx.fake.control.fault({ path: '/v1/analytics/logs', status: 404 });
    const page = await queryMessageLogs(fx.us(), { domains: [M, N] }, { duration: '2h', limit: 30 });
    assert.equal(page.source, 'events');
    assert.deepEqual(new Set(page.rows.map((r) => r.domain)), new Set([M, N]));
    assert.ok(page.rows.every((r, i) => i === 0 || r.time <= page.rows[i - 1].time));
    assert.deepEqual(Object.keys(page.next?.source === 'events' ? page.next.pageUrls : {}).sort(), [M, N].sort());
  });

  test('other failures are not hidden by the fallback; filters the Events API lacks are refused unsent', async () => {
    fx.fake.control.fault({ path: '/v1/analytics/logs', status: 500, times: 10 });
    await assert.rejects(queryMessageLogs(fx.us(), { domains: [M], domain: M }, { duration: '1h' }), (e: unknown) => e instanceof MailgunError && e.kind === 'server');
    assert.equal(fx.fake.control.requests({ path: `/v3/${M}/events` }).length, 0);
    fx.fake.control.clearFaults();
    fx.fake.control.fault({ path: '/v1/analytics/logs', status: 404 });
    await assert.rejects(queryMessageLogs(fx.us(), { domains: [M], domain: M }, { duration: '1h', filter: [{ attribute: 'country', comparator: '=', values: ['US'] }] }), /older Events API can't filter by country/);
    assert.equal(fx.fake.control.requests({ path: `/v3/${M}/events` }).length, 0);
  });

  test('an Events item becomes a Logs item: ISO @timestamp, the domain, storage.url as a list, the original kept', () => {
    const original = { id: 'e1', event: 'stored', timestamp: 1529692198.691758, storage: { url: 'https://se.api.mailgun.net/v3/domains/x/messages/k', key: 'k' }, 'user-variables': { a: '1' }, message: { headers: { subject: 'S', 'message-id': 'm@x' } } };
    const row = toMessageLogRow(eventToLogItem(original, 'x.example.com'), original);
    assert.equal(row.item['@timestamp'], '2018-06-22T18:29:58.692Z');
    assert.equal(row.time, Date.parse('2018-06-22T18:29:58.692Z'));
    assert.equal(row.storageUrl, 'https://se.api.mailgun.net/v3/domains/x/messages/k');
    assert.equal(row.item['user-variables'], '{"a":"1"}');
    assert.equal(row.messageId, 'm@x');
    assert.equal(row.domain, 'x.example.com');
    assert.equal(row.original, original);
    assert.equal('timestamp' in row.item, false);
  });
});
