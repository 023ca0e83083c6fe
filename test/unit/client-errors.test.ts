import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createMailgunClient, type MailgunErrorKind } from '../../src/mailgun';
import { readErrorBody } from '../../src/mailgun/error-body';
import { DEMO_DOMAINS, DEMO_SENDING_KEY } from '../fake-mailgun';
import { failure, useFakeMailgun } from './client-fixture';

const fx = useFakeMailgun('demo');
const domain = DEMO_DOMAINS.us.main;
const domainPath = `/v4/domains/${domain}`;
const keyPath = '/v5/accounts/http_signing_key';

interface Case {
  name: string;
  status: number;
  body: unknown;
  contentType?: string;
  kind: MailgunErrorKind;
  serverMessage: string | undefined;
  sentence: RegExp;
}

// Every recorded error-body shape (mailgun-api.md §1.5), whatever its Content-Type says.
const cases: Case[] = [
  { name: '{message}', status: 400, body: { message: 'to parameter is not a valid address. please check documentation' }, kind: 'validation', serverMessage: 'to parameter is not a valid address. please check documentation', sentence: /^Mailgun refused the request \(400\)\. Mailgun said: "to parameter is not a valid address\. please check documentation"\. Correct the value and try again\.$/ },
  { name: '{Reason}', status: 400, body: { Reason: 'invalid CNAME record' }, kind: 'validation', serverMessage: 'invalid CNAME record', sentence: /Mailgun said: "invalid CNAME record"/ },
  { name: '{Description}', status: 409, body: { Description: 'url https://x.example.com already exists for event type delivered' }, kind: 'conflict', serverMessage: 'url https://x.example.com already exists for event type delivered', sentence: /^Mailgun reported a conflict \(409\)\..*Refresh to see the current state/ },
  { name: '{Field, Value}', status: 400, body: { Field: 'event_types', Value: "duplicate event types: 'accepted'" }, kind: 'validation', serverMessage: "event_types: duplicate event types: 'accepted'", sentence: /Mailgun said: "event_types: duplicate event types: 'accepted'"/ },
  { name: '{Field} alone', status: 400, body: { Field: 'url' }, kind: 'validation', serverMessage: 'invalid url', sentence: /invalid url/ },
  { name: 'JSON labelled text/plain', status: 400, body: '{"message":"Batch size should be less than 1000"}', contentType: 'text/plain; charset=utf-8', kind: 'validation', serverMessage: 'Batch size should be less than 1000', sentence: /Batch size/ },
  { name: 'text/plain Forbidden', status: 401, body: 'Forbidden', contentType: 'text/plain; charset=utf-8', kind: 'auth', serverMessage: 'Forbidden', sentence: /^Mailgun rejected the API key in the US region \(401\)\. Check that the key is correct/ },
  { name: '403 {message}', status: 403, body: { message: 'Forbidden' }, kind: 'forbidden', serverMessage: 'Forbidden', sentence: /^This API key is not allowed to do that \(403\)\..*Admin or Developer role/ },
  { name: '402 {Reason}', status: 402, body: { Reason: 'upgrade your account to enable this feature' }, kind: 'forbidden', serverMessage: 'upgrade your account to enable this feature', sentence: /^Your Mailgun plan does not allow this \(402\)/ },
  { name: '413', status: 413, body: { message: 'Request entity too large' }, kind: 'validation', serverMessage: 'Request entity too large', sentence: /too large.*smaller file/ },
  { name: 'HTML error page', status: 502, body: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>', contentType: 'text/html', kind: 'server', serverMessage: '502 Bad Gateway', sentence: /^Mailgun had a server error \(502\)\..*status\.mailgun\.com/ },
  { name: 'empty 500', status: 500, body: '', contentType: 'text/plain', kind: 'server', serverMessage: undefined, sentence: /^Mailgun had a server error \(500\)\. Try again in a few minutes/ },
  { name: '{"retry-seconds": 60}', status: 429, body: { 'retry-seconds': 60 }, kind: 'rateLimited', serverMessage: 'retry in 60 seconds', sentence: /^Mailgun is rate limiting this API key until \d\d:\d\d:\d\d \(local time, in about 60 seconds\)\. Mailgun said: "retry in 60 seconds"\. Try again then\.$/ },
  { name: '429 without a wait', status: 429, body: { message: 'Too Many Requests' }, kind: 'rateLimited', serverMessage: 'Too Many Requests', sentence: /^Mailgun is limiting how fast requests can be made \(429\)\. Mailgun said: "Too Many Requests"\. Wait a minute and try again\.$/ },
];

describe('error shapes', () => {
  for (const c of cases) {
    test(`${c.name} → ${c.kind}`, async () => {
      fx.fake.control.fault({ method: 'GET', path: keyPath, status: c.status, body: c.body, contentType: c.contentType });
      const e = await failure(() => fx.us().signingKey.get());
      assert.equal(e.kind, c.kind);
      assert.equal(e.status, c.status);
      assert.equal(e.serverMessage, c.serverMessage);
      assert.match(e.userMessage, c.sentence);
      assert.equal(e.message, e.userMessage);
      assert.deepEqual([e.method, e.path, e.region], ['GET', keyPath, 'us']);
    });
  }

  test('a wrong key gets the recorded 401 text/plain and says to check the key', async () => {
    const e = await failure(() => fx.us({ apiKey: 'key-0000000000wrong' }).signingKey.get());
    assert.equal(e.kind, 'auth');
    assert.equal(e.serverMessage, 'Forbidden');
    assert.match(e.userMessage, /rejected the API key/);
    assert.equal(e.otherRegion, undefined);
  });

  test('a 401 on a domain-scoped call suggests the other region', async () => {
    fx.fake.control.fault({ method: 'GET', path: domainPath, status: 401, body: 'Forbidden', contentType: 'text/plain' });
    const e = await failure(() => fx.us().domains.get(domain));
    assert.equal(e.kind, 'auth');
    assert.equal(e.userMessage, `Mailgun refused access to ${domain} in the US region (401). If the domain is in the EU region, open it there; otherwise check that the API key is correct and still active.`);
    assert.deepEqual([e.domain, e.otherRegion], [domain, 'eu']);
    const eu = await failure(() => fx.eu().domains.get(DEMO_DOMAINS.us.newsletter));
    assert.match(eu.userMessage, /in the EU region.*look for it in the US region/);
  });

  test('a sending-only key is forbidden on management calls', async () => {
    const e = await failure(() => fx.us({ apiKey: DEMO_SENDING_KEY }).domains.list());
    assert.equal(e.kind, 'forbidden');
    assert.equal(e.status, 403);
  });

  test('200 "Mailgun Magnificent API" means the URL is wrong', async () => {
    fx.fake.control.fault({ method: 'GET', path: keyPath, status: 200, body: 'Mailgun Magnificent API', contentType: 'text/plain' });
    const e = await failure(() => fx.us().signingKey.get());
    assert.equal(e.kind, 'malformedResponse');
    assert.match(e.userMessage, /did not recognise the address GET \/v5\/accounts\/http_signing_key.*Check the API base URL/);
  });

  test('an nginx 404 page (base URL with an extra path) points at the base URL', async () => {
    const e = await failure(() => fx.us({ baseUrl: `${fx.fake.usUrl}mailgun/` }).domains.list());
    assert.equal(e.kind, 'notFound');
    assert.equal(e.serverMessage, '404 Not Found');
    assert.match(e.userMessage, /with a web page \(404\) instead of Mailgun's API\. Check the API base URL/);
  });

  test('a redirect is not followed, so the key is not sent elsewhere', async () => {
    fx.fake.control.fault({ method: 'GET', path: keyPath, status: 302, body: '', contentType: 'text/plain' });
    const e = await failure(() => fx.us().signingKey.get());
    assert.equal(e.kind, 'malformedResponse');
    assert.match(e.userMessage, /redirect/);
    assert.equal(fx.fake.control.requests().length, 1);
  });
});

describe('malformed responses', () => {
  test('truncated JSON is malformedResponse, not a crash', async () => {
    fx.fake.control.fault({ method: 'GET', path: '/v4/domains', malformedJson: true });
    const e = await failure(() => fx.us().domains.list());
    assert.equal(e.kind, 'malformedResponse');
    assert.equal(e.status, 200);
    assert.match(e.userMessage, /^Mailgun sent a response the extension does not understand \(GET \/v4\/domains: the JSON body is cut off or invalid\)/);
  });

  test('a schema mismatch names the field', async () => {
    fx.fake.control.fault({ method: 'GET', path: '/v4/domains', status: 200, body: { total_count: 1, items: [{ name: 'a.example.com', state: 'active', type: 'custom' }, { state: 'active' }] } });
    const e = await failure(() => fx.us().domains.list());
    assert.equal(e.kind, 'malformedResponse');
    assert.match(e.userMessage, /items\[1\]\.name: Invalid input: expected string, received undefined/);
    assert.match(e.detail ?? '', /→ at items\[1\]\.name/);
  });

  test('an empty 200 body where data is expected', async () => {
    fx.fake.control.fault({ method: 'GET', path: keyPath, status: 200, body: '', contentType: 'application/json' });
    const e = await failure(() => fx.us().signingKey.get());
    assert.equal(e.kind, 'malformedResponse');
    assert.match(e.userMessage, /body: /);
  });

  test('tolerated variations: items null, unknown fields and enum values, numeric codes', async () => {
    fx.fake.control.fault({ method: 'GET', path: '/v4/domains', status: 200, body: { total_count: 0, items: null }, times: 1 });
    assert.deepEqual((await fx.us().domains.list()).items, []);
    fx.fake.control.fault({ method: 'GET', path: '/v4/domains', status: 200, body: { total_count: 1, items: [{ name: 'a.example.com', state: 'inactive', type: 'dedicated', brand_new_field: { x: 1 } }] }, times: 1 });
    const [d] = (await fx.us().domains.list()).items;
    assert.equal(d.state, 'inactive');
    assert.deepEqual(d.brand_new_field, { x: 1 });
    fx.fake.control.fault({ method: 'GET', path: `/v3/${domain}/bounces/*`, status: 200, body: { address: 'a@example.com', code: 550, created_at: 'Thu, 26 Mar 2026 12:59:15 UTC' }, times: 1 });
    assert.equal((await fx.us().suppressions.bounces.get(domain, 'a@example.com')).code, '550');
  });
});

describe('readErrorBody', () => {
  test('reads every shape and never throws', () => {
    assert.deepEqual(readErrorBody('{"message":"boom"}'), { message: 'boom', retrySeconds: undefined });
    assert.equal(readErrorBody('"plain json string"').message, 'plain json string');
    assert.equal(readErrorBody('{"Description":"x"}').message, 'x');
    assert.equal(readErrorBody('{"error":"legacy"}').message, 'legacy');
    assert.equal(readErrorBody('{not json').message, '{not json');
    assert.equal(readErrorBody('<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>').message, 'Service Unavailable');
    assert.deepEqual(readErrorBody('   '), {});
    assert.deepEqual(readErrorBody('[]'), {});
    assert.equal(readErrorBody('x'.repeat(1000)).message?.length, 300);
  });
});

describe('client options', () => {
  test('a base URL with a version, credentials or a bad scheme is refused with a sentence', () => {
    assert.throws(() => createMailgunClient({ apiKey: 'key-x', baseUrl: 'https://api.mailgun.net/v3' }), /must not include an API version/);
    assert.throws(() => createMailgunClient({ apiKey: 'key-x', baseUrl: 'https://api:key-x@api.mailgun.net/' }), /must not contain a user name or password/);
    assert.throws(() => createMailgunClient({ apiKey: 'key-x', baseUrl: 'ftp://api.mailgun.net/' }), /must start with https/);
    assert.throws(() => createMailgunClient({ apiKey: 'key-SECRETSECRET', baseUrl: 'key-SECRETSECRET' }), (e: Error) => !e.message.includes('SECRETSECRET'));
    assert.throws(() => createMailgunClient({ apiKey: '' }), /API key is required/);
  });

  test('User-Agent carries the version; On-Behalf-Of is sent when set; Basic auth as api:key', async () => {
    await fx.us({ onBehalfOf: '646d00a1b32c35364a2ad34f' }).signingKey.get();
    const [req] = fx.fake.control.requests();
    assert.equal(req.headers['user-agent'], 'mailgun-vscode/9.9.9-test');
    assert.equal(req.headers['x-mailgun-on-behalf-of'], '646d00a1b32c35364a2ad34f');
    assert.equal(req.headers.authorization, undefined, 'the fake never logs the key');
    assert.equal(req.status, 200);
  });
});
