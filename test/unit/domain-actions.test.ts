import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeRecord, recordsAsZone, verificationReport } from '../../src/mailgun/dns-report';
import { pollUntil } from '../../src/mailgun/poll';
import type { DnsRecord, DomainDetail } from '../../src/mailgun';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { useFakeMailgun } from './client-fixture';

const f = useFakeMailgun('demo');

function detail(state: string, sending: DnsRecord[], receiving: DnsRecord[] = []): DomainDetail {
  return { domain: { name: 'mg.example.com', state, type: 'custom' }, sending_dns_records: sending, receiving_dns_records: receiving };
}

describe('recordsAsZone', () => {
  test('writes the records of a new domain as zone-file lines, sending first', async () => {
    const created = await f.us().domains.create({ name: 'mg.zone-test.com', dkim_key_size: 2048 });
    const zone = recordsAsZone('mg.zone-test.com', created);
    const lines = zone.trimEnd().split('\n');
    assert.equal(lines[0], '; DNS records Mailgun asks for mg.zone-test.com');
    assert.match(zone, /^mg\.zone-test\.com\.\s+IN\s+TXT\s+"v=spf1 include:mailgun\.org ~all"$/m);
    assert.match(zone, /^email\.mg\.zone-test\.com\.\s+IN\s+CNAME\s+mailgun\.org\.$/m);
    assert.match(zone, /^mg\.zone-test\.com\.\s+IN\s+MX\s+10 mxb\.mailgun\.org\.$/m);
    assert.ok(lines.findIndex((l) => l.includes(' MX ')) > lines.findIndex((l) => l.includes(' CNAME ')), 'receiving after sending');
    // Columns line up, so the text reads as a table.
    const types = lines.filter((l) => !l.startsWith(';')).map((l) => l.search(/ (TXT|CNAME|MX) /));
    assert.equal(new Set(types).size, 1);
  });

  test('splits a TXT value longer than 255 characters into quoted strings, and escapes quotes', async () => {
    const created = await f.us().domains.create({ name: 'long-dkim.example.com', dkim_key_size: 2048 });
    const dkim = created.sending_dns_records.find((r) => r.name?.includes('._domainkey.'))!;
    assert.ok(dkim.value!.length > 255, 'a 2048-bit key is longer than one DNS string');
    const zone = recordsAsZone('long-dkim.example.com', created);
    const line = zone.split('\n').find((l) => l.startsWith('smtp._domainkey.'))!;
    const strings = [...line.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
    assert.ok(strings.length >= 2);
    assert.ok(strings.every((s) => s.length <= 255));
    assert.equal(strings.join(''), dkim.value);

    const quoted = recordsAsZone('mg.example.com', detail('active', [{ record_type: 'TXT', name: 'mg.example.com', value: 'a "b" \\c' }]));
    assert.match(quoted, /"a \\"b\\" \\\\c"$/m);
  });
});

describe('verificationReport', () => {
  test('an unverified domain whose DNS is missing: the records not found, by role', async () => {
    const client = f.us();
    await client.domains.verify(DEMO_DOMAINS.us.unconfigured);
    const after = await client.domains.get(DEMO_DOMAINS.us.unconfigured);
    const r = verificationReport(after, 20);
    assert.equal(r.severity, 'warning');
    assert.equal(r.recordsMissing, true);
    assert.match(r.message, /^new\.acme-demo\.dev is still unverified after 20 seconds of checking\. Records not found yet: /);
    assert.match(r.message, /TXT mx\._domainkey\.new\.acme-demo\.dev \(DKIM\), TXT new\.acme-demo\.dev \(SPF\), CNAME email\.new\.acme-demo\.dev \(tracking\), MX new\.acme-demo\.dev → mxa\.mailgun\.org and MX new\.acme-demo\.dev → mxb\.mailgun\.org\./);
    assert.match(r.message, /then run Verify DNS again\.$/);
  });

  test('an active domain with wrong MX records can send; the sentence says only receiving needs fixing', async () => {
    const r = verificationReport(await f.us().domains.get(DEMO_DOMAINS.us.newsletter), 0);
    assert.equal(r.severity, 'warning');
    assert.match(r.message, /^news\.acme-demo\.com is verified\. It can send; to receive mail for it, fix the MX records \(wrong value: MX news\.acme-demo\.com → mxa\.mailgun\.org and MX news\.acme-demo\.com → mxb\.mailgun\.org\)\.$/);
  });

  test('verified, disabled, and unverified with nothing checked yet', async () => {
    const main = verificationReport(await f.us().domains.get(DEMO_DOMAINS.us.main), 3);
    assert.deepEqual(main, { severity: 'info', message: 'mg.acme-demo.com is verified: all 5 DNS records are in place.', recordsMissing: false });
    const disabled = verificationReport(await f.us().domains.get(DEMO_DOMAINS.us.disabled), 3);
    assert.match(disabled.message, /is disabled, so Mailgun does not verify it/);
    const pending = verificationReport(detail('unverified', [{ record_type: 'TXT', name: 'mg.example.com', value: 'v=spf1', valid: 'valid' }]), 0);
    assert.match(pending.message, /^mg\.example\.com is still unverified; Mailgun has not finished checking/);
    assert.equal(pending.recordsMissing, false);
  });

  test('describeRecord names the role of each record', () => {
    assert.equal(describeRecord('d.com', { record_type: 'TXT', name: 'k1._domainkey.d.com', value: 'k=rsa; p=x' }), 'TXT k1._domainkey.d.com (DKIM)');
    assert.equal(describeRecord('d.com', { record_type: 'TXT', name: 'd.com', value: 'v=spf1 include:mailgun.org ~all' }), 'TXT d.com (SPF)');
    assert.equal(describeRecord('d.com', { record_type: 'CNAME', name: 'email.d.com', value: 'mailgun.org' }), 'CNAME email.d.com (tracking)');
    assert.equal(describeRecord('d.com', { record_type: 'MX', value: 'mxa.mailgun.org', priority: '10' }), 'MX d.com → mxa.mailgun.org');
    assert.equal(describeRecord('d.com', { record_type: 'A', name: 'x.d.com', value: '1.2.3.4' }), 'A x.d.com');
  });
});

describe('pollUntil', () => {
  test('reads until done against the fake: a verified domain turns active on the second read', async () => {
    const client = f.us();
    const started = await client.domains.verify(DEMO_DOMAINS.us.unverified);
    assert.equal(started.domain.state, 'unverified');
    const attempts: string[] = [];
    const result = await pollUntil(started, () => client.domains.get(DEMO_DOMAINS.us.unverified), (d) => d.domain.state !== 'unverified', {
      delaysMs: [5, 5, 5, 5],
      onAttempt: (n, of) => attempts.push(`${n}/${of}`),
    });
    assert.equal(result.settled, true);
    assert.equal(result.reads, 2);
    assert.equal(result.waitedMs, 10);
    assert.deepEqual(attempts, ['1/4', '2/4']);
    assert.equal(result.value.domain.state, 'active');
  });

  test('gives up after the last delay, returning the last value unsettled', async () => {
    let reads = 0;
    const result = await pollUntil(0, () => Promise.resolve(++reads), () => false, { delaysMs: [1, 1, 1] });
    assert.deepEqual(result, { value: 3, settled: false, reads: 3, waitedMs: 3 });
  });

  test('does not read at all when the first value is already done', async () => {
    const result = await pollUntil('active', () => Promise.reject(new Error('no read expected')), (s) => s === 'active', { delaysMs: [1] });
    assert.deepEqual(result, { value: 'active', settled: true, reads: 0, waitedMs: 0 });
  });

  test('a cancel during a wait stops at once with an AbortError', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(
      pollUntil(0, () => Promise.resolve(1), () => false, { delaysMs: [10_000], signal: controller.signal }),
      (err: Error) => err.name === 'AbortError',
    );
    assert.ok(Date.now() - started < 5_000);
    await assert.rejects(pollUntil(0, () => Promise.resolve(1), () => false, { delaysMs: [5], signal: controller.signal }), { name: 'AbortError' }, 'an aborted signal stops before waiting');
  });
});
