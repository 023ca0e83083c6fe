import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkDomainDns, type DnsCheck, type RecordCheck } from '../../src/dns/dns-check';
import { dnsCheckReport, dnsCheckSummary, sendingRecordsInPlace, verifyWithLiveCheck } from '../../src/dns/dns-check-report';
import type { VerificationReport } from '../../src/mailgun/dns-report';
import { resolverLookups } from '../../src/dns/lookup';
import { mergeSpf, missingIncludes } from '../../src/dns/spf';
import { TestDnsServer, type Zone } from '../fake-dns/server';
import { correctRecords, DKIM, mailgunRecords, strings, zoneWith } from '../fake-dns/zones';

const DOMAIN = 'mg.example.com';
let resolver: TestDnsServer;
let authoritative: TestDnsServer;

before(async () => {
  resolver = await TestDnsServer.start();
  authoritative = await TestDnsServer.start();
});
after(async () => {
  await resolver.close();
  await authoritative.close();
});

/** Checks DOMAIN with `zone` served by the test resolver (and `authZone` by the zone's name server). */
async function check(zone: Zone, authZone: Zone = zone): Promise<DnsCheck> {
  resolver.zone = zone;
  authoritative.zone = authZone;
  return checkDomainDns(DOMAIN, mailgunRecords(DOMAIN), {
    lookups: resolverLookups({ servers: [resolver.address], timeoutMs: 300, tries: 1 }),
    lookupsAt: (servers) => resolverLookups({ servers: servers.map((ip) => `${ip}:${authoritative.port}`), timeoutMs: 300, tries: 1 }),
  });
}

const by = (result: DnsCheck, role: RecordCheck['role']): RecordCheck => {
  const found = result.records.find((r) => r.role === role);
  assert.ok(found, `a ${role} record was checked`);
  return found;
};

const correct = (): Zone => zoneWith(DOMAIN, correctRecords(DOMAIN));

describe('live DNS check', () => {
  test('every record published right is found, the DKIM value longer than one DNS string included', async () => {
    const result = await check(correct());
    assert.deepEqual(result.records.map((r) => `${r.role} ${r.status}`), ['DKIM found', 'SPF found', 'tracking found', 'MX found', 'MX found']);
    assert.equal(result.zoneProblem, undefined);
    assert.match(dnsCheckSummary(result), /^3 of 3 sending records of mg\.example\.com are published correctly \(looked up with 127\.0\.0\.1:\d+\)\.$/);
    assert.match(dnsCheckReport(result, new Date(0)), /✓ found {2}TXT smtp\._domainkey\.mg\.example\.com \(DKIM\)/);
  });

  test('nothing published: each record missing, with the record to add', async () => {
    const result = await check(zoneWith(DOMAIN, {}));
    assert.deepEqual(result.records.map((r) => r.status), ['missing', 'missing', 'missing', 'missing', 'missing']);
    assert.equal(by(result, 'SPF').fix, 'Add a TXT record at mg.example.com with the value v=spf1 include:mailgun.org ~all.');
    assert.match(by(result, 'MX').fix ?? '', /^Only if Mailgun should receive mail/);
    assert.match(dnsCheckSummary(result), /^0 of 3 sending records .* 3 missing/);
  });

  test('the host typed with the domain appended twice is named, with the host to type', async () => {
    const records = correctRecords(DOMAIN);
    const zone = zoneWith(DOMAIN, { ...records, [`smtp._domainkey.${DOMAIN}.example.com`]: records[`smtp._domainkey.${DOMAIN}`] });
    delete zone[`smtp._domainkey.${DOMAIN}`];
    const dkim = by(await check(zone), 'DKIM');
    assert.equal(dkim.status, 'missing');
    assert.match(dkim.problem, /is at smtp\._domainkey\.mg\.example\.com\.example\.com: your DNS host appended example\.com/);
    assert.match(dkim.fix ?? '', /Rename the record's host to "smtp\._domainkey\.mg"/);
  });

  test('two SPF records: only one may exist, and the merged one to publish is shown', async () => {
    const records = correctRecords(DOMAIN);
    records[DOMAIN].TXT = [['v=spf1 include:_spf.google.com ~all'], ['v=spf1 include:mailgun.org -all']];
    const spf = by(await check(zoneWith(DOMAIN, records)), 'SPF');
    assert.equal(spf.status, 'differs');
    assert.match(spf.problem, /has 2 SPF records; only one may exist/);
    assert.equal(spf.fix, 'Delete them all and publish this one TXT record instead: v=spf1 include:_spf.google.com include:mailgun.org ~all');
  });

  test('an SPF record without include:mailgun.org gets the corrected record', async () => {
    const records = correctRecords(DOMAIN);
    records[DOMAIN].TXT = [['v=spf1 ip4:192.0.2.1 -all'], ['google-site-verification=abc']];
    const spf = by(await check(zoneWith(DOMAIN, records)), 'SPF');
    assert.equal(spf.status, 'differs');
    assert.match(spf.problem, /lacks include:mailgun\.org/);
    assert.equal(spf.fix, 'Change the TXT record to: v=spf1 ip4:192.0.2.1 include:mailgun.org -all');
  });

  test('a DKIM value cut at 255 characters is named', async () => {
    const records = correctRecords(DOMAIN);
    records[`smtp._domainkey.${DOMAIN}`].TXT = [[DKIM.slice(0, 255)]];
    const dkim = by(await check(zoneWith(DOMAIN, records)), 'DKIM');
    assert.equal(dkim.status, 'differs');
    assert.match(dkim.problem, new RegExp(`stops after 255 of ${DKIM.length} characters: it was cut at 255 characters`));
  });

  test('a DKIM value split into two records is named', async () => {
    const records = correctRecords(DOMAIN);
    records[`smtp._domainkey.${DOMAIN}`].TXT = strings(DKIM).map((s) => [s]);
    const dkim = by(await check(zoneWith(DOMAIN, records)), 'DKIM');
    assert.equal(dkim.status, 'differs');
    assert.match(dkim.problem, /split into 2 separate TXT records/);
    assert.match(dkim.fix ?? '', /^Delete them\. Publish one TXT record/);
  });

  test('a DKIM value wrapped in extra quotes is named', async () => {
    const records = correctRecords(DOMAIN);
    records[`smtp._domainkey.${DOMAIN}`].TXT = [strings(`"${DKIM.slice(0, 200)}" "${DKIM.slice(200)}"`)];
    const dkim = by(await check(zoneWith(DOMAIN, records)), 'DKIM');
    assert.equal(dkim.status, 'differs');
    assert.match(dkim.problem, /wrapped in extra quotation marks/);
    assert.match(dkim.fix ?? '', /without quotation marks/);
  });

  test('a tracking host behind a proxy (A records instead of the CNAME) is named', async () => {
    const records = correctRecords(DOMAIN);
    records[`email.${DOMAIN}`] = { A: ['104.16.0.1', '104.16.0.2'] };
    const tracking = by(await check(zoneWith(DOMAIN, records)), 'tracking');
    assert.equal(tracking.status, 'differs');
    assert.deepEqual(tracking.found, ['A 104.16.0.1', 'A 104.16.0.2']);
    assert.match(tracking.problem, /a proxy such as a CDN \(Cloudflare's orange cloud\)/);
    assert.match(tracking.fix ?? '', /"DNS only", the grey cloud/);
  });

  test('MX records of another provider on the domain are named, and said to be optional', async () => {
    const records = correctRecords(DOMAIN);
    records[DOMAIN].MX = [{ priority: 1, exchange: 'aspmx.l.google.com' }];
    const mx = by(await check(zoneWith(DOMAIN, records)), 'MX');
    assert.equal(mx.status, 'differs');
    assert.deepEqual(mx.found, ['1 aspmx.l.google.com']);
    assert.match(mx.problem, /point at another provider \(aspmx\.l\.google\.com\)/);
    assert.match(mx.fix ?? '', /receiving records are optional/);
  });

  test('NXDOMAIN for the whole zone is said once, as the reason nothing is found', async () => {
    const result = await check({ 'other.org': { A: ['192.0.2.1'] } });
    assert.match(result.zoneProblem ?? '', /^example\.com does not exist in DNS \(NXDOMAIN\)/);
    assert.equal(dnsCheckSummary(result), result.zoneProblem);
    assert.ok(result.records.every((r) => r.status === 'missing'));
  });

  test('propagation: the name servers have the record, the resolver not yet: wait for the TTL', async () => {
    const stale = zoneWith(DOMAIN, correctRecords(DOMAIN));
    delete stale[`smtp._domainkey.${DOMAIN}`];
    const dkim = by(await check(stale, zoneWith(DOMAIN, correctRecords(DOMAIN), 1800)), 'DKIM');
    assert.equal(dkim.status, 'missing');
    assert.match(dkim.problem, /The name servers of example\.com already have this record, but 127\.0\.0\.1:\d+ does not see it yet/);
    assert.equal(dkim.fix, 'Nothing to change: wait for TTL 1800 s, then check again.');
  });

  test('a timeout and a SERVFAIL are stated, naming the server', async () => {
    const zone = correct();
    zone[`email.${DOMAIN}`] = { fail: 'drop' };
    zone[`smtp._domainkey.${DOMAIN}`] = { fail: 'servfail' };
    const result = await check(zone);
    const tracking = by(result, 'tracking');
    assert.equal(tracking.status, 'unknown');
    assert.match(tracking.problem, /^The DNS server \(127\.0\.0\.1:\d+\) did not answer for CNAME email\.mg\.example\.com in time/);
    const dkim = by(result, 'DKIM');
    assert.equal(dkim.status, 'unknown');
    assert.match(dkim.problem, /failed to answer for TXT smtp\._domainkey\.mg\.example\.com \(SERVFAIL\)/);
    assert.match(dnsCheckSummary(result), /2 not answered by the DNS server/);
    assert.match(dnsCheckReport(result, new Date(0)), /\? no answer {2}CNAME email\.mg\.example\.com/);
  });
});

describe('cancelling the lookups', () => {
  test('an aborted signal ends a lookup still waiting for an answer at once, as a failure', async () => {
    resolver.zone = zoneWith(DOMAIN, { [DOMAIN]: { fail: 'drop' } });
    const controller = new AbortController();
    const lookups = resolverLookups({ servers: [resolver.address], timeoutMs: 60_000, tries: 1, signal: controller.signal });
    const pending = lookups.txt(DOMAIN);
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    const result = await pending;
    assert.equal(result.ok, false);
  });
});

describe("Verify DNS: Mailgun's verdict with the live check", () => {
  const unverified: VerificationReport = { severity: 'warning', message: `${DOMAIN} is still unverified after 20 seconds of checking. Records not found yet: TXT ${DOMAIN} (SPF).`, recordsMissing: true };
  const verified: VerificationReport = { severity: 'info', message: `${DOMAIN} is verified: all 5 DNS records are in place.`, recordsMissing: false };

  test('unverified, with the records wrong here named by role and host', async () => {
    const zone = correct();
    delete zone[DOMAIN].TXT;
    zone[`email.${DOMAIN}`] = { CNAME: 'elsewhere.example.net' };
    const live = await check(zone);
    assert.equal(sendingRecordsInPlace(live), false);
    const r = verifyWithLiveCheck(unverified, live, false);
    assert.equal(r.severity, 'warning');
    assert.equal(r.recordsMissing, true);
    assert.equal(r.live, live);
    assert.match(r.message, /^mg\.example\.com is still unverified .*\. Live DNS check \(looked up with 127\.0\.0\.1:\d+\): SPF missing at mg\.example\.com and tracking wrong at email\.mg\.example\.com; the report beside shows each fix\.$/);
  });

  test('verified by Mailgun but missing here: a warning that names propagation', async () => {
    const r = verifyWithLiveCheck(verified, await check(zoneWith(DOMAIN, {})), true);
    assert.equal(r.severity, 'warning');
    assert.match(r.message, /^mg\.example\.com is verified: .* DKIM missing at smtp\._domainkey\.mg\.example\.com, SPF missing at mg\.example\.com and tracking missing at email\.mg\.example\.com; .* can differ while DNS changes spread\.$/);
  });

  test('both agree; or published here while Mailgun still says unverified', async () => {
    const live = await check(correct());
    const agreed = verifyWithLiveCheck(verified, live, true);
    assert.deepEqual([agreed.severity, agreed.recordsMissing], ['info', false]);
    assert.match(agreed.message, /is verified: all 5 DNS records are in place\. The live DNS check finds every sending record too \(looked up with 127\.0\.0\.1:\d+\)\.$/);
    const lagging = verifyWithLiveCheck(unverified, live, false);
    assert.equal(lagging.severity, 'warning');
    assert.match(lagging.message, /Yet the live DNS check finds every sending record published .*older answer/);
  });

  test('a live check that could not run is said after the verdict', () => {
    const r = verifyWithLiveCheck(verified, 'The setting mailgun.dnsServers holds something that is not a DNS server address (x).', true);
    assert.deepEqual([r.severity, r.live], ['info', undefined]);
    assert.match(r.message, /in place\. The live DNS check did not run: The setting mailgun\.dnsServers/);
  });
});

describe('SPF terms', () => {
  test('missing includes and the merge keep the first all and drop duplicates', () => {
    assert.deepEqual(missingIncludes('v=spf1 include:mailgun.org ~all', 'v=spf1 include:mailgun.org ~all'), []);
    assert.deepEqual(missingIncludes('v=spf1 include:eu.mailgun.org ~all', 'v=spf1 include:mailgun.org ~all'), ['include:mailgun.org']);
    assert.equal(mergeSpf(['v=spf1 a mx -all', 'v=spf1 mx include:x.com ?all'], 'v=spf1 include:mailgun.org ~all'), 'v=spf1 a mx include:x.com include:mailgun.org -all');
  });
});
