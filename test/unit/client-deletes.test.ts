// A delete that Mailgun applied but answered with a 5xx is retried; the retry's 404 means it went through.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { failure, useFakeMailgun } from './client-fixture';

const fx = useFakeMailgun('demo');
const domain = DEMO_DOMAINS.us.main;

/** The first matching DELETE is applied by the fake, then answered 503: the client sees a failure. */
function applyThenFail(path: string): void {
  fx.fake.control.fault({ method: 'DELETE', path, applyThenStatus: 503, body: { message: 'Service Unavailable' }, times: 1 });
}

const statuses = (path: string) => fx.fake.control.requests({ method: 'DELETE', path }).map((r) => r.status);

/** The log says the retry's 404 was taken as the first attempt having gone through. */
function assertLoggedAsApplied(): void {
  assert.ok(
    fx.lines.some((l) => /^info: US DELETE .* → 404 on the retry: the first attempt went through in \d+ ms, 1 retry$/.test(l)),
    fx.lines.join('\n'),
  );
}

async function firstAddress(list: 'bounces' | 'unsubscribes' | 'complaints' | 'allowlist'): Promise<string> {
  const page = await fx.us().suppressions[list].page(domain, { limit: 1 });
  const item = page.items[0] as { address?: string; value?: string };
  return item.address ?? item.value!;
}

describe('a delete applied by Mailgun but answered 5xx', () => {
  test('domain: the retry\'s 404 "domain not found" is success, not "look in the EU region"', async () => {
    fx.fake.control.setAsyncLag(0);
    const name = DEMO_DOMAINS.us.unverified;
    applyThenFail(`/v3/domains/${name}`);
    await fx.us().domains.delete(name);
    assert.deepEqual(statuses(`/v3/domains/${name}`), [503, 404]);
    assert.equal((await failure(() => fx.us().domains.get(name))).kind, 'notFound', 'the domain is gone');
    assertLoggedAsApplied();
  });

  for (const list of ['bounces', 'unsubscribes', 'complaints', 'allowlist'] as const) {
    test(`${list} entry`, async () => {
      const segment = list === 'allowlist' ? 'whitelists' : list;
      const address = await firstAddress(list);
      applyThenFail(`/v3/${domain}/${segment}/*`);
      await fx.us().suppressions[list].delete(domain, address);
      assert.deepEqual(statuses(`/v3/${domain}/${segment}/*`), [503, 404]);
      assert.equal((await failure(() => fx.us().suppressions[list].get(domain, address))).kind, 'notFound');
      assertLoggedAsApplied();
    });
  }

  test('clear all: the retry empties an already empty list', async () => {
    applyThenFail(`/v3/${domain}/bounces`);
    await fx.us().suppressions.bounces.clear(domain);
    assert.equal(statuses(`/v3/${domain}/bounces`).length, 2);
    assert.equal((await fx.us().suppressions.bounces.page(domain)).items.length, 0);
  });

  test('one tag of an unsubscribe', async () => {
    const address = 'tagged@example.com';
    await fx.us().suppressions.unsubscribes.add(domain, { address, tags: ['news', 'promo'] });
    applyThenFail(`/v3/${domain}/unsubscribes/*`);
    await fx.us().suppressions.unsubscribes.deleteTag(domain, address, 'news');
    assert.deepEqual(statuses(`/v3/${domain}/unsubscribes/*`), [503, 404]);
    assert.deepEqual((await fx.us().suppressions.unsubscribes.get(domain, address)).tags, ['promo']);
    assertLoggedAsApplied();
  });

  test('account webhook: one, several, all', async () => {
    const hooks = fx.us().accountWebhooks;
    const [first, second] = await hooks.list();
    applyThenFail(`/v1/webhooks/${first.webhook_id}`);
    await hooks.delete(first.webhook_id);
    assert.deepEqual(statuses(`/v1/webhooks/${first.webhook_id}`), [503, 404]);

    applyThenFail('/v1/webhooks');
    await hooks.deleteMany([second.webhook_id]);
    assert.deepEqual(statuses('/v1/webhooks'), [503, 404]);

    const id = await hooks.create({ url: 'https://hooks.example.com/all', event_types: ['delivered'] });
    assert.ok(id);
    fx.fake.control.clearRequests();
    applyThenFail('/v1/webhooks');
    await hooks.deleteAll();
    assert.deepEqual(statuses('/v1/webhooks'), [503, 404]);
    assert.deepEqual(await hooks.list(), []);
  });

  test('domain webhooks of one event type: the URLs it removed are unknown, so none are claimed', async () => {
    const hooks = fx.us().domainWebhooks;
    applyThenFail(`/v3/domains/${DEMO_DOMAINS.us.newsletter}/webhooks/delivered`);
    const removed = await hooks.deleteEventType(DEMO_DOMAINS.us.newsletter, 'delivered');
    assert.deepEqual(statuses(`/v3/domains/${DEMO_DOMAINS.us.newsletter}/webhooks/delivered`), [503, 404]);
    assert.deepEqual(removed, []);
    assertLoggedAsApplied();
    assert.equal((await hooks.list(DEMO_DOMAINS.us.newsletter)).delivered, undefined);
  });
});

describe('a 404 that is not the echo of an applied delete stays an error', () => {
  test('a 404 on the first attempt', async () => {
    const e = await failure(() => fx.us().suppressions.bounces.delete(domain, 'nobody@example.com'));
    assert.equal(e.kind, 'notFound');
  });

  test('a 404 after a 429 (the first attempt was refused, not applied)', async () => {
    fx.fake.control.fault({ method: 'DELETE', path: `/v3/${domain}/bounces/*`, status: 429, headers: { 'Retry-After': '0' }, times: 1 });
    const e = await failure(() => fx.us().suppressions.bounces.delete(domain, 'nobody@example.com'));
    assert.equal(e.kind, 'notFound');
    assert.deepEqual(statuses(`/v3/${domain}/bounces/*`), [429, 404]);
  });

  test('a GET answered 404 after a 5xx', async () => {
    fx.fake.control.fault({ method: 'GET', path: `/v3/${domain}/bounces/*`, status: 503, times: 1 });
    assert.equal((await failure(() => fx.us().suppressions.bounces.get(domain, 'nobody@example.com'))).kind, 'notFound');
  });
});
