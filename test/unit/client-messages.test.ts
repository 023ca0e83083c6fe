import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { messageForm, validateMessage, type MailgunError, type OutgoingMessage } from '../../src/mailgun';
import { STORED_MESSAGE_GONE } from '../../src/mailgun/messages';
import { storageUrlProblem } from '../../src/mailgun/storage-hosts';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { useFakeMailgun } from './client-fixture';

const fx = useFakeMailgun('demo');
const D = DEMO_DOMAINS.us.main;
const base: OutgoingMessage = { from: `postmaster@${D}`, to: ['ana@example.com'], subject: 'Hello', text: 'Hi' };

describe('messages: validation and the form', () => {
  test('a valid message passes; each mistake is one sentence', () => {
    assert.equal(validateMessage(base, D), undefined);
    assert.equal(validateMessage({ ...base, from: `Ops <ops@${D}>`, to: ['"Ana B" <ana@example.com>', 'bo@example.org'] }, D), undefined);
    assert.equal(validateMessage({ ...base, from: 'me@other.com' }, D), `Send from an address at ${D} (such as postmaster@${D}); me@other.com is not at this domain.`);
    assert.equal(validateMessage({ ...base, to: [] }, D), 'Add at least one recipient.');
    assert.match(validateMessage({ ...base, to: ['ana@example.com', 'not-an-address'] }, D) ?? '', /^Recipient: "not-an-address" is not an email address: it has no @\.$/);
    assert.equal(validateMessage({ ...base, subject: ' ' }, D), 'Enter a subject.');
    assert.equal(validateMessage({ ...base, text: '', html: '' }, D), 'Write a text or an HTML body.');
    assert.match(validateMessage({ ...base, tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, D) ?? '', /at most 10 tags; this one has 11/);
    assert.match(validateMessage({ ...base, tags: ['a,b'] }, D) ?? '', /contains a comma/);
    assert.match(validateMessage({ ...base, text: 'x'.repeat(25 * 1024 * 1024 + 1) }, D) ?? '', /^The message is 25\.0 MB; Mailgun takes at most 25 MB\.$/);
  });

  test('the form has one to per recipient and the o: options', () => {
    const form = messageForm({ ...base, to: ['a@example.com', 'b@example.com'], html: '<p>x</p>', tags: ['onboarding'], testMode: true, trackClicks: 'htmlonly', trackOpens: false });
    assert.deepEqual(form.getAll('to'), ['a@example.com', 'b@example.com']);
    assert.deepEqual([form.get('o:testmode'), form.get('o:tag'), form.get('o:tracking-clicks'), form.get('o:tracking-opens'), form.get('html')], ['yes', 'onboarding', 'htmlonly', 'no', '<p>x</p>']);
    assert.equal(messageForm(base).get('o:testmode'), null);
  });
});

describe('messages.send (POST /v3/{domain}/messages)', () => {
  test('Mailgun queues the message as multipart, once, and its events reach the Logs API', async () => {
    fx.fake.control.clearRequests();
    const sent = await fx.us().messages.send(D, { ...base, to: ['ana@example.com', 'bo@example.org'], tags: ['onboarding'], testMode: true });
    assert.match(sent.id, new RegExp(`^\\d{14}\\.\\d+\\.[0-9A-F]+@${D.replace(/\./g, '\\.')}$`));
    assert.equal(sent.message, 'Queued. Thank you.');
    const requests = fx.fake.control.requests({ path: `/v3/${D}/messages` });
    assert.equal(requests.length, 1);
    assert.match(String(requests[0].headers?.['content-type'] ?? ''), /^multipart\/form-data/);
    const logs = await fx.us().logs.query({ duration: '1h', filter: [{ attribute: 'message_id', comparator: '=', values: [sent.id] }], limit: 50 });
    const accepted = logs.items.filter((i) => i.event === 'accepted');
    assert.deepEqual(accepted.map((i) => i.recipient).sort(), ['ana@example.com', 'bo@example.org']);
    assert.ok(accepted.every((i) => (i.flags as Record<string, unknown>)['is-test-mode'] === true), 'test mode is flagged');
  });

  test("Mailgun's own errors: an invalid recipient, no body, a sandbox recipient who is not authorized", async () => {
    const send = (domain: string, form: Partial<OutgoingMessage>) => fx.us().messages.send(domain, { ...base, ...form });
    await assert.rejects(send(D, { to: ['nobody'] }), (e: MailgunError) => e.status === 400 && /to parameter is not a valid address/.test(e.serverMessage ?? ''));
    await assert.rejects(send(D, { text: '' }), (e: MailgunError) => e.status === 400 && /Need at least one of 'text', 'html'/.test(e.serverMessage ?? ''));
    const sandbox = DEMO_DOMAINS.us.sandbox;
    await assert.rejects(send(sandbox, { from: `postmaster@${sandbox}` }), (e: MailgunError) => e.status === 403 && /add the address to authorized recipients/.test(e.serverMessage ?? ''));
  });
});

describe('sandbox authorized recipients (/v5/sandbox/auth_recipients)', () => {
  test('add invites (not activated yet), list shows them, at most 5, remove deletes; an activated one can be sent to', async () => {
    const api = fx.us().sandboxRecipients;
    const added = await api.add('ana@example.com');
    assert.deepEqual({ email: added.email, activated: added.activated }, { email: 'ana@example.com', activated: false });
    assert.equal(fx.fake.control.requests({ path: '/v5/sandbox/auth_recipients' }).at(-1)?.query.email, 'ana@example.com');
    for (const n of [1, 2, 3, 4]) await api.add(`r${n}@example.com`);
    await assert.rejects(api.add('six@example.com'), (e: MailgunError) => e.status === 400 && e.serverMessage === 'Only 5 sandbox recipients are allowed');
    await assert.rejects(api.add('not-an-address'), (e: MailgunError) => e.status === 400);
    assert.equal((await fx.eu().sandboxRecipients.list()).length, 5, 'account-wide: the EU API lists them too');
    await api.remove('r4@example.com');
    assert.deepEqual((await api.list()).map((r) => r.email), ['ana@example.com', 'r1@example.com', 'r2@example.com', 'r3@example.com']);

    const sandbox = DEMO_DOMAINS.us.sandbox;
    const send = () => fx.us().messages.send(sandbox, { ...base, from: `postmaster@${sandbox}` });
    await assert.rejects(send(), (e: MailgunError) => e.status === 403);
    fx.fake.control.world.sandboxRecipients!.get('ana@example.com')!.activated = true; // she accepted the invitation
    assert.ok((await send()).id);
  });
});

describe('messages.stored (GET a storage.url)', () => {
  const storageUrlOf = async (messageId: string): Promise<string> => {
    const logs = await fx.us().logs.query({ duration: '1h', events: ['accepted'], filter: [{ attribute: 'message_id', comparator: '=', values: [messageId] }], limit: 5 });
    const url = (logs.items[0]?.storage as { url?: string[] } | undefined)?.url?.[0];
    assert.ok(url, 'the accepted event has a storage URL');
    return url;
  };

  test('the MIME of a sent message, asked as message/rfc2822, with the other fields beside it', async () => {
    const sent = await fx.us().messages.send(D, { ...base, subject: 'Stored one', text: 'The body we sent.' });
    const url = await storageUrlOf(sent.id);
    fx.fake.control.clearRequests();
    const stored = await fx.us().messages.stored(url);
    assert.match(stored.mime ?? '', /^Mime-Version: 1\.0\r\n/);
    assert.match(stored.mime ?? '', /\r\nSubject: Stored one\r\n/);
    assert.match(stored.mime ?? '', /The body we sent\./);
    assert.equal(stored.fields.Subject, 'Stored one');
    assert.equal(stored.fields['body-mime'], undefined, 'the MIME is not repeated in the fields');
    const [request] = fx.fake.control.requests({ method: 'GET' });
    assert.equal(request.headers?.accept, 'message/rfc2822');
  });

  test('an expired message (404) is a sentence saying Mailgun no longer keeps it', async () => {
    const url = `${fx.fake.usUrl}v3/domains/${D}/messages/2020010100expired`;
    await assert.rejects(fx.us().messages.stored(url), (e: MailgunError) => e.kind === 'notFound' && e.status === 404 && e.userMessage === STORED_MESSAGE_GONE);
  });

  test('the key goes to no other host: refused before any request, in a sentence naming the host', async () => {
    fx.fake.control.clearRequests();
    for (const url of ['https://evil.example.com/v3/domains/x/messages/k', 'http://storage-us-east4.api.mailgun.net/v3/domains/x/messages/k', 'https://storage.mailgun.net.evil.example/v3/k']) {
      await assert.rejects(fx.us().messages.stored(url), (e: MailgunError) => e.kind === 'validation' && /only sent to Mailgun\.$/.test(e.userMessage) && e.userMessage.includes(new URL(url).host));
    }
    assert.equal(fx.fake.control.requests().length, 0);
  });

  test('allowed: the base URL, the region\'s API host and Mailgun\'s storage hosts, over HTTPS', () => {
    const base = 'http://127.0.0.1:9/';
    for (const url of [
      'http://127.0.0.1:9/v3/domains/a/messages/k',
      'https://api.eu.mailgun.net/v3/domains/a/messages/k',
      'https://storage-us-east4.api.mailgun.net/v3/domains/a/messages/k',
      'https://storage-europe-west1.api.mailgun.net/v3/domains/a/messages/k',
      'https://storage.eu.mailgun.net/v3/domains/a/messages/k',
    ]) assert.equal(storageUrlProblem(url, base, 'eu'), undefined, url);
    for (const url of ['https://api.mailgun.net/v3/domains/a/messages/k', 'http://127.0.0.1:10/v3/k', 'https://u:p@storage.eu.mailgun.net/v3/k', 'https://mailgun.net.example.com/v3/k', 'not a url']) {
      assert.notEqual(storageUrlProblem(url, base, 'eu'), undefined, url);
    }
  });
});
