// The one redactor (keys in every form) and webhook URLs cut to what is safe to log.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createRedactor, redactUrl, redactUrlsIn } from '../../src/mailgun/redact';

describe('createRedactor', () => {
  // A key with characters that percent-encoding changes, so its three forms all differ.
  const key = 'key-CANARY/4f1c+9e7a=2b5d';
  const forms = [key, Buffer.from(`api:${key}`).toString('base64'), encodeURIComponent(key)];

  test('removes the key as is, inside Basic credentials and percent-encoded', () => {
    assert.notEqual(forms[2], key);
    const redact = createRedactor(key);
    for (const form of forms) assert.equal(redact(`before ${form} after`), 'before [redacted] after', form);
    assert.equal(redact(`GET /v3?url=https%3A%2F%2Fx%2F&k=${forms[2]}&again=${key}`), 'GET /v3?url=https%3A%2F%2Fx%2F&k=[redacted]&again=[redacted]');
  });

  test('covers several keys at once, the longer form first', () => {
    const other = 'key-0ther-secret-1234';
    const redact = createRedactor([key, other]);
    assert.equal(redact(`${key} ${other} ${encodeURIComponent(key)} ${Buffer.from(`api:${other}`).toString('base64')}`), '[redacted] [redacted] [redacted] [redacted]');
  });

  test('leaves text without a key alone, and ignores keys too short to be one', () => {
    assert.equal(createRedactor(key)('nothing here'), 'nothing here');
    assert.equal(createRedactor(['', 'ab'])('a b ab'), 'a b ab');
  });
});

describe('redactUrl', () => {
  const cases: Array<[string, string]> = [
    ['https://hooks.example.com/mailgun', 'https://hooks.example.com/mailgun'],
    ['https://hooks.example.com/mailgun?token=s3cret&x=1', 'https://hooks.example.com/mailgun?…'],
    ['https://user:pa55@hooks.example.com/in', 'https://hooks.example.com/in'],
    ['https://hooks.example.com/in#frag-secret', 'https://hooks.example.com/in#…'],
    ['https://hooks.slack.com/services/T0AB12CD3/B0XY45Z6/AbCdEf0123456789GhIjKlMn', 'https://hooks.slack.com/services/T0AB12CD3/B0XY45Z6/…'],
    ['https://x.example.com/a,b?token=1', 'https://x.example.com/a,b?…'],
    ['http://127.0.0.1:8025/hook', 'http://127.0.0.1:8025/hook'],
    ['https://example.com/webhooks/mailgun-delivery-events', 'https://example.com/webhooks/mailgun-delivery-events'],
    ['not a url ?token=s3cret', 'not a url ?…'],
  ];
  for (const [input, expected] of cases) test(`${input} → ${expected}`, () => assert.equal(redactUrl(input), expected));
});

describe('redactUrlsIn', () => {
  test('every http(s) URL in a sentence, keeping the punctuation after it', () => {
    assert.equal(
      redactUrlsIn('Deleted the webhook https://a:b@x.example.com/h?token=s3cret. Also "http://y.example.com/p?k=v", then (https://z.example.com/ok).'),
      'Deleted the webhook https://x.example.com/h?…. Also "http://y.example.com/p?…", then (https://z.example.com/ok).',
    );
  });

  test('a URL with a comma stays one URL', () => {
    assert.equal(redactUrlsIn('posts to https://x.example.com/a,b?token=1, and more'), 'posts to https://x.example.com/a,b?…, and more');
  });
});
