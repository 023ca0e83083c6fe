import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MailgunError } from '../../src/mailgun';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { useFakeMailgun } from './client-fixture';

const fx = useFakeMailgun('demo');
const domain = DEMO_DOMAINS.us.main;
const hook = 'https://hooks.example.com/mailgun';

describe('domain webhooks', () => {
  test('v3 list and get; event types without URLs are absent', async () => {
    const hooks = fx.us().domainWebhooks;
    const map = await hooks.list(DEMO_DOMAINS.us.newsletter);
    assert.equal(map.delivered?.length, 3);
    assert.ok(Object.values(map).every((urls) => urls.length > 0));
    assert.deepEqual(await hooks.get(DEMO_DOMAINS.us.newsletter, 'delivered'), map.delivered);
  });

  test('v4 create with repeated event_types, update replaces a URL\'s types, delete by URL', async () => {
    const hooks = fx.us().domainWebhooks;
    const created = await hooks.create(domain, { url: hook, event_types: ['delivered', 'opened'] });
    assert.ok(created.delivered.includes(hook) && created.opened.includes(hook));
    const post = fx.fake.control.requests({ method: 'POST', path: `/v4/domains/${domain}/webhooks` })[0];
    assert.match(String(post.headers['content-type']), /^application\/x-www-form-urlencoded/);
    const updated = await hooks.update(domain, { url: hook, event_types: ['clicked'] });
    assert.ok(updated.clicked.includes(hook));
    assert.ok(!(updated.delivered ?? []).includes(hook) && !(updated.opened ?? []).includes(hook));
    const removed = await hooks.delete(domain, [hook]);
    assert.ok(Object.values(removed).every((urls) => !urls.includes(hook)));
    assert.deepEqual(fx.fake.control.requests({ method: 'DELETE' })[0].query, { url: hook });
  });

  test('v3 delete by event type returns the removed URLs', async () => {
    const hooks = fx.us().domainWebhooks;
    const before = await hooks.list(DEMO_DOMAINS.us.newsletter);
    const removed = await hooks.deleteEventType(DEMO_DOMAINS.us.newsletter, 'delivered');
    assert.deepEqual(removed, before.delivered);
    assert.equal((await hooks.list(DEMO_DOMAINS.us.newsletter)).delivered, undefined);
  });

  test('deleting a URL with a comma removes that URL only, never the URL before the comma', async () => {
    // Mailgun splits DELETE /v4/…/webhooks?url= on commas: "…/a,b" would remove "…/a" (and a bogus "b").
    const hooks = fx.us().domainWebhooks;
    const plain = 'https://hooks.example.com/a';
    const comma = 'https://hooks.example.com/a,b?token=s3cret';
    await hooks.create(domain, { url: plain, event_types: ['delivered', 'opened'] });
    await hooks.create(domain, { url: comma, event_types: ['delivered', 'complained'] });
    const before = await hooks.list(domain);
    const after = await hooks.delete(domain, comma);
    const expected = Object.fromEntries(
      Object.entries(before)
        .map(([t, urls]) => [t, urls.filter((u) => u !== comma)] as const)
        .filter(([, urls]) => urls.length > 0),
    );
    assert.deepEqual(after, expected, 'the answer is the map without the comma URL');
    assert.deepEqual(await hooks.list(domain), expected, 'and so is Mailgun');
    assert.ok(after.delivered.includes(plain) && after.opened.includes(plain));
    assert.equal(after.complained, undefined, 'an event type left without URLs is gone');
  });

  test('deleting several URLs, some with commas, in one call', async () => {
    const hooks = fx.us().domainWebhooks;
    const keep = 'https://hooks.example.com/keep';
    const urls = ['https://hooks.example.com/x,y', 'https://hooks.example.com/plain'];
    await hooks.create(domain, { url: keep, event_types: ['unsubscribed'] });
    for (const url of urls) await hooks.create(domain, { url, event_types: ['unsubscribed', 'complained'] });
    const after = await hooks.delete(domain, urls);
    assert.deepEqual(after.unsubscribed, [keep]);
    assert.equal(after.complained, undefined);
    assert.ok(Object.values(after).every((list) => !urls.some((u) => list.includes(u))));
    assert.deepEqual(await hooks.list(domain), after);
  });

  test('a fourth URL on an event type is refused with Mailgun\'s reason', async () => {
    await assert.rejects(fx.us().domainWebhooks.create(DEMO_DOMAINS.us.newsletter, { url: hook, event_types: ['delivered'] }), (e: MailgunError) => {
      assert.equal(e.kind, 'validation');
      assert.match(e.serverMessage ?? '', /more than 3 urls/);
      return true;
    });
  });

  test('legacy shapes: a single url, null entries, unknown event names', async () => {
    fx.fake.control.fault({ method: 'GET', path: `/v3/domains/${domain}/webhooks`, status: 200, body: { webhooks: { bounce: { url: 'http://legacy.example.com/b' }, deliver: null, clicked: { urls: ['https://a.example.com'] }, opened: { urls: [] } } } });
    assert.deepEqual(await fx.us().domainWebhooks.list(domain), { bounce: ['http://legacy.example.com/b'], clicked: ['https://a.example.com'] });
  });
});

describe('account webhooks', () => {
  test('create, get, list, update (204), delete (204)', async () => {
    const hooks = fx.eu().accountWebhooks;
    const id = await hooks.create({ url: hook, event_types: ['delivered', 'permanent_fail'], description: 'alerts' });
    assert.match(id, /^[0-9a-f]{24}$/);
    const got = await hooks.get(id);
    assert.deepEqual({ url: got.url, types: got.event_types, description: got.description }, { url: hook, types: ['delivered', 'permanent_fail'], description: 'alerts' });
    assert.ok((await hooks.list()).some((w) => w.webhook_id === id));
    assert.deepEqual((await hooks.list({ webhook_ids: [id] })).map((w) => w.webhook_id), [id]);
    await hooks.update(id, { url: `${hook}/v2`, event_types: ['complained'] });
    assert.equal(fx.fake.control.requests({ method: 'PUT' }).at(-1)?.status, 204);
    assert.deepEqual((await hooks.get(id)).event_types, ['complained']);
    await hooks.delete(id);
    await assert.rejects(hooks.get(id), { kind: 'notFound' });
  });

  test('each region has its own account webhooks', async () => {
    const id = await fx.eu().accountWebhooks.create({ url: hook, event_types: ['delivered'] });
    assert.ok(!(await fx.us().accountWebhooks.list()).some((w) => w.webhook_id === id));
  });

  test('deleteAll, then list is empty (Mailgun answers 404 "no webhooks found")', async () => {
    const hooks = fx.us().accountWebhooks;
    await hooks.create({ url: hook, event_types: ['delivered'] });
    await hooks.deleteAll();
    assert.deepEqual(fx.fake.control.requests({ method: 'DELETE', path: '/v1/webhooks' })[0].query, { all: 'true' });
    assert.deepEqual(await hooks.list(), []);
  });

  test('deleteMany sends webhook_ids comma-separated', async () => {
    const hooks = fx.us().accountWebhooks;
    const a = await hooks.create({ url: `${hook}/a`, event_types: ['opened'] });
    const b = await hooks.create({ url: `${hook}/b`, event_types: ['clicked'] });
    await hooks.deleteMany([a, b]);
    assert.deepEqual(fx.fake.control.requests({ method: 'DELETE', path: '/v1/webhooks' })[0].query, { webhook_ids: `${a},${b}` });
    assert.ok(!(await hooks.list()).some((w) => w.webhook_id === a || w.webhook_id === b));
  });

  test('a bad event type (a 404 by Mailgun) is a validation error; {Field, Value} bodies are read', async () => {
    const hooks = fx.us().accountWebhooks;
    await assert.rejects(hooks.create({ url: hook, event_types: ['nonsense'] }), (e: MailgunError) => {
      assert.equal(e.status, 404);
      assert.equal(e.kind, 'validation');
      assert.match(e.serverMessage ?? '', /invalid/);
      return true;
    });
    await assert.rejects(hooks.create({ url: 'not a url', event_types: ['delivered'] }), (e: MailgunError) => {
      assert.equal(e.kind, 'validation');
      assert.match(e.serverMessage ?? '', /^url: /);
      return true;
    });
  });
});

describe('signing key', () => {
  test('get and rotate', async () => {
    const key = fx.us().signingKey;
    const before = await key.get();
    const rotated = await key.rotate();
    assert.notEqual(rotated, before);
    assert.equal(await key.get(), rotated);
  });
});
