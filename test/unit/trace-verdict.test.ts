import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { traceReport, traceVerdict, type DomainSuppressions, type DomainTrace, type TraceResult } from '../../src/mailgun';
import { toMessageLogRow, type MessageLogRow } from '../../src/mailgun/message-logs';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const ADDRESS = 'bounce=x@example.com';

function row(event: string, minutesAgo: number, domain: string, extra: Record<string, unknown> = {}): MessageLogRow {
  return toMessageLogRow({ id: `${event}-${minutesAgo}`, event, '@timestamp': new Date(NOW - minutesAgo * 60_000).toISOString(), domain: { name: domain }, recipient: ADDRESS, ...(event === 'delivered' ? { 'delivery-status': { code: 250, message: 'OK' } } : {}), ...extra });
}

function ok(domain: string, suppressions: DomainSuppressions = {}, events: MessageLogRow[] = []): DomainTrace {
  return { domain, region: 'us', ok: true, suppressions, events };
}

const result = (...domains: DomainTrace[]): TraceResult => ({ address: ADDRESS, at: NOW, domains, regions: [{ region: 'us', source: 'logs' }] });
const bounce = { address: ADDRESS, code: '550', error: 'mailbox does not exist', created_at: 'Tue, 03 Mar 2026 10:00:00 UTC' };

describe('trace verdict', () => {
  test('a bounce: suppressed on that domain since its date, with the code and error', () => {
    const v = traceVerdict(result(ok('mg.example.com', { bounce })));
    assert.equal(v.kind, 'suppressed');
    assert.equal(v.sentence, 'Suppressed: hard bounce on mg.example.com since 3 Mar 2026 (550 mailbox does not exist); Mailgun drops every message to this address from that domain.');
  });

  test('a complaint suppresses every message', () => {
    const v = traceVerdict(result(ok('mg.example.com', { complaint: { address: ADDRESS, created_at: 'Wed, 04 Mar 2026 10:00:00 UTC' } })));
    assert.equal(v.sentence, 'Suppressed: spam complaint on mg.example.com since 4 Mar 2026; Mailgun drops every message to this address from that domain.');
  });

  test('an unsubscribe from all mail, and one from some tags only', () => {
    const all = traceVerdict(result(ok('a.example.com', { unsubscribe: { address: ADDRESS, tags: ['*'] } })));
    assert.match(all.sentence, /^Suppressed: unsubscribed on a\.example\.com from all mail; Mailgun drops every message/);
    const tagged = traceVerdict(result(ok('a.example.com', { unsubscribe: { address: ADDRESS, tags: ['newsletter', 'promo'] } })));
    assert.match(tagged.sentence, /unsubscribed on a\.example\.com from "newsletter", "promo"; Mailgun drops messages tagged "newsletter" or "promo"/);
  });

  test('the allowlist (the address or its domain) overrides a bounce but not a complaint', () => {
    const byAddress = traceVerdict(result(ok('mg.example.com', { bounce, allowlist: { value: ADDRESS, type: 'address', created_at: undefined } }, [row('delivered', 4, 'mg.example.com')])));
    assert.equal(byAddress.kind, 'delivered');
    assert.match(byAddress.sentence, /^Not suppressed\. Delivered 4 minutes ago on mg\.example\.com \(250 OK\)\.$/);
    const byDomain = traceVerdict(result(ok('mg.example.com', { bounce, allowlist: { value: 'example.com', type: 'domain', created_at: undefined } })));
    assert.notEqual(byDomain.kind, 'suppressed');
    const complaint = traceVerdict(result(ok('mg.example.com', { complaint: { address: ADDRESS }, allowlist: { value: ADDRESS, type: 'address', created_at: undefined } })));
    assert.equal(complaint.kind, 'suppressed');
  });

  test('several domains: the first suppression leads and the others are named', () => {
    const v = traceVerdict(result(ok('clean.example.com'), ok('a.example.com', { bounce }), ok('b.example.com', { unsubscribe: { address: ADDRESS, tags: ['*'] } })));
    assert.match(v.sentence, /^Suppressed: hard bounce on a\.example\.com .* Also suppressed on b\.example\.com\.$/);
    const unsubscribedFirst = traceVerdict(result(ok('a.example.com', { unsubscribe: { address: ADDRESS, tags: ['*'] } }), ok('b.example.com', { bounce })));
    assert.match(unsubscribedFirst.sentence, /^Suppressed: hard bounce on b\.example\.com /, 'a bounce leads over an unsubscribe');
    const tagOnlyFirst = traceVerdict(result(ok('a.example.com', { unsubscribe: { address: ADDRESS, tags: ['promo'] } }), ok('b.example.com', { bounce })));
    assert.match(tagOnlyFirst.sentence, /^Suppressed: hard bounce on b\.example\.com .* Also suppressed on a\.example\.com\.$/);
  });

  test('not suppressed anywhere: the newest delivery or failure decides', () => {
    const delivered = traceVerdict(result(ok('a.example.com', {}, [row('delivered', 4, 'a.example.com'), row('accepted', 5, 'a.example.com')]), ok('b.example.com')));
    assert.equal(delivered.sentence, 'Not suppressed on any of 2 domains. Delivered 4 minutes ago on a.example.com (250 OK).');
    const failed = traceVerdict(result(ok('a.example.com', {}, [row('failed', 120, 'a.example.com', { severity: 'permanent', 'delivery-status': { code: 550, message: '5.1.1 Mailbox does not exist' } })])));
    assert.equal(failed.kind, 'failed');
    assert.equal(failed.sentence, 'Not suppressed. Delivery failed 2 hours ago on a.example.com (550 5.1.1 Mailbox does not exist).');
    const opened = traceVerdict(result(ok('a.example.com', {}, [row('accepted', 1, 'a.example.com')])));
    assert.equal(opened.kind, 'pending');
  });

  test('no events', () => {
    const v = traceVerdict(result(ok('a.example.com')));
    assert.equal(v.kind, 'noEvents');
    assert.equal(v.sentence, 'Not suppressed. No events in the last 3 days for this address.');
  });

  test('partial failure is said in the verdict; all failed is unknown', () => {
    const failed: DomainTrace = { domain: 'sandbox.mailgun.org', region: 'us', ok: false, error: 'Mailgun refused: forbidden (403).', events: [] };
    const partial = traceVerdict(result(ok('a.example.com', { bounce }), failed));
    assert.equal(partial.kind, 'suppressed');
    assert.match(partial.sentence, / 1 of 2 domains could not be checked \(sandbox\.mailgun\.org\)\.$/);
    const none = traceVerdict(result(failed));
    assert.equal(none.kind, 'unknown');
    assert.match(none.sentence, /^Could not check bounce=x@example\.com on any domain\./);
  });

  test('the plain-text report holds the verdict, each domain, its entries and its events', () => {
    const text = traceReport(result(ok('a.example.com', { bounce }, [row('failed', 10, 'a.example.com', { severity: 'permanent' })]), ok('b.example.com')));
    assert.match(text, /^Mailgun recipient trace for bounce=x@example\.com\n/);
    assert.match(text, /\na\.example\.com \(US\)\n {2}Suppressed: hard bounce/);
    assert.match(text, / {2}Bounce: code 550, error "mailbox does not exist"/);
    assert.match(text, / {2}2026-03-10T11:50:00Z {2}failed \(permanent\)/);
    assert.match(text, /\nb\.example\.com \(US\)\n {2}Not suppressed\.\n {2}No events in the last 3 days\./);
  });
});
