import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, test } from 'node:test';
import { backoffMs, DEFAULT_RETRY, serverWaitMs } from '../../src/mailgun/retry';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { collect, failure, useFakeMailgun } from './client-fixture';

const fx = useFakeMailgun('demo');
const domain = DEMO_DOMAINS.us.main;
const keyPath = '/v5/accounts/http_signing_key';

const count = (method: string, path: string) => fx.fake.control.requests({ method, path }).length;

/** Resolves once the fake has logged `n` requests (no timing involved). */
async function requestsLogged(n: number): Promise<void> {
  while (fx.fake.control.requests().length < n) await new Promise((r) => setImmediate(r));
}

describe('retries', () => {
  test('GET: 5xx is retried with backoff and then succeeds; the log line counts the retries', async () => {
    fx.fake.control.fault({ method: 'GET', path: keyPath, status: 503, body: { message: 'busy' }, times: 2 });
    assert.match(await fx.us().signingKey.get(), /\S/);
    assert.equal(count('GET', keyPath), 3);
    const lines = fx.lines.filter((l) => l.startsWith('info:') || l.startsWith('warn:'));
    assert.equal(lines.length, 1, 'one line per request');
    assert.match(lines[0], /^info: US GET \/v5\/accounts\/http_signing_key → 200 in \d+ ms, 2 retries$/);
    assert.equal(fx.lines.filter((l) => l.startsWith('trace:')).length, 2);
  });

  test('GET: gives up after the retry limit with the last error', async () => {
    fx.fake.control.fault({ method: 'GET', path: keyPath, status: 500, body: { message: 'boom' } });
    const e = await failure(() => fx.us({ retry: { limit: 3, baseDelayMs: 1, maxDelayMs: 5 } }).signingKey.get());
    assert.equal(e.kind, 'server');
    assert.equal(count('GET', keyPath), 4);
    assert.match(fx.lines.at(-1) ?? '', /^warn: US GET \/v5\/accounts\/http_signing_key → 500 server in \d+ ms, 3 retries$/);
  });

  test('PUT and DELETE (idempotent) are retried on 5xx', async () => {
    fx.fake.control.fault({ method: 'PUT', path: `/v4/domains/${domain}`, status: 502, body: 'bad gateway', times: 1 });
    await fx.us().domains.update(domain, { spam_action: 'tag' });
    assert.equal(count('PUT', `/v4/domains/${domain}`), 2);
  });

  test('POST is never retried silently', async () => {
    fx.fake.control.fault({ method: 'POST', path: '/v4/domains', status: 503, body: { message: 'busy' }, times: 1 });
    const e = await failure(() => fx.us().domains.create({ name: 'retry.example.com' }));
    assert.equal(e.kind, 'server');
    assert.equal(count('POST', '/v4/domains'), 1);
  });

  test('429 waits until X-Request-Reset (epoch ms) and then succeeds', async () => {
    fx.fake.control.setRateLimit({ limit: 1, windowMs: 150 });
    // With a 1 ms backoff the retry would land inside the same window and fail again:
    // success shows the wait came from the reset header.
    const client = fx.us({ retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 5_000 } });
    await client.signingKey.get();
    await client.signingKey.get();
    const statuses = fx.fake.control.requests({ path: keyPath }).map((r) => r.status);
    assert.deepEqual(statuses, [200, 429, 200]);
  });

  test('429 honours Retry-After over the reset headers', async () => {
    // Retry-After: 0 against an X-Request-Reset an hour away: only Retry-After lets the retry happen at once.
    fx.fake.control.fault({ method: 'GET', path: keyPath, status: 429, body: { message: 'Too Many Requests' }, headers: { 'Retry-After': '0', 'X-Request-Reset': String(Date.now() + 3_600_000) }, times: 1 });
    assert.match(await fx.us({ totalTimeoutMs: 5_000, retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 30_000 } }).signingKey.get(), /\S/);
    assert.deepEqual(fx.fake.control.requests({ path: keyPath }).map((r) => r.status), [429, 200]);
  });

  test('429 on POST is not retried and says how long to wait', async () => {
    fx.fake.control.setRateLimit({ limit: 0, windowMs: 60_000 });
    const e = await failure(() => fx.us().signingKey.rotate());
    assert.equal(e.kind, 'rateLimited');
    assert.ok(e.retryAfterMs !== undefined && e.retryAfterMs > 50_000 && e.retryAfterMs <= 60_000, String(e.retryAfterMs));
    assert.match(e.userMessage, /until \d\d:\d\d:\d\d \(local time, in about 60 seconds\)\..* Try again then\.$/);
    assert.equal(count('POST', keyPath), 1);
  });

  test('a server-requested wait longer than the whole budget fails at once as rateLimited', async () => {
    fx.fake.control.fault({ method: 'GET', path: keyPath, status: 429, body: { 'retry-seconds': 3600 } });
    const e = await failure(() => fx.us({ totalTimeoutMs: 2_000, retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 30_000 } }).signingKey.get());
    assert.equal(e.kind, 'rateLimited');
    assert.equal(e.retryAfterMs, 3_600_000);
    assert.match(e.userMessage, /\(local time, in about 60 minutes\)/);
    assert.equal(count('GET', keyPath), 1);
  });
});

describe('rate limits: the server\'s wait is honoured in full, or the call fails at once', () => {
  const inTwoMinutes = () => Date.now() + 120_000;
  // Headers are made when the test runs: absolute times made at load would be stale by then.
  const longer: Array<{ name: string; headers?: () => Record<string, string>; body?: unknown }> = [
    { name: 'Retry-After: 120', headers: () => ({ 'Retry-After': '120' }) },
    { name: 'Retry-After as an HTTP date', headers: () => ({ 'Retry-After': new Date(inTwoMinutes()).toUTCString() }) },
    { name: 'X-Request-Reset two minutes away (epoch ms)', headers: () => ({ 'X-Request-Reset': String(inTwoMinutes()) }) },
    { name: 'X-RateLimit-Reset two minutes away (epoch ms)', headers: () => ({ 'X-RateLimit-Reset': String(inTwoMinutes()) }) },
    { name: 'a retry-seconds body of 120', body: { 'retry-seconds': 120 } },
  ];
  for (const c of longer) {
    test(`${c.name}, beyond the 30 s cap: one request, then "rate limited until" the reset`, async () => {
      const before = Date.now();
      fx.fake.control.fault({ method: 'GET', path: keyPath, status: 429, body: c.body ?? { message: 'Too Many Requests' }, headers: c.headers?.() });
      const e = await failure(() => fx.us({ retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 30_000 } }).signingKey.get());
      assert.equal(count('GET', keyPath), 1, 'no wasted requests');
      assert.equal(e.kind, 'rateLimited');
      assert.ok(e.retryAt instanceof Date);
      const at = e.retryAt.getTime();
      assert.ok(at >= before + 118_000 && at <= Date.now() + 120_000, `${e.retryAt.toISOString()} is about two minutes away`);
      assert.ok(e.retryAfterMs !== undefined && e.retryAfterMs > 118_000 && e.retryAfterMs <= 120_000, String(e.retryAfterMs));
      const clock = e.retryAt.toTimeString().slice(0, 8);
      assert.match(e.userMessage, new RegExp(`^Mailgun is rate limiting this API key until ${clock} \\(local time, in about 2 minutes\\)\\.`));
      assert.match(e.userMessage, / Try again then\.$/);
      assert.match(fx.lines.at(-1) ?? '', /^warn: US GET \/v5\/accounts\/http_signing_key → 429 rateLimited \(Mailgun asks to wait 1[12]\d s, more than this call may wait\) in \d+ ms$/);
    });
  }

  test('a wait within the cap is waited in full, not cut to the backoff cap', async () => {
    // The window ends one second after the first request; a retry any earlier would get another 429.
    fx.fake.control.setRateLimit({ limit: 1, windowMs: 1_000 });
    fx.fake.control.fault({ method: 'GET', path: keyPath, headers: { 'Retry-After': '1' } });
    const client = fx.us({ retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 2_000 } });
    await client.signingKey.get();
    await client.signingKey.get();
    assert.deepEqual(fx.fake.control.requests({ path: keyPath }).map((r) => r.status), [200, 429, 200]);
    assert.ok(fx.lines.some((l) => /^trace: US GET \/v5\/accounts\/http_signing_key → 429 rateLimited; retry 1 in 1000 ms, as Mailgun asked$/.test(l)), fx.lines.join('\n'));
  });

  test('a wait within the cap but past the call\'s deadline fails at once', async () => {
    fx.fake.control.fault({ method: 'GET', path: keyPath, status: 429, headers: { 'Retry-After': '20' } });
    const e = await failure(() => fx.us({ totalTimeoutMs: 5_000, retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 30_000 } }).signingKey.get());
    assert.equal(e.kind, 'rateLimited');
    assert.equal(count('GET', keyPath), 1);
    assert.match(e.userMessage, /until \d\d:\d\d:\d\d \(local time, in about 20 seconds\)/);
  });

  test('a 429 without any wait backs off as before', async () => {
    fx.fake.control.fault({ method: 'GET', path: keyPath, status: 429, body: { message: 'Too Many Requests' }, times: 2 });
    assert.match(await fx.us().signingKey.get(), /\S/);
    assert.equal(count('GET', keyPath), 3);
  });
});

describe('timeouts', () => {
  test('a slow attempt times out and a GET is retried', async () => {
    fx.fake.control.fault({ method: 'GET', path: keyPath, delayMs: 2_000, status: 503, times: 1 });
    assert.match(await fx.us({ timeoutMs: 100 }).signingKey.get(), /\S/);
    assert.equal(count('GET', keyPath), 2);
  });

  test('every attempt too slow: a timeout error after the retries', async () => {
    fx.fake.control.fault({ method: 'GET', path: keyPath, delayMs: 2_000, status: 503 });
    const e = await failure(() => fx.us({ timeoutMs: 80, retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 1 } }).signingKey.get());
    assert.equal(e.kind, 'timeout');
    assert.match(e.userMessage, /^Mailgun did not answer within 1 second \(GET \/v5\/accounts\/http_signing_key\)\. Check the connection/);
    assert.equal(count('GET', keyPath), 2);
  });

  test('a body that stalls half-way counts against the attempt timeout', async () => {
    fx.fake.control.fault({ method: 'GET', path: '/v4/domains', stallBodyMs: 2_000, times: 1 });
    const e = await failure(() => fx.us({ timeoutMs: 150, retry: { limit: 0 } }).domains.list());
    assert.equal(e.kind, 'timeout');
    assert.equal(fx.fake.control.requests({ path: '/v4/domains' })[0].status, 200, 'the status line had arrived');
  });

  test('a stalled body times out even when the fetch in use ignores the abort once the headers are in', async () => {
    // VS Code's extension host wraps fetch (proxy support); a body stalled there kept being read past the timeout.
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      return realFetch(request.url, { method: request.method, headers: request.headers });
    };
    try {
      fx.fake.control.fault({ method: 'GET', path: '/v4/domains', stallBodyMs: 2_000, times: 1 });
      const e = await failure(() => fx.us({ timeoutMs: 150, retry: { limit: 0 } }).domains.list());
      assert.equal(e.kind, 'timeout');
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  test('a slow POST times out once, without a retry', async () => {
    fx.fake.control.fault({ method: 'POST', path: keyPath, delayMs: 2_000, status: 503 });
    const e = await failure(() => fx.us({ timeoutMs: 80 }).signingKey.rotate());
    assert.equal(e.kind, 'timeout');
    assert.equal(count('POST', keyPath), 1);
  });

  test('the total timeout bounds retries and waits', async () => {
    fx.fake.control.fault({ method: 'GET', path: keyPath, delayMs: 2_000, status: 503 });
    const e = await failure(() => fx.us({ timeoutMs: 100, totalTimeoutMs: 150, retry: { limit: 10, baseDelayMs: 1, maxDelayMs: 1 } }).signingKey.get());
    assert.equal(e.kind, 'timeout');
    assert.ok(count('GET', keyPath) <= 3, String(count('GET', keyPath)));
  });
});

describe('cancellation', () => {
  test('a signal aborted before the call: cancelled, nothing sent', async () => {
    const e = await failure(() => fx.us().domains.list({}, { signal: AbortSignal.abort() }));
    assert.equal(e.kind, 'cancelled');
    assert.equal(fx.fake.control.requests().length, 0);
  });

  test('aborting a pending request rejects with cancelled', async () => {
    fx.fake.control.fault({ method: 'GET', path: keyPath, delayMs: 5_000, status: 503 });
    const controller = new AbortController();
    const pending = fx.us().signingKey.get({ signal: controller.signal });
    await requestsLogged(1);
    controller.abort();
    const e = await failure(() => pending);
    assert.equal(e.kind, 'cancelled');
    assert.equal(e.userMessage, 'The request to Mailgun was cancelled (GET /v5/accounts/http_signing_key).');
    assert.equal(count('GET', keyPath), 1);
  });

  test('aborting during a retry wait stops at once', async () => {
    fx.fake.control.fault({ method: 'GET', path: keyPath, status: 503, body: { message: 'busy' } });
    const controller = new AbortController();
    const pending = fx.us({ retry: { limit: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 } }).signingKey.get({ signal: controller.signal });
    await requestsLogged(1);
    while (!fx.lines.some((l) => l.startsWith('trace:'))) await new Promise((r) => setImmediate(r));
    controller.abort();
    assert.equal((await failure(() => pending)).kind, 'cancelled');
    assert.equal(count('GET', keyPath), 1);
  });

  test('aborting an iteration stops the walk', async () => {
    fx.fake.control.seedList({ domain, list: 'bounces', count: 3000, prefix: 'cancel' });
    const controller = new AbortController();
    let seen = 0;
    const e = await failure(async () => {
      for await (const _ of fx.us().suppressions.bounces.iterate(domain, { limit: 100 }, { signal: controller.signal })) {
        if (++seen === 150) controller.abort();
      }
    });
    assert.equal(e.kind, 'cancelled');
    assert.equal(seen, 200);
    // The third page may have been requested ahead while the second was consumed; none after it.
    assert.ok(count('GET', `/v3/${domain}/bounces`) <= 3);
  });
});

describe('network failures', () => {
  test('a dropped connection on GET is retried', async () => {
    fx.fake.control.fault({ method: 'GET', path: keyPath, drop: true, times: 1 });
    assert.match(await fx.us().signingKey.get(), /\S/);
    assert.equal(count('GET', keyPath), 2);
  });

  test('a dropped connection on POST or DELETE is reported, not repeated', async () => {
    fx.fake.control.fault({ method: 'DELETE', path: `/v3/${domain}/bounces`, drop: true });
    const e = await failure(() => fx.us().suppressions.bounces.clear(domain));
    assert.equal(e.kind, 'network');
    assert.equal(count('DELETE', `/v3/${domain}/bounces`), 1);
  });

  test('connection refused: a network error naming the host', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const e = await failure(() => fx.us({ baseUrl: `http://127.0.0.1:${port}/` }).domains.list());
    assert.equal(e.kind, 'network');
    assert.equal(e.userMessage, `Could not reach Mailgun at 127.0.0.1:${port} (connection refused). Check the internet connection and proxy settings, then try again.`);
    assert.equal(e.status, undefined);
  });
});

describe('retry timing (pure)', () => {
  const headers = (h: Record<string, string>) => new Headers(h);
  const now = 1_774_529_900_000;

  test('Retry-After in seconds or as an HTTP date wins', () => {
    assert.equal(serverWaitMs(headers({ 'retry-after': '7', 'x-request-reset': String(now + 60_000) }), undefined, now), 7_000);
    assert.equal(serverWaitMs(headers({ 'retry-after': new Date(now + 12_000).toUTCString() }), undefined, now), 12_000);
  });

  test('X-Request-Reset / X-RateLimit-Reset: epoch ms above 1e12, epoch seconds, or a count of seconds', () => {
    assert.equal(serverWaitMs(headers({ 'x-request-reset': String(now + 4_500) }), undefined, now), 4_500);
    assert.equal(serverWaitMs(headers({ 'x-ratelimit-reset': String(now + 2_000) }), undefined, now), 2_000);
    assert.equal(serverWaitMs(headers({ 'x-ratelimit-reset': String((now + 3_000) / 1000) }), undefined, now), 3_000);
    assert.equal(serverWaitMs(headers({ 'x-ratelimit-reset': '30' }), undefined, now), 30_000);
    assert.equal(serverWaitMs(headers({ 'x-request-reset': String(now - 10) }), undefined, now), 0);
  });

  test('then the body\'s retry-seconds, else nothing', () => {
    assert.equal(serverWaitMs(headers({}), 60, now), 60_000);
    assert.equal(serverWaitMs(headers({ 'retry-after': 'soon' }), undefined, now), undefined);
  });

  test('backoff doubles with jitter between half and all of the step, capped', () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1_000 };
    assert.equal(backoffMs(policy, 1, () => 0), 50);
    assert.equal(backoffMs(policy, 1, () => 1), 100);
    assert.equal(backoffMs(policy, 3, () => 1), 400);
    assert.equal(backoffMs(policy, 10, () => 1), 1_000);
  });
});

test('iteration over all domains survives a 5xx in the middle', async () => {
  fx.fake.control.fault({ method: 'GET', path: '/v4/domains', status: 500, body: { message: 'oops' }, times: 1 });
  assert.ok((await collect(fx.us().domains.iterate({ limit: 2 }))).length >= 6);
});
