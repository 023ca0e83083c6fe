import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { traceRecipient, traceVerdict, type TraceRegionScope } from '../../src/mailgun';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { collect, useFakeMailgun } from './client-fixture';

const fx = useFakeMailgun('demo');
const ADDRESS = 'bounce=x@example.com';
const { main, newsletter, sandbox } = DEMO_DOMAINS.us;

async function usScope(): Promise<TraceRegionScope> {
  const client = fx.us();
  const domains = (await collect(client.domains.iterate())).map((d) => d.name);
  fx.fake.control.clearRequests();
  return { region: 'us', client, domains };
}

describe('recipient trace against the fake', () => {
  test('bounced on one domain, unsubscribed on another: one lookup per list and domain, one Logs query', async () => {
    const client = fx.us();
    await client.suppressions.bounces.add(main, { address: ADDRESS, code: 550, error: 'mailbox does not exist' });
    await client.suppressions.unsubscribes.add(newsletter, { address: ADDRESS, tags: ['promo'] });
    fx.fake.control.appendEvents({ domain: main, events: [{ event: 'failed', recipient: ADDRESS, severity: 'permanent' }] });
    fx.fake.control.appendEvents({ domain: newsletter, events: [{ event: 'delivered', recipient: 'someone-else@example.com' }] });
    const scope = await usScope();
    const seen: string[] = [];
    const result = await traceRecipient([scope], ADDRESS, { onDomain: (d) => seen.push(d.domain) });

    assert.deepEqual(new Set(seen), new Set(scope.domains));
    const byName = new Map(result.domains.map((d) => [d.domain, d]));
    const onMain = byName.get(main)!;
    assert.ok(onMain.ok);
    assert.equal(onMain.suppressions.bounce?.address, ADDRESS);
    assert.equal(onMain.suppressions.bounce?.error, 'mailbox does not exist');
    assert.equal(onMain.suppressions.unsubscribe, undefined);
    assert.deepEqual(onMain.events.map((e) => e.event), ['failed']);
    const onNews = byName.get(newsletter)!;
    assert.ok(onNews.ok);
    assert.deepEqual(onNews.suppressions.unsubscribe?.tags, ['promo']);
    assert.deepEqual(onNews.events, []);
    assert.match(traceVerdict(result).sentence, new RegExp(`^Suppressed: hard bounce on ${main.replace(/\./g, '\\.')} since .* \\(550 mailbox does not exist\\);.* Also suppressed on ${newsletter.replace(/\./g, '\\.')}\\.$`));

    const log = fx.fake.control.requests();
    const lookups = log.filter((r) => r.method === 'GET' && /^\/v3\/[^/]+\/(bounces|unsubscribes|complaints|whitelists)\/[^/]+$/.test(r.path));
    assert.equal(lookups.length, scope.domains.length * 5);
    assert.equal(log.filter((r) => r.path === '/v1/analytics/logs').length, 1);
    assert.deepEqual(log.filter((r) => /^\/v3\/[^/]+\/(bounces|unsubscribes|complaints|whitelists)$/.test(r.path)), [], 'no list is paged');
  });

  test('an allowlisted domain is found by the address’s domain and keeps a bounce from counting', async () => {
    const client = fx.us();
    await client.suppressions.bounces.add(main, { address: ADDRESS });
    await client.suppressions.allowlist.add(main, { domain: 'example.com' });
    const result = await traceRecipient([{ region: 'us', client, domains: [main], domain: main }], ADDRESS);
    const d = result.domains[0];
    assert.ok(d.ok);
    assert.equal(d.suppressions.allowlist?.value, 'example.com');
    assert.notEqual(traceVerdict(result).kind, 'suppressed');
  });

  test('a domain whose lookups fail (403) carries its error; the others still answer', async () => {
    const scope = await usScope();
    fx.fake.control.fault({ path: `/v3/${sandbox}/**`, status: 403, body: { message: 'Forbidden' } });
    const result = await traceRecipient([scope], ADDRESS);
    const failed = result.domains.filter((d) => !d.ok);
    assert.deepEqual(failed.map((d) => d.domain), [sandbox]);
    assert.ok(!failed[0].ok && /403|forbidden|refused/i.test(failed[0].error), failed[0].ok ? '' : failed[0].error);
    assert.ok(result.domains.filter((d) => d.ok).length === scope.domains.length - 1);
    assert.match(traceVerdict(result).sentence, /1 of \d+ domains could not be checked/);
  });

  test('a Logs failure leaves the suppression lookups standing and is said', async () => {
    const scope = await usScope();
    fx.fake.control.fault({ path: '/v1/analytics/logs', status: 500 });
    const result = await traceRecipient([scope], ADDRESS);
    assert.ok(result.domains.every((d) => d.ok));
    assert.ok(result.regions[0].error);
    assert.match(traceVerdict(result).sentence, /Events could not be read/);
  });

  test('an invalid address is refused before any request; a cancelled trace stops', async () => {
    const scope = await usScope();
    await assert.rejects(traceRecipient([scope], 'no-at-sign'), /no @/);
    assert.equal(fx.fake.control.requests().length, 0);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(traceRecipient([scope], ADDRESS, { signal: controller.signal }));
  });
});
