// Authentication, key scoping and what Mailgun answers for paths it does not serve.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call, client } from '../fake-mailgun/contract/client';
import { DEMO_API_KEY, DEMO_SENDING_KEY, type FakeMailgun, startFakeMailgun } from '../fake-mailgun';
import { keyId } from '../fake-mailgun/state';

let fake: FakeMailgun;
before(async () => {
  fake = await startFakeMailgun({ seed: 'empty' });
});
after(() => fake.close());

test('a missing or wrong key gets the recorded text/plain 401 with a Basic challenge', async () => {
  for (const key of [null, 'key-wrong']) {
    const res = await client(fake.usUrl, key).get('v4/domains');
    assert.equal(res.status, 401);
    assert.equal(res.contentType, 'text/plain; charset=utf-8');
    assert.equal(res.text, 'Forbidden');
    assert.equal(res.headers.get('www-authenticate'), 'Basic realm="MG API"');
    assert.equal(res.headers.get('x-mailgun-key-id'), null);
  }
  const wrongUser = await call(fake.usUrl, 'GET', 'v4/domains', { key: null, headers: { authorization: `Basic ${Buffer.from(`user:${DEMO_API_KEY}`).toString('base64')}` } });
  assert.equal(wrongUser.status, 401);
});

test('successes carry X-Mailgun-Key-Id and the recorded headers; keys work in both regions', async () => {
  for (const base of [fake.usUrl, fake.euUrl]) {
    const res = await client(base).get('v4/domains?limit=1');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-mailgun-key-id'), keyId(DEMO_API_KEY));
    assert.match(res.headers.get('x-mailgun-key-id')!, /^[0-9a-f]{8}-[0-9a-f]{8}$/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('strict-transport-security'), 'max-age=63072000; includeSubDomains');
    assert.deepEqual(res.json(), { total_count: 0, items: [] });
  }
});

test('a sending key gets 403 on management endpoints; added keys work until removed', async () => {
  const denied = await client(fake.usUrl, DEMO_SENDING_KEY).get('v4/domains');
  assert.deepEqual([denied.status, denied.json()], [403, { message: 'Forbidden' }]);
  const id = fake.control.addKey('key-added-1', 'admin');
  const ok = await client(fake.euUrl, 'key-added-1').get('v1/webhooks');
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('x-mailgun-key-id'), id);
  fake.control.addKey('key-send-2', 'sending');
  assert.equal((await client(fake.usUrl, 'key-send-2').get('v4/domains')).status, 403);
  fake.control.removeKey('key-added-1');
  assert.equal((await client(fake.euUrl, 'key-added-1').get('v1/webhooks')).status, 401);
});

test('unknown versioned paths get 200 "Mailgun Magnificent API"; other paths the nginx HTML 404', async () => {
  for (const path of ['v3/v3/domains', 'v4/v4/domains', 'v4/nothing', 'v3/domains/x/unknown/deep', '']) {
    const res = await client(fake.usUrl, null).get(path);
    assert.deepEqual([res.status, res.contentType, res.text], [200, 'text/plain; charset=utf-8', 'Mailgun Magnificent API'], path);
  }
  const html = await client(fake.usUrl, null).get('favicon.ico');
  assert.equal(html.status, 404);
  assert.equal(html.contentType, 'text/html');
  assert.match(html.text, /<center><h1>404 Not Found<\/h1><\/center>/);
});
