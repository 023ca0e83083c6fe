// Domains, DNS records, async verify and delete, tracking settings and x509 certificates.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { client } from '../fake-mailgun/contract/client';
import { DEMO_DOMAINS, type FakeMailgun, startFakeMailgun } from '../fake-mailgun';

interface DomainItem {
  name: string;
  state: string;
  type: string;
  is_disabled: boolean;
  web_scheme: string;
  disabled?: Record<string, unknown>;
}
interface DnsRecord {
  record_type: string;
  value: string;
  valid: string;
  name?: string;
  is_active: boolean;
  cached: string[];
}
interface DomainResponse {
  domain: DomainItem;
  receiving_dns_records: DnsRecord[];
  sending_dns_records: DnsRecord[];
}

let fake: FakeMailgun;
let us: ReturnType<typeof client>;
let eu: ReturnType<typeof client>;

before(async () => {
  fake = await startFakeMailgun({ seed: 'demo' });
  us = client(fake.usUrl);
  eu = client(fake.euUrl);
});
beforeEach(() => fake.control.reset('demo'));
after(() => fake.close());

const names = async (api: ReturnType<typeof client>, query = ''): Promise<string[]> =>
  (await api.get(`v4/domains${query}`)).json<{ items: DomainItem[] }>().items.map((d) => d.name);

test('each region lists only its own domains; the same key works on both hosts', async () => {
  const usList = (await us.get('v4/domains')).json<{ total_count: number; items: DomainItem[] }>();
  assert.equal(usList.total_count, 6);
  assert.deepEqual(new Set(usList.items.map((d) => d.name)), new Set(Object.values(DEMO_DOMAINS.us)));
  assert.deepEqual(new Set(await names(eu)), new Set(Object.values(DEMO_DOMAINS.eu)));
  assert.equal((await us.get(`v4/domains/${DEMO_DOMAINS.eu.main}`)).status, 404);
  const sandbox = usList.items.find((d) => d.name === DEMO_DOMAINS.us.sandbox)!;
  assert.equal(sandbox.type, 'sandbox');
  assert.equal(sandbox.state, 'active');
});

test('list query: reverse creation order by default, sort, search, state, skip and limit', async () => {
  const all = await names(us);
  assert.equal(all[0], DEMO_DOMAINS.us.unconfigured); // created most recently
  assert.deepEqual(await names(us, '?sort=name'), [...all].sort());
  assert.deepEqual(await names(us, '?sort=name:desc'), [...all].sort().reverse());
  assert.deepEqual(await names(us, '?search=legacy'), [DEMO_DOMAINS.us.disabled]);
  assert.deepEqual(new Set(await names(us, '?state=unverified')), new Set([DEMO_DOMAINS.us.unverified, DEMO_DOMAINS.us.unconfigured]));
  assert.deepEqual(await names(us, '?sort=name&skip=2&limit=2'), [...all].sort().slice(2, 4));
  const page = (await us.get('v4/domains?skip=100')).json<{ total_count: number; items: unknown[] }>();
  assert.deepEqual(page, { total_count: 6, items: [] });
});

test('a disabled domain shows is_disabled and the disabled object', async () => {
  const d = (await us.get(`v4/domains/${DEMO_DOMAINS.us.disabled}`)).json<DomainResponse>().domain;
  assert.equal(d.state, 'disabled');
  assert.equal(d.is_disabled, true);
  assert.deepEqual(Object.keys(d.disabled!).sort(), ['code', 'note', 'permanently', 'reason']);
});

test('created domains are unverified with region-specific DNS records; names are global', async () => {
  const created = await eu.post('v4/domains', { form: { name: 'mail.new-eu.example', spam_action: 'tag', dkim_key_size: '2048' } });
  assert.equal(created.status, 200);
  const body = created.json<DomainResponse & { message: string }>();
  assert.equal(body.message, 'Domain DNS records have been created');
  assert.equal(body.domain.state, 'unverified');
  assert.deepEqual(body.receiving_dns_records.map((r) => r.value), ['mxa.eu.mailgun.org', 'mxb.eu.mailgun.org']);
  const [dkim, spf, cname] = body.sending_dns_records;
  assert.equal(dkim.name, 'smtp._domainkey.mail.new-eu.example');
  assert.match(dkim.value, /^k=rsa; p=[A-Za-z0-9+/=]{300,}$/);
  assert.equal(dkim.is_active, false);
  assert.equal(spf.value, 'v=spf1 include:eu.mailgun.org ~all');
  assert.deepEqual([cname.name, cname.value], ['email.mail.new-eu.example', 'eu.mailgun.org']);
  assert.ok(body.sending_dns_records.every((r) => r.valid === 'unknown' && r.cached.length === 0));
  const again = await us.post('v4/domains', { form: { name: 'mail.new-eu.example' } });
  assert.equal(again.status, 400);
  assert.equal((await us.get(`v4/domains/${DEMO_DOMAINS.us.main}`)).json<DomainResponse>().receiving_dns_records[0].value, 'mxa.mailgun.org');
});

test('verify is asynchronous: unverified in the response and on the next read, active after that', async () => {
  const name = DEMO_DOMAINS.us.unverified;
  const verify = (await us.put(`v4/domains/${name}/verify`)).json<DomainResponse & { message: string }>();
  assert.equal(verify.message, 'Domain DNS records have been updated');
  assert.equal(verify.domain.state, 'unverified');
  assert.equal((await us.get(`v4/domains/${name}`)).json<DomainResponse>().domain.state, 'unverified');
  const later = (await us.get(`v4/domains/${name}`)).json<DomainResponse>();
  assert.equal(later.domain.state, 'active');
  assert.ok(later.sending_dns_records.every((r) => r.valid === 'valid' && r.is_active && r.cached.length === 1));

  // DNS not in place: it stays unverified.
  await us.put(`v4/domains/${DEMO_DOMAINS.us.unconfigured}/verify`);
  for (let i = 0; i < 3; i++) assert.equal((await us.get(`v4/domains/${DEMO_DOMAINS.us.unconfigured}`)).json<DomainResponse>().domain.state, 'unverified');

  // With no lag the first later read already shows the result.
  fake.control.setAsyncLag(0);
  await us.put(`v4/domains/${DEMO_DOMAINS.us.main}/verify`);
  assert.equal((await names(us, '?state=active')).includes(DEMO_DOMAINS.us.main), true);
});

test('delete happens in the background; sandbox and disabled domains cannot be deleted', async () => {
  const name = DEMO_DOMAINS.us.newsletter;
  const res = await us.del(`v3/domains/${name}`);
  assert.deepEqual([res.status, res.json()], [200, { message: 'Domain will be deleted in the background' }]);
  assert.equal((await us.get(`v4/domains/${name}`)).status, 200);
  assert.equal((await us.get(`v4/domains/${name}`)).status, 404);
  assert.equal((await names(us)).includes(name), false);

  const sandbox = await us.del(`v3/domains/${DEMO_DOMAINS.us.sandbox}`);
  assert.equal(sandbox.status, 400);
  assert.equal((await us.get(`v4/domains/${DEMO_DOMAINS.us.sandbox}`)).status, 200);
  assert.equal((await us.del(`v3/domains/${DEMO_DOMAINS.us.disabled}`)).status, 400);
});

test('update changes settings and the tracking CNAME follows web_prefix', async () => {
  const res = await us.put(`v4/domains/${DEMO_DOMAINS.us.newsletter}`, { form: { web_scheme: 'https', web_prefix: 'links', wildcard: 'yes', spam_action: 'block' } });
  const body = res.json<DomainResponse & { message: string }>();
  assert.equal(body.message, 'Domain has been updated');
  assert.equal(body.domain.web_scheme, 'https');
  assert.equal(body.sending_dns_records[2].name, `links.${DEMO_DOMAINS.us.newsletter}`);
  const tracking = (await us.get(`v3/domains/${DEMO_DOMAINS.us.newsletter}/tracking`)).json<{ tracking: { web_scheme: string } }>();
  assert.equal(tracking.tracking.web_scheme, 'https');
  assert.equal((await us.put(`v4/domains/${DEMO_DOMAINS.us.newsletter}`, { form: { web_scheme: 'ftp' } })).status, 400);
});

test('tracking accepts true/false/yes/no and htmlonly for click; omitted fields keep their value', async () => {
  const path = `v3/domains/${DEMO_DOMAINS.us.newsletter}/tracking`;
  const click = async (active?: string) => (await us.put(`${path}/click`, { form: active === undefined ? {} : { active } })).json<{ click: { active: unknown } }>().click.active;
  assert.equal(await click('no'), false);
  assert.equal(await click('yes'), true);
  assert.equal(await click('htmlonly'), 'htmlonly');
  assert.equal(await click(), 'htmlonly');
  assert.equal(await click('false'), false);
  const open = (await us.put(`${path}/open`, { form: { active: 'yes', place_at_the_top: 'true' } })).json();
  assert.deepEqual(open, { message: 'Domain tracking settings have been updated', open: { active: true, place_at_the_top: true } });
  const unsub = (await us.put(`${path}/unsubscribe`, { form: { active: 'true', html_footer: '<p>bye</p>' } })).json<{ unsubscribe: { html_footer: string; text_footer: string } }>();
  assert.equal(unsub.unsubscribe.html_footer, '<p>bye</p>');
  assert.equal(unsub.unsubscribe.text_footer, '\n\nTo unsubscribe click: <%unsubscribe_url%>\n\n');
  const all = (await us.get(path)).json<{ tracking: Record<string, unknown> }>();
  assert.deepEqual(Object.keys(all.tracking), ['open', 'click', 'unsubscribe', 'web_scheme']);
});

test('x509: generate, processing then active, regenerate refused while valid, expired certificates regenerate', async () => {
  const host = `email.${DEMO_DOMAINS.us.newsletter}`;
  assert.deepEqual((await us.get(`v2/x509/${host}/status`)).json(), { Description: 'Please initiate x509 key pair generation at POST /v2/x509/{domain}' });
  const gen = await us.post(`v2/x509/${host}`);
  assert.deepEqual([gen.status, gen.json()], [202, { message: 'Initiated x509 key pair generation', location: `/v2/x509/${host}/status` }]);
  assert.deepEqual((await us.put(`v2/x509/${host}`)).json(), { Description: `x509 key pair generation job is already in progress for ${host}` });
  assert.deepEqual((await us.get(`v2/x509/${host}/status`)).json(), { status: 'processing', error: 'Waiting for x509 key pair generation' });
  const active = (await us.get(`v2/x509/${host}/status`)).json<{ status: string; certificate: string }>();
  assert.equal(active.status, 'active');
  assert.match(active.certificate, /^-----BEGIN CERTIFICATE-----\n/);
  const regen = await us.put(`v2/x509/${host}`);
  assert.equal(regen.status, 409);
  assert.match(regen.json<{ Description: string }>().Description, /^x509 certificate is still valid until \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0000 UTC$/);
  assert.deepEqual((await us.post(`v2/x509/${DEMO_DOMAINS.us.newsletter}`)).json(), { Reason: 'invalid CNAME record' });

  const euHost = `email.${DEMO_DOMAINS.eu.main}`;
  assert.equal((await eu.get(`v2/x509/${euHost}/status`)).json<{ status: string }>().status, 'expired');
  assert.equal((await eu.put(`v2/x509/${euHost}`)).status, 202);
  assert.equal((await eu.get(`v2/x509/${euHost}/status`)).json<{ status: string }>().status, 'processing');
  assert.equal((await us.get(`v2/x509/${euHost}/status`)).status, 404);
});
