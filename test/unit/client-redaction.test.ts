import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';
import { MailgunError } from '../../src/mailgun';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { useFakeMailgun } from './client-fixture';

const fx = useFakeMailgun('demo');
const CANARY = 'key-CANARY-4f1c9e7a2b5d8c3e6f0a1b2c';
const forms = [CANARY, Buffer.from(`api:${CANARY}`).toString('base64'), 'CANARY-4f1c9e7a'];
const domain = DEMO_DOMAINS.us.main;

function assertClean(label: string, text: string): void {
  for (const secret of forms) assert.ok(!text.includes(secret), `${label} leaks the key: ${text.slice(0, 400)}`);
}

/** Every way an error gets printed or serialised. */
function assertErrorClean(e: unknown): void {
  assert.ok(e instanceof MailgunError);
  assertClean('message', e.message);
  assertClean('stack', e.stack ?? '');
  assertClean('String()', String(e));
  assertClean('JSON.stringify', JSON.stringify(e));
  assertClean('util.inspect', inspect(e));
  assertClean('util.inspect (showHidden, depth ∞)', inspect(e, { showHidden: true, depth: Infinity }));
  assertClean('own property values', inspect(Object.getOwnPropertyNames(e).map((k) => (e as unknown as Record<string, unknown>)[k]), { depth: Infinity }));
  for (const hidden of ['request', 'options', 'response', 'cause']) assert.equal((e as unknown as Record<string, unknown>)[hidden], undefined, hidden);
}

async function caught(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  assert.fail('expected a failure');
}

describe('the API key never leaks', () => {
  test('in errors of every kind, and in the log', async () => {
    fx.fake.control.addKey(CANARY);
    const client = fx.us({ apiKey: CANARY, retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    // Only the timeout case has a short attempt timeout: on a busy machine an ordinary reply can take 100 ms.
    const impatient = fx.us({ apiKey: CANARY, timeoutMs: 100, retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    const errors: unknown[] = [];
    // A server that echoes the credentials back in its error body.
    fx.fake.control.fault({ method: 'GET', path: '/v4/domains', status: 400, body: { message: `bad key ${CANARY} / Basic ${forms[1]}` }, times: 1 });
    errors.push(await caught(() => client.domains.list()));
    fx.fake.control.fault({ method: 'GET', path: '/v4/domains', status: 500, body: `<html><title>${CANARY}</title></html>`, contentType: 'text/html', times: 2 });
    errors.push(await caught(() => client.domains.list()));
    fx.fake.control.fault({ method: 'GET', path: '/v4/domains', status: 200, body: { total_count: CANARY, items: [] }, times: 1 });
    errors.push(await caught(() => client.domains.list()));
    fx.fake.control.fault({ method: 'GET', path: '/v4/domains', delayMs: 1_000, status: 503, times: 2 });
    errors.push(await caught(() => impatient.domains.list()));
    fx.fake.control.fault({ method: 'GET', path: '/v4/domains', drop: true, times: 2 });
    errors.push(await caught(() => client.domains.list()));
    errors.push(await caught(() => client.domains.list({}, { signal: AbortSignal.abort() })));
    errors.push(await caught(() => client.suppressions.bounces.get(domain, CANARY)));
    errors.push(await caught(() => fx.us({ apiKey: `${CANARY}-wrong` }).domains.list()));
    const closedPort = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    errors.push(await caught(() => fx.us({ apiKey: CANARY, baseUrl: `http://127.0.0.1:${closedPort}/` }).domains.list()));

    assert.deepEqual(
      errors.map((e) => (e as MailgunError).kind),
      ['validation', 'server', 'malformedResponse', 'timeout', 'network', 'cancelled', 'notFound', 'auth', 'network'],
    );
    errors.forEach(assertErrorClean);
    assert.match((errors[0] as MailgunError).serverMessage ?? '', /bad key \[redacted\] \/ Basic \[redacted\]/);
    assert.ok(fx.lines.length >= errors.length);
    fx.lines.forEach((line) => assertClean('log line', line));
  });

  test('a key in a paging URL or base URL is not echoed', async () => {
    fx.fake.control.addKey(CANARY);
    const client = fx.us({ apiKey: CANARY });
    const e = await caught(() => client.suppressions.bounces.page(domain, { pageUrl: `http://api:${CANARY}@127.0.0.1:1/v3/${domain}/nothing?x=${CANARY}` }));
    assertErrorClean(e);
    fx.lines.forEach((line) => assertClean('log line', line));
  });
});
