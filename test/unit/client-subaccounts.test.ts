// Subaccounts against the fake Mailgun: the /v5/accounts/subaccounts endpoints, and a client acting for a
// subaccount (X-Mailgun-On-Behalf-Of) that reaches only that subaccount's data.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isMailgunError } from '../../src/mailgun';
import { DEMO_DOMAINS, DEMO_SUBACCOUNTS } from '../fake-mailgun';
import { useFakeMailgun } from './client-fixture';

const fx = useFakeMailgun('demo');
const { bakery, cafe } = DEMO_SUBACCOUNTS;

describe('subaccounts API', () => {
  test('lists with skip/limit paging and the total; gets one', async () => {
    const client = fx.us();
    const first = await client.subaccounts.list({ limit: 1 });
    assert.equal(first.total, 2);
    assert.deepEqual(first.items.map((s) => s.name), [bakery.name]);
    const second = await client.subaccounts.list({ skip: 1, limit: 1 });
    assert.deepEqual(second.items.map((s) => [s.id, s.name, s.status]), [[cafe.id, cafe.name, 'open']]);
    assert.deepEqual((await client.subaccounts.listAll()).items.map((s) => s.id), [bakery.id, cafe.id]);
    assert.equal((await client.subaccounts.get(cafe.id)).name, cafe.name);
    const [listed] = fx.fake.control.requests({ path: '/v5/accounts/subaccounts' });
    assert.deepEqual(listed.query, { limit: '1' });
  });

  test('creates with the name as a query parameter; an unknown id is a 404', async () => {
    const client = fx.us();
    const created = await client.subaccounts.create('Delta Dental');
    assert.equal(created.status, 'open');
    assert.match(created.id, /^[0-9a-f]{24}$/);
    const [req] = fx.fake.control.requests({ method: 'POST', path: '/v5/accounts/subaccounts' });
    assert.deepEqual(req.query, { name: 'Delta Dental' });
    assert.equal((await client.subaccounts.list()).total, 3);
    await assert.rejects(client.subaccounts.get('000000000000000000000000'), (e) => isMailgunError(e) && e.kind === 'notFound');
  });

  test('disable, then disabling again is refused with Mailgun\'s message, then enable', async () => {
    const client = fx.us();
    assert.equal((await client.subaccounts.disable(cafe.id)).status, 'disabled');
    await assert.rejects(client.subaccounts.disable(cafe.id), (e) => isMailgunError(e) && e.status === 400 && /already disabled/.test(e.userMessage));
    assert.equal((await client.subaccounts.enable(cafe.id)).status, 'open');
  });
});

describe('a client acting for a subaccount', () => {
  test('sends X-Mailgun-On-Behalf-Of on every resource it calls', async () => {
    const sub = fx.us({ onBehalfOf: bakery.id });
    const d = bakery.us;
    await sub.domains.list();
    await sub.domains.get(d);
    await sub.tracking.get(d);
    await sub.domainWebhooks.list(d);
    await sub.accountWebhooks.list();
    await sub.suppressions.bounces.page(d);
    await sub.suppressions.unsubscribes.page(d);
    await sub.suppressions.complaints.page(d);
    await sub.suppressions.allowlist.page(d);
    await sub.suppressions.bounces.add(d, { address: 'one@example.com' });
    await sub.metrics.query({ metrics: ['accepted_count'], dimensions: ['time'], duration: '7d', resolution: 'day' });
    await sub.stats.total({ event: ['accepted'], duration: '7d' });
    await sub.logs.query({ duration: '1d' });
    await sub.alerts.list();
    await sub.signingKey.get();
    const requests = fx.fake.control.requests();
    assert.ok(requests.length >= 15);
    for (const r of requests) {
      assert.equal(r.headers['x-mailgun-on-behalf-of'], bakery.id, `${r.method} ${r.path}`);
      assert.ok(r.status! < 400, `${r.method} ${r.path} answered ${r.status}`);
    }
  });

  test('sees only its own domains; the parent sees only its own, or all with include_subaccounts', async () => {
    const parent = fx.us();
    const sub = fx.us({ onBehalfOf: bakery.id });
    const subNames = (await sub.domains.list()).items.map((d) => d.name);
    assert.deepEqual(subNames, [bakery.us]);
    assert.deepEqual((await fx.eu({ onBehalfOf: bakery.id }).domains.list()).items.map((d) => d.name), [bakery.eu]);
    const parentNames = (await parent.domains.list()).items.map((d) => d.name);
    assert.ok(parentNames.includes(DEMO_DOMAINS.us.main));
    assert.ok(!parentNames.includes(bakery.us) && !parentNames.includes(cafe.us));
    const all = (await parent.domains.list({ include_subaccounts: true })).items;
    assert.equal(all.find((d) => d.name === bakery.us)?.subaccount_id, bakery.id);
    assert.equal(all.find((d) => d.name === cafe.us)?.subaccount_id, cafe.id);
    assert.equal(all.find((d) => d.name === DEMO_DOMAINS.us.main)?.subaccount_id, undefined);
    await assert.rejects(parent.domains.get(bakery.us), (e) => isMailgunError(e) && e.kind === 'notFound');
  });

  test('a write lands only in that subaccount', async () => {
    const sub = fx.us({ onBehalfOf: bakery.id });
    await sub.suppressions.bounces.add(bakery.us, { address: 'only-bakery@example.com', error: 'test' });
    const inSub = fx.fake.control.records({ domain: bakery.us, list: 'bounces', subaccount: bakery.id }) as { address: string }[];
    assert.ok(inSub.some((r) => r.address === 'only-bakery@example.com'));
    await assert.rejects(fx.us({ onBehalfOf: cafe.id }).suppressions.bounces.get(bakery.us, 'only-bakery@example.com'), (e) => isMailgunError(e) && e.kind === 'notFound');
    for (const d of Object.values(DEMO_DOMAINS.us)) {
      const parentRecords = fx.fake.control.records({ domain: d, list: 'bounces' }) as { address: string }[];
      assert.ok(!parentRecords.some((r) => r.address === 'only-bakery@example.com'), d);
    }
  });

  test('a disabled or unknown subaccount is refused (403) with a sentence that says what to do', async () => {
    await fx.us().subaccounts.disable(cafe.id);
    for (const id of [cafe.id, '000000000000000000000000']) {
      await assert.rejects(fx.us({ onBehalfOf: id }).domains.list(), (e) => {
        assert.ok(isMailgunError(e));
        assert.equal(e.status, 403);
        assert.match(e.userMessage, new RegExp(`subaccount ${id} \\(403\\)`));
        assert.match(e.userMessage, /API access suspended: enable it with "Mailgun: Enable Subaccount"/);
        return true;
      });
    }
  });

  test('metrics by subaccount: one row per subaccount for the parent', async () => {
    const r = await fx.us().metrics.query({ metrics: ['accepted_count'], dimensions: ['subaccount'], duration: '7d', resolution: 'day', include_subaccounts: true });
    const rows = r.items.map((i) => [i.dimensions[0].value, i.dimensions[0].display_value]);
    assert.deepEqual(rows.sort(), [[bakery.id, bakery.name], [cafe.id, cafe.name]].sort());
    for (const i of r.items) assert.ok(Number(i.metrics.accepted_count) > 0);
    const own = await fx.us({ onBehalfOf: cafe.id }).metrics.query({ metrics: ['accepted_count'], dimensions: ['domain'], duration: '7d', resolution: 'day' });
    assert.deepEqual(own.items.map((i) => i.dimensions[0].value), [cafe.us]);
  });
});
