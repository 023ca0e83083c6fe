import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { exportSuppressionsCsv, readSuppressionsCsv } from '../../src/csv';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { TRICKY_LISTS } from '../fake-mailgun/seeds/tricky';
import { useFakeMailgun } from './client-fixture';
import { suppressionsImportCsv } from '../../src/csv/suppressions-import';

describe('import file of the valid rows', () => {
  test('bounces: the good rows of a file with a bad one, in Mailgun\'s columns, read back the same', () => {
    const parsed = readSuppressionsCsv('bounces', 'address,code,error\na@example.com,550,"Mailbox full, really"\nnope,550,x\nb@example.com,,=SUM(1)\n');
    assert.equal(parsed.problems.length, 1);
    const csv = suppressionsImportCsv('bounces', parsed.inputs);
    assert.equal(csv.split('\n')[0], 'address,code,error,created_at');
    assert.match(csv, /^b@example\.com,,=SUM\(1\),$/m, 'values go as they are: the file is for Mailgun, not a spreadsheet');
    const again = readSuppressionsCsv('bounces', csv);
    assert.deepEqual(again.problems, []);
    assert.deepEqual(again.inputs, parsed.inputs);
  });

  test('an unsubscribe with several tags goes as one row per tag; the allowlist keeps address or domain', () => {
    const unsubs = readSuppressionsCsv('unsubscribes', 'address,tags,created_at\nu@example.com,"news, promo","Thu, 26 Mar 2026 12:59:15 UTC"\n');
    assert.deepEqual(unsubs.inputs[0].tags, ['news', 'promo']);
    const csv = suppressionsImportCsv('unsubscribes', unsubs.inputs);
    assert.equal(csv, 'address,tags,created_at\nu@example.com,news,"Thu, 26 Mar 2026 12:59:15 UTC"\nu@example.com,promo,"Thu, 26 Mar 2026 12:59:15 UTC"\n');
    const allow = readSuppressionsCsv('allowlist', 'address,domain\nv@example.com,\n,example.org\n');
    assert.equal(suppressionsImportCsv('allowlist', allow.inputs), 'address,domain\nv@example.com,\n,example.org\n');
  });

  test('the upload holds the rows as read: guard removed, BOM gone, only Mailgun\'s columns', () => {
    const parsed = readSuppressionsCsv('complaints', "\uFEFFaddress,created_at,note\n'-info@example.com,\"Thu, 26 Mar 2026 12:59:15 UTC\",vip\n");
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.ignoredColumns, ['note']);
    assert.equal(suppressionsImportCsv('complaints', parsed.inputs), 'address,created_at\n-info@example.com,"Thu, 26 Mar 2026 12:59:15 UTC"\n');
  });
});

describe('round trip through the fake Mailgun: export → import gives back the same list', () => {
  const fixture = useFakeMailgun('demo');
  const domain = DEMO_DOMAINS.us.newsletter;
  const dir = mkdtempSync(join(tmpdir(), 'mg-round-trip-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const LISTS = [
    ['bounces', 'bounces'],
    ['unsubscribes', 'unsubscribes'],
    ['complaints', 'complaints'],
    ['allowlist', 'whitelists'],
  ] as const;

  for (const [list, stored] of LISTS) {
    test(`${list}: every field Mailgun keeps comes back${list === 'allowlist' ? ' (createdAt is set by the import)' : ''}`, async () => {
      const { control } = fixture.fake;
      control.putRecords({ domain, list: stored, records: TRICKY_LISTS[stored] });
      const original = control.records({ domain, list: stored });
      const client = fixture.us();
      const file = join(dir, `${list}.csv`);
      const api = client.suppressions[list];
      const { rows } = await exportSuppressionsCsv(list, api.iterate(domain) as AsyncIterable<never>, file);
      assert.equal(rows, original.length);
      await api.clear(domain);
      assert.deepEqual(control.records({ domain, list: stored }), []);

      const parsed = readSuppressionsCsv(list, readFileSync(file));
      assert.deepEqual(parsed.problems, []);
      await api.importCsv(domain, suppressionsImportCsv(list, parsed.inputs));
      const without = (records: object[]) => (list === 'allowlist' ? records.map((r) => ({ ...r, createdAt: undefined })) : records);
      assert.deepEqual(without(control.records({ domain, list: stored })), without(original));
    });
  }

  test('a file with a column Mailgun does not know: real Mailgun answers 202 and imports nothing; our upload leaves it out', async () => {
    const { control } = fixture.fake;
    const text = 'address,code,error,created_at,note\nnew.one@example.com,550,x,,vip\n';
    const before = control.records({ domain, list: 'bounces' }).length;
    await fixture.us().suppressions.bounces.importCsv(domain, text);
    assert.equal(control.records({ domain, list: 'bounces' }).length, before, 'the raw file imports nothing');
    await fixture.us().suppressions.bounces.importCsv(domain, suppressionsImportCsv('bounces', readSuppressionsCsv('bounces', text).inputs));
    assert.ok(control.records({ domain, list: 'bounces' }).some((r) => (r as { address: string }).address === 'new.one@example.com'), 'the rebuilt upload imports the row');
  });
});
