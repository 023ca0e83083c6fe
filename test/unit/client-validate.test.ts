import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  validateDomainName,
  validateEmail,
  validateEventTypes,
  validateSuppressionRow,
  validateWebhookCapacity,
  validateWebhookUrl,
} from '../../src/mailgun/validate';

const sentence = (s: string | undefined): string => {
  assert.ok(s, 'expected a message');
  assert.match(s, /^[A-Z"].*[.]$/, `not a sentence: ${s}`);
  return s;
};

describe('validateEmail', () => {
  test('accepts ordinary and tagged addresses', () => {
    for (const ok of ['alice@example.com', 'a+tag@mg.example.com', 'x.y_z@xn--bcher-kva.de', '  bob@example.org  ']) {
      assert.equal(validateEmail(ok), undefined, ok);
    }
  });
  test('explains what is wrong', () => {
    assert.match(sentence(validateEmail('')), /Enter an email address/);
    assert.match(sentence(validateEmail('alice.example.com')), /no @/);
    assert.match(sentence(validateEmail('al ice@example.com')), /space/);
    assert.match(sentence(validateEmail('bad@')), /not a valid email address/);
    assert.match(sentence(validateEmail('user@localhost')), /not a valid email address/);
  });
});

describe('validateDomainName', () => {
  test('accepts sending domains', () => {
    for (const ok of ['mg.example.com', 'example.co.uk', 'xn--bcher-kva.de', 'a-b.example.io']) assert.equal(validateDomainName(ok), undefined, ok);
  });
  test('rejects URLs, addresses, bad labels and Unicode with a reason', () => {
    assert.match(sentence(validateDomainName('https://mg.example.com')), /without http/);
    assert.match(sentence(validateDomainName('mg.example.com/path')), /without http/);
    assert.match(sentence(validateDomainName('me@example.com')), /email address/);
    assert.match(sentence(validateDomainName('bad..com')), /not a valid domain name/);
    assert.match(sentence(validateDomainName('-x.com')), /not a valid domain name/);
    assert.match(sentence(validateDomainName('a_b.example.com')), /not a valid domain name/);
    assert.match(sentence(validateDomainName('localhost')), /not a valid domain name/);
    assert.match(sentence(validateDomainName('bücher.de')), /punycode/);
    assert.match(sentence(validateDomainName('')), /Enter a domain name/);
  });
});

describe('validateWebhookUrl', () => {
  test('accepts http and https URLs', () => {
    assert.equal(validateWebhookUrl('https://example.com/mailgun'), undefined);
    assert.equal(validateWebhookUrl('http://hooks.example.com:8080/x?y=1'), undefined);
  });
  test('rejects the rest with a reason', () => {
    assert.match(sentence(validateWebhookUrl('example.com/hook')), /start it with https/);
    assert.match(sentence(validateWebhookUrl('ftp://example.com/x')), /must start with https/);
    assert.match(sentence(validateWebhookUrl('https://user:pw@example.com/x')), /user name and password/);
    assert.match(sentence(validateWebhookUrl('')), /Enter the URL/);
  });
});

describe('validateEventTypes', () => {
  test('accepts known, distinct event types', () => {
    assert.equal(validateEventTypes(['delivered', 'permanent_fail']), undefined);
  });
  test('rejects empty, unknown and repeated', () => {
    assert.match(sentence(validateEventTypes([])), /at least one/);
    assert.match(sentence(validateEventTypes(['delivered', 'bounce'])), /Unknown event type "bounce"/);
    assert.match(sentence(validateEventTypes(['opened', 'opened'])), /listed twice/);
  });
  test('capacity: at most 3 URLs per event type', () => {
    const current = { delivered: ['https://a/1', 'https://a/2', 'https://a/3'], opened: ['https://a/1'] };
    assert.equal(validateWebhookCapacity(current, ['opened', 'clicked']), undefined);
    assert.match(sentence(validateWebhookCapacity(current, ['opened', 'delivered'])), /The event type delivered already has 3 URLs/);
  });
});

describe('validateSuppressionRow', () => {
  test('bounces: address required, code an SMTP code, date readable', () => {
    assert.equal(validateSuppressionRow('bounces', { address: 'a@example.com', code: '550', error: 'x', created_at: 'Thu, 26 Mar 2026 12:59:15 UTC' }), undefined);
    assert.equal(sentence(validateSuppressionRow('bounces', { address: '' }, 3)), 'Line 3: the address is missing.');
    assert.match(sentence(validateSuppressionRow('bounces', { address: 'a@example.com', code: 'abc' }, 4)), /^Line 4: the bounce code "abc"/);
    assert.match(sentence(validateSuppressionRow('complaints', { address: 'a@example.com', created_at: 'yesterday-ish' })), /not readable/);
    assert.match(sentence(validateSuppressionRow('unsubscribes', { address: 'nope' }, 2)), /^Line 2: "nope" is not an email address/);
  });
  test('allowlist: an address or a domain, not both', () => {
    assert.equal(validateSuppressionRow('allowlist', { address: 'a@example.com' }), undefined);
    assert.equal(validateSuppressionRow('allowlist', { domain: 'example.com' }), undefined);
    assert.match(sentence(validateSuppressionRow('allowlist', {}, 5)), /address or a domain/);
    assert.match(sentence(validateSuppressionRow('allowlist', { address: 'a@example.com', domain: 'example.com' })), /not both/);
    assert.match(sentence(validateSuppressionRow('allowlist', { domain: 'http://example.com' })), /without http/);
  });
});
