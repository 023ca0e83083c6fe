// Every implemented route's success and error responses validate against the spec's response schemas,
// with the documented spec defects tolerated in test/fake-mailgun/contract/defects.ts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call, type RequestOptions } from '../fake-mailgun/contract/client';
import { SpecValidator } from '../fake-mailgun/contract/spec';
import { DEMO_DOMAINS, DEMO_SENDING_KEY, DEMO_SUBACCOUNTS as SUB, type FakeMailgun, LIST_NAMES, startFakeMailgun } from '../fake-mailgun';

const M = DEMO_DOMAINS.us.main;
const N = DEMO_DOMAINS.us.newsletter;

interface Case {
  eu?: boolean;
  method: string;
  path: string;
  opts?: RequestOptions;
  status: number;
}

function csv(text: string): FormData {
  const fd = new FormData();
  fd.append('file', new Blob([text], { type: 'text/csv' }), 'list.csv');
  return fd;
}

function message(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

function suppressionCases(): Case[] {
  const cases: Case[] = [];
  for (const list of LIST_NAMES) {
    const allow = list === 'whitelists';
    const sample = allow ? 'vip000000@partner.example.org' : list === 'bounces' ? 'customer000000@example.com' : list === 'unsubscribes' ? 'reader000000@example.com' : 'angry000000@example.com';
    const header = { bounces: 'address,code,error,created_at', unsubscribes: 'address,tags,created_at', complaints: 'address,created_at', whitelists: 'address,domain' }[list];
    cases.push(
      { method: 'GET', path: `v3/${M}/${list}?limit=5`, status: 200 },
      { method: 'GET', path: `v3/${M}/${list}?limit=5&page=next&address=zzz&term=`, status: 200 },
      { method: 'GET', path: `v3/nope.example.com/${list}`, status: 404 },
      { method: 'GET', path: `v3/${M}/${list}/${encodeURIComponent(sample)}`, status: 200 },
      { method: 'GET', path: `v3/${M}/${list}/missing%40example.com`, status: 404 },
      { method: 'POST', path: `v3/${M}/${list}`, opts: { form: allow ? { domain: 'example.net' } : { address: 'form@example.com' } }, status: 200 },
      { method: 'POST', path: `v3/${M}/${list}`, opts: { form: { code: '550' } }, status: 400 },
      { method: 'POST', path: `v3/${M}/${list}/import`, opts: { multipart: csv(`${header}\n${allow ? 'csv@example.com,' : 'csv@example.com'}\n`) }, status: 202 },
      { method: 'POST', path: `v3/${M}/${list}/import`, opts: { multipart: csv('email,reason\nx@example.com,y\n') }, status: 400 },
      { method: 'DELETE', path: `v3/${M}/${list}/${encodeURIComponent(sample)}`, status: 200 },
      { method: 'DELETE', path: `v3/${M}/${list}/${encodeURIComponent(sample)}`, status: 404 },
    );
    if (!allow) {
      cases.push(
        { method: 'POST', path: `v3/${M}/${list}`, opts: { json: [{ address: 'j1@example.com', code: 550, error: 'x', tags: ['a'] }, { address: 'j2@example.com' }] }, status: 200 },
        { method: 'POST', path: `v3/${M}/${list}`, opts: { json: Array.from({ length: 1001 }, (_, i) => ({ address: `b${i}@example.com` })) }, status: 400 },
      );
    }
    cases.push({ method: 'DELETE', path: `v3/${N}/${list}`, status: 200 }, { method: 'DELETE', path: `v3/nope.example.com/${list}`, status: 404 });
  }
  return cases;
}

const CASES: Case[] = [
  { method: 'GET', path: 'v4/domains', status: 200 },
  { method: 'GET', path: 'v4/domains?limit=2&skip=1&sort=name:desc&state=active&search=acme', status: 200 },
  { method: 'POST', path: 'v4/domains', opts: { form: { name: 'created.example.com', spam_action: 'tag', wildcard: 'false', web_scheme: 'https' } }, status: 200 },
  { method: 'POST', path: 'v4/domains', opts: { form: { name: 'short.example.com', smtp_password: 'abc' } }, status: 400 },
  { method: 'GET', path: `v4/domains/${M}`, status: 200 },
  { method: 'GET', path: 'v4/domains/nope.example.com', status: 404 },
  { method: 'PUT', path: 'v4/domains/created.example.com', opts: { form: { spam_action: 'block', wildcard: 'true', web_prefix: 'click' } }, status: 200 },
  { method: 'PUT', path: 'v4/domains/created.example.com', opts: { form: { spam_action: 'nonsense' } }, status: 400 },
  { method: 'PUT', path: 'v4/domains/nope.example.com', opts: { form: { spam_action: 'tag' } }, status: 404 },
  { method: 'PUT', path: `v4/domains/${DEMO_DOMAINS.us.unverified}/verify`, status: 200 },
  { method: 'PUT', path: 'v4/domains/nope.example.com/verify', status: 404 },
  { method: 'DELETE', path: 'v3/domains/created.example.com', status: 200 },
  { method: 'DELETE', path: 'v3/domains/nope.example.com', status: 404 },
  { method: 'DELETE', path: `v3/domains/${DEMO_DOMAINS.us.sandbox}`, status: 400 },

  { method: 'GET', path: `v3/domains/${M}/tracking`, status: 200 },
  { method: 'GET', path: 'v3/domains/nope.example.com/tracking', status: 404 },
  { method: 'PUT', path: `v3/domains/${N}/tracking/click`, opts: { form: { active: 'htmlonly' } }, status: 200 },
  { method: 'PUT', path: `v3/domains/${N}/tracking/click`, opts: { form: { active: 'yes' } }, status: 200 },
  { method: 'PUT', path: `v3/domains/${N}/tracking/click`, opts: { form: { active: 'maybe' } }, status: 400 },
  { method: 'PUT', path: 'v3/domains/nope.example.com/tracking/click', opts: { form: { active: 'no' } }, status: 404 },
  { method: 'PUT', path: `v3/domains/${N}/tracking/open`, opts: { form: { active: 'no', place_at_the_top: 'true' } }, status: 200 },
  { method: 'PUT', path: 'v3/domains/nope.example.com/tracking/open', opts: { form: { active: 'no' } }, status: 404 },
  { method: 'PUT', path: `v3/domains/${N}/tracking/unsubscribe`, opts: { form: { active: 'true', html_footer: '<p>bye</p>', text_footer: 'bye' } }, status: 200 },
  { method: 'PUT', path: 'v3/domains/nope.example.com/tracking/unsubscribe', opts: { form: { active: 'true' } }, status: 404 },

  { method: 'GET', path: `v2/x509/email.${M}/status`, status: 200 },
  { method: 'GET', path: `v2/x509/email.${N}/status`, status: 404 },
  { method: 'POST', path: `v2/x509/email.${N}`, status: 202 },
  { method: 'GET', path: `v2/x509/email.${N}/status`, status: 200 },
  { method: 'POST', path: `v2/x509/email.${N}`, status: 409 },
  { method: 'PUT', path: `v2/x509/email.${N}`, status: 429 },
  { method: 'POST', path: `v2/x509/track.${DEMO_DOMAINS.us.unverified}`, status: 400 },
  { method: 'PUT', path: `v2/x509/email.${M}`, status: 409 },
  { method: 'PUT', path: `v2/x509/email.${DEMO_DOMAINS.us.unconfigured}`, status: 404 },
  { eu: true, method: 'PUT', path: `v2/x509/email.${DEMO_DOMAINS.eu.main}`, status: 202 },

  { method: 'GET', path: `v3/domains/${M}/webhooks`, status: 200 },
  { method: 'GET', path: 'v3/domains/nope.example.com/webhooks', status: 404 },
  { method: 'POST', path: `v3/domains/${M}/webhooks`, opts: { form: { id: 'complained', url: ['https://a.example.com/1', 'https://a.example.com/2'] } }, status: 200 },
  { method: 'POST', path: `v3/domains/${M}/webhooks`, opts: { form: { id: 'complained', url: 'https://a.example.com/3' } }, status: 400 },
  { method: 'POST', path: `v3/domains/${M}/webhooks`, opts: { form: { id: 'unsubscribed', url: 'ftp://a.example.com/' } }, status: 400 },
  { method: 'POST', path: 'v3/domains/nope.example.com/webhooks', opts: { form: { id: 'clicked', url: 'https://a.example.com/' } }, status: 404 },
  { method: 'GET', path: `v3/domains/${M}/webhooks/complained`, status: 200 },
  { method: 'GET', path: 'v3/domains/nope.example.com/webhooks/complained', status: 404 },
  { method: 'PUT', path: `v3/domains/${M}/webhooks/complained`, opts: { form: { url: 'https://b.example.com/x' } }, status: 200 },
  { method: 'PUT', path: `v3/domains/${M}/webhooks/complained`, opts: { form: { url: ['https://b.example.com/1', 'https://b.example.com/2', 'https://b.example.com/3', 'https://b.example.com/4'] } }, status: 400 },
  { method: 'PUT', path: 'v3/domains/nope.example.com/webhooks/complained', opts: { form: { url: 'https://b.example.com/x' } }, status: 404 },
  { method: 'DELETE', path: `v3/domains/${M}/webhooks/complained`, status: 200 },
  { method: 'DELETE', path: 'v3/domains/nope.example.com/webhooks/complained', status: 404 },
  { method: 'POST', path: `v4/domains/${M}/webhooks`, opts: { form: { url: 'https://v4.example.com/h', event_types: ['accepted', 'delivered'] } }, status: 200 },
  { method: 'POST', path: `v4/domains/${M}/webhooks`, opts: { form: { url: 'https://v4.example.com/h', event_types: 'delivered' } }, status: 400 },
  { method: 'POST', path: `v4/domains/${N}/webhooks`, opts: { form: { url: 'https://v4.example.com/h', event_types: 'delivered' } }, status: 400 },
  { method: 'POST', path: 'v4/domains/nope.example.com/webhooks', opts: { form: { url: 'https://v4.example.com/h', event_types: 'delivered' } }, status: 404 },
  { method: 'PUT', path: `v4/domains/${M}/webhooks`, opts: { form: { url: 'https://v4.example.com/h', event_types: ['opened', 'clicked'] } }, status: 200 },
  { method: 'PUT', path: `v4/domains/${M}/webhooks`, opts: { form: { url: 'https://unknown.example.com/h', event_types: 'opened' } }, status: 404 },
  { method: 'PUT', path: `v4/domains/${M}/webhooks`, opts: { form: { url: 'https://invalid', event_types: 'opened' } }, status: 400 },
  { method: 'DELETE', path: `v4/domains/${M}/webhooks?url=https://v4.example.com/h,https://v4.example.com/other`, status: 200 },
  { method: 'DELETE', path: `v4/domains/${M}/webhooks`, status: 400 },
  { method: 'DELETE', path: 'v4/domains/nope.example.com/webhooks?url=https://v4.example.com/h', status: 404 },

  { method: 'GET', path: 'v1/webhooks', status: 200 },
  { method: 'GET', path: 'v1/webhooks?webhook_ids=', status: 200 },
  { method: 'GET', path: 'v1/webhooks', opts: { key: DEMO_SENDING_KEY }, status: 403 },
  { method: 'POST', path: 'v1/webhooks', opts: { form: { url: 'https://acct.example.com/h', event_types: 'accepted', description: 'contract' } }, status: 200 },
  { method: 'POST', path: 'v1/webhooks', opts: { form: { url: 'https://acct.example.com/h', event_types: 'accepted' } }, status: 409 },
  { method: 'POST', path: 'v1/webhooks', opts: { form: { event_types: 'accepted' } }, status: 400 },
  { method: 'POST', path: 'v1/webhooks', opts: { form: { url: 'https://acct.example.com/i', event_types: 'invalid_type' } }, status: 404 },
  { method: 'POST', path: 'v1/webhooks', opts: { form: { url: 'https://acct.example.com/j', event_types: ['accepted', 'accepted'] } }, status: 400 },
  { method: 'GET', path: 'v1/webhooks/0123456789abcdef01234567', status: 404 },
  { method: 'PUT', path: 'v1/webhooks/not-an-id', opts: { form: { url: 'https://acct.example.com/h', event_types: 'accepted' } }, status: 400 },
  { method: 'PUT', path: 'v1/webhooks/0123456789abcdef01234567', opts: { form: { url: 'https://acct.example.com/h', event_types: 'accepted' } }, status: 404 },
  { method: 'DELETE', path: 'v1/webhooks/not-an-id', status: 400 },
  { method: 'DELETE', path: 'v1/webhooks/0123456789abcdef01234567', status: 404 },
  { method: 'DELETE', path: 'v1/webhooks?webhook_ids=a,,b', status: 400 },
  { method: 'DELETE', path: 'v1/webhooks?webhook_ids=0123456789abcdef01234567', status: 404 },

  { method: 'GET', path: 'v1/thresholds/alerts/send', status: 200 },
  { method: 'GET', path: 'v1/thresholds/alerts/send', eu: true, status: 200 },
  { method: 'POST', path: 'v1/thresholds/alerts/send', opts: { json: { name: 'contract', metric: 'hard_bounce_rate', comparator: '>', limit: '.02', dimension: 'domain', alert_channels: ['email'], period: '1h', filters: [{ dimension: 'domain', comparator: '=', values: [M] }] } }, status: 200 },
  { method: 'POST', path: 'v1/thresholds/alerts/send', opts: { json: { name: 'contract', metric: 'hard_bounce_rate', comparator: '>', limit: '.02', dimension: 'domain' } }, status: 409 },
  { method: 'POST', path: 'v1/thresholds/alerts/send', opts: { json: { name: 'bad', metric: 'opened_rate', comparator: '>', limit: '.02', dimension: 'domain' } }, status: 400 },
  { method: 'GET', path: 'v1/thresholds/alerts/send/contract', status: 200 },
  { method: 'GET', path: 'v1/thresholds/alerts/send/missing', status: 404 },
  { method: 'PUT', path: 'v1/thresholds/alerts/send/contract', opts: { json: { name: 'contract', metric: 'complained_rate', comparator: '>=', limit: '.001', dimension: 'subaccount', period: '1d' } }, status: 200 },
  { method: 'PUT', path: 'v1/thresholds/alerts/send/contract', opts: { json: { name: 'contract', metric: 'complained_rate', comparator: '>=', limit: '.001', dimension: 'subaccount', period: '1w' } }, status: 400 },
  { method: 'PUT', path: 'v1/thresholds/alerts/send/missing', opts: { json: { name: 'missing', metric: 'complained_rate', comparator: '>', limit: '.001', dimension: 'domain' } }, status: 404 },
  { method: 'GET', path: 'v1/thresholds/hits', status: 200 },
  { method: 'DELETE', path: 'v1/thresholds/alerts/send/contract', status: 200 },
  { method: 'DELETE', path: 'v1/thresholds/alerts/send/contract', status: 404 },

  { method: 'GET', path: 'v5/accounts/http_signing_key', status: 200 },
  { method: 'POST', path: 'v5/accounts/http_signing_key', status: 200 },

  ...suppressionCases(),

  { method: 'GET', path: `v3/${M}/stats/total?event=accepted&event=delivered&event=failed&event=opened&event=clicked&event=unsubscribed&event=complained&event=stored`, status: 200 },
  { method: 'GET', path: `v3/${M}/stats/total?event=delivered&resolution=hour&duration=24h`, status: 200 },
  { method: 'GET', path: `v3/${M}/stats/total`, status: 400 },
  { method: 'GET', path: 'v3/nope.example.com/stats/total?event=delivered', status: 404 },
  { method: 'GET', path: 'v3/stats/total?event=delivered&event=failed&resolution=month&duration=2m', status: 200 },
  { method: 'GET', path: 'v3/stats/total?event=delivered&resolution=week', status: 400 },
  {
    method: 'POST',
    path: 'v1/analytics/metrics',
    opts: { json: { duration: '7d', resolution: 'day', dimensions: ['time', 'domain'], metrics: ['accepted_count', 'delivered_count', 'opened_rate', 'clicked_rate', 'bounce_rate'], include_aggregates: true, filter: { AND: [{ attribute: 'domain', comparator: '!=', values: [{ label: N, value: N }] }] } } },
    status: 200,
  },
  { method: 'POST', path: 'v1/analytics/metrics', opts: { json: { metrics: ['no_such_metric'] } }, status: 400 },
  { method: 'POST', path: `v3/${M}/messages`, opts: { multipart: message({ from: `postmaster@${M}`, to: 'ana@example.com', subject: 'Hi', text: 'Hello', 'o:testmode': 'yes' }) }, status: 200 },
  { method: 'POST', path: `v3/${M}/messages`, opts: { multipart: message({ from: `postmaster@${M}`, to: 'nobody', subject: 'Hi', text: 'Hello' }) }, status: 400 },
  { method: 'GET', path: `v3/domains/${M}/messages/2020010100gone`, status: 404 },
  { method: 'GET', path: `v3/domains/nope.example.com/messages/2020010100gone`, status: 404 },
  { method: 'POST', path: 'v5/sandbox/auth_recipients?email=ana%40example.com', status: 200 },
  { method: 'GET', path: 'v5/sandbox/auth_recipients', status: 200 },
  { method: 'POST', path: 'v5/sandbox/auth_recipients?email=nobody', status: 400 },
  { method: 'DELETE', path: 'v5/sandbox/auth_recipients/ana%40example.com', status: 200 },
  { method: 'DELETE', path: 'v5/sandbox/auth_recipients/nobody', status: 400 },
  { method: 'POST', path: `v3/${DEMO_DOMAINS.us.sandbox}/messages`, opts: { multipart: message({ from: `postmaster@${DEMO_DOMAINS.us.sandbox}`, to: 'ana@example.com', subject: 'Hi', text: 'Hello' }) }, status: 403 },  { method: 'GET', path: 'v5/accounts/subaccounts', status: 200 },
  { method: 'GET', path: 'v5/accounts/subaccounts?limit=1&skip=1&sort=desc&filter=cafe', status: 200 },
  { method: 'POST', path: 'v5/accounts/subaccounts?name=Echo%20Events', status: 200 },
  { method: 'POST', path: 'v5/accounts/subaccounts', status: 400 },
  { method: 'GET', path: `v5/accounts/subaccounts/${SUB.bakery.id}`, status: 200 },
  { method: 'GET', path: 'v5/accounts/subaccounts/000000000000000000000000', status: 404 },
  { method: 'POST', path: `v5/accounts/subaccounts/${SUB.cafe.id}/disable`, status: 200 },
  { method: 'POST', path: `v5/accounts/subaccounts/${SUB.cafe.id}/disable`, status: 400 },
  { method: 'POST', path: 'v5/accounts/subaccounts/000000000000000000000000/disable', status: 404 },
  { method: 'POST', path: `v5/accounts/subaccounts/${SUB.cafe.id}/enable`, status: 200 },
  { method: 'POST', path: 'v5/accounts/subaccounts/000000000000000000000000/enable', status: 404 },
  { method: 'GET', path: 'v4/domains?include_subaccounts=true', status: 200 },
  { method: 'GET', path: 'v4/domains', opts: { headers: { 'x-mailgun-on-behalf-of': SUB.bakery.id } }, status: 200 },
  { method: 'GET', path: `v3/${SUB.bakery.us}/bounces`, opts: { headers: { 'x-mailgun-on-behalf-of': SUB.bakery.id } }, status: 200 },
  { method: 'POST', path: 'v1/analytics/metrics', opts: { json: { duration: '7d', resolution: 'day', dimensions: ['subaccount'], metrics: ['accepted_count', 'delivered_rate'], include_subaccounts: true } }, status: 200 },
  { method: 'POST', path: 'v1/analytics/logs', opts: { json: { duration: '1d', include_subaccounts: true, include_totals: true, pagination: { limit: 5 } } }, status: 200 },
  { method: 'POST', path: 'v1/analytics/logs', opts: { json: { duration: '1d', include_subaccounts: 'yes' } }, status: 400 },
  { method: 'GET', path: 'v5/accounts/http_signing_key', opts: { headers: { 'x-mailgun-on-behalf-of': SUB.bakery.id } }, status: 200 },
];

let fake: FakeMailgun;
let spec: SpecValidator;

before(async () => {
  spec = new SpecValidator();
  fake = await startFakeMailgun({ seed: 'demo' });
});
after(() => fake.close());

async function checked(c: Case): Promise<string> {
  const res = await call(c.eu ? fake.euUrl : fake.usUrl, c.method, c.path, c.opts);
  const label = `${c.method} ${c.path.slice(0, 90)}`;
  assert.equal(res.status, c.status, `${label}: status ${res.status}, body ${res.text.slice(0, 300)}`);
  const result = spec.check(c.method, '/' + c.path.split('?')[0], res.status, res.contentType, res.text);
  assert.deepEqual(result.errors, [], `${label} (${result.operationId ?? 'no operation'}): ${res.text.slice(0, 300)}`);
  return result.operationId!;
}

test('every implemented route answers with bodies the spec (minus its documented defects) accepts', async () => {
  const outcomes = new Map<string, Set<string>>();
  for (const c of CASES) {
    const op = await checked(c);
    if (!outcomes.has(op)) outcomes.set(op, new Set());
    outcomes.get(op)!.add(c.status < 300 ? 'success' : 'error');
  }
  // Account webhook lifecycle needs the ids the fake hands out.
  const created = await call(fake.usUrl, 'POST', 'v1/webhooks', { form: { url: 'https://life.example.com/h', event_types: ['delivered', 'opened'], description: 'life' } });
  const id = created.json<{ webhook_id: string }>().webhook_id;
  for (const c of [
    { method: 'GET', path: `v1/webhooks/${id}`, status: 200 },
    { method: 'PUT', path: `v1/webhooks/${id}`, opts: { form: { url: 'https://life.example.com/h2', event_types: 'delivered' } }, status: 204 },
    { method: 'PUT', path: `v1/webhooks/${id}`, opts: { form: { url: 'https://acct.example.com/h', event_types: 'accepted' } }, status: 409 },
    { method: 'DELETE', path: `v1/webhooks/${id}`, status: 204 },
    { method: 'DELETE', path: 'v1/webhooks?all=true', status: 204 },
    { method: 'DELETE', path: 'v1/webhooks?all=true', status: 404 },
  ] as Case[]) {
    const op = await checked(c);
    if (!outcomes.has(op)) outcomes.set(op, new Set());
    outcomes.get(op)!.add(c.status < 300 ? 'success' : 'error');
  }
  // A stored message, by the storage URL of an accepted event (the demo seed's keys follow the clock).
  const accepted = await call(fake.usUrl, 'POST', 'v1/analytics/logs', { json: { duration: '1d', events: ['accepted'], filter: { AND: [{ attribute: 'domain', comparator: '=', values: [{ label: M, value: M }] }] }, pagination: { limit: 1 } } });
  const storageUrl = new URL(accepted.json<{ items: { storage: { url: string[] } }[] }>().items[0].storage.url[0]);
  const stored = storageUrl.pathname.slice(1);
  for (const c of [
    { method: 'GET', path: stored, status: 200 },
    { method: 'GET', path: stored, opts: { headers: { accept: 'message/rfc2822' } }, status: 200 },
    { method: 'GET', path: `v3/domains/${M}/messages/2020010100gone`, status: 404 },
  ] as Case[]) {
    const op = await checked(c);
    if (!outcomes.has(op)) outcomes.set(op, new Set());
    outcomes.get(op)!.add(c.status < 300 ? 'success' : 'error');
  }
  // These have no errors besides 401/403/429, which the next tests cover for every route.
  const authOnly = ['GET-v4-domains', 'get-v5-accounts-http_signing_key', 'post-v5-accounts-http_signing_key', 'GET-v1-thresholds-alerts-send', 'GET-v1-thresholds-hits', 'get-v5-sandbox-auth_recipients', 'get-v5-accounts-subaccounts'];
  const incomplete = [...outcomes].filter(([op, kinds]) => kinds.size < 2 && !authOnly.includes(op)).map(([op]) => op);
  assert.deepEqual(incomplete, []);
  assert.ok(outcomes.size >= 50, `covered ${outcomes.size} operations`);
});

test('every route answers a bad key with the recorded 401 and a sending key with 403, both accepted', async () => {
  const seen = new Set<string>();
  for (const c of CASES) {
    const key = `${c.method} ${c.path.split('?')[0]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const [k, status] of [['key-wrong', 401], [DEMO_SENDING_KEY, 403]] as const) {
      await checked({ ...c, opts: { ...c.opts, key: k }, status });
    }
  }
});

test('the rate limit answers 429 on any route, accepted with the recorded {message} shape', async () => {
  fake.control.setRateLimit({ limit: 0 });
  try {
    await checked({ method: 'GET', path: 'v4/domains', status: 429 });
    await checked({ method: 'GET', path: `v3/${M}/bounces`, status: 429 });
  } finally {
    fake.control.setRateLimit(null);
  }
});

test('the validator is not vacuous: it rejects bodies that break the spec', () => {
  const bad = (method: string, path: string, status: number, body: string, type = 'application/json; charset=utf-8'): string[] => spec.check(method, path, status, type, body).errors;
  assert.notDeepEqual(bad('GET', '/v4/domains', 200, '{"items":"x"}'), []);
  assert.notDeepEqual(bad('GET', `/v3/${M}/bounces/a@b.c`, 200, '{"address":"a@b.c","code":550,"error":"","created_at":"Thu, 26 Mar 2026 12:59:15 UTC"}'), []);
  assert.notDeepEqual(bad('GET', `/v3/domains/${M}/tracking`, 200, '{"tracking":{"click":{"active":"sometimes"}}}'), []);
  assert.notDeepEqual(bad('GET', '/v4/domains', 401, 'Nope', 'text/plain'), []);
  assert.notDeepEqual(bad('DELETE', '/v1/webhooks/0123456789abcdef01234567', 204, '{}'), []);
  assert.notDeepEqual(bad('POST', '/v1/webhooks', 409, '{"message":"conflict"}'), []);
  assert.notDeepEqual(bad('POST', '/v1/thresholds/alerts/send', 409, '{"Reason":"exists"}'), []);
  assert.notDeepEqual(bad('GET', '/v1/thresholds/alerts/send', 200, '{"items":[{"name":"x"}],"total":1}'), []);
  assert.deepEqual(bad('GET', '/v4/domains', 401, 'Forbidden', 'text/plain; charset=utf-8'), []);
});
