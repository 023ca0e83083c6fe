import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { WEBHOOK_EVENT_TYPES } from '../../src/mailgun';
import { mailgunWouldSay, postWebhook, type WebhookDeliveryError } from '../../src/webhooks/delivery';
import { SAMPLE_TAG, sampleEventData, testWebhookPayload } from '../../src/webhooks/sample-event';
import { computeSignature, describeAge, parseSignatureInput, signWebhook, verifyWebhookSignature } from '../../src/webhooks/signature';

const KEY = 'key-3ac7b8f1e2d94a5c6b7e8f9a0b1c2d3e';
const hmac = (key: string, text: string) => createHmac('sha256', key).update(text).digest('hex');

describe('webhook signatures', () => {
  test('the signature is hex HMAC-SHA256 of timestamp + token with the signing key', () => {
    assert.equal(computeSignature(KEY, '1529006854', 'a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0'), hmac(KEY, '1529006854a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0'));
  });

  test('signWebhook uses the time in seconds and a 50-character token, fresh each time', () => {
    const now = Date.UTC(2026, 2, 26, 12, 0, 0);
    const a = signWebhook(KEY, now);
    const b = signWebhook(KEY, now);
    assert.equal(a.timestamp, String(now / 1000));
    assert.match(a.token, /^[0-9a-f]{50}$/);
    assert.notEqual(a.token, b.token);
    assert.equal(a.signature, hmac(KEY, a.timestamp + a.token));
  });

  test('verify: valid, invalid (other key, altered token, malformed hex), stale and future', () => {
    const now = Math.floor(Date.now() / 1000) * 1000;
    const sig = signWebhook(KEY, now);
    assert.equal(verifyWebhookSignature(KEY, sig, { now }).verdict, 'valid');
    assert.equal(verifyWebhookSignature(KEY, { ...sig, signature: sig.signature.toUpperCase() }, { now }).verdict, 'valid');
    assert.equal(verifyWebhookSignature('key-other', sig, { now }).verdict, 'invalid');
    assert.equal(verifyWebhookSignature(KEY, { ...sig, token: `${sig.token}x` }, { now }).verdict, 'invalid');
    assert.equal(verifyWebhookSignature(KEY, { ...sig, signature: 'zz' }, { now }).verdict, 'invalid');
    assert.equal(verifyWebhookSignature(KEY, { ...sig, signature: sig.signature.slice(0, 62) }, { now }).verdict, 'invalid');
    const old = verifyWebhookSignature(KEY, sig, { now: now + 301_000 });
    assert.equal(old.verdict, 'stale');
    assert.equal(old.ageSeconds, 301);
    assert.equal(verifyWebhookSignature(KEY, sig, { now: now - 400_000 }).verdict, 'stale');
    assert.equal(verifyWebhookSignature(KEY, sig, { now: now + 301_000, maxAgeSeconds: 600 }).verdict, 'valid');
  });

  test('a stale signature that does not match is invalid, not stale', () => {
    const sig = signWebhook(KEY, Date.now() - 86_400_000);
    assert.equal(verifyWebhookSignature('key-other', sig).verdict, 'invalid');
  });

  test('the timestamp is hashed as received', () => {
    const sig = { timestamp: '01529006854', token: 't'.repeat(50), signature: hmac(KEY, `01529006854${'t'.repeat(50)}`) };
    assert.notEqual(verifyWebhookSignature(KEY, sig).verdict, 'invalid');
    assert.equal(verifyWebhookSignature(KEY, { ...sig, timestamp: '1529006854' }).verdict, 'invalid');
  });

  test('parse: the JSON payload, the signature object, legacy form fields, three values', () => {
    const sig = signWebhook(KEY);
    const payload = JSON.stringify({ signature: sig, 'event-data': { event: 'opened' } }, null, 2);
    assert.deepEqual(parseSignatureInput(payload), { ok: true, signature: sig, event: 'opened' });
    assert.deepEqual(parseSignatureInput(payload.replace(/\n/g, ' ')), { ok: true, signature: sig, event: 'opened' });
    assert.deepEqual(parseSignatureInput(JSON.stringify(sig)), { ok: true, signature: sig, event: undefined });
    assert.deepEqual(parseSignatureInput(JSON.stringify({ ...sig, timestamp: Number(sig.timestamp) })), { ok: true, signature: sig, event: undefined });
    const form = new URLSearchParams({ ...sig, event: 'delivered' }).toString();
    assert.deepEqual(parseSignatureInput(form), { ok: true, signature: sig, event: 'delivered' });
    assert.deepEqual(parseSignatureInput(`  ${sig.timestamp}\n${sig.token}  ${sig.signature} `), { ok: true, signature: sig });
    assert.deepEqual(parseSignatureInput(`${sig.timestamp},${sig.token},${sig.signature}`), { ok: true, signature: sig });
  });

  test('parse: problems say what is wrong', () => {
    const bad = (text: string) => {
      const r = parseSignatureInput(text);
      assert.equal(r.ok, false);
      return r.ok ? '' : r.problem;
    };
    assert.match(bad(''), /Paste the JSON body/);
    assert.match(bad('{"signature": '), /not valid JSON/);
    assert.match(bad('{"signature": {"timestamp": "1", "token": "x"}}'), /no signature\b/);
    assert.match(bad('{"event-data": {}}'), /no timestamp, token, signature/);
    assert.match(bad('a b'), /Expected 3 values, found 2/);
    assert.match(bad('abc def ghi'), /"abc", is not a timestamp/);
    assert.match(bad('[1,2,3]'), /Paste the JSON body/);
  });

  test('describeAge', () => {
    assert.equal(describeAge(1), '1 second');
    assert.equal(describeAge(-301), '5 minutes');
    assert.equal(describeAge(3600), '1 hour');
    assert.equal(describeAge(3 * 3600), '3 hours');
    assert.equal(describeAge(3 * 86400), '3 days');
  });
});

describe('sample webhook events', () => {
  const now = Date.UTC(2026, 2, 26, 12, 0, 0);

  test('every event type gets a payload shaped like Mailgun\'s, signed with the key', () => {
    for (const type of WEBHOOK_EVENT_TYPES) {
      const payload = testWebhookPayload(type, KEY, { domain: 'mg.example.com', now });
      const data = payload['event-data'];
      assert.equal(verifyWebhookSignature(KEY, payload.signature, { now }).verdict, 'valid', type);
      assert.equal(data.timestamp, now / 1000);
      assert.match(String(data.id), /^[\w-]{22}$/);
      assert.equal(data.recipient, 'alice@example.com');
      assert.deepEqual(data.tags, [SAMPLE_TAG]);
      const headers = (data.message as { headers: Record<string, string> }).headers;
      assert.match(headers['message-id'], /@mg\.example\.com$/);
      const expectedEvent = type.endsWith('_fail') ? 'failed' : type;
      assert.equal(data.event, expectedEvent, type);
    }
  });

  test('failures carry severity, reason and an SMTP status; clicks a URL; opens client info', () => {
    const perm = sampleEventData('permanent_fail', { domain: 'd.example.com', now });
    assert.equal(perm.severity, 'permanent');
    assert.equal((perm['delivery-status'] as { code: number }).code, 550);
    const temp = sampleEventData('temporary_fail', { domain: 'd.example.com', now });
    assert.equal(temp.severity, 'temporary');
    assert.equal((temp['delivery-status'] as { code: number }).code, 452);
    assert.equal(sampleEventData('clicked', { domain: 'd.example.com', now }).url, 'https://example.com/welcome');
    assert.ok(sampleEventData('opened', { domain: 'd.example.com', now })['client-info']);
    assert.equal(sampleEventData('delivered', { domain: 'd.example.com', now })['delivery-status'] !== undefined, true);
  });

  test('legacy names map to today\'s events; unknown names keep the common fields', () => {
    assert.equal(sampleEventData('deliver', { domain: 'd.example.com' }).event, 'delivered');
    assert.equal(sampleEventData('spam', { domain: 'd.example.com' }).event, 'complained');
    assert.equal(sampleEventData('drop', { domain: 'd.example.com' }).reason, 'suppress-bounce');
    assert.equal(sampleEventData('something_new', { domain: 'd.example.com' }).event, 'something_new');
  });
});

describe('posting a test event', () => {
  let server: Server;
  let base: string;
  const received: Array<{ headers: IncomingMessage['headers']; body: string; path: string }> = [];
  const handlers: Record<string, (res: ServerResponse) => void> = {
    '/ok': (res) => res.end('thanks'),
    '/reject': (res) => {
      res.statusCode = 406;
      res.end('no\n\n  thanks');
    },
    '/big': (res) => res.end('x'.repeat(200_000)),
    '/redirect': (res) => {
      res.writeHead(302, { location: '/ok' });
      res.end();
    },
    '/slow': () => undefined,
  };

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body, path: req.url ?? '' });
        (handlers[req.url ?? ''] ?? ((r: ServerResponse) => r.end()))(res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const payload = () => testWebhookPayload('delivered', KEY, { domain: 'mg.example.com' });

  test('POSTs JSON with no credentials and reports status and body', async () => {
    const p = payload();
    const result = await postWebhook(`${base}/ok`, p, { timeoutMs: 5000, userAgent: 'mailgun-vscode-test' });
    assert.equal(result.status, 200);
    assert.equal(result.body, 'thanks');
    assert.equal(result.truncated, false);
    const got = received.at(-1)!;
    assert.equal(got.headers['content-type'], 'application/json');
    assert.equal(got.headers.authorization, undefined);
    assert.equal(got.headers['user-agent'], 'mailgun-vscode-test');
    assert.deepEqual(JSON.parse(got.body), p);
  });

  test('a 406 body is shown on one line; a long body is cut', async () => {
    const rejected = await postWebhook(`${base}/reject`, payload(), { timeoutMs: 5000 });
    assert.equal(rejected.status, 406);
    assert.equal(rejected.body, 'no thanks');
    const big = await postWebhook(`${base}/big`, payload(), { timeoutMs: 5000 });
    assert.equal(big.body.length, 300);
    assert.equal(big.truncated, true);
  });

  test('a redirect is reported, not followed', async () => {
    const before = received.length;
    const result = await postWebhook(`${base}/redirect`, payload(), { timeoutMs: 5000 });
    assert.equal(result.status, 302);
    assert.equal(received.length, before + 1);
  });

  test('timeout, cancellation and refused connections are errors with a sentence', async () => {
    await assert.rejects(postWebhook(`${base}/slow`, payload(), { timeoutMs: 200 }), (e: WebhookDeliveryError) => e.reason === 'timeout' && /did not answer within/.test(e.message));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(postWebhook(`${base}/slow`, payload(), { timeoutMs: 5000, signal: controller.signal }), (e: WebhookDeliveryError) => e.reason === 'cancelled');
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await assert.rejects(postWebhook(`http://127.0.0.1:${port}/`, payload(), { timeoutMs: 5000 }), (e: WebhookDeliveryError) => e.reason === 'network' && /refused/.test(e.message));
  });

  test('what Mailgun would make of a status', () => {
    assert.match(mailgunWouldSay(200), /delivered/);
    assert.match(mailgunWouldSay(406), /not retry/);
    assert.match(mailgunWouldSay(500), /retry/);
    assert.match(mailgunWouldSay(301), /redirects to/);
  });
});
