// The control API (JS handle and HTTP under /_fake/), every fault kind, the request log and the CLI.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { setImmediate } from 'node:timers/promises';
import { call, client } from '../fake-mailgun/contract/client';
import { DEMO_API_KEY, DEMO_DOMAINS, type FakeMailgun, startFakeMailgun } from '../fake-mailgun';

let fake: FakeMailgun;
let us: ReturnType<typeof client>;
const ctl = (method: string, path: string, json?: unknown) => call(fake.usUrl, method, `_fake/${path}`, { key: null, json });

before(async () => {
  fake = await startFakeMailgun({ seed: 'demo' });
  us = client(fake.usUrl);
});
beforeEach(() => {
  fake.control.clearFaults();
  fake.control.clearRequests();
  fake.control.reset('demo');
});
after(() => fake.close());

test('status fault with a JSON or text body and content type, limited to N times, then the real answer', async () => {
  fake.control.fault({ method: 'GET', path: '/v4/domains', status: 503, body: { message: 'maintenance' }, times: 2 });
  for (let i = 0; i < 2; i++) assert.deepEqual([(await us.get('v4/domains')).status, (await us.get('v3/stats/total?event=delivered')).status], [503, 200]);
  assert.equal((await us.get('v4/domains')).status, 200);
  fake.control.fault({ path: '/v3/*/bounces', status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' });
  const res = await us.get(`v3/${DEMO_DOMAINS.us.main}/bounces`);
  assert.deepEqual([res.status, res.contentType, res.text], [502, 'text/html', '<html>Bad Gateway</html>']);
  assert.equal((await us.post(`v3/${DEMO_DOMAINS.us.main}/bounces`, { form: { address: 'x@example.com' } })).status, 502, 'any method by default');
});

test('a malformed JSON fault keeps the real status and content type but cuts the body', async () => {
  fake.control.fault({ path: '/v4/domains/**', malformedJson: true });
  const res = await us.get(`v4/domains/${DEMO_DOMAINS.us.main}`);
  assert.equal(res.status, 200);
  assert.equal(res.contentType, 'application/json; charset=utf-8');
  assert.throws(() => res.json());
  assert.ok(res.text.startsWith('{"domain":{'));
});

test('an apply-then-fail fault lets the change happen, then answers with its status and body', async () => {
  const bounce = `v3/${DEMO_DOMAINS.us.main}/bounces`;
  const address = (await us.get(`${bounce}?limit=1`)).json<{ items: { address: string }[] }>().items[0].address;
  fake.control.fault({ method: 'DELETE', path: '/v3/*/bounces/*', applyThenStatus: 503, body: 'upstream failed', contentType: 'text/plain', times: 1 });
  const res = await us.del(`${bounce}/${encodeURIComponent(address)}`);
  assert.deepEqual([res.status, res.text], [503, 'upstream failed']);
  assert.equal((await us.get(`${bounce}/${encodeURIComponent(address)}`)).status, 404, 'the delete was applied');
  assert.equal((await ctl('POST', 'faults', { path: '/v4/domains', applyThenStatus: 99 })).status, 400);
  assert.equal((await ctl('POST', 'faults', { path: '/v4/domains', applyThenStatus: 500, status: 500 })).status, 400);
  assert.equal((await ctl('POST', 'faults', { path: '/v4/domains', applyThenStatus: 502 })).status, 200);
});

test('a dropped connection destroys the socket without an answer', async () => {
  fake.control.fault({ path: '/v4/domains', drop: true, times: 1 });
  await assert.rejects(us.get('v4/domains'));
  assert.equal((await us.get('v4/domains')).status, 200);
  const logged = fake.control.requests({ path: '/v4/domains' });
  assert.deepEqual(logged.map((r) => r.status), [undefined, 200]);
});

test('a delay fault holds the answer back while other requests are served', async () => {
  fake.control.fault({ path: '/v1/webhooks', delayMs: 400, region: 'us' });
  const order: string[] = [];
  const slow = us.get('v1/webhooks').then((r) => order.push(`slow ${r.status}`));
  while (fake.control.requests({ path: '/v1/webhooks', region: 'us' }).length === 0) await setImmediate(); // the slow one has arrived
  const fast = us.get('v4/domains').then((r) => order.push(`fast ${r.status}`));
  const eu = client(fake.euUrl).get('v1/webhooks').then((r) => order.push(`eu ${r.status}`));
  await Promise.all([slow, fast, eu]);
  assert.equal(order.at(-1), 'slow 200');
});

test('faults match a region and a method, and can be listed and removed', async () => {
  const id = fake.control.fault({ method: 'DELETE', path: '/v3/domains/*', region: 'eu', status: 500 });
  assert.equal((await client(fake.euUrl).del(`v3/domains/${DEMO_DOMAINS.eu.unverified}`)).status, 500);
  assert.equal((await client(fake.euUrl).get(`v4/domains/${DEMO_DOMAINS.eu.unverified}`)).status, 200);
  assert.equal((await us.del(`v3/domains/${DEMO_DOMAINS.us.unverified}`)).status, 200);
  assert.deepEqual(fake.control.faults().map((f) => [f.id, f.fired]), [[id, 1]]);
  assert.equal(fake.control.removeFault(id), true);
  assert.deepEqual(fake.control.faults(), []);
});

test('the request log: method, region, path, query and headers without the key; /_fake/ is not logged', async () => {
  await us.get(`v3/${DEMO_DOMAINS.us.main}/bounces?limit=2&term=a`, { headers: { 'x-trace': 't1' } });
  await client(fake.euUrl).post('v1/webhooks', { form: { url: 'https://a.example.com/x', event_types: 'delivered' } });
  await ctl('GET', 'requests');
  const log = fake.control.requests();
  assert.equal(log.length, 2);
  assert.deepEqual([log[0].method, log[0].region, log[0].path, log[0].query, log[0].status], ['GET', 'us', `/v3/${DEMO_DOMAINS.us.main}/bounces`, { limit: '2', term: 'a' }, 200]);
  assert.equal(log[0].headers['x-trace'], 't1');
  assert.equal(log[0].headers.authorization, undefined);
  assert.deepEqual([log[1].method, log[1].region], ['POST', 'eu']);
  const dump = JSON.stringify(log);
  assert.ok(!dump.includes(DEMO_API_KEY) && !dump.includes(Buffer.from(`api:${DEMO_API_KEY}`).toString('base64')));
  assert.equal(fake.control.requests({ method: 'post', region: 'eu', path: '/v1/**' }).length, 1);
  const overHttp = (await ctl('GET', 'requests?region=us&path=/v3/*/bounces')).json<{ requests: unknown[] }>();
  assert.equal(overHttp.requests.length, 1);
  assert.equal((await ctl('DELETE', 'requests')).status, 204);
  assert.deepEqual(fake.control.requests(), []);
});

test('control over HTTP: info, reset, keys, faults, rate limit, async lag, suppressions and events', async () => {
  const info = (await ctl('GET', '')).json();
  assert.deepEqual(info, { seed: 'demo', usUrl: fake.usUrl, euUrl: fake.euUrl, asyncLag: 1 });
  assert.deepEqual((await ctl('POST', 'reset', { seed: 'empty' })).json(), { seed: 'empty' });
  assert.deepEqual((await us.get('v4/domains')).json(), { total_count: 0, items: [] });
  assert.equal((await ctl('POST', 'reset', { seed: 'nope' })).status, 400);
  await ctl('POST', 'reset', { seed: 'demo' });

  const { id } = (await ctl('POST', 'keys', { key: 'key-http-added', kind: 'admin' })).json<{ id: string }>();
  assert.equal((await client(fake.euUrl, 'key-http-added').get('v4/domains')).headers.get('x-mailgun-key-id'), id);
  assert.deepEqual((await ctl('DELETE', 'keys', { key: 'key-http-added' })).json(), { removed: true });

  const fault = (await ctl('POST', 'faults', { path: '/v4/domains', status: 500, times: 1 })).json<{ id: string }>();
  assert.deepEqual((await ctl('GET', 'faults')).json<{ faults: { id: string }[] }>().faults.map((f) => f.id), [fault.id]);
  assert.equal((await ctl('DELETE', `faults/${fault.id}`)).status, 204);
  assert.equal((await ctl('POST', 'faults', { status: 500 })).status, 400);
  await ctl('POST', 'faults', { path: '/v4/**', status: 500 });
  assert.equal((await ctl('DELETE', 'faults')).status, 204);
  assert.equal((await us.get('v4/domains')).status, 200);

  assert.equal((await ctl('PUT', 'rate-limit', { limit: 2, windowMs: 60_000 })).status, 204);
  await us.get('v4/domains');
  await us.get(`v3/${DEMO_DOMAINS.us.main}/bounces`);
  const limited = await us.get(`v3/${DEMO_DOMAINS.us.main}/bounces`);
  assert.deepEqual([limited.status, limited.json()], [429, { message: 'Too Many Requests' }]);
  assert.deepEqual([limited.headers.get('x-request-limit'), limited.headers.get('x-request-remaining')], ['2', '0']);
  assert.equal(limited.headers.get('retry-after'), null, 'Mailgun sends no Retry-After');
  assert.equal((await ctl('DELETE', 'rate-limit')).status, 204);
  assert.equal((await us.get('v4/domains')).status, 200);

  assert.equal((await ctl('PUT', 'async-lag', { reads: 0 })).status, 204);
  await us.put(`v4/domains/${DEMO_DOMAINS.us.unverified}/verify`);
  assert.equal((await us.get(`v4/domains/${DEMO_DOMAINS.us.unverified}`)).json<{ domain: { state: string } }>().domain.state, 'active');

  const seeded = await ctl('POST', 'suppressions', { domain: DEMO_DOMAINS.us.sandbox, list: 'complaints', count: 30 });
  assert.deepEqual(seeded.json(), { size: 30 });
  assert.equal((await ctl('POST', 'suppressions', { domain: 'nope.example.com', list: 'complaints', count: 3 })).status, 400);

  assert.equal((await ctl('POST', 'events', { domain: DEMO_DOMAINS.us.unverified, time: new Date().toISOString(), counts: { accepted_outgoing: 7 } })).status, 204);
  const stats = (await us.get(`v3/${DEMO_DOMAINS.us.unverified}/stats/total?event=accepted&duration=1d`)).json<{ stats: { accepted: { total: number } }[] }>();
  assert.equal(stats.stats.at(-1)!.accepted.total, 7);
  assert.equal((await ctl('POST', 'events', { domain: DEMO_DOMAINS.us.unverified, time: 0, counts: { nope: 1 } })).status, 400);
  assert.equal((await ctl('GET', 'nothing')).status, 404);
});

test('control over HTTP: a sandbox recipient put invited or activated, as the auth_recipients API then lists it', async () => {
  assert.equal((await ctl('PUT', 'sandbox-recipients', { email: 'ana@example.com', activated: false })).status, 200);
  assert.deepEqual((await ctl('PUT', 'sandbox-recipients', { email: 'ANA@example.com', activated: true })).json(), { size: 1 });
  assert.deepEqual((await us.get('v5/sandbox/auth_recipients')).json(), { recipients: [{ email: 'ana@example.com', activated: true }] });
  assert.equal((await ctl('PUT', 'sandbox-recipients', { email: 'nobody', activated: true })).status, 400);
  assert.equal((await ctl('PUT', 'sandbox-recipients', { email: 'bob@example.com' })).status, 400);
});

test('npm run fake: prints both base URLs and the demo key, serves, stops on a signal', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../fake-mailgun/cli.ts'), '--seed', 'empty'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Ctrl-C')) resolve();
      });
      child.on('exit', () => reject(new Error(`cli exited early: ${out}`)));
    });
    const usUrl = /US base URL:\s+(\S+)/.exec(out)![1];
    assert.match(/EU base URL:\s+(\S+)/.exec(out)![1], /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.ok(out.includes(DEMO_API_KEY));
    assert.deepEqual((await call(usUrl, 'GET', 'v4/domains')).json(), { total_count: 0, items: [] });
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0);
});
