import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { exportSuppressionsCsv, readSuppressionsCsv } from '../../src/csv';
import type { AllowlistEntry, Bounce, Unsubscribe } from '../../src/mailgun';

const dir = mkdtempSync(join(tmpdir(), 'mg-csv-'));
/** Temporary files an export of `file` left behind (`<file>.<random>.part`). */
const leftovers = (file: string) => readdirSync(dirname(file)).filter((f) => f.startsWith(`${basename(file)}.`) && f.endsWith('.part'));
after(() => rmSync(dir, { recursive: true, force: true }));

function from<T>(items: T[]): AsyncIterable<T> {
  return Readable.from(items) as AsyncIterable<T>;
}

describe('exportSuppressionsCsv', () => {
  test('writes the import header and one row per bounce, escaping formulas', async () => {
    const file = join(dir, 'bounces.csv');
    const bounces: Bounce[] = [
      { address: 'a@example.com', code: '550', error: 'mailbox full, "really"', created_at: 'Thu, 26 Mar 2026 12:59:15 UTC' },
      { address: 'b@example.com', code: '554', error: '=HYPERLINK("http://evil")' },
    ];
    const { rows } = await exportSuppressionsCsv('bounces', from(bounces), file);
    assert.equal(rows, 2);
    assert.equal(
      readFileSync(file, 'utf8'),
      'address,code,error,created_at\n' +
        'a@example.com,550,"mailbox full, ""really""","Thu, 26 Mar 2026 12:59:15 UTC"\n' +
        `b@example.com,554,"'=HYPERLINK(""http://evil"")",\n`,
    );
    assert.deepEqual(leftovers(file), []);
  });

  test('allowlist rows go to the address or the domain column; unsubscribe tags are joined', async () => {
    const allow = join(dir, 'allow.csv');
    const entries: AllowlistEntry[] = [
      { value: 'a@example.com', type: 'address', created_at: undefined },
      { value: 'example.org', type: 'domain', created_at: undefined },
    ];
    await exportSuppressionsCsv('allowlist', from(entries), allow);
    assert.equal(readFileSync(allow, 'utf8'), 'address,domain\na@example.com,\n,example.org\n');
    const unsub = join(dir, 'unsub.csv');
    const unsubs: Unsubscribe[] = [{ address: 'u@example.com', tags: ['news', 'promo'], created_at: 'Mon, 01 Jan 2024 00:00:00 UTC' }];
    await exportSuppressionsCsv('unsubscribes', from(unsubs), unsub);
    assert.equal(readFileSync(unsub, 'utf8'), 'address,tags,created_at\nu@example.com,"news,promo","Mon, 01 Jan 2024 00:00:00 UTC"\n');
  });

  test('a failing source leaves no file behind', async () => {
    const file = join(dir, 'broken.csv');
    async function* failing(): AsyncGenerator<Bounce> {
      yield await Promise.resolve({ address: 'a@example.com' });
      throw new Error('source failed');
    }
    await assert.rejects(exportSuppressionsCsv('bounces', failing(), file), /source failed/);
    assert.equal(existsSync(file), false);
    assert.deepEqual(leftovers(file), []);
  });

  test('an unwritable destination rejects instead of crashing', async () => {
    const file = join(dir, 'no-such-dir', 'x.csv');
    await assert.rejects(exportSuppressionsCsv('bounces', from<Bounce>([{ address: 'a@example.com' }]), file), { code: 'ENOENT' });
  });

  test('an aborted export rejects and leaves no file behind', async () => {
    const file = join(dir, 'aborted.csv');
    const controller = new AbortController();
    async function* endless(): AsyncGenerator<Bounce> {
      for (let i = 0; ; i++) {
        if (i === 100) controller.abort();
        yield { address: `x${i}@example.com` };
        await new Promise((r) => setImmediate(r));
      }
    }
    await assert.rejects(exportSuppressionsCsv('bounces', endless(), file, { signal: controller.signal }), { name: 'AbortError' });
    assert.equal(existsSync(file), false);
    assert.deepEqual(leftovers(file), []);
  });
});

describe('readSuppressionsCsv', () => {
  test('reads valid rows into inputs and reports bad ones by line', () => {
    const csv = '\ufeffAddress,Code,Error,created_at\r\na@example.com,550,full,\r\n\r\nnot-an-address,550,,\r\nb@example.com,abc,,\r\n c@example.com ,,,"Thu, 26 Mar 2026 12:59:15 UTC"\r\n';
    const parsed = readSuppressionsCsv('bounces', csv);
    assert.equal(parsed.rows, 4);
    assert.deepEqual(parsed.inputs, [
      { address: 'a@example.com', code: '550', error: 'full', created_at: undefined },
      { address: 'c@example.com', code: undefined, error: undefined, created_at: 'Thu, 26 Mar 2026 12:59:15 UTC' },
    ]);
    assert.equal(parsed.problems.length, 2);
    assert.match(parsed.problems[0], /^Line 4: "not-an-address" is not an email address/);
    assert.match(parsed.problems[1], /^Line 5: the bounce code "abc"/);
  });

  test('round-trips an export, undoing formula escaping', async () => {
    const file = join(dir, 'roundtrip.csv');
    await exportSuppressionsCsv('bounces', from<Bounce>([{ address: 'a@example.com', code: '550', error: '=1+1' }]), file);
    const parsed = readSuppressionsCsv('bounces', readFileSync(file));
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.inputs[0].error, '=1+1');
  });

  test('unsubscribe tags and allowlist rows', () => {
    const unsub = readSuppressionsCsv('unsubscribes', 'address,tags\nu@example.com,"news, promo"\n');
    assert.deepEqual(unsub.inputs, [{ address: 'u@example.com', tags: ['news', 'promo'], created_at: undefined }]);
    const allow = readSuppressionsCsv('allowlist', 'address,domain\na@example.com,\n,example.org\nb@example.com,example.org\n');
    assert.deepEqual(allow.inputs, [{ address: 'a@example.com' }, { domain: 'example.org' }]);
    assert.deepEqual(allow.problems, ['Line 4: give an address or a domain, not both.']);
  });

  test('a file without the header says which columns it needs', () => {
    const parsed = readSuppressionsCsv('complaints', 'a@example.com,2024-01-01\n');
    assert.equal(parsed.inputs.length, 0);
    assert.match(parsed.problems[0], /^The first line must be a header with the columns address,created_at/);
    assert.match(readSuppressionsCsv('bounces', 'address\n"unterminated\n').problems[0], /^The file is not valid CSV/);
  });
});
