import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { exportSuppressionsCsv, readSuppressionsCsv } from '../../src/csv';
import type { MailgunError, SuppressionListApi } from '../../src/mailgun';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { collect, useFakeMailgun } from './client-fixture';

const fx = useFakeMailgun('demo');
const domain = DEMO_DOMAINS.us.newsletter;
const bouncesPath = `/v3/${domain}/bounces`;

async function freshBounces(count: number, prefix = 'user'): Promise<void> {
  await fx.us().suppressions.bounces.clear(domain);
  fx.fake.control.seedList({ domain, list: 'bounces', count, prefix });
  fx.fake.control.clearRequests();
}

describe('suppression paging', () => {
  test('page() returns items and the verbatim paging.next URL until an empty page', async () => {
    await freshBounces(250);
    const bounces = fx.us().suppressions.bounces;
    const sizes: number[] = [];
    const seen: string[] = [];
    let pageUrl: string | undefined;
    do {
      const page = await bounces.page(domain, { limit: 100, pageUrl });
      sizes.push(page.items.length);
      seen.push(...page.items.map((b) => b.address));
      if (page.nextPageUrl) assert.match(page.nextPageUrl, /^http:\/\/127\.0\.0\.1:\d+\/v3\/news\.acme-demo\.com\/bounces\?page=next&address=user\d+%40example\.com&limit=100&term=$/);
      pageUrl = page.nextPageUrl;
    } while (pageUrl);
    assert.deepEqual(sizes, [100, 100, 50, 0]);
    assert.equal(new Set(seen).size, 250);
    assert.deepEqual(seen, [...seen].sort());
    const log = fx.fake.control.requests({ path: bouncesPath });
    assert.equal(log.length, 4);
    assert.deepEqual(log[0].query, { limit: '100' });
    assert.deepEqual(log[1].query, { page: 'next', address: 'user000099@example.com', limit: '100', term: '' });
  });

  test('iterate() walks every page lazily and stops fetching when the loop breaks', async () => {
    await freshBounces(250);
    const bounces = fx.us().suppressions.bounces;
    const all = await collect(bounces.iterate(domain, { limit: 100 }));
    assert.equal(all.length, 250);
    assert.equal(fx.fake.control.requests({ path: bouncesPath }).length, 4);
    fx.fake.control.clearRequests();
    let n = 0;
    for await (const _ of bounces.iterate(domain, { limit: 100 })) if (++n === 5) break;
    // The page after the first is requested while the first is consumed, and aborted by the break.
    assert.ok(fx.fake.control.requests({ path: bouncesPath }).length <= 2);
  });

  test('term filters by prefix on every page', async () => {
    await freshBounces(30, 'alpha');
    fx.fake.control.seedList({ domain, list: 'bounces', count: 25, prefix: 'beta' });
    const beta = await collect(fx.us().suppressions.bounces.iterate(domain, { term: 'beta', limit: 10 }));
    assert.equal(beta.length, 25);
    assert.ok(beta.every((b) => b.address.startsWith('beta')));
    assert.ok(fx.fake.control.requests({ path: bouncesPath }).slice(1).every((r) => r.query.term === 'beta'));
  });

  test('a cursor that does not move ends the walk instead of looping', async () => {
    const next = `${fx.fake.usUrl}v3/${domain}/bounces?page=next&address=a%40example.com&limit=1000&term=`;
    fx.fake.control.fault({ method: 'GET', path: bouncesPath, status: 200, body: { items: [{ address: 'a@example.com', code: '550' }], paging: { next } }, times: 3 });
    const bounces = fx.us().suppressions.bounces;
    const first = await bounces.page(domain, { pageUrl: next });
    assert.equal(first.items.length, 1);
    assert.equal(first.nextPageUrl, undefined);
    const all = await collect(bounces.iterate(domain));
    assert.equal(all.length, 2);
    assert.equal(fx.fake.control.requests({ path: bouncesPath }).length, 3);
  });

  test('a cursor cycle (A → B → A) ends the walk', async () => {
    const url = (a: string) => `${fx.fake.usUrl}v3/${domain}/bounces?page=next&address=${a}%40example.com&limit=1000&term=`;
    const reply = (a: string, next: string) => ({ method: 'GET', path: bouncesPath, status: 200, body: { items: [{ address: `${a}@example.com` }], paging: { next } }, times: 1 });
    fx.fake.control.fault(reply('a', url('a')));
    fx.fake.control.fault(reply('b', url('b')));
    fx.fake.control.fault(reply('c', url('a')));
    const all = await collect(fx.us().suppressions.bounces.iterate(domain));
    assert.deepEqual(all.map((b) => b.address), ['a@example.com', 'b@example.com', 'c@example.com']);
    assert.equal(fx.fake.control.requests({ path: bouncesPath }).length, 3);
  });

  test('a paging URL on another host is re-rooted on the base URL, so the key never leaves it', async () => {
    await freshBounces(3);
    const foreign = `https://evil.example.net/v3/${domain}/bounces?page=next&address=user000000%40example.com&limit=100&term=`;
    const page = await fx.us().suppressions.bounces.page(domain, { pageUrl: foreign });
    assert.deepEqual(page.items.map((b) => b.address), ['user000001@example.com', 'user000002@example.com']);
    assert.deepEqual(fx.fake.control.requests({ path: bouncesPath })[0].query, { page: 'next', address: 'user000000@example.com', limit: '100', term: '' });
  });
});

describe('suppression entries', () => {
  test('bounces: add (code as a number), get, delete, with addresses that need encoding', async () => {
    const bounces = fx.us().suppressions.bounces;
    const address = 'first.last+promo@gmail.com';
    const added = await bounces.add(domain, { address, code: 554, error: 'policy', created_at: new Date('2026-03-26T12:59:15Z') });
    assert.equal(added.message, 'Address has been added to the bounces table');
    const got = await bounces.get(domain, address);
    assert.deepEqual({ address: got.address, code: got.code, error: got.error, created_at: got.created_at }, { address, code: '554', error: 'policy', created_at: 'Thu, 26 Mar 2026 12:59:15 UTC' });
    const form = fx.fake.control.requests({ method: 'POST', path: bouncesPath })[0];
    assert.match(String(form.headers['content-type']), /^application\/x-www-form-urlencoded/);
    assert.equal((await bounces.delete(domain, address)).message, 'Bounced address has been removed');
    await assert.rejects(bounces.get(domain, address), (e: MailgunError) => {
      assert.equal(e.kind, 'notFound');
      assert.equal(e.serverMessage, 'Address not found in bounces table');
      assert.doesNotMatch(e.userMessage, /region/, 'a missing address is not a wrong-region hint');
      assert.equal(e.otherRegion, undefined);
      assert.equal(e.domain, domain);
      return true;
    });
    const unicode = 'josé.müller@exämple.de';
    await bounces.add(domain, { address: unicode });
    assert.equal((await bounces.get(domain, unicode)).address, unicode);
  });

  test('unsubscribes: one tag by form, several by JSON, delete one tag', async () => {
    const unsubs = fx.us().suppressions.unsubscribes;
    await unsubs.add(domain, { address: 'one@example.com', tags: ['news'] });
    await unsubs.add(domain, { address: 'two@example.com', tags: ['news', 'promo'] });
    await unsubs.add(domain, { address: 'all@example.com' });
    assert.deepEqual((await unsubs.get(domain, 'one@example.com')).tags, ['news']);
    assert.deepEqual((await unsubs.get(domain, 'two@example.com')).tags, ['news', 'promo']);
    assert.deepEqual((await unsubs.get(domain, 'all@example.com')).tags, ['*']);
    const posts = fx.fake.control.requests({ method: 'POST', path: `/v3/${domain}/unsubscribes` });
    assert.deepEqual(posts.map((r) => String(r.headers['content-type']).split(';')[0]), ['application/x-www-form-urlencoded', 'application/json', 'application/x-www-form-urlencoded']);
    await unsubs.deleteTag(domain, 'two@example.com', 'promo');
    assert.deepEqual((await unsubs.get(domain, 'two@example.com')).tags, ['news']);
  });

  test('complaints: add, get, page, clear', async () => {
    const complaints = fx.us().suppressions.complaints;
    await complaints.clear(domain);
    await complaints.add(domain, { address: 'angry@example.com' });
    assert.equal((await complaints.get(domain, 'angry@example.com')).address, 'angry@example.com');
    assert.equal((await complaints.page(domain)).items.length, 1);
    assert.equal((await complaints.clear(domain)).message, 'Complaint addresses for this domain have been removed');
    assert.deepEqual(await complaints.page(domain), { items: [], nextPageUrl: undefined });
  });

  test('allowlist: address or domain, createdAt offered as created_at', async () => {
    const allow = fx.us().suppressions.allowlist;
    await allow.add(domain, { address: 'vip@example.com' });
    await allow.add(domain, { domain: 'partner.example.org' });
    const vip = await allow.get(domain, 'vip@example.com');
    assert.equal(vip.type, 'address');
    assert.ok(vip.created_at && vip.created_at === vip.createdAt);
    assert.equal((await allow.get(domain, 'partner.example.org')).type, 'domain');
    assert.equal(allow.keyOf(vip), 'vip@example.com');
    assert.equal((await allow.delete(domain, 'partner.example.org')).message, 'Allowlist address/domain has been removed');
  });

  test('addMany sends JSON batches of at most 1000', async () => {
    await freshBounces(0);
    const inputs = Array.from({ length: 2500 }, (_, i) => ({ address: `bulk${String(i).padStart(5, '0')}@example.com`, code: '550' }));
    const result = await fx.us().suppressions.bounces.addMany(domain, inputs);
    assert.deepEqual(result, { added: 2500, requests: 3 });
    const posts = fx.fake.control.requests({ method: 'POST', path: bouncesPath });
    assert.equal(posts.length, 3);
    assert.ok(posts.every((r) => String(r.headers['content-type']).startsWith('application/json')));
    assert.equal((await collect(fx.us().suppressions.bounces.iterate(domain))).length, 2500);
  });

  test('allowlist addMany adds one at a time (no batch endpoint)', async () => {
    const result = await fx.us().suppressions.allowlist.addMany(domain, [{ address: 'a@example.com' }, { domain: 'b.example.com' }]);
    assert.deepEqual(result, { added: 2, requests: 2 });
  });

  test('importCsv uploads the file as multipart and Mailgun accepts it (202)', async () => {
    await freshBounces(0);
    const csv = 'address,code,error,created_at\nimported1@example.com,550,full,\nimported2@example.com,554,,\n';
    const res = await fx.us().suppressions.bounces.importCsv(domain, csv);
    assert.match(res.message ?? '', /file uploaded successfully/);
    const post = fx.fake.control.requests({ method: 'POST', path: `${bouncesPath}/import` })[0];
    assert.match(String(post.headers['content-type']), /^multipart\/form-data; boundary=/);
    assert.equal(post.status, 202);
    const all = await collect(fx.us().suppressions.bounces.iterate(domain));
    assert.deepEqual(all.map((b) => b.address), ['imported1@example.com', 'imported2@example.com']);
  });

  test('a bad CSV header is a validation error with Mailgun\'s message', async () => {
    await assert.rejects(fx.us().suppressions.complaints.importCsv(domain, 'email,when\nx@example.com,now\n'), (e: MailgunError) => {
      assert.equal(e.kind, 'validation');
      assert.equal(e.status, 400);
      assert.equal(e.serverMessage, 'while reading csv header');
      return true;
    });
  });
});

describe('every list: the shared implementation', () => {
  const target = DEMO_DOMAINS.us.unverified;
  const samples = {
    bounces: [{ address: 'x1@example.com', code: '550', error: '=cmd|calc' }, { address: 'x2@example.com', code: '552', error: 'full' }, { address: 'x3@example.com' }],
    unsubscribes: [{ address: 'x1@example.com', tags: ['news'] }, { address: 'x2@example.com', tags: ['news', 'promo'] }, { address: 'x3@example.com' }],
    complaints: [{ address: 'x1@example.com' }, { address: 'x2@example.com' }, { address: 'x3@example.com' }],
    allowlist: [{ address: 'x1@example.com' }, { domain: 'x2.example.com' }, { address: 'x3@example.com' }],
  } as const;

  for (const name of ['bounces', 'unsubscribes', 'complaints', 'allowlist'] as const) {
    test(`${name}: add, page, iterate, get, export → import into another domain, delete, clear`, async () => {
      const api = fx.us().suppressions[name] as unknown as SuppressionListApi<{ created_at?: string }, unknown>;
      await api.clear(domain);
      await api.clear(target);
      for (const input of samples[name]) await api.add(domain, input);
      const page = await api.page(domain, { limit: 2 });
      assert.equal(page.items.length, 2);
      assert.ok(page.nextPageUrl);
      const all = await collect(api.iterate(domain));
      assert.equal(all.length, 3);
      assert.ok(all.every((item) => typeof item.created_at === 'string'));
      const first = all[0];
      assert.deepEqual(await api.get(domain, api.keyOf(first)), first);

      const chunks: string[] = [];
      const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (chunks.push(chunk.toString()), done()) });
      await exportSuppressionsCsv(name, api.iterate(domain) as AsyncIterable<never>, sink);
      const csv = chunks.join('');
      assert.deepEqual(readSuppressionsCsv(name, csv).problems, []);
      await api.importCsv(target, csv);
      const copied = await collect(api.iterate(target));
      assert.deepEqual(copied.map((i) => api.keyOf(i)), all.map((i) => api.keyOf(i)));

      await api.delete(domain, api.keyOf(first));
      await assert.rejects(api.get(domain, api.keyOf(first)), { kind: 'notFound' });
      await api.clear(domain);
      assert.deepEqual(await api.page(domain), { items: [], nextPageUrl: undefined });
    });
  }
});
