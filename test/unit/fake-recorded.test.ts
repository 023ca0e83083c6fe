// The fake reproduces the recorded payloads quoted in ../shared/docs/mailgun-api.md (VCR cassettes of
// mailgun-ruby unless noted). Ids, dates and generated keys are compared by format, everything else exactly.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { client } from '../fake-mailgun/contract/client';
import { type FakeMailgun, startFakeMailgun } from '../fake-mailgun';

const D = 'integration-test.domain.invalid';
const RFC1123_GMT = /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC1123_UTC = /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} UTC$/;

let fake: FakeMailgun;
let api: ReturnType<typeof client>;
before(async () => {
  fake = await startFakeMailgun({ seed: 'empty' });
  api = client(fake.usUrl);
});
after(() => fake.close());

/** Replaces values matching `formats` by their key name so the rest compares exactly. */
function normalise(value: unknown, formats: Record<string, RegExp>): unknown {
  if (Array.isArray(value)) return value.map((v) => normalise(v, formats));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, formats[k] && typeof v === 'string' ? (formats[k].test(v) ? `<${k}>` : v) : normalise(v, formats)]));
  }
  return value;
}

test('domains.yml: create, get and list bodies', async () => {
  const created = await api.post('v4/domains', { form: { name: D, smtp_password: '', spam_action: 'tag', wildcard: 'false' } });
  const formats = { created_at: RFC1123_GMT, id: /^[0-9a-f]{24}$/, value: /^k=rsa; p=/ };
  const domain = { created_at: '<created_at>', id: '<id>', is_disabled: false, name: D, require_tls: false, skip_verification: false, smtp_login: `postmaster@${D}`, spam_action: 'tag', state: 'unverified', type: 'custom', use_automatic_sender_security: false, web_prefix: 'email', web_scheme: 'http', wildcard: false };
  const records = {
    receiving_dns_records: [
      { is_active: true, cached: [], priority: '10', record_type: 'MX', valid: 'unknown', value: 'mxa.mailgun.org' },
      { is_active: true, cached: [], priority: '10', record_type: 'MX', valid: 'unknown', value: 'mxb.mailgun.org' },
    ],
    sending_dns_records: [
      { is_active: false, cached: [], name: `smtp._domainkey.${D}`, record_type: 'TXT', valid: 'unknown', value: '<value>' },
      { is_active: true, cached: [], name: D, record_type: 'TXT', valid: 'unknown', value: 'v=spf1 include:mailgun.org ~all' },
      { is_active: true, cached: [], name: `email.${D}`, record_type: 'CNAME', valid: 'unknown', value: 'mailgun.org' },
    ],
  };
  const expected = { message: 'Domain DNS records have been created', domain, ...records };
  assert.equal(JSON.stringify(normalise(created.json(), formats)), JSON.stringify(expected), 'same keys in the same order');
  assert.equal(JSON.stringify(normalise((await api.get(`v4/domains/${D}`)).json(), formats)), JSON.stringify({ domain, ...records }));
  assert.equal(JSON.stringify(normalise((await api.get('v4/domains')).json(), formats)), JSON.stringify({ total_count: 1, items: [domain] }));
  assert.deepEqual((await api.del(`v3/domains/${D}`)).json(), { message: 'Domain will be deleted in the background' });
});

test('domains.yml: tracking GET and PUT bodies', async () => {
  await api.post('v4/domains', { form: { name: 'tracking.example.com' } });
  await api.put('v4/domains/tracking.example.com', { form: { web_scheme: 'https' } });
  const t = await api.get('v3/domains/tracking.example.com/tracking');
  assert.equal(
    t.text,
    '{"tracking":{"open":{"active":false,"place_at_the_top":false},"click":{"active":false},"unsubscribe":{"active":false,"html_footer":"\\n<br>\\n<p><a href=\\"%unsubscribe_url%\\">unsubscribe</a></p>\\n","text_footer":"\\n\\nTo unsubscribe click: <%unsubscribe_url%>\\n\\n"},"web_scheme":"https"}}\n',
  );
  assert.deepEqual((await api.put('v3/domains/tracking.example.com/tracking/open', { form: { active: 'false' } })).json(), { message: 'Domain tracking settings have been updated', open: { active: false, place_at_the_top: false } });
  assert.deepEqual((await api.put('v3/domains/tracking.example.com/tracking/click', { form: { active: 'false' } })).json(), { message: 'Domain tracking settings have been updated', click: { active: false } });
});

test('suppressions.yml / unsubscribes.yml / complaints.yml: bounce, unsubscribe and complaint bodies', async () => {
  await api.post('v4/domains', { form: { name: 'lists.example.com' } });
  const base = 'v3/lists.example.com';
  const f = { created_at: RFC1123_UTC };
  assert.deepEqual((await api.post(`${base}/bounces`, { form: { address: 'test777@example.info', code: '777', error: 'integration testing123' } })).json(), { message: 'Address has been added to the bounces table', address: 'test777@example.info' });
  assert.deepEqual(normalise((await api.get(`${base}/bounces/test777@example.info`)).json(), f), { address: 'test777@example.info', code: '777', error: 'integration testing123', created_at: '<created_at>' });
  const four = ['test4@example.info', 'test3@example.net', 'test2@example.org', 'test1@example.com'];
  assert.deepEqual((await api.post(`${base}/bounces`, { json: four.map((address) => ({ address, code: '500', error: 'integration testing' })) })).json(), { message: '4 addresses have been added to the bounces table' });
  assert.deepEqual((await api.del(`${base}/bounces/test1@example.com`)).json(), { address: 'test1@example.com', message: 'Bounced address has been removed' });
  assert.deepEqual((await api.get(`${base}/bounces/test1@example.com`)).json(), { message: 'Address not found in bounces table' });
  assert.deepEqual((await api.del(`${base}/bounces`)).json(), { message: 'Bounced addresses for this domain have been removed' });

  assert.deepEqual((await api.post(`${base}/unsubscribes`, { form: { address: 'test777@example.com', tags: 'integration' } })).json(), { address: 'test777@example.com', message: 'Address has been added to the unsubscribes table' });
  assert.deepEqual(normalise((await api.get(`${base}/unsubscribes/test777@example.com`)).json(), f), { address: 'test777@example.com', tags: ['*'], created_at: '<created_at>' });
  assert.deepEqual((await api.post(`${base}/unsubscribes`, { json: four.map((address) => ({ address, tags: ['integration'] })) })).json(), { message: '4 addresses have been added to the unsubscribes table' });
  assert.deepEqual((await api.del(`${base}/unsubscribes/test1@example.com`)).json(), { address: 'test1@example.com', message: 'Unsubscribe event has been removed' });
  assert.deepEqual((await api.get(`${base}/unsubscribes/test1@example.com`)).json(), { message: 'Address not found in unsubscribers table' });
  assert.deepEqual((await api.del(`${base}/unsubscribes`)).json(), { message: 'Unsubscribe addresses for this domain have been removed' });

  assert.deepEqual((await api.post(`${base}/complaints`, { form: { address: 'test777@example.com' } })).json(), { address: 'test777@example.com', message: 'Address has been added to the complaints table' });
  assert.deepEqual(normalise((await api.get(`${base}/complaints/test777@example.com`)).json(), f), { address: 'test777@example.com', created_at: '<created_at>' });
  assert.deepEqual((await api.post(`${base}/complaints`, { json: four.map((address) => ({ address })) })).json(), { message: '4 complaint addresses have been added to the complaints table' });
  assert.deepEqual((await api.del(`${base}/complaints/test1@example.com`)).json(), { address: 'test1@example.com', message: 'Spam complaint has been removed' });
  assert.deepEqual((await api.get(`${base}/complaints/test1@example.com`)).json(), { message: 'No spam complaints found for this address' });
  assert.deepEqual((await api.del(`${base}/complaints`)).json(), { message: 'Complaint addresses for this domain have been removed' });
});

test('allowlist bodies (SPEC, RST, mailgun-php fixtures): createdAt in camelCase', async () => {
  await api.post('v4/domains', { form: { name: 'allow.example.com' } });
  const base = 'v3/allow.example.com/whitelists';
  assert.deepEqual((await api.post(base, { form: { domain: 'example.com' } })).json(), { message: 'Address/Domain has been added to the allowlists table', type: 'domain', value: 'example.com' });
  assert.deepEqual(normalise((await api.get(`${base}?limit=10`)).json<{ items: unknown[] }>().items, { createdAt: RFC1123_UTC }), [{ value: 'example.com', reason: '', type: 'domain', createdAt: '<createdAt>' }]);
  assert.deepEqual((await api.post(base, { form: {} })).json(), { message: 'Missing mandatory parameter: address/domain' });
  assert.deepEqual((await api.del(`${base}/example.com`)).json(), { message: 'Allowlist address/domain has been removed', value: 'example.com' });
  assert.deepEqual((await api.get(`${base}/example.com`)).json(), { message: 'Address/Domain not found in allowlist table' });
  assert.deepEqual((await api.del(base)).json(), { message: 'Allowlist addresses/domains for this domain have been removed' });
});

test('webhooks.yml and account_webhooks.yml bodies', async () => {
  await api.post('v4/domains', { form: { name: 'hooks.example.com' } });
  await api.post('v3/domains/hooks.example.com/webhooks', { form: { id: 'clicked', url: 'https://webhook.site/x' } });
  await api.post('v3/domains/hooks.example.com/webhooks', { form: { id: 'accepted', url: 'http://example.com/mailgun/events/accepted' } });
  assert.equal((await api.get('v3/domains/hooks.example.com/webhooks')).text, '{"webhooks":{"accepted":{"urls":["http://example.com/mailgun/events/accepted"]},"clicked":{"urls":["https://webhook.site/x"]}}}\n');

  const created = await api.post('v1/webhooks', { form: { description: 'test', event_types: 'accepted', url: 'http://example.com/mailgun/events' } });
  const id = created.json<{ webhook_id: string }>().webhook_id;
  assert.equal(created.text.length, 42, 'recorded Content-Length 42: {"webhook_id":"<24 hex>"} and a newline');
  const listed = (await api.get('v1/webhooks?webhook_ids=')).json();
  assert.deepEqual(normalise(listed, { created_at: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/ }), { webhooks: [{ webhook_id: id, description: 'test', url: 'http://example.com/mailgun/events', event_types: ['accepted'], created_at: '<created_at>' }] });
  const put = await api.put(`v1/webhooks/${id}`, { form: { description: 'test2', event_types: 'accepted', url: 'http://example.com/mailgun/events' } });
  assert.deepEqual([put.status, put.text, put.headers.get('content-type'), put.headers.get('content-length')], [204, '', null, null]);
});
