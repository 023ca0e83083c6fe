// Suppression lists: recorded paging, term filter, 100,000-item walk, batches, CSV import, rate headers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { call, client } from '../fake-mailgun/contract/client';
import { queryEscape } from '../fake-mailgun/routes/suppressions';
import { DEMO_DOMAINS, type FakeMailgun, SCALE_BOUNCE_COUNT, SCALE_DOMAIN, scaleAddress, seedList, startFakeMailgun } from '../fake-mailgun';

interface Page<T = { address: string }> {
  items: T[];
  paging: { first: string; last: string; next: string; previous: string };
}

const M = DEMO_DOMAINS.us.main;

describe('scale seed paging', () => {
  let fake: FakeMailgun;
  before(async () => {
    fake = await startFakeMailgun({ seed: 'scale' });
  });
  after(() => fake.close());

  test('following paging.next verbatim through 100,000 bounces ends once, missing and repeating nothing', async () => {
    let url = `${fake.usUrl}v3/${SCALE_DOMAIN}/bounces?limit=1000`;
    const seen: string[] = [];
    let pages = 0;
    for (;;) {
      const res = await call(url, 'GET', '');
      assert.equal(res.status, 200);
      const page = res.json<Page>();
      pages++;
      if (page.items.length === 0) {
        // The end is an empty page whose links all point back to the first page.
        assert.equal(page.paging.next, `${fake.usUrl}v3/${SCALE_DOMAIN}/bounces?limit=1000&term=`);
        break;
      }
      seen.push(...page.items.map((i) => i.address));
      assert.ok(page.paging.next !== url, 'next must move forward');
      url = page.paging.next;
      assert.ok(pages <= SCALE_BOUNCE_COUNT / 1000 + 1, 'paging does not terminate');
    }
    assert.equal(pages, SCALE_BOUNCE_COUNT / 1000 + 1);
    assert.equal(seen.length, SCALE_BOUNCE_COUNT);
    assert.equal(new Set(seen).size, SCALE_BOUNCE_COUNT);
    for (let i = 0; i < seen.length; i++) if (seen[i] !== scaleAddress(i)) assert.fail(`item ${i} is ${seen[i]}, expected ${scaleAddress(i)}`);
  });

  test('previous and last pages, and the term prefix filter, over the large list', async () => {
    const api = client(fake.usUrl);
    const second = (await call((await api.get(`v3/${SCALE_DOMAIN}/bounces?limit=100`)).json<Page>().paging.next, 'GET', '')).json<Page>();
    assert.equal(second.items[0].address, scaleAddress(100));
    const back = (await call(second.paging.previous, 'GET', '')).json<Page>();
    assert.deepEqual(back.items.map((i) => i.address), Array.from({ length: 100 }, (_, i) => scaleAddress(i)));
    const last = (await call(second.paging.last, 'GET', '')).json<Page>();
    assert.equal(last.items.length, 100);
    assert.equal(last.items[99].address, scaleAddress(SCALE_BOUNCE_COUNT - 1));

    const term = await api.get(`v3/${SCALE_DOMAIN}/bounces?limit=4&term=user00012`);
    const page = term.json<Page>();
    assert.deepEqual(page.items.map((i) => i.address), ['user000120@example.com', 'user000121@example.com', 'user000122@example.com', 'user000123@example.com']);
    assert.equal(page.paging.next, `${fake.usUrl}v3/${SCALE_DOMAIN}/bounces?page=next&address=user000123%40example.com&limit=4&term=user00012`);
    const rest = (await call(page.paging.next, 'GET', '')).json<Page>();
    assert.equal(rest.items.length, 4);
    const end = (await call((await call(rest.paging.next, 'GET', '')).json<Page>().paging.next, 'GET', '')).json<Page>();
    assert.deepEqual(end.items, []);
  });

  test('limit is capped at 1000 and the allowlist holds the seeded 10,000 entries with createdAt', async () => {
    const page = (await client(fake.usUrl).get(`v3/${SCALE_DOMAIN}/whitelists?limit=5000`)).json<Page<{ value: string; createdAt: string; type: string }>>();
    assert.equal(page.items.length, 1000);
    assert.match(page.paging.next, /limit=1000&term=$/);
    assert.equal(page.items[0].type, 'address');
    assert.match(page.items[0].createdAt, /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} UTC$/);
    const last = (await call(page.paging.last, 'GET', '')).json<Page<{ value: string }>>();
    assert.equal(last.items.at(-1)!.value, scaleAddress(9999));
  });
});

describe('demo seed lists', () => {
  let fake: FakeMailgun;
  before(async () => {
    fake = await startFakeMailgun({ seed: 'demo' });
  });
  after(() => fake.close());

  test('paging links have the recorded shape, built from the listener base URL', async () => {
    const res = await client(fake.usUrl).get(`v3/${M}/complaints?limit=3`);
    const page = res.json<Page>();
    const base = `${fake.usUrl}v3/${M}/complaints`;
    assert.deepEqual(Object.keys(page), ['items', 'paging']);
    assert.equal(page.paging.first, `${base}?limit=3&term=`);
    assert.equal(page.paging.last, `${base}?page=last&limit=3&term=`);
    assert.equal(page.paging.next, `${base}?page=next&address=${queryEscape(page.items[2].address)}&limit=3&term=`);
    assert.equal(page.paging.previous, `${base}?page=previous&address=${queryEscape(page.items[0].address)}&limit=3&term=`);
    assert.equal(queryEscape('test777@example.com'), 'test777%40example.com');
    const sorted = [...page.items.map((i) => i.address)].sort();
    assert.deepEqual(page.items.map((i) => i.address), sorted);
    const eu = (await client(fake.euUrl).get(`v3/${DEMO_DOMAINS.eu.main}/bounces?limit=1`)).json<Page>();
    assert.ok(eu.paging.next.startsWith(`${fake.euUrl}v3/${DEMO_DOMAINS.eu.main}/bounces?page=next&address=`));
  });

  test('an empty list has all four links equal to the first page', async () => {
    const res = await client(fake.usUrl).get(`v3/${DEMO_DOMAINS.us.sandbox}/bounces`);
    const first = `${fake.usUrl}v3/${DEMO_DOMAINS.us.sandbox}/bounces?limit=100&term=`;
    assert.deepEqual(res.json<Page>(), { items: [], paging: { previous: first, first, next: first, last: first } });
  });

  test('the term filter is a prefix filter and escapes like Go in the links', async () => {
    const page = (await client(fake.usUrl).get(`v3/${M}/bounces?term=${encodeURIComponent('**y')}`)).json<Page>();
    assert.deepEqual(page.items.map((i) => i.address), ['**y**@tricky.example.com']);
    assert.ok(page.paging.first.endsWith('term=%2A%2Ay'));
    assert.ok(page.paging.next.includes('address=%2A%2Ay%2A%2A%40tricky.example.com'));
  });

  test('seedList adds a 2,500-item list that pages in three full pages', async () => {
    const size = seedList(fake, { domain: DEMO_DOMAINS.us.newsletter, list: 'bounces', count: 2500, prefix: 'bulk' });
    assert.equal(size, 2540);
    let url = `${fake.usUrl}v3/${DEMO_DOMAINS.us.newsletter}/bounces?limit=1000&term=bulk`;
    const counts: number[] = [];
    for (;;) {
      const page = (await call(url, 'GET', '')).json<Page>();
      counts.push(page.items.length);
      if (page.items.length === 0) break;
      url = page.paging.next;
    }
    assert.deepEqual(counts, [1000, 1000, 500, 0]);
  });

  test('rate-limit headers on suppressions: limit, decreasing remaining, reset in epoch milliseconds', async () => {
    const api = client(fake.usUrl);
    const a = await api.get(`v3/${M}/bounces?limit=1`);
    const b = await api.get(`v3/${M}/bounces?limit=1`);
    assert.equal(a.headers.get('x-request-limit'), '2500');
    assert.equal(Number(b.headers.get('x-request-remaining')), Number(a.headers.get('x-request-remaining')) - 1);
    assert.ok(Number(a.headers.get('x-request-reset')) > 1e12);
    assert.equal((await api.get('v4/domains')).headers.get('x-request-limit'), null);
  });

  test('batches of up to 1000 JSON records are accepted, 1001 are refused', async () => {
    const api = client(fake.usUrl);
    const batch = (n: number) => Array.from({ length: n }, (_, i) => ({ address: `batch${i}@example.com`, code: '550', error: 'x' }));
    assert.deepEqual((await api.post(`v3/${M}/bounces`, { json: batch(1000) })).json(), { message: '1000 addresses have been added to the bounces table' });
    const refused = await api.post(`v3/${M}/bounces`, { json: batch(1001) });
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.json(), { message: 'Batch size should be less than 1000' });
  });

  test('unsubscribe tags: the form adds a tag, DELETE ?tag= removes only that tag', async () => {
    const api = client(fake.usUrl);
    await api.post(`v3/${M}/unsubscribes`, { form: { address: 'tags@example.com', tag: 'promo' } });
    await api.post(`v3/${M}/unsubscribes`, { form: { address: 'tags@example.com', tag: 'news' } });
    assert.deepEqual((await api.get(`v3/${M}/unsubscribes/tags@example.com`)).json<{ tags: string[] }>().tags, ['promo', 'news']);
    await api.del(`v3/${M}/unsubscribes/tags@example.com?tag=promo`);
    assert.deepEqual((await api.get(`v3/${M}/unsubscribes/tags@example.com`)).json<{ tags: string[] }>().tags, ['news']);
    await api.post(`v3/${M}/unsubscribes`, { form: { address: 'star@example.com' } });
    assert.deepEqual((await api.get(`v3/${M}/unsubscribes/star%40example.com`)).json<{ tags: string[] }>().tags, ['*']);
  });

  test('CSV import (multipart) answers 202 and the rows appear', async () => {
    const fd = new FormData();
    fd.append('file', new Blob(['address,code,error,created_at\ncsv1@example.com,551,"Bad, very bad","Thu, 26 Mar 2026 12:59:15 UTC"\ncsv2@example.com,,,\n'], { type: 'text/csv' }), 'b.csv');
    const res = await client(fake.usUrl).post(`v3/${M}/bounces/import`, { multipart: fd });
    assert.equal(res.status, 202);
    assert.deepEqual(res.json(), { message: 'file uploaded successfully for processing. standby...' });
    const one = (await client(fake.usUrl).get(`v3/${M}/bounces/csv2@example.com`)).json();
    assert.equal(one.code, '550');
  });

  test('allowlist: address wins over domain, type follows, value is the cursor', async () => {
    const api = client(fake.usUrl);
    const both = await api.post(`v3/${M}/whitelists`, { form: { address: 'both@example.com', domain: 'example.com' } });
    assert.deepEqual(both.json(), { message: 'Address/Domain has been added to the allowlists table', type: 'address', value: 'both@example.com' });
    const dom = await api.post(`v3/${M}/whitelists`, { form: { domain: 'allowed.example' } });
    assert.deepEqual(dom.json(), { message: 'Address/Domain has been added to the allowlists table', type: 'domain', value: 'allowed.example' });
    const page = (await api.get(`v3/${M}/whitelists?limit=1&term=allowed`)).json<Page<{ value: string }>>();
    assert.ok(page.paging.next.includes('address=allowed.example&'));
  });

  test('lists are per region and per domain', async () => {
    const us = await client(fake.usUrl).get(`v3/${DEMO_DOMAINS.eu.main}/bounces`);
    assert.equal(us.status, 404);
    assert.deepEqual(us.json(), { message: 'Domain not found' });
    assert.equal((await client(fake.euUrl).get(`v3/${DEMO_DOMAINS.eu.main}/bounces`)).status, 200);
  });
});

test('a CSV import over 25 MB is refused with 413', async () => {
  const fake = await startFakeMailgun({ seed: 'demo' });
  try {
    const fd = new FormData();
    fd.append('file', new Blob(['address\n', Buffer.alloc(26 * 1024 * 1024, 'a')], { type: 'text/csv' }), 'big.csv');
    const res = await client(fake.usUrl).post(`v3/${M}/bounces/import`, { multipart: fd });
    assert.deepEqual([res.status, res.json()], [413, { message: 'Request entity too large' }]);
  } finally {
    await fake.close();
  }
});
