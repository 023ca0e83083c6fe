import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { trackingHostOf, type MailgunError } from '../../src/mailgun';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { collect, useFakeMailgun } from './client-fixture';

const fx = useFakeMailgun('demo');
const { us, eu } = DEMO_DOMAINS;

describe('domains', () => {
  test('list pages by skip/limit with total_count; iterate walks them all', async () => {
    const domains = fx.us().domains;
    const first = await domains.list({ limit: 2 });
    assert.equal(first.items.length, 2);
    assert.ok(first.totalCount >= 6);
    const second = await domains.list({ skip: 2, limit: 2 });
    assert.notDeepEqual(second.items.map((d) => d.name), first.items.map((d) => d.name));
    fx.fake.control.clearRequests();
    const all = await collect(domains.iterate({ limit: 2 }));
    assert.equal(all.length, first.totalCount);
    assert.ok(all.some((d) => d.name === us.sandbox && d.type === 'sandbox'));
    const skips = fx.fake.control.requests({ path: '/v4/domains' }).map((r) => r.query.skip);
    assert.deepEqual(skips, Array.from({ length: Math.ceil(first.totalCount / 2) }, (_, i) => String(i * 2)));
  });

  test('list passes search, state and sort through', async () => {
    const active = await fx.us().domains.list({ state: 'active', sort: 'name:asc' });
    assert.ok(active.items.length > 0 && active.items.every((d) => d.state === 'active'));
    assert.deepEqual(active.items.map((d) => d.name), [...active.items.map((d) => d.name)].sort());
    const found = await fx.us().domains.list({ search: 'staging' });
    assert.deepEqual(found.items.map((d) => d.name), [us.unverified]);
  });

  test('each region lists only its own domains', async () => {
    const euNames = (await collect(fx.eu().domains.iterate())).map((d) => d.name);
    assert.ok(euNames.includes(eu.main));
    assert.ok(!euNames.includes(us.main));
  });

  test('get returns the domain with its DNS records', async () => {
    const detail = await fx.us().domains.get(us.main);
    assert.equal(detail.domain.name, us.main);
    assert.ok(detail.sending_dns_records.some((r) => r.record_type === 'TXT'));
    assert.ok(detail.receiving_dns_records.every((r) => r.record_type === 'MX'));
  });

  test('create, update, verify and delete', async () => {
    const domains = fx.us().domains;
    const created = await domains.create({ name: 'brand-new.example.com', spam_action: 'tag', wildcard: true, web_scheme: 'https', dkim_key_size: 2048 });
    assert.equal(created.message, 'Domain DNS records have been created');
    assert.equal(created.domain.state, 'unverified');
    assert.equal(created.domain.wildcard, true);
    const form = fx.fake.control.requests({ method: 'POST', path: '/v4/domains' })[0];
    assert.match(String(form.headers['content-type']), /^application\/x-www-form-urlencoded/);
    const updated = await domains.update('brand-new.example.com', { spam_action: 'block', require_tls: true });
    assert.equal(updated.domain.spam_action, 'block');
    assert.equal(updated.domain.require_tls, true);
    const verified = await domains.verify('brand-new.example.com');
    assert.equal(verified.domain.name, 'brand-new.example.com');
    assert.equal((await domains.delete('brand-new.example.com')).message, 'Domain will be deleted in the background');
  });

  test('create reports Mailgun\'s reason for a bad or duplicate domain', async () => {
    await assert.rejects(fx.us().domains.create({ name: us.main }), (e: MailgunError) => {
      assert.equal(e.kind, 'validation');
      assert.match(e.serverMessage ?? '', /already exists/);
      assert.match(e.userMessage, /^Mailgun refused the request \(400\)\. Mailgun said: "Domain .* already exists"\. Correct the value and try again\.$/);
      return true;
    });
    await assert.rejects(fx.us().domains.create({ name: 'x.example.com', smtp_password: 'abc' }), { kind: 'validation', serverMessage: 'Password is too short. It must be between 5 and 32 characters.' });
  });

  test('a sandbox domain cannot be deleted', async () => {
    await assert.rejects(fx.us().domains.delete(us.sandbox), { kind: 'validation', serverMessage: 'Sandbox domain can not be deleted' });
  });

  test('a domain of the other region: the sentence suggests that region', async () => {
    await assert.rejects(fx.us().domains.get(eu.main), (e: MailgunError) => {
      assert.ok(e.kind === 'notFound' || e.kind === 'auth', e.kind);
      assert.equal(e.region, 'us');
      assert.match(e.userMessage, /EU region/);
      assert.equal(e.otherRegion, 'eu');
      assert.equal(e.path, `/v4/domains/${eu.main}`);
      return true;
    });
  });
});

describe('tracking', () => {
  test('get reads click htmlonly and the rest as booleans', async () => {
    const t = await fx.us().tracking.get(us.main);
    assert.equal(t.click.active, 'htmlonly');
    assert.equal(typeof t.open.active, 'boolean');
    assert.equal(typeof t.unsubscribe.active, 'boolean');
  });

  test('set click / open / unsubscribe send yes/no forms', async () => {
    const tracking = fx.us().tracking;
    await tracking.setClick(us.newsletter, true);
    await tracking.setOpen(us.newsletter, { active: false, place_at_the_top: true });
    await tracking.setUnsubscribe(us.newsletter, { active: true, html_footer: '<p>bye</p>', text_footer: 'bye' });
    const t = await tracking.get(us.newsletter);
    assert.equal(t.click.active, true);
    assert.deepEqual({ active: t.open.active, top: t.open.place_at_the_top }, { active: false, top: true });
    assert.equal(t.unsubscribe.active, true);
    assert.equal(t.unsubscribe.html_footer, '<p>bye</p>');
    await tracking.setClick(us.newsletter, 'htmlonly');
    assert.equal((await tracking.get(us.newsletter)).click.active, 'htmlonly');
    const puts = fx.fake.control.requests({ method: 'PUT', path: `/v3/domains/${us.newsletter}/tracking/*` });
    assert.equal(puts.length, 4);
  });

  test('HTTPS through web_scheme', async () => {
    const res = await fx.us().tracking.setHttps(us.newsletter, true);
    assert.equal(res.domain.web_scheme, 'https');
    assert.equal((await fx.us().tracking.get(us.newsletter)).web_scheme, 'https');
    assert.equal((await fx.us().tracking.setHttps(us.newsletter, false)).domain.web_scheme, 'http');
  });

  test('certificate status: active, expired, none requested yet', async () => {
    const usMain = (await fx.us().domains.get(us.main)).domain;
    assert.equal((await fx.us().tracking.certificateStatus(trackingHostOf(usMain))).status, 'active');
    const euMain = (await fx.eu().domains.get(eu.main)).domain;
    assert.equal((await fx.eu().tracking.certificateStatus(trackingHostOf(euMain))).status, 'expired');
    const news = (await fx.us().domains.get(us.newsletter)).domain;
    assert.equal((await fx.us().tracking.certificateStatus(trackingHostOf(news))).status, 'none');
  });

  test('certificate generation: 202, then processing, then a 409 on a second request', async () => {
    const news = (await fx.us().domains.get(us.newsletter)).domain;
    const host = trackingHostOf(news);
    const started = await fx.us().tracking.generateCertificate(host);
    assert.equal(started.message, 'Initiated x509 key pair generation');
    assert.equal((await fx.us().tracking.certificateStatus(host)).status, 'processing');
    await assert.rejects(fx.us().tracking.generateCertificate(host), { kind: 'conflict', status: 409 });
  });

  test('a 429 "already in progress" from the certificate endpoint is a conflict, not retried', async () => {
    const shop = (await fx.eu().domains.get(eu.shop)).domain;
    fx.fake.control.clearRequests();
    await assert.rejects(fx.eu().tracking.regenerateCertificate(trackingHostOf(shop)), (e: MailgunError) => {
      assert.equal(e.kind, 'conflict');
      assert.equal(e.status, 429);
      assert.match(e.userMessage, /already generating this certificate/);
      return true;
    });
    assert.equal(fx.fake.control.requests({ method: 'PUT' }).length, 1);
  });

  test('regenerating an expired certificate starts a new job', async () => {
    const euMain = (await fx.eu().domains.get(eu.main)).domain;
    const res = await fx.eu().tracking.regenerateCertificate(trackingHostOf(euMain));
    assert.equal(res.message, 'Initiated x509 key pair generation');
  });
});
