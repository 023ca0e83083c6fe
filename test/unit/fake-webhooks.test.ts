// Domain webhooks (v3 by event type, v4 by URL), account webhooks per region, the signing key.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { client } from '../fake-mailgun/contract/client';
import { DEMO_DOMAINS, DEMO_SUBACCOUNTS, type FakeMailgun, startFakeMailgun } from '../fake-mailgun';

let fake: FakeMailgun;
let us: ReturnType<typeof client>;
let eu: ReturnType<typeof client>;
const M = DEMO_DOMAINS.us.main;
const N = DEMO_DOMAINS.us.newsletter;

before(async () => {
  fake = await startFakeMailgun({ seed: 'demo' });
  us = client(fake.usUrl);
  eu = client(fake.euUrl);
});
beforeEach(() => fake.control.reset('demo'));
after(() => fake.close());

const hooks = async (domain: string = M) => (await us.get(`v3/domains/${domain}/webhooks`)).json<{ webhooks: Record<string, { urls: string[] }> }>().webhooks;

test('v3 list: only event types with URLs, in the recorded order', async () => {
  const map = await hooks();
  assert.deepEqual(Object.keys(map), ['delivered', 'opened', 'clicked', 'permanent_fail']);
  assert.deepEqual(map.permanent_fail, { urls: ['https://hooks.acme-demo.com/mailgun/failed', 'https://backup.acme-demo.com/mailgun'] });
  assert.deepEqual(await hooks(DEMO_DOMAINS.us.sandbox), {});
});

test('v3 create, get, update (replaces) and delete (returns the removed URLs)', async () => {
  const path = `v3/domains/${M}/webhooks`;
  const created = await us.post(path, { form: { id: 'complained', url: ['https://a.example.com/1', 'https://a.example.com/2'] } });
  assert.deepEqual(created.json(), { message: 'Webhook has been created', webhook: { urls: ['https://a.example.com/1', 'https://a.example.com/2'] } });
  const dup = await us.post(path, { form: { id: 'complained', url: 'https://a.example.com/3' } });
  assert.equal(dup.status, 400);
  assert.deepEqual((await us.post(path, { form: { url: 'https://a.example.com/' } })).json(), { message: "Missing parameter 'id'" });
  assert.deepEqual((await us.get(`${path}/complained`)).json(), { webhook: { urls: ['https://a.example.com/1', 'https://a.example.com/2'] } });
  assert.deepEqual((await us.put(`${path}/complained`, { form: { url: 'https://b.example.com/x' } })).json(), { message: 'Webhook has been updated', webhook: { urls: ['https://b.example.com/x'] } });
  assert.deepEqual((await us.del(`${path}/complained`)).json(), { message: 'Webhook has been deleted', webhook: { urls: ['https://b.example.com/x'] } });
  assert.equal((await us.get(`${path}/complained`)).status, 404);
  assert.deepEqual((await us.post(path, { form: { id: 'clicked', url: 'https://invalid' } })).json(), { Reason: 'https://invalid is not a valid url: invalid URL scheme' });
});

test('at most 3 URLs per event type, in v3 and v4', async () => {
  const four = ['https://b.example.com/1', 'https://b.example.com/2', 'https://b.example.com/3', 'https://b.example.com/4'];
  const v3 = await us.post(`v3/domains/${M}/webhooks`, { form: { id: 'unsubscribed', url: four } });
  assert.deepEqual([v3.status, v3.json()], [400, { Reason: 'unable to add more than 3 urls for event type unsubscribed' }]);
  assert.equal((await us.put(`v3/domains/${M}/webhooks/delivered`, { form: { url: four.slice(0, 3) } })).status, 200);
  const v4 = await us.post(`v4/domains/${N}/webhooks`, { form: { url: 'https://fourth.example.com/', event_types: ['unsubscribed', 'delivered'] } });
  assert.deepEqual([v4.status, v4.json()], [400, { Reason: 'unable to add more than 3 urls for event type delivered' }]);
  assert.deepEqual((await hooks(N)).unsubscribed.urls, ['https://crm.acme-demo.com/unsubscribe'], 'a refused v4 call changes nothing');
});

test('v4 create, update replacing the URL associations, delete by repeated or comma-separated url', async () => {
  const url = 'http://example.com/mailgun/events/v4';
  const created = await us.post(`v4/domains/${DEMO_DOMAINS.us.sandbox}/webhooks`, { form: { url, event_types: ['accepted', 'delivered'] } });
  assert.deepEqual(created.json(), { webhooks: { accepted: { urls: [url] }, delivered: { urls: [url] } } });
  const dup = await us.post(`v4/domains/${DEMO_DOMAINS.us.sandbox}/webhooks`, { form: { url, event_types: 'accepted' } });
  assert.deepEqual(dup.json(), { Reason: `Webhook for event type 'accepted' with URL '${url}' already exists` });
  const updated = await us.put(`v4/domains/${DEMO_DOMAINS.us.sandbox}/webhooks`, { form: { url, event_types: ['clicked', 'opened'] } });
  assert.deepEqual(updated.json(), { webhooks: { opened: { urls: [url] }, clicked: { urls: [url] } } });
  assert.deepEqual((await us.put(`v4/domains/${DEMO_DOMAINS.us.sandbox}/webhooks`, { form: { url: 'https://nope.example.com/', event_types: 'opened' } })).json(), { Description: 'Webhook not found' });
  const deleted = await us.del(`v4/domains/${DEMO_DOMAINS.us.sandbox}/webhooks?url=${url}&url=http://example.com/mailgun/events/v4-other`);
  assert.deepEqual(deleted.json(), { webhooks: {} });
  const comma = await us.del(`v4/domains/${M}/webhooks?url=${encodeURIComponent('https://hooks.acme-demo.com/mailgun/engagement,https://backup.acme-demo.com/mailgun')}`);
  assert.deepEqual(Object.keys(comma.json<{ webhooks: object }>().webhooks), ['delivered', 'permanent_fail']);
  assert.deepEqual((await us.del(`v4/domains/${M}/webhooks`)).json(), { Field: 'url' });
});

test('account webhooks: 200 {webhook_id} on create, 204 with no body on update and delete, separate per region', async () => {
  const created = await us.post('v1/webhooks', { form: { url: 'https://acct.example.com/h', event_types: ['delivered', 'opened'], description: 'test' } });
  assert.equal(created.status, 200);
  const { webhook_id: id } = created.json<{ webhook_id: string }>();
  assert.match(id, /^[0-9a-f]{24}$/);
  assert.deepEqual(Object.keys(created.json()), ['webhook_id']);
  const one = (await us.get(`v1/webhooks/${id}`)).json<Record<string, unknown>>();
  assert.deepEqual(Object.keys(one), ['webhook_id', 'description', 'url', 'event_types', 'created_at']);
  assert.match(one.created_at as string, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  const put = await us.put(`v1/webhooks/${id}`, { form: { url: 'https://acct.example.com/h2', event_types: 'clicked', description: 'changed' } });
  assert.deepEqual([put.status, put.text], [204, '']);
  assert.deepEqual((await us.get(`v1/webhooks/${id}`)).json<{ event_types: string[] }>().event_types, ['clicked']);
  assert.equal((await eu.get(`v1/webhooks/${id}`)).status, 404);
  assert.equal((await eu.get('v1/webhooks')).json<{ webhooks: unknown[] }>().webhooks.length, 1);
  const filtered = (await us.get(`v1/webhooks?webhook_ids=${id}`)).json<{ webhooks: { webhook_id: string }[] }>();
  assert.deepEqual(filtered.webhooks.map((w) => w.webhook_id), [id]);
  const del = await us.del(`v1/webhooks/${id}`);
  assert.deepEqual([del.status, del.text], [204, '']);
  assert.deepEqual((await us.del(`v1/webhooks/${id}`)).json(), { Description: `webhook_id not found: ${id}` });
  assert.equal((await us.del('v1/webhooks?all=true')).status, 204);
  assert.deepEqual((await us.get('v1/webhooks')).json(), { webhooks: [] });
  assert.deepEqual((await us.del('v1/webhooks?all=true')).json(), { Description: 'no webhooks found for account' });
});

test('account webhooks: the recorded 409s for the 3-URL limit and duplicate URLs, 404 for a bad event type', async () => {
  // The demo US account already has one URL on `delivered`.
  for (const n of [1, 2]) assert.equal((await us.post('v1/webhooks', { form: { url: `https://l${n}.example.com/`, event_types: 'delivered' } })).status, 200);
  const fourth = await us.post('v1/webhooks', { form: { url: 'https://l4.example.com/', event_types: 'delivered' } });
  assert.deepEqual([fourth.status, fourth.json()], [409, { Description: 'unable to add more than 3 urls for event type delivered' }]);
  const dup = await us.post('v1/webhooks', { form: { url: 'https://l1.example.com/', event_types: 'delivered' } });
  assert.deepEqual(dup.json(), { Description: 'url https://l1.example.com/ already exists for event type delivered' });
  assert.deepEqual((await us.post('v1/webhooks', { form: { url: 'https://x.example.com/', event_types: 'invalid_type' } })).json(), { Description: "event_type 'invalid_type' is invalid" });
  assert.deepEqual((await us.post('v1/webhooks', { form: { url: 'https://x.example.com/', event_types: ['accepted', 'accepted'] } })).json(), { Field: 'event_types', Value: "duplicate event types: 'accepted'" });
  assert.deepEqual((await us.post('v1/webhooks', { form: { event_types: 'accepted' } })).json(), { Field: 'url', Value: 'missing or invalid url parameter' });
  assert.deepEqual((await us.del('v1/webhooks/not-valid')).json(), { Field: 'webhook_id', Value: 'is not valid' });
  // The EU account has its own limit.
  assert.equal((await eu.post('v1/webhooks', { form: { url: 'https://l4.example.com/', event_types: 'delivered' } })).status, 200);
});

test('the signing key is account-wide and regenerates', async () => {
  const before = (await us.get('v5/accounts/http_signing_key')).json<{ http_signing_key: string }>().http_signing_key;
  assert.equal((await eu.get('v5/accounts/http_signing_key')).json<{ http_signing_key: string }>().http_signing_key, before);
  const regen = (await eu.post('v5/accounts/http_signing_key')).json<{ message: string; http_signing_key: string }>();
  assert.equal(regen.message, 'regenerated HTTP signing key for account');
  assert.match(regen.http_signing_key, /^key-[0-9a-f]{32}$/);
  assert.notEqual(regen.http_signing_key, before);
  assert.equal((await us.get('v5/accounts/http_signing_key')).json<{ http_signing_key: string }>().http_signing_key, regen.http_signing_key);
});

test("a subaccount has its own signing key, reached on its behalf; rotating it leaves the parent's alone", async () => {
  const key = async (api: typeof us, id?: string) =>
    (await api.get('v5/accounts/http_signing_key', { headers: id ? { 'X-Mailgun-On-Behalf-Of': id } : {} })).json<{ http_signing_key: string }>().http_signing_key;
  const { bakery, cafe } = DEMO_SUBACCOUNTS;
  const parent = await key(us);
  const bakeryKey = await key(us, bakery.id);
  assert.match(bakeryKey, /^key-[0-9a-f]{32}$/);
  assert.notEqual(bakeryKey, parent);
  assert.notEqual(await key(us, cafe.id), bakeryKey);
  assert.equal(await key(eu, bakery.id), bakeryKey, 'account-wide within the subaccount: either region answers');
  const rotated = (await us.post('v5/accounts/http_signing_key', { headers: { 'X-Mailgun-On-Behalf-Of': bakery.id } })).json<{ http_signing_key: string }>().http_signing_key;
  assert.notEqual(rotated, bakeryKey);
  assert.equal(await key(us, bakery.id), rotated);
  assert.equal(await key(us), parent);
});
