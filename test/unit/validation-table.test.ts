// The one table of valid and invalid inputs, run against what the input boxes call, the CSV import (in memory and
// streamed) and the client (a refused input makes no request: the fake's log stays empty).
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { stringify } from 'csv-stringify/sync';
import { readSuppressionsCsv, readSuppressionsCsvStream } from '../../src/csv';
import { MailgunError, validateBounceCode, validateDomainName, validateEmail, validateEventTypes, validateTag, validateWebhookUrl } from '../../src/mailgun';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { useFakeMailgun } from './client-fixture';
import { VALIDATION_CASES, type Case } from './validation-cases';
import { recorded } from '../integration/reliability';

const fixture = useFakeMailgun('demo');
const DOMAIN = DEMO_DOMAINS.us.main;

function validator(c: Case): string | undefined {
  switch (c.kind) {
    case 'email':
      return validateEmail(c.value);
    case 'domain':
      return validateDomainName(c.value);
    case 'url':
      return validateWebhookUrl(c.value);
    case 'events':
      return validateEventTypes(c.value);
    case 'code':
      return validateBounceCode(c.value);
    case 'tag':
      return validateTag(c.value);
    case 'csv':
      return undefined;
  }
}

/** The CSV file the import would read for this case, with its list; undefined when the table's value has no cell form. */
function csvOf(c: Case): { list: 'bounces' | 'unsubscribes' | 'allowlist'; text: string } | undefined {
  const file = (columns: string[], row: string[]) => stringify([row], { header: true, columns });
  switch (c.kind) {
    case 'email':
      return c.value.trim() ? { list: 'bounces', text: file(['address'], [c.value]) } : undefined;
    case 'domain':
      return c.value.trim() ? { list: 'allowlist', text: file(['address', 'domain'], ['', c.value]) } : undefined;
    case 'code':
      return { list: 'bounces', text: file(['address', 'code'], ['a@example.com', c.value]) };
    case 'tag':
      // In a cell, commas separate several tags: a comma is not refused there but splits.
      return c.value.includes(',') ? undefined : { list: 'unsubscribes', text: file(['address', 'tags'], ['a@example.com', c.value]) };
    case 'csv':
      return { list: 'bounces', text: c.value };
    default:
      return undefined;
  }
}

/** What the client is asked to add for this case; undefined when the client takes no such value. */
function clientAdd(c: Case): (() => Promise<unknown>) | undefined {
  const s = () => fixture.us().suppressions;
  switch (c.kind) {
    case 'email':
      return () => s().bounces.add(DOMAIN, { address: c.value });
    case 'domain':
      return () => s().allowlist.add(DOMAIN, { domain: c.value });
    case 'code':
      return () => s().bounces.addMany(DOMAIN, [{ address: 'ok@example.com' }, { address: 'a@example.com', code: c.value }]);
    case 'tag':
      return () => s().unsubscribes.add(DOMAIN, { address: 'a@example.com', tags: ['newsletter', c.value] });
    default:
      return undefined;
  }
}

/** Splits text into 3-byte chunks: multi-byte characters and quoted cells cross chunk boundaries. */
function chunks(text: string): AsyncIterable<Uint8Array> {
  const bytes = Buffer.from(text);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += 3) parts.push(bytes.subarray(i, i + 3));
  return Readable.from(parts);
}

describe('one validation table for input boxes, import and client', () => {
  test(`the table has at least 40 cases, valid and invalid (${VALIDATION_CASES.length})`, () => {
    assert.ok(VALIDATION_CASES.length >= 40);
    assert.ok(VALIDATION_CASES.filter((c) => c.ok).length >= 15);
    assert.ok(VALIDATION_CASES.filter((c) => !c.ok).length >= 15);
  });

  for (const c of VALIDATION_CASES) {
    const name = `${c.kind} ${JSON.stringify(c.value).slice(0, 60)} is ${c.ok ? 'accepted' : 'refused'}`;
    test(name, () => recorded({ area: 'bad input', case: name, group: c.kind }, async () => {
      if (c.kind !== 'csv') {
        const said = validator(c);
        if (c.ok) assert.equal(said, undefined);
        else {
          assert.ok(said, 'a reason is given');
          assert.match(said, c.why);
          assert.match(said, /^[A-Z"].*[.]$/s, `a sentence: ${said}`);
        }
      }

      const csv = csvOf(c);
      if (csv) {
        const parsed = readSuppressionsCsv(csv.list, csv.text);
        const streamed = await readSuppressionsCsvStream(csv.list, chunks(csv.text));
        assert.deepEqual(streamed, parsed, 'streamed in small chunks, the file reads the same');
        if (c.ok) {
          assert.deepEqual(parsed.problems, []);
          assert.equal(parsed.inputs.length, 1);
          if (c.kind === 'csv') assert.equal((parsed.inputs[0] as { address: string }).address, c.address);
        } else {
          assert.equal(parsed.inputs.length, 0);
          assert.equal(parsed.problems.length, 1);
          assert.match(parsed.problems[0], c.why);
        }
      }

      const add = clientAdd(c);
      if (add) {
        if (c.ok) await add();
        else {
          await assert.rejects(add, (err: unknown) => {
            assert.ok(err instanceof MailgunError, String(err));
            assert.equal(err.kind, 'validation');
            assert.match(err.userMessage, c.why);
            assert.match(err.userMessage, /Nothing was sent to Mailgun\.$/);
            return true;
          });
          assert.deepEqual(fixture.fake.control.requests(), [], 'a refused input makes no request');
        }
      }
    }));
  }

  test('accepted addresses reach Mailgun exactly as typed', async () => {
    const addresses = VALIDATION_CASES.filter((c): c is Extract<Case, { kind: 'email'; ok: true }> => c.kind === 'email' && c.ok).map((c) => c.value);
    await fixture.us().suppressions.complaints.addMany(DOMAIN, addresses.map((address) => ({ address })));
    const stored = fixture.fake.control.records({ domain: DOMAIN, list: 'complaints' }).map((r) => (r as { address: string }).address);
    for (const a of addresses) assert.ok(stored.includes(a), a);
  });
});
